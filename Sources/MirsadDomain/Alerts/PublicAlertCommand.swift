import Foundation

/// What can be done with public warnings. Each is decided by `PublicAlertDecider` against
/// the alerts as the write transaction sees them.
public enum PublicAlertCommand: Hashable, Sendable {
    case draft(PublicAlertContent)
    /// The draft a playbook's plan carries, written when its operation starts; one per
    /// operation (its id is derived from the operation's), however many instances react.
    case draftForOperation(UUID, PublicAlertContent)
    /// A new version of a published alert; it replaces that one when approved.
    case draftUpdate(of: UUID, PublicAlertContent)
    /// Ends a published alert early once approved.
    case draftCancel(of: UUID, note: String)
    case approve(UUID)
    case reject(UUID, reason: String)

    /// The id a new alert of this command gets, when it is not random.
    public var requestedID: UUID? {
        if case .draftForOperation(let operation, _) = self { return Self.alertID(forOperation: operation) }
        return nil
    }

    public static func alertID(forOperation operation: UUID) -> UUID {
        StableID.make(namespace: "operation-alert", name: operation.uuidString)
    }

    /// The existing alert the command names (the draft to approve, the alert to update).
    public var subject: UUID? {
        switch self {
        case .draft, .draftForOperation: nil
        case .draftUpdate(let id, _), .draftCancel(let id, _), .approve(let id), .reject(let id, _): id
        }
    }
}

/// What the store supplies besides the alerts a command names.
public struct PublicAlertContext: Sendable {
    public var now: Date
    public var actor: Actor
    public var catalog: JurisdictionIndex
    /// For a new draft: its id and CAP identifier, reserved by the store.
    public var newID: UUID
    public var newIdentifier: String
    /// For an update or a cancellation: another draft already replaces the same alert.
    public var pendingReplacement: Bool

    public init(
        now: Date, actor: Actor, catalog: JurisdictionIndex, newID: UUID, newIdentifier: String,
        pendingReplacement: Bool
    ) {
        self.now = now
        self.actor = actor
        self.catalog = catalog
        self.newID = newID
        self.newIdentifier = newIdentifier
        self.pendingReplacement = pendingReplacement
    }
}
