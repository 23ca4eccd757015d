import Foundation
import MirsadAudit
import MirsadDomain
import SQLKit

/// The unit of work of one group commit: every write of the batch is decided against the
/// state as this transaction sees it (database plus what earlier writes of the batch staged),
/// and everything staged is written with a few multi-row statements before the single commit.
///
/// Only the writer's drain loop touches an instance, one write at a time.
final class BatchTransaction: @unchecked Sendable {
    let db: any SQLDatabase
    let catalog: JurisdictionIndex
    let now: Date
    let timeZone: TimeZone
    /// Built once per batch: a calendar is costly to make and every new incident needs its year.
    private lazy var calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// Everything staged so far; `snapshot()`/`restore(_:)` undo a rejected write.
    struct Staged {
        var working: WorkingSet
        var dirtyIncidents: Set<UUID> = []
        var dirtyUnits: Set<UUID> = []
        var newIncidents: Set<UUID> = []
        var events: [EventEnvelope] = []
        var lastEventID: Int64
        var incidentNumbers: [Int: Int64] = [:]
        var dirtyNumberYears: Set<Int> = []
        var knownNumberYears: Set<Int> = []
        var idempotency: [IdempotencyKey: StoredResponse] = [:]
        var latestPositions: [UUID: UnitPosition] = [:]
        var trackPoints: [UnitPosition] = []
        var extraStatements: [any SQLExpression] = []
        /// Public alerts written by earlier writes of the batch, so later ones decide against them.
        var publicAlerts: [UUID: PublicAlert] = [:]
        /// The last identifier number per series (`PREFIX-YEAR`) handed out in this batch.
        var alertNumbers: [String: Int64] = [:]
        /// Emergency operations written by earlier writes of the batch.
        var operations: [UUID: EmergencyOperation] = [:]
        /// Shelters and evacuees written by earlier writes of the batch.
        var shelters: [String: Shelter] = [:]
        var evacuees: [UUID: Evacuee] = [:]
        /// Drone missions written by earlier writes of the batch.
        var droneMissions: [UUID: DroneMission] = [:]
        /// Sensor states written by earlier writes of the batch.
        var sensorStates: [String: SensorState] = [:]
    }

    /// Written by this class and by the staging helpers of other aggregates (public alerts).
    var staged: Staged
    let firstEventID: Int64
    let positionSeq: Int64
    /// The audit tree as committed before this batch; every event becomes its next leaf.
    private(set) var frontier: MerkleFrontier
    let lastCheckpoint: (size: UInt64, at: Date)
    let signing: AuditSigning?
    /// The checkpoint this batch signed, if any.
    private(set) var signedCheckpoint: SignedCheckpoint?
    /// Duplicate candidates read ahead for the batch's new incidents, and the areas they cover.
    private var prefetchedCandidates: [UUID: Incident] = [:]
    private var prefetchedAreas: Set<CandidateArea> = []

    init(
        db: any SQLDatabase, catalog: JurisdictionIndex, now: Date, timeZone: TimeZone, head: LogHead,
        signing: AuditSigning?
    ) {
        self.db = db
        self.catalog = catalog
        self.now = now
        self.timeZone = timeZone
        self.firstEventID = head.lastEventID + 1
        self.positionSeq = head.positionSeq + 1
        self.frontier = head.frontier
        self.lastCheckpoint = (head.checkpointSize, head.checkpointAt)
        self.signing = signing
        staged = Staged(working: WorkingSet(catalog: catalog), lastEventID: head.lastEventID)
    }

    func snapshot() -> Staged { staged }
    func restore(_ saved: Staged) { staged = saved }

    var hasWrites: Bool {
        !staged.events.isEmpty || !staged.latestPositions.isEmpty || !staged.extraStatements.isEmpty
            || !staged.idempotency.isEmpty || !staged.dirtyUnits.isEmpty
    }

    // MARK: Loading

    /// Loads the incidents (and the units working them) into the working set if not there yet.
    func loadIncidents(_ ids: [UUID]) async throws {
        let missing = ids.filter { staged.working.incidents[$0] == nil }
        if !missing.isEmpty {
            let rows = try await db.select().column("doc").from("incidents")
                .where("id", .in, missing.map(\.uuidString)).all()
            for row in rows {
                let incident = try Codec.decode(
                    Incident.self, from: try row.decode(column: "doc", as: String.self), what: "incident")
                staged.working.incidents[incident.id] = incident
            }
        }
        try await loadUnits(ids.compactMap { staged.working.incidents[$0] }.flatMap(\.assignedUnits))
    }

