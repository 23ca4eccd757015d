import Foundation

/// Need-to-know between sectors: who may see an incident, its restricted fields, and which
/// events of the live feed. Every read path (HTTP, timeline, live feed) goes through it.
///
/// - An incident is visible to its owning sector, to the sectors of units ever assigned to it,
///   to sectors it is shared with (until the share is revoked), and to oversight sectors (the
///   joint operations room, when the jurisdiction names one).
/// - Restricted fields (per incident type: `caller`, `narrative`, `address`, `notes`) are for
///   the owning sector only; everyone else gets the incident without them.
/// - Security and account events are for auditors (`readAudit`) only.
public struct AccessPolicy: Sendable {
    public let catalog: JurisdictionIndex

    public init(catalog: JurisdictionIndex) {
        self.catalog = catalog
    }

    var oversightSectors: Set<String> { Set(catalog.jurisdiction.oversightSectors) }

    /// Sees every incident regardless of sector.
    public func hasOversight(_ actor: Actor) -> Bool {
        actor.isSystem || (actor.sector.map { oversightSectors.contains($0) } ?? false)
    }

    public func canSee(_ incident: Incident, _ actor: Actor) -> Bool {
        guard actor.may(.readOperations) else { return false }
        if hasOversight(actor) { return true }
        guard let sector = actor.sector else { return false }
        return incident.visibleToSectors.contains(sector)
    }

    /// May read and write the incident's restricted fields.
    public func isEntitledToRestricted(_ incident: Incident, _ actor: Actor) -> Bool {
        actor.isSystem || actor.sector == incident.owningSector
    }

    /// Restricted fields of the incident's type that hold something.
    public func restrictedContent(of incident: Incident) -> [String] {
        let fields = catalog.incidentTypes[incident.type]?.restrictedFields ?? []
        return fields.filter { field in
            switch field {
            case "caller": incident.caller != nil
            case "narrative": incident.narrative != nil
            case "address": incident.address != nil
            case "notes": !incident.notes.isEmpty
            default: false
            }
        }
    }

    /// The incident as `actor` may read it; `includeRestricted` asks for the restricted fields
    /// (granted only to entitled callers, who must have stated a purpose).
    public func view(_ incident: Incident, for actor: Actor, includeRestricted: Bool = false) -> Incident {
        if includeRestricted && isEntitledToRestricted(incident, actor) { return incident }
        return Self.removing(catalog.incidentTypes[incident.type]?.restrictedFields ?? [], from: incident)
    }

    static func removing(_ fields: [String], from incident: Incident) -> Incident {
        var redacted = incident
        for field in fields {
            switch field {
            case "caller": redacted.caller = nil
            case "narrative": redacted.narrative = nil
            case "address": redacted.address = nil
            case "notes": redacted.notes = []
            default: break
            }
        }
        return redacted
    }

    /// Whether a live or timeline event reaches `actor`.
    public func canSee(_ event: EventEnvelope, _ actor: Actor) -> Bool {
        if event.payload.isAuditOnly { return actor.may(.readAudit) }
        guard actor.may(.readOperations) else { return false }
        if event.sectors.isEmpty || hasOversight(actor) { return true }
        guard let sector = actor.sector else { return false }
        return event.sectors.contains(sector)
    }

    /// The event as `actor` may see it: restricted fields removed for callers outside the
    /// owning sector (and for the owning sector too unless `includeRestricted`, which a caller
    /// earns by stating a purpose); nil when nothing of it may be shown.
    public func view(_ event: EventEnvelope, for actor: Actor, includeRestricted: Bool = true) -> EventEnvelope? {
        guard canSee(event, actor) else { return nil }
        switch event.payload {
        case .incidentCreated(let created):
            let redacted = view(created.incident, for: actor, includeRestricted: includeRestricted)
            guard redacted != created.incident else { return event }
            var copy = event
            copy.payload = .incidentCreated(.init(incident: redacted))
            return copy
        case .incidentNoteAdded(let added):
            guard let incidentType = notesRestrictedType(added.incidentId, event: event) else { return event }
            // Notes of restricted types are for the owning sector only.
            let entitled = actor.isSystem || actor.sector == catalog.incidentTypes[incidentType]?.owningSector
            return entitled && includeRestricted ? event : nil
        default:
            return event
        }
    }

    /// The incident type of a note event when that type restricts notes.
    private func notesRestrictedType(_ incidentId: UUID, event: EventEnvelope) -> String? {
        guard let type = event.incidentType, catalog.incidentTypes[type]?.restrictedFields.contains("notes") == true
        else { return nil }
        return type
    }

    /// Throws `forbidden` when `actor` writes a restricted field of an incident it is not
    /// entitled to.
    public func checkWrite(field: String, of incident: Incident, by actor: Actor) throws(DomainError) {
        guard catalog.incidentTypes[incident.type]?.restrictedFields.contains(field) == true,
            !isEntitledToRestricted(incident, actor)
        else { return }
        throw .forbidden(reason: "writing \(field) of \(incident.type) incidents is restricted to \(incident.owningSector)")
    }
}

extension EventPayload {
    /// Logins, denials, restricted reads and account changes: for the audit trail, not the
    /// operations picture.
    public var isAuditOnly: Bool {
        switch self {
        case .securityEvent, .userChanged: true
        default: false
        }
    }
}
