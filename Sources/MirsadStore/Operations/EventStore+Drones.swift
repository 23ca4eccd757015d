import Foundation
import MirsadDomain
import SQLKit

/// Drone missions, no-fly zones and telemetry. Missions and zones are read models of the
/// `drones.*` and `airspace.*` events kept in the same transaction; a mission's start also
/// assigns the drone to its incident (one transaction, so the unit board and the mission never
/// disagree) and its end sends the drone home. Telemetry, like AVL, is not an event: the
/// newest report per drone is kept and its position joins the unit's track.
extension EventStore {
    /// Decides and commits a mission command; a finding's snapshot (`snapshot`, whose digest the
    /// command carries) is kept in the same transaction, so a refused finding leaves nothing.
    public func execute(_ command: DroneCommand, actor: Actor, snapshot: Data? = nil) async throws -> (
        events: [EventEnvelope], change: DroneMissionChanged
    ) {
        try await writer.submit { tx in
            let mission = try await tx.droneMission(command.missionID)
            let incidentID: UUID?
            let droneID: UUID?
            if case .startMission(_, let incident, let plan, _) = command {
                incidentID = incident
                droneID = plan.droneId
            } else {
                incidentID = mission?.incidentId
                droneID = mission?.droneId
            }
            try await tx.loadIncidents(incidentID.map { [$0] } ?? [])
            try await tx.loadUnits(droneID.map { [$0] } ?? [])
            let incident = incidentID.flatMap { tx.staged.working.incidents[$0] }
            let drone = droneID.flatMap { tx.staged.working.units[$0] }
            var active: DroneMission?
            if case .startMission = command, let droneID { active = try await tx.activeMission(of: droneID) }
            let change = try DroneDecider.decide(
                command, mission: mission, drone: drone, incident: incident, activeMissionOfDrone: active,
                now: tx.now, actor: actor, catalog: tx.catalog)
            var events: [EventEnvelope] = []
            let unitCommand: Command?
            switch change.change {
            case .started:
                unitCommand = .assignUnits(incidentId: change.mission.incidentId, unitIds: [change.mission.droneId])
            case .completed, .aborted:
                let reason = change.change == .completed ? "mission completed" : "mission aborted"
                let stillOnIt = drone.map { $0.status.isCommitted && $0.incidentId == change.mission.incidentId }
                unitCommand =
                    stillOnIt == true
                    ? .changeUnitStatus(unitId: change.mission.droneId, to: .returning, reason: reason) : nil
            case .linkLost, .linkRestored, .findingAdded:
                unitCommand = nil
            }
            if let unitCommand {
                let context = try await tx.prepare(unitCommand, actor: actor)
                events += try tx.execute(unitCommand, context: context)
            }
            let sectors = DroneDecider.sectors(of: change.mission, incident: incident)
            events += tx.append([(.droneMission(change), sectors: sectors)], actor: actor)
            tx.stageMission(change.mission)
            if let snapshot, let picture = change.finding?.snapshot {
                tx.stage(tx.db.delete(from: "drone_snapshots").where("sha256", .equal, picture.sha256).query)
                tx.stage(
                    tx.db.insert(into: "drone_snapshots").columns("sha256", "content_type", "body", "stored_ms")
                        .values(
                            SQLBind(picture.sha256), SQLBind(picture.contentType),
                            SQLBind(snapshot.base64EncodedString()), SQLBind(tx.now.epochMilliseconds)
                        ).query)
            }
            return (events, change)
        }
    }

    /// Imports or withdraws no-fly zones; an imported zone replaces a known one of the same id.
    public func execute(_ command: AirspaceCommand, actor: Actor) async throws -> (
        event: EventEnvelope, change: AirspaceChanged
    ) {
        try await writer.submit { tx in
            var known = Set<String>()
            if case .removeZone(let id) = command, try await ZoneRows.one(id, in: tx.db) != nil { known.insert(id) }
            let change = try DroneDecider.decide(command, known: known, actor: actor)
            let event = tx.append([(.airspace(change), sectors: [])], actor: actor)[0]
            for statement in try ZoneRows.write(change, on: tx.db) { tx.stage(statement) }
            return (event, change)
        }
    }