    /// Loads units (and the incidents they are committed to).
    func loadUnits(_ ids: [UUID]) async throws {
        let missing = ids.filter { staged.working.units[$0] == nil }
        guard !missing.isEmpty else { return }
        let rows = try await db.select().column("doc").from("units")
            .where("id", .in, missing.map(\.uuidString)).all()
        var incidentIDs: [UUID] = []
        for row in rows {
            let unit = try Codec.decode(
                UnitState.self, from: try row.decode(column: "doc", as: String.self), what: "unit")
            staged.working.units[unit.id] = unit
            if let incidentId = unit.incidentId { incidentIDs.append(incidentId) }
        }
        let incidentsMissing = incidentIDs.filter { staged.working.incidents[$0] == nil }
        if !incidentsMissing.isEmpty { try await loadIncidents(incidentsMissing) }
    }

    /// Open incidents of a family created recently near a point: candidates for the duplicate rule.
    func duplicateCandidates(near location: Coordinate, family: String) async throws -> [Incident] {
        let key = CandidateArea(location, family: family)
        if prefetchedAreas.contains(key) {
            return withStaged(prefetchedCandidates.values.filter { key.holds($0, since: candidateWindowStart) }, family)
        }
        let query = db.select().column("doc").from("incidents")
        addCandidateConditions(query, area: key)
        let rows = try await query.all()
        return withStaged(try rows.map(Self.decodeIncident), family)
    }

    /// Reads the duplicate candidates of every new incident of the batch in one statement
    /// (a UNION ALL of one index range per incident), instead of one round trip each while
    /// the batch holds the writer.
    func prefetchDuplicateCandidates(_ areas: [CandidateArea]) async throws {
        let fresh = Array(Set(areas).subtracting(prefetchedAreas))
        guard !fresh.isEmpty else { return }
        // Each arm binds six values: keep a statement well under SQLite's bound-parameter limit.
        for chunk in fresh.chunked(1000) {
            let statement = UnionAllStatement(
                arm: Self.candidateArm,
                arms: chunk.map { area in
                    [
                        area.family, candidateWindowStart, area.box.minLat, area.box.maxLat, area.box.minLon,
                        area.box.maxLon,
                    ]
                })
            for row in try await db.rows(of: statement) {
                let incident = try Self.decodeIncident(row)
                prefetchedCandidates[incident.id] = incident
            }
        }
        prefetchedAreas.formUnion(fresh)
    }

    /// The conditions of `addCandidateConditions`, as text for the batch's UNION ALL.
    private static let candidateArm = [
        "SELECT doc FROM incidents WHERE family = ", " AND +created_ms >= ", " AND is_open = 1 AND lat >= ",
        " AND lat <= ", " AND lon >= ", " AND lon <= ", "",
    ]

    private var candidateWindowStart: Int64 { now.addingTimeInterval(-DuplicateRule.window).epochMilliseconds }

    // Led by the (family, lat, lon, created_ms, is_open) index: a 600 m band of latitude holds
    // few rows whatever the call rate (where the last 15 minutes of a busy family can hold
    // thousands), and the other conditions are checked in the index before any row is read.
    // The unary plus keeps SQLite from choosing the time index instead.
    private func addCandidateConditions(_ query: some SQLPredicateBuilder, area: CandidateArea) {
        // Plain column names (no quoting): these conditions are rendered once per new incident.
        _ = query.where(SQLRaw("family"), .equal, SQLBind(area.family))
            .where(SQLRaw("+created_ms"), .greaterThanOrEqual, SQLBind(candidateWindowStart))
            .where(SQLRaw("is_open"), .equal, SQLLiteral.numeric("1"))
            .where(SQLRaw("lat"), .greaterThanOrEqual, SQLBind(area.box.minLat))
            .where(SQLRaw("lat"), .lessThanOrEqual, SQLBind(area.box.maxLat))
            .where(SQLRaw("lon"), .greaterThanOrEqual, SQLBind(area.box.minLon))
            .where(SQLRaw("lon"), .lessThanOrEqual, SQLBind(area.box.maxLon))
    }

    /// What this batch already changed or created wins over the stored rows.
    private func withStaged(_ stored: [Incident], _ family: String) -> [Incident] {
        var candidates: [UUID: Incident] = [:]
        for incident in stored { candidates[incident.id] = incident }
        for incident in staged.working.incidents.values where incident.family == family {
            candidates[incident.id] = incident
        }
        return Array(candidates.values)
    }

