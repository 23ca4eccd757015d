import Foundation

/// A warning another agency published (the meteorological service's CAP feed), as the
/// operations room sees it: what, how bad, until when, and which governorates it touches.
/// Identified by CAP's `sender,identifier`; an Update or a Cancel names the ones it replaces.
public struct ExternalWarning: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Hashable, Sendable { case active, superseded, cancelled }

    /// `sender,identifier`: unique per the standard, the key de-duplication uses.
    public var id: String
    public var sender: String
    public var identifier: String
    public var sent: Date
    /// CAP `msgType`: Alert, Update or Cancel.
    public var msgType: String
    /// The feed it came from.
    public var source: String
    /// Per CAP info block, in the sender's languages.
    public var infos: [ExternalWarningInfo]
    /// The most severe CAP severity of its info blocks.
    public var severity: String
    public var expires: Date?
    public var areas: [ExternalWarningArea]
    /// The jurisdiction's governorates the areas touch.
    public var governorates: [String]
    /// `sender,identifier` of the earlier messages it replaces.
    public var replaces: [String]
    public var status: Status
    public var receivedAt: Date

    public init(
        sender: String, identifier: String, sent: Date, msgType: String, source: String,
        infos: [ExternalWarningInfo], severity: String, expires: Date?, areas: [ExternalWarningArea],
        governorates: [String], replaces: [String], receivedAt: Date
    ) {
        self.id = "\(sender),\(identifier)"
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
        self.msgType = msgType
        self.source = source
        self.infos = infos
        self.severity = severity
        self.expires = expires
        self.areas = areas
        self.governorates = governorates
        self.replaces = replaces
        self.status = .active
        self.receivedAt = receivedAt
    }

    /// In force: not replaced, not cancelled, not a Cancel itself, not expired.
    public func isActive(at now: Date) -> Bool {
        status == .active && msgType != "Cancel" && (expires.map { $0 > now } ?? true)
    }
}

public struct ExternalWarningInfo: Codable, Hashable, Sendable {
    public var language: String
    public var event: String
    public var headline: String?
    public var categories: [String]
    public var urgency: String
    public var severity: String
    public var certainty: String
    public var eventCodes: [PublicAlertCode]

    public init(
        language: String, event: String, headline: String?, categories: [String], urgency: String, severity: String,
        certainty: String, eventCodes: [PublicAlertCode]
    ) {
        self.language = language
        self.event = event
        self.headline = headline
        self.categories = categories
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.eventCodes = eventCodes
    }
}

public struct ExternalWarningArea: Codable, Hashable, Sendable {
    public var description: String
    public var polygons: [[Coordinate]]
    public var circles: [PublicAlertCircle]

    public init(description: String, polygons: [[Coordinate]], circles: [PublicAlertCircle]) {
        self.description = description
        self.polygons = polygons
        self.circles = circles
    }
}

/// An external warning arrived: a situation for the whole operations room. `ended` lists the
/// earlier warnings it supersedes or cancels, as they are now.
public struct ExternalWarningReceived: Codable, Hashable, Sendable {
    public var warning: ExternalWarning
    public var ended: [ExternalWarning]

    public init(warning: ExternalWarning, ended: [ExternalWarning]) {
        self.warning = warning
        self.ended = ended
    }
}

/// De-duplication and the effect of Update and Cancel, decided against the warnings stored.
public enum ExternalWarningDecider {
    /// - Parameters:
    ///   - known: whether a warning with the same `sender,identifier` was recorded before.
    ///   - referenced: the stored warnings the new one replaces (those found).
    public static func decide(
        _ warning: ExternalWarning, known: Bool, referenced: [ExternalWarning], actor: Actor
    ) throws(DomainError) -> ExternalWarningReceived {
        try actor.require(.ingestWarnings)
        guard !known else { throw .conflict(reason: "warning \(warning.id) was received before") }
        guard ["Alert", "Update", "Cancel"].contains(warning.msgType) else {
            throw .invalidField(field: "msgType", reason: "only Alert, Update and Cancel messages are situations")
        }
        let ended = referenced.filter { $0.status == .active }.map { earlier in
            var earlier = earlier
            earlier.status = warning.msgType == "Cancel" ? .cancelled : .superseded
            return earlier
        }
        return ExternalWarningReceived(warning: warning, ended: ended)
    }
}
