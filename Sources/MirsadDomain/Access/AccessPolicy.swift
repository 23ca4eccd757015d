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

    var oversightSectors: Set<String> { catalog.oversightSectors }

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
        return fields.filter { Self.holds($0, in: incident) }
    }

    /// Whether the incident has something in `field` (a restrictable field name).
    static func holds(_ field: String, in incident: Incident) -> Bool {
        switch field {
        case "caller": incident.caller != nil
        case "narrative": incident.narrative != nil
        case "address": incident.address != nil
        case "notes": !incident.notes.isEmpty
        default: false
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
        if case .publicAlert(let change) = event.payload, !change.isPublic, !handlesAlertDrafts(actor) { return false }
        if event.sectors.isEmpty || hasOversight(actor) { return true }
        guard let sector = actor.sector else { return false }
        return event.sectors.contains(sector)
    }

    /// Every field some incident type of the jurisdiction restricts. The live feed never carries
    /// these: an incident can be re-typed after an event was sent, so what the live feed sends
    /// must be safe under any type. Clients read them over REST with a purpose (audited).
    public var restrictableFields: Set<String> { catalog.restrictableFields }

    /// The event as `actor` may see it on the timeline or another REST read.
    ///
    /// Redaction follows the incident as it is now (`current`: its type and owner) as well as the
    /// type the event was written under, so re-typing an incident to a restricted type hides its
    /// earlier events' restricted fields too. Restricted fields are kept only for an entitled
    /// caller (the current owning sector) who asked for them with `includeRestricted` (having
    /// stated a purpose). Nil when nothing of the event may be shown.
    public func view(
        _ event: EventEnvelope, for actor: Actor, current: Incident?, includeRestricted: Bool
    ) -> EventEnvelope? {
        // Whoever may see the incident now reads its whole history (redacted as it is now);
        // audit-only entries stay with auditors.
        let seesIncident = current.map { canSee($0, actor) } ?? false
        guard (seesIncident && !event.payload.isAuditOnly) || canSee(event, actor) else { return nil }
        var fields = Set(event.incidentType.flatMap { catalog.incidentTypes[$0]?.restrictedFields } ?? [])
        if let current { fields.formUnion(catalog.incidentTypes[current.type]?.restrictedFields ?? []) }
        let owner = current?.owningSector ?? event.incidentType.flatMap { catalog.incidentTypes[$0]?.owningSector }
        let entitled = actor.isSystem || (owner != nil && actor.sector == owner)
        let redacted = Self.redact(event, fields: entitled && includeRestricted ? [] : fields)
        if case .evacuee(let change) = event.payload, includeRestricted, isEntitledToPersonal(change.evacuee, actor) {
            return redacted
        }
        return Self.withoutPersonal(redacted)
    }

    /// The event as a live-feed frame for `actor`: never any restricted field (see
    /// `restrictableFields`); nil when the event is not for the actor.
    public func liveView(_ event: EventEnvelope, for actor: Actor) -> EventEnvelope? {
        guard canSee(event, actor) else { return nil }
        return liveFrame(of: event)
    }

    /// The event as the live feed carries it to whoever may see it.
    public func liveFrame(of event: EventEnvelope) -> EventEnvelope {
        Self.withoutPersonal(Self.redact(event, fields: restrictableFields))
    }

    /// The event without an evacuee's personal data.
    static func withoutPersonal(_ event: EventEnvelope) -> EventEnvelope {
        guard case .evacuee(let change) = event.payload, change.evacuee.personal != nil else { return event }
        var copy = event
        copy.payload = .evacuee(change.withoutPersonal)
        return copy
    }

    /// Removes `fields` from an event's payload: incident fields from a creation, the text of a
    /// note (the note's existence, author and time stay).
    static func redact(_ event: EventEnvelope, fields: Set<String>) -> EventEnvelope {
        guard !fields.isEmpty else { return event }
        switch event.payload {
        case .incidentCreated(let created):
            let incident = created.incident
            guard fields.contains(where: { holds($0, in: incident) }) else { return event }
            let redacted = removing(Array(fields), from: incident)
            var copy = event
            copy.payload = .incidentCreated(.init(incident: redacted))
            return copy
        case .incidentNoteAdded(var added) where fields.contains("notes"):
            added.note.text = ""
            added.note.redacted = true
            var copy = event
            copy.payload = .incidentNoteAdded(added)
            return copy
        default:
            return event
        }
    }

    /// Public warnings once published are public; drafts and rejected drafts are for those who
    /// write or approve them and for oversight.
    public func canSee(_ alert: PublicAlert, _ actor: Actor) -> Bool {
        guard actor.may(.readOperations) else { return false }
        return alert.wasPublished || handlesAlertDrafts(actor)
    }

    /// An emergency operation is for the sectors it gave tasks to and for oversight.
    public func canSee(_ operation: EmergencyOperation, _ actor: Actor) -> Bool {
        guard actor.may(.readOperations) else { return false }
        return hasOversight(actor) || actor.sector.map(operation.sectors.contains) == true
    }

    /// A shelter is run by its own sector and by oversight.
    public func checkRuns(sector: String, by actor: Actor, what: String = "this shelter") throws(DomainError) {
        guard hasOversight(actor) || actor.sector == sector else {
            throw .forbidden(reason: "\(what) is run by \(sector)")
        }
    }

    /// A camera's live picture is for the sector running it and for oversight.
    public func canWatch(_ camera: Camera, _ actor: Actor) -> Bool {
        actor.may(.readOperations) && (hasOversight(actor) || actor.sector == camera.sector)
    }

    /// An evacuee's record is for the sector running their shelter and for oversight.
    public func canSee(_ evacuee: Evacuee, _ actor: Actor) -> Bool {
        guard actor.may(.readShelters) else { return false }
        return hasOversight(actor) || actor.sector == evacuee.sector
    }

    /// Who the evacuee is: for the staff of the sector running their shelter only (as an
    /// incident's restricted fields are for its owning sector), read with a stated purpose.
    public func isEntitledToPersonal(_ evacuee: Evacuee, _ actor: Actor) -> Bool {
        actor.isSystem || (actor.sector == evacuee.sector && actor.may(.registerEvacuees))
    }

    func handlesAlertDrafts(_ actor: Actor) -> Bool {
        actor.may(.draftPublicAlerts) || actor.may(.approvePublicAlerts) || hasOversight(actor)
    }

    /// Units obey their own sector's dispatchers and supervisors and oversight (the operations
    /// room); another sector sees the unit on the common picture but cannot command it.
    public func checkCommand(of unit: UnitState, by actor: Actor) throws(DomainError) {
        guard hasOversight(actor) || actor.sector == unit.sector else {
            throw .forbidden(
                reason: "unit \(unit.callSign) belongs to \(unit.sector); only its sector or oversight commands it")
        }
    }

    /// Only the owning sector and oversight share an incident onward or revoke a share; a
    /// sector that received a share may read it but not pass it on.
    public func checkShare(_ incident: Incident, by actor: Actor) throws(DomainError) {
        guard hasOversight(actor) || actor.sector == incident.owningSector else {
            throw .forbidden(reason: "only \(incident.owningSector) or oversight may share this incident")
        }
    }

    /// Throws `forbidden` when `actor` writes a restricted field of an incident it is not
    /// entitled to.
    public func checkWrite(field: String, of incident: Incident, by actor: Actor) throws(DomainError) {
        guard catalog.incidentTypes[incident.type]?.restrictedFields.contains(field) == true,
            !isEntitledToRestricted(incident, actor)
        else { return }
        throw .forbidden(
            reason: "writing \(field) of \(incident.type) incidents is restricted to \(incident.owningSector)")
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