    private static func decodeIncident(_ row: any SQLRow) throws -> Incident {
        try Codec.decode(Incident.self, from: try row.decode(column: "doc", as: String.self), what: "incident")
    }

    /// Reserves the next yearly number, e.g. `2026-000123`, in the jurisdiction's time zone.
    func nextIncidentNumber() async throws -> String {
        let year = calendar.component(.year, from: now)
        if staged.incidentNumbers[year] == nil {
            let row = try await db.select().column("last_number").from("incident_numbers")
                .where("year", .equal, year).first()
            if let row {
                staged.incidentNumbers[year] = try row.decode(column: "last_number", as: Int64.self)
                staged.knownNumberYears.insert(year)
            } else {
                staged.incidentNumbers[year] = 0
            }
        }
        let next = (staged.incidentNumbers[year] ?? 0) + 1
        staged.incidentNumbers[year] = next
        staged.dirtyNumberYears.insert(year)
        let digits = String(next)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: Deciding

    /// Runs a command through the domain against the working set and stages its events.
    func execute(_ command: Command, context: CommandContext) throws(DomainError) -> [EventEnvelope] {
        var decider = Decider(state: staged.working)
        let before = staged.working
        var events = try decider.execute(command, context: context)
        staged.working = decider.state
        for (id, incident) in staged.working.incidents where before.incidents[id]?.version != incident.version {
            staged.dirtyIncidents.insert(id)
            if before.incidents[id] == nil { staged.newIncidents.insert(id) }
        }
        for (id, unit) in staged.working.units where before.units[id]?.version != unit.version {
            staged.dirtyUnits.insert(id)
        }
        for i in events.indices {
            staged.lastEventID += 1
            events[i].id = staged.lastEventID
        }
        staged.events += events
        return events
    }

    /// Stages events that are not the outcome of a domain command (logins, user changes, ...).
    func append(_ payloads: [(EventPayload, sectors: [String])], actor: Actor) -> [EventEnvelope] {
        var appended: [EventEnvelope] = []
        for (payload, sectors) in payloads {
            staged.lastEventID += 1
            appended.append(
                EventEnvelope(id: staged.lastEventID, at: now, actor: actor, sectors: sectors, payload: payload))
        }
        staged.events += appended
        return appended
    }

    func stage(_ statement: any SQLExpression) { staged.extraStatements.append(statement) }

    func stageIncident(_ incident: Incident) {
        staged.working.incidents[incident.id] = incident
        staged.dirtyIncidents.insert(incident.id)
    }

    func stageUnit(_ unit: UnitState) {
        staged.working.units[unit.id] = unit
        staged.dirtyUnits.insert(unit.id)
    }

    func stageIdempotent(_ key: IdempotencyKey, response: StoredResponse) {
        staged.idempotency[key] = response
    }

    func stagedIdempotent(_ key: IdempotencyKey) -> StoredResponse? { staged.idempotency[key] }

    func stagePosition(latest: UnitPosition, track: [UnitPosition]) {
        if let current = staged.latestPositions[latest.unitId], current.at > latest.at { return }
        staged.latestPositions[latest.unitId] = latest
        staged.trackPoints += track
    }

    // MARK: Writing

    /// Writes everything staged. Called once, just before commit.
    func flush() async throws {
        // Statements staged by hand (deletes, settings) first, so the upserts below win.
        for statement in staged.extraStatements { try await db.execute(sql: statement) { _ in } }
        try await writeEvents()
        try await writeIncidents()
        try await writeUnits()
        try await writeNumbers()
        try await writeIdempotency()
        try await writePositions()
        let update = db.update("log_head")
            .set("last_event_id", to: staged.lastEventID)
            .set("position_seq", to: staged.latestPositions.isEmpty ? positionSeq - 1 : positionSeq)
            .set("frontier", to: try Codec.encode(frontier))
        if signedCheckpoint != nil {
            update.set("checkpoint_size", to: Int64(frontier.size)).set("checkpoint_ms", to: now.epochMilliseconds)
        }
        try await update.where("id", .equal, 1).run()
    }

    /// Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters.
    private static let rowsPerInsert = 500

    /// Writes the events and extends the audit tree with each one: the stored body is the
    /// entry's canonical bytes (it carries the event's own id), hashed as an RFC 6962 leaf.
    private func writeEvents() async throws {
        guard !staged.events.isEmpty else { return }
        precondition(frontier.size + 1 == UInt64(staged.events[0].id), "event ids and audit leaves must agree")
        var subtrees: [StoredSubtree] = []
        for chunk in staged.events.chunked(Self.rowsPerInsert) {
            var rows: [[any Encodable & Sendable]] = []
            for event in chunk {
                let body = try Codec.encode(event)
                let appended = frontier.append(entry: Array(body.utf8), persisting: .every8)
                subtrees += appended.subtrees
                let columns = EventColumns(event)
                rows.append([
                    event.id, columns.atMilliseconds, columns.type, columns.actor, columns.actorSector,
                    columns.incidentId, columns.relatedIncidentId, columns.unitId, columns.sectors, body,
                    appended.leafHash.base64,
                ])
            }
            try await db.execute(sql: RowsStatement(head: Self.eventsInsert, rows: rows)) { _ in }
        }
        for chunk in subtrees.chunked(Self.rowsPerInsert) {
            let insert = db.insert(into: "audit_subtrees").columns("level", "idx", "hash")
            for subtree in chunk {
                insert.values(SQLBind(subtree.level), SQLBind(Int64(subtree.index)), SQLBind(subtree.hash.base64))
            }
            try await insert.run()
        }
        try await signCheckpointIfDue()
    }

    private static let eventsInsert = RowsStatement.insert(
        into: "events",
        columns: [
            "id", "at_ms", "type", "actor", "actor_sector", "incident_id", "related_incident_id", "unit_id", "sectors",
            "body", "leaf_hash",
        ])

    private static let incidentColumns = [
        "id", "number", "type", "family", "status", "priority", "owning_sector", "lat", "lon", "created_ms",
        "updated_ms", "is_open", "audience", "version", "doc",
    ]
    private static let incidentsInsert = RowsStatement.insert(into: "incidents", columns: incidentColumns)
    /// A stored incident keeps its number, place and creation time; the rest follows the batch.
    private static let incidentsUpsert = RowsStatement.upsert(
        on: "id",
        updating: [
            "type", "family", "status", "priority", "owning_sector", "updated_ms", "is_open", "audience", "version",
            "doc",
        ])

    /// Signs a checkpoint when enough entries or time have passed since the last one.
    private func signCheckpointIfDue() async throws {
        guard let signing, frontier.size > lastCheckpoint.size else { return }
        let due =
            frontier.size - lastCheckpoint.size >= signing.everyEntries
            || now.timeIntervalSince(lastCheckpoint.at) >= signing.everySeconds
        guard due else { return }
        let signed = try signing.signer.sign(frontier, origin: signing.origin, timestamp: now)
        try await db.insert(into: "audit_checkpoints").columns("size", "root", "at_ms", "note")
            .values(
                SQLBind(Int64(frontier.size)), SQLBind(frontier.root.base64), SQLBind(now.epochMilliseconds),
                SQLBind(signed.serialized)
            )
            .run()
        signedCheckpoint = signed
    }

    private func writeIncidents() async throws {
        let incidents = staged.dirtyIncidents.compactMap { staged.working.incidents[$0] }
        for chunk in incidents.chunked(Self.rowsPerInsert) {
            var rows: [[any Encodable & Sendable]] = []
            for incident in chunk {
                rows.append([
                    incident.id.uuidString, incident.number, incident.type, incident.family, incident.status.rawValue,
                    incident.priority, incident.owningSector, incident.location.lat, incident.location.lon,
                    incident.createdAt.epochMilliseconds, incident.updatedAt.epochMilliseconds,
                    incident.status.isOpen ? 1 : 0, Self.audience(of: incident), incident.version,
                    try Codec.encode(incident),
                ])
            }
            let statement = RowsStatement(head: Self.incidentsInsert, rows: rows, tail: Self.incidentsUpsert)
            try await db.execute(sql: statement) { _ in }
        }
    }

    private func writeUnits() async throws {
        let units = staged.dirtyUnits.compactMap { staged.working.units[$0] }
        for chunk in units.chunked(Self.rowsPerInsert) {
            let insert = db.insert(into: "units").columns(
                "id", "call_sign", "sector", "status", "incident_id", "version", "doc")
            for unit in chunk {
                insert.values(
                    SQLBind(unit.id.uuidString), SQLBind(unit.callSign), SQLBind(unit.sector),
                    SQLBind(unit.status.rawValue), SQLBind(unit.incidentId?.uuidString), SQLBind(unit.version),
                    SQLBind(try Codec.encode(unit)))
            }
            insert.onConflict(with: ["id"]) { update in
                update.set(excludedValueOf: "call_sign").set(excludedValueOf: "sector")
                    .set(excludedValueOf: "status").set(excludedValueOf: "incident_id")
                    .set(excludedValueOf: "version").set(excludedValueOf: "doc")
            }
            try await insert.run()
        }
    }

    private func writeNumbers() async throws {
        for year in staged.dirtyNumberYears {
            let last = staged.incidentNumbers[year] ?? 0
            if staged.knownNumberYears.contains(year) {
                try await db.update("incident_numbers").set("last_number", to: last).where("year", .equal, year).run()
            } else {
                try await db.insert(into: "incident_numbers").columns("year", "last_number")
                    .values(SQLBind(year), SQLBind(last)).run()
            }
        }
    }

    private func writeIdempotency() async throws {
        for chunk in Array(staged.idempotency).chunked(Self.rowsPerInsert) {
            let insert = db.insert(into: "idempotency_keys").columns(
                "principal", "idem_key", "request_hash", "status", "body", "created_ms")
            for (key, response) in chunk {
                insert.values(
                    SQLBind(key.principal), SQLBind(key.key), SQLBind(response.requestHash), SQLBind(response.status),
                    SQLBind(response.body), SQLBind(now.epochMilliseconds))
            }
            try await insert.run()
        }
    }

    private func writePositions() async throws {
        for chunk in Array(staged.latestPositions.values).chunked(Self.rowsPerInsert) {
            let insert = db.insert(into: "unit_positions").columns(
                "unit_id", "lat", "lon", "at_ms", "speed", "heading", "seq")
            for p in chunk {
                insert.values(
                    SQLBind(p.unitId.uuidString), SQLBind(p.lat), SQLBind(p.lon), SQLBind(p.at.epochMilliseconds),
                    SQLBind(p.speed), SQLBind(p.heading), SQLBind(positionSeq))
            }
            insert.onConflict(with: ["unit_id"]) { update in
                update.set(excludedValueOf: "lat").set(excludedValueOf: "lon").set(excludedValueOf: "at_ms")
                    .set(excludedValueOf: "speed").set(excludedValueOf: "heading").set(excludedValueOf: "seq")
                    .where(
                        SQLColumn("at_ms", table: "unit_positions"), .lessThanOrEqual,
                        SQLColumn("at_ms", table: "excluded"))
            }
            try await insert.run()
        }
        for chunk in staged.trackPoints.chunked(Self.rowsPerInsert) {
            let insert = db.insert(into: "unit_tracks").columns("unit_id", "at_ms", "lat", "lon", "speed", "heading")
            for p in chunk {
                insert.values(
                    SQLBind(p.unitId.uuidString), SQLBind(p.at.epochMilliseconds), SQLBind(p.lat), SQLBind(p.lon),
                    SQLBind(p.speed), SQLBind(p.heading))
            }
            insert.ignoringConflicts(with: ["unit_id", "at_ms"])
            try await insert.run()
        }
    }
}

/// Where the duplicate rule looks for a new incident's candidates: its family and the box
/// around its location.
struct CandidateArea: Hashable, Sendable {
    let family: String
    let box: (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double)