    /// Keeps the newest report of each drone, and its position as the unit's latest with a
    /// sample in the track (as AVL does).
    public func ingestTelemetry(_ reports: [DroneTelemetry]) async throws -> PositionIngestResult {
        guard reports.count <= Self.maxPositionsPerBatch else {
            throw DomainError.invalidField(
                field: "reports", reason: "at most \(Self.maxPositionsPerBatch) reports per request")
        }
        guard let catalog else { throw StoreError.invalidConfiguration("no jurisdiction loaded") }
        for (i, report) in reports.enumerated() {
            guard catalog.units[report.unitId]?.drone != nil else {
                throw DomainError.invalidField(field: "reports[\(i)].unitId", reason: "\(report.unitId) is not a drone")
            }
            try report.validate(field: "reports[\(i)]")
        }
        let byDrone = Dictionary(grouping: reports, by: \.unitId).mapValues { $0.sorted { $0.at < $1.at } }
        let sampler = writer.sampler
        return try await writer.submit { tx in
            var trackPoints = 0
            for (_, reports) in byDrone {
                guard let latest = reports.last else { continue }
                let track = sampler.samples(
                    of: reports.map(\.position), after: tx.staged.trackPoints.last { $0.unitId == latest.unitId })
                tx.stagePosition(latest: latest.position, track: track)
                trackPoints += track.count
                for statement in try TelemetryRows.write(latest, on: tx.db) { tx.stage(statement) }
                tx.stage(LinkRows.write(latest.unitId, heard: latest.at, on: tx.db))
            }
            return PositionIngestResult(accepted: reports.count, units: byDrone.count, trackPoints: trackPoints)
        }
    }

    /// Records that drones were heard from without a position (a HEARTBEAT before the GPS fix):
    /// the link is alive even when the map cannot show where. Ids that are not drones are skipped.
    public func recordHeard(_ heard: [UUID: Date]) async throws {
        let drones = heard.filter { catalog?.units[$0.key]?.drone != nil }
        guard !drones.isEmpty else { return }
        try await writer.submit { tx in
            for (unit, at) in drones { tx.stage(LinkRows.write(unit, heard: at, on: tx.db)) }
        } as Void
    }

    /// When each drone was last heard from, by a position or a heartbeat.
    public func droneLastHeard() async throws -> [UUID: Date] {
        try await backend.withReader { db in
            var out: [UUID: Date] = [:]
            for row in try await db.select().columns("unit_id", "heard_ms").from("drone_links").all() {
                guard let id = UUID(uuidString: try row.decode(column: "unit_id", as: String.self)) else { continue }
                out[id] = Date(epochMilliseconds: try row.decode(column: "heard_ms", as: Int64.self))
            }
            return out
        }
    }

    public func snapshot(_ sha256: String) async throws -> (contentType: String, bytes: Data)? {
        try await backend.withReader { db in
            guard
                let row = try await db.select().columns("content_type", "body").from("drone_snapshots")
                    .where("sha256", .equal, sha256).first(),
                let bytes = Data(base64Encoded: try row.decode(column: "body", as: String.self))
            else { return nil }
            return (try row.decode(column: "content_type", as: String.self), bytes)
        }
    }

    public func droneMission(_ id: UUID) async throws -> DroneMission? {
        try await backend.withReader { db in try await MissionRows.one(id, in: db) }
    }

    /// Missions, newest first, optionally of one incident or drone, or only the active ones.
    public func droneMissions(incident: UUID? = nil, drone: UUID? = nil, activeOnly: Bool = false) async throws
        -> [DroneMission]
    {
        try await backend.withReader { db in
            var select = db.select().column("record").from("drone_missions")
            if let incident { select = select.where("incident_id", .equal, incident.uuidString) }
            if let drone { select = select.where("drone_id", .equal, drone.uuidString) }
            if activeOnly { select = select.where("status", .equal, DroneMission.Status.active.rawValue) }
            return try await select.orderBy("started_ms", .descending).all().map(MissionRows.decode)
        }
    }

    /// The findings of a mission or an incident, oldest first (from the log: they are its events).
    public func droneFindings(incident: UUID) async throws -> [DroneFinding] {
        try await timeline(of: incident).compactMap { event in
            guard case .droneMission(let change) = event.payload else { return nil }
            return change.finding
        }
    }

    public func uasZones() async throws -> [UASZone] {
        try await backend.withReader { db in
            try await db.select().column("record").from("uas_zones").orderBy("id").all().map(ZoneRows.decode)
        }
    }

    /// The newest telemetry of every drone that has reported.
    public func droneTelemetry() async throws -> [UUID: DroneTelemetry] {
        try await backend.withReader { db in
            var out: [UUID: DroneTelemetry] = [:]
            for row in try await db.select().column("record").from("drone_telemetry").all() {
                let report = try Codec.decode(
                    DroneTelemetry.self, from: try row.decode(column: "record", as: String.self), what: "telemetry")
                out[report.unitId] = report
            }
            return out
        }
    }
}

extension BatchTransaction {
    func droneMission(_ id: UUID) async throws -> DroneMission? {
        if let staged = staged.droneMissions[id] { return staged }
        return try await MissionRows.one(id, in: db)
    }

    /// The drone's active mission, counting this batch's earlier writes.
    func activeMission(of drone: UUID) async throws -> DroneMission? {
        if let staged = staged.droneMissions.values.first(where: { $0.droneId == drone && $0.status == .active }) {
            return staged
        }
        let stored = try await db.select().column("record").from("drone_missions")
            .where("drone_id", .equal, drone.uuidString)
            .where("status", .equal, DroneMission.Status.active.rawValue).all().map(MissionRows.decode)
        return stored.first { staged.droneMissions[$0.id] == nil }
    }

