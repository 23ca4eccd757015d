import Foundation

/// One public warning message as the operations room handles it: drafted by a
/// public-information officer, approved (and so published) by a second person, or rejected.
/// An update or a cancellation is a message of its own that names the one it replaces.
public struct PublicAlert: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// A new warning; an update or a cancellation of a published one.
        case alert, update, cancel
    }

    public enum Status: String, Codable, Hashable, Sendable {
        /// Waiting for a second person's approval; nothing of it is public.
        case draft
        /// Approved and in the public feed until it expires or is replaced.
        case published
        case rejected
        /// Replaced by a published update.
        case superseded
        /// Ended by a published cancellation.
        case cancelled
    }

    public var id: UUID
    /// The CAP identifier, unique for the sender (`<prefix>-<year>-<number>`).
    public var identifier: String
    public var kind: Kind
    /// The published alert an update or a cancellation replaces.
    public var replaces: UUID?
    /// The earlier messages of the chain (CAP `references`), oldest first.
    public var references: [PublicAlertReference]
    public var content: PublicAlertContent
    public var status: Status
    /// Why a cancellation ends the warning (CAP `note`).
    public var note: String?
    public var draftedBy: String
    public var draftedAt: Date
    public var approvedBy: String?
    /// When it was approved: the CAP `sent` time.
    public var sentAt: Date?
    public var rejectedBy: String?
    public var rejectionReason: String?
    /// The published update or cancellation that replaced it.
    public var replacedBy: UUID?
    public var version: Int

    public init(
        id: UUID, identifier: String, kind: Kind, replaces: UUID?, references: [PublicAlertReference],
        content: PublicAlertContent, note: String?, draftedBy: String, draftedAt: Date
    ) {
        self.id = id
        self.identifier = identifier
        self.kind = kind
        self.replaces = replaces
        self.references = references
        self.content = content
        self.status = .draft
        self.note = note
        self.draftedBy = draftedBy
        self.draftedAt = draftedAt
        self.version = 1
    }

    /// Whether the public may see it at all (published once, whatever happened since).
    public var wasPublished: Bool { sentAt != nil }

    /// Published, not replaced and not yet expired: what the public feed carries.
    public func isActive(at now: Date) -> Bool { status == .published && content.expires > now }

    /// The status as a reader sees it now: a published alert past its expiry is `expired`.
    public func displayStatus(at now: Date) -> String {
        status == .published && content.expires <= now ? "expired" : status.rawValue
    }

    /// This message as an earlier one of a chain.
    public var asReference: PublicAlertReference? {
        sentAt.map { PublicAlertReference(identifier: identifier, sent: $0) }
    }
}

/// An earlier message a CAP message refers to (the sender is the jurisdiction's).
public struct PublicAlertReference: Codable, Hashable, Sendable {
    public var identifier: String
    public var sent: Date

    public init(identifier: String, sent: Date) {
        self.identifier = identifier
        self.sent = sent
    }
}

/// A public warning was drafted, published or rejected. Carries the alert as it is after the
/// change (and, on publication, the alert it replaced), so read models and feeds rebuild from
/// the log alone.
public struct PublicAlertChanged: Codable, Hashable, Sendable {
    public enum Change: String, Codable, Hashable, Sendable, CaseIterable {
        case drafted, published, rejected

        /// The event type in the log and on the live feed (`alerts.published`).
        public var eventType: String { "alerts.\(rawValue)" }
        public static var eventTypes: [String] { allCases.map(\.eventType) }
    }

    public var change: Change
    public var alert: PublicAlert
    public var replaced: PublicAlert?

    public init(change: Change, alert: PublicAlert, replaced: PublicAlert? = nil) {
        self.change = change
        self.alert = alert
        self.replaced = replaced
    }

    /// Drafts and rejections are internal; a publication is for everyone.
    public var isPublic: Bool { change == .published }
}