    init(_ location: Coordinate, family: String) {
        self.family = family
        box = location.boundingBox(metres: DuplicateRule.radiusMetres)
    }

    func holds(_ incident: Incident, since: Int64) -> Bool {
        incident.family == family && incident.status.isOpen && incident.createdAt.epochMilliseconds >= since
            && (box.minLat...box.maxLat).contains(incident.location.lat)
            && (box.minLon...box.maxLon).contains(incident.location.lon)
    }

    static func == (a: CandidateArea, b: CandidateArea) -> Bool {
        a.family == b.family && a.box.minLat == b.box.minLat && a.box.maxLat == b.box.maxLat
            && a.box.minLon == b.box.minLon && a.box.maxLon == b.box.maxLon
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(family)
        hasher.combine(box.minLat)
        hasher.combine(box.minLon)
    }
}

extension BatchTransaction {
    /// `,owner,sector,...,` so a list can be filtered to one sector with `LIKE '%,sector,%'`.
    static func audience(of incident: Incident) -> String {
        "," + incident.visibleToSectors.sorted().joined(separator: ",") + ","
    }
}

extension EventPayload {
    /// A second incident the event concerns (the survivor of a merge), so it shows in both timelines.
    var relatedIncidentId: UUID? {
        if case .incidentMerged(let merged) = self { return merged.into }
        return nil
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