    func stageMission(_ mission: DroneMission) {
        staged.droneMissions[mission.id] = mission
        for statement in MissionRows.write(mission, on: db) { stage(statement) }
    }
}

enum MissionRows {
    static func one(_ id: UUID, in db: any SQLDatabase) async throws -> DroneMission? {
        try await db.select().column("record").from("drone_missions").where("id", .equal, id.uuidString).first()
            .map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> DroneMission {
        try Codec.decode(DroneMission.self, from: try row.decode(column: "record", as: String.self), what: "mission")
    }

    static func write(_ mission: DroneMission, on db: any SQLDatabase) -> [any SQLExpression] {
        // Encoding a plain value type cannot fail; a failure here is a programming error.
        let record = (try? Codec.encode(mission)) ?? "{}"
        return [
            db.delete(from: "drone_missions").where("id", .equal, mission.id.uuidString).query,
            db.insert(into: "drone_missions")
                .columns("id", "drone_id", "incident_id", "status", "started_ms", "record")
                .values(
                    SQLBind(mission.id.uuidString), SQLBind(mission.droneId.uuidString),
                    SQLBind(mission.incidentId.uuidString), SQLBind(mission.status.rawValue),
                    SQLBind(mission.startedAt.epochMilliseconds), SQLBind(record)
                ).query,
        ]
    }

    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        var missions: [UUID: DroneMission] = [:]
        for event in try await ShelterRows.events(DroneMissionChanged.Change.eventTypes, in: db) {
            guard case .droneMission(let change) = event.payload else { continue }
            missions[change.mission.id] = change.mission
        }
        try await db.delete(from: "drone_missions").run()
        for mission in missions.values { try await db.execute(sql: write(mission, on: db)[1]) { _ in } }
    }
}

enum ZoneRows {
    static func one(_ id: String, in db: any SQLDatabase) async throws -> UASZone? {
        try await db.select().column("record").from("uas_zones").where("id", .equal, id).first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> UASZone {
        try Codec.decode(UASZone.self, from: try row.decode(column: "record", as: String.self), what: "zone")
    }

    static func write(_ change: AirspaceChanged, on db: any SQLDatabase) throws -> [any SQLExpression] {
        var statements: [any SQLExpression] = []
        for id in change.removed {
            statements.append(db.delete(from: "uas_zones").where("id", .equal, id).query)
        }
        // A zone imported again replaces all its volumes (`ID`, `ID#2`, ...), however many it had.
        for base in Set(change.zones.map { String($0.id.split(separator: "#", maxSplits: 1).first ?? "") }) {
            statements.append(
                db.delete(from: "uas_zones").where("id", .equal, base).orWhere("id", .like, base + "#%").query)
        }
        for zone in change.zones {
            statements.append(
                db.insert(into: "uas_zones").columns("id", "record")
                    .values(SQLBind(zone.id), SQLBind(try Codec.encode(zone))).query)
        }
        return statements
    }

    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        try await db.delete(from: "uas_zones").run()
        for event in try await ShelterRows.events(AirspaceChanged.Change.eventTypes, in: db) {
            guard case .airspace(let change) = event.payload else { continue }
            for statement in try write(change, on: db) { try await db.execute(sql: statement) { _ in } }
        }
    }
}

enum LinkRows {
    /// Moves the drone's last-heard time forward, never back.
    static func write(_ unit: UUID, heard: Date, on db: any SQLDatabase) -> any SQLExpression {
        db.insert(into: "drone_links").columns("unit_id", "heard_ms")
            .values(SQLBind(unit.uuidString), SQLBind(heard.epochMilliseconds))
            .onConflict(with: ["unit_id"]) { update in
                update.set(excludedValueOf: "heard_ms")
                    .where(
                        SQLColumn("heard_ms", table: "drone_links"), .lessThan, SQLColumn("heard_ms", table: "excluded")
                    )
            }.query
    }
}

enum TelemetryRows {
    static func write(_ report: DroneTelemetry, on db: any SQLDatabase) throws -> [any SQLExpression] {
        // A late report (out of order on UDP, a relay catching up) never replaces a newer one.
        [
            db.insert(into: "drone_telemetry").columns("unit_id", "at_ms", "record")
                .values(
                    SQLBind(report.unitId.uuidString), SQLBind(report.at.epochMilliseconds),
                    SQLBind(try Codec.encode(report))
                )
                .onConflict(with: ["unit_id"]) { update in
                    update.set(excludedValueOf: "at_ms").set(excludedValueOf: "record")
                        .where(
                            SQLColumn("at_ms", table: "drone_telemetry"), .lessThanOrEqual,
                            SQLColumn("at_ms", table: "excluded"))
                }.query
        ]
    }
}
