import Foundation
import MirsadDomain

/// An `Idempotency-Key` as one principal (user) sent it; keys of different users never collide.
public struct IdempotencyKey: Hashable, Sendable {
    public var principal: String
    public var key: String

    public init(principal: String, key: String) {
        self.principal = principal
        self.key = key
    }
}

/// A retried request with the same key returns this, byte for byte, and creates nothing.
public struct StoredResponse: Hashable, Sendable {
    public var status: Int
    public var body: String
    /// Fingerprint of method, path and body: a key reused for a different request is refused.
    public var requestHash: String

    public init(status: Int, body: String, requestHash: String) {
        self.status = status
        self.body = body
        self.requestHash = requestHash
    }
}

/// Asks the store to remember the reply under `key`, rendered by `render` inside the same
/// transaction that commits the command, so the reply is stored if and only if the command is.
public struct IdempotentRequest: Sendable {
    public var key: IdempotencyKey
    public var requestHash: String

    public init(key: IdempotencyKey, requestHash: String) {
        self.key = key
        self.requestHash = requestHash
    }
}

/// What a command did: its events (with log ids) and the incidents and units it touched, as
/// they are after it.
public struct CommandOutcome: Sendable {
    public var events: [EventEnvelope]
    public var incidents: [Incident]
    public var units: [UnitState]

    public init(events: [EventEnvelope], incidents: [Incident], units: [UnitState]) {
        self.events = events
        self.incidents = incidents
        self.units = units
    }

    /// The incident the command was about (for a create: the new one).
    public var primaryIncident: Incident? { incidents.first }
}

/// The reply to a command: either it ran now, or an earlier identical request already ran it.
public enum CommandReply: Sendable {
    case executed(CommandOutcome, StoredResponse?)
    case replayed(StoredResponse)
}

/// Everything one group commit made durable, in log order, for the live feed.
public struct CommitNotice: Sendable {
    public var events: [EventEnvelope]
    /// Latest position per unit written by the batch (empty when it carried none).
    public var positions: [UnitPosition]
    public var positionSeq: Int64
}
