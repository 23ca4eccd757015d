import Foundation
import MirsadDomain

/// One message of the live feed, encoded once and shared by every client that may see it.
struct LiveMessage: Sendable {
    enum Kind: Sendable {
        case event(id: Int64, sectors: [String])
        case positions
        /// The client's session ended (logout, kill, disabled account): tell it and close.
        case sessionEnded
        /// The client's session locked after inactivity: tell it and close.
        case sessionLocked
    }

    let kind: Kind
    let text: String

    static func event(_ event: EventEnvelope) throws -> LiveMessage {
        LiveMessage(kind: .event(id: event.id, sectors: event.sectors), text: try encode(EventFrame(event: event)))
    }

    static func positions(_ positions: [UnitPosition]) throws -> LiveMessage {
        LiveMessage(kind: .positions, text: try encode(PositionsFrame(positions: positions)))
    }

    static func sessionEnded(_ reason: String) throws -> LiveMessage {
        LiveMessage(kind: .sessionEnded, text: try encode(ControlFrame(type: "sessionEnded", reason: reason)))
    }

    static func sessionLocked(_ reason: String) throws -> LiveMessage {
        LiveMessage(kind: .sessionLocked, text: try encode(ControlFrame(type: "sessionLocked", reason: reason)))
    }

    static func encode<T: Encodable>(_ frame: T) throws -> String {
        String(decoding: try MirsadJSON.encoder().encode(frame), as: UTF8.self)
    }
}

/// `{"type":"event","event":{...}}`
struct EventFrame: Encodable {
    var type = "event"
    var event: EventEnvelope
}

/// `{"type":"positions","positions":[...]}`: at most one entry per unit per second.
struct PositionsFrame: Encodable {
    var type = "positions"
    var positions: [UnitPosition]
}

/// `hello`, `caughtUp`, `resync`, `sessionEnded`.
struct ControlFrame: Encodable {
    var type: String
    var head: Int64?
    var reason: String?
    var serverTime: Date?

    init(type: String, head: Int64? = nil, reason: String? = nil, serverTime: Date? = nil) {
        self.type = type
        self.head = head
        self.reason = reason
        self.serverTime = serverTime
    }
}
