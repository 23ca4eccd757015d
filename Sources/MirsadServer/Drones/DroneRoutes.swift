import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore
import NIOCore

struct TelemetryBody: StrictBody {
    struct Report: Decodable, Sendable {
        var droneId: UUID
        var lat: Double
        var lon: Double
        var at: Date?
        var altitude: Double?
        var relativeAltitude: Double?
        var groundSpeed: Double?
        var heading: Double?
        var batteryPercent: Double?
        var voltage: Double?
        var armed: Bool?
        var state: String?
    }
    var reports: [Report]
    static let shape = JSONShape.documented("post", "/v1/drones/telemetry")
}

struct MissionPlanBody: StrictBody {
    var incidentId: UUID
    var droneId: UUID?
    var loiterMinutes: Double?
    var authorisedZones: [String]?
    static let shape = JSONShape.documented("post", "/v1/drones/missions/plan")
}

struct MissionBody: StrictBody {
    var incidentId: UUID
    var droneId: UUID
    var loiterMinutes: Double?
    var authorisedZones: [String]?
    static let shape = JSONShape.documented("post", "/v1/drones/missions")
}

struct AbortBody: StrictBody {
    var reason: String
    static let shape = JSONShape.documented("post", "/v1/drones/missions/{id}/abort")
}

struct FindingBody: StrictBody {
    struct Snapshot: Decodable, Sendable {
        var contentType: String
        /// Base64.
        var data: String
    }
    var note: String
    var location: Coordinate?
    var snapshot: Snapshot?
    static let shape = JSONShape.documented("post", "/v1/drones/missions/{id}/findings")
}

/// `/v1/drones`: the fleet on the board, telemetry in, missions out. A mission is planned
/// against the no-fly zones and the drone's battery before it starts, and refused (422, naming
/// the zone or the shortfall) when it cannot be flown; a started mission assigns the drone to
/// its incident. Missions and their findings are seen by the drone's sector, by oversight and
/// by whoever sees the incident; anyone else gets 404, as for a mission that does not exist.
struct DroneRoutes {
    let services: AppServices
    /// Telemetry older than this no longer tells where the drone is or how full its battery is.
    static let freshTelemetry: TimeInterval = 30
    static let defaultLoiterMinutes = 10.0
    static let maxSnapshotBytes = 2 * 1024 * 1024
    static let snapshotTypes: [String: [UInt8]] = [
        "image/jpeg": [0xFF, 0xD8, 0xFF], "image/png": [0x89, 0x50, 0x4E, 0x47],
        "image/webp": [0x52, 0x49, 0x46, 0x46],
    ]

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("drones", use: list)
        group.post("drones/missions/plan", use: plan)
        group.post("drones/missions", use: start)
        group.get("drones/missions", use: missions)
        group.get("drones/missions/:id", use: mission)
        group.post("drones/missions/:id/complete", use: complete)
        group.post("drones/missions/:id/abort", use: abort)
        group.post("drones/missions/:id/findings", use: addFinding)
        group.get("drones/missions/:id/findings", use: findings)
        group.get("drones/missions/:id/findings/:finding/snapshot", use: snapshot)
        group.get("drones/:id", use: show)
    }

    /// Telemetry takes a drone's own device credential as well as a user's token.
    func addTelemetry(to group: RouterGroup<MirsadRequestContext>) {
        group.post("drones/telemetry", use: telemetry)
    }

    // MARK: Fleet

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        return try JSONReply(["drones": try await views(for: principal.actor)])
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        let id = try context.parameters.require("id", as: UUID.self)
        guard let view = try await views(for: principal.actor).first(where: { $0.id == id }) else {
            throw Problem.from(DomainError.notFound(kind: "drone", id: id.uuidString))
        }
        return try JSONReply(view)
    }

    /// Drones are units on the common picture; the mission of one working an incident the
    /// viewer may not see is left out, as the unit board leaves out the incident.
    private func views(for actor: Actor) async throws -> [DroneView] {
        let catalog = try services.catalog()
        let policy = AccessPolicy(catalog: catalog)
        let telemetry = try await services.store.droneTelemetry()
        let active = Dictionary(
            try await services.store.droneMissions(activeOnly: true).map { ($0.droneId, $0) },
            uniquingKeysWith: { first, _ in first })
        let now = services.clock.now()
        var out: [DroneView] = []
        for unit in try await services.store.units().map(\.unit) {
            guard let profile = catalog.units[unit.id]?.drone else { continue }
            var view = DroneView(
                id: unit.id, callSign: unit.callSign, sector: unit.sector, homeStation: unit.homeStation,
                status: unit.status, incidentId: unit.incidentId, profile: profile, telemetry: telemetry[unit.id],
                telemetryAgeSeconds: telemetry[unit.id].map { now.timeIntervalSince($0.at) }, missionId: nil)
            if let mission = active[unit.id] {
                let incident = try await services.store.incident(mission.incidentId)
                if DroneDecider.canSee(mission, incident: incident, actor, policy: policy) {
                    view.missionId = mission.id
                }
            }
            // As on the unit board: another sector's drone shows the incident only to who sees it.
            if let incidentId = view.incidentId, unit.sector != actor.sector, !policy.hasOversight(actor) {
                let incident = try await services.store.incident(incidentId)
                if !(incident.map { policy.canSee($0, actor) } ?? false) { view.incidentId = nil }
            }
            out.append(view)
        }
        return out.sorted { $0.callSign < $1.callSign }
    }

    /// Reports come from the drone's own device, or from a user of its sector or of oversight
    /// who may report positions (a ground station relaying them).
    @Sendable func telemetry(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        if context.deviceUnit == nil { try context.requirePrincipal().actor.require(.reportPositions) }
        let body = try StrictJSON.decode(
            TelemetryBody.self, from: try await StrictJSON.body(of: request, limit: services.limits.positionsBody))
        let catalog = try services.catalog()
        let policy = AccessPolicy(catalog: catalog)
        let actor = context.deviceUnit == nil ? try context.requirePrincipal().actor : nil
        for (i, report) in body.reports.enumerated() {
            guard let unit = catalog.units[report.droneId], unit.drone != nil else { continue }  // the store names it
            let allowed =
                context.deviceUnit.map { $0 == unit.id }
                ?? actor.map { policy.hasOversight($0) || $0.sector == unit.sector } ?? false
            guard allowed else {
                throw Problem(
                    status: .forbidden, code: "forbidden", title: "Forbidden",
                    detail: "reports[\(i)]: \(unit.callSign) reports through its own device or its sector",
                    field: "reports[\(i)].droneId")
            }
        }
        let now = services.clock.now()
        for (i, report) in body.reports.enumerated() {
            if let at = report.at, at.timeIntervalSince(now) > 5 {
                throw Problem.invalidField(
                    "reports[\(i)].at", "is in the future (the server's clock says \(MirsadJSON.formatTimestamp(now)))")
            }
        }
        let reports = body.reports.map {
            DroneTelemetry(
                unitId: $0.droneId, at: $0.at ?? now, lat: $0.lat, lon: $0.lon, altitude: $0.altitude,
                relativeAltitude: $0.relativeAltitude, groundSpeed: $0.groundSpeed, heading: $0.heading,
                batteryPercent: $0.batteryPercent, voltage: $0.voltage, armed: $0.armed, state: $0.state, source: .api)
        }
        return try JSONReply(try await services.store.ingestTelemetry(reports), status: .accepted)
    }

    // MARK: Missions

    /// How one drone (or, without `droneId`, every free drone the caller may fly) would reach
    /// the incident: the path around the zones, the flight time against the battery, and why
    /// not where it cannot. Nothing is started.
    @Sendable func plan(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        let body = try await StrictJSON.decode(MissionPlanBody.self, from: request, limit: services.limits.commandBody)
        let incident = try await visibleIncident(body.incidentId, principal, request)
        try principal.actor.require(.flyDrones)
        let catalog = try services.catalog()
        var candidates: [UnitState]
        if let droneId = body.droneId {
            guard let unit = try await services.store.unit(droneId)?.unit, catalog.units[droneId]?.drone != nil else {
                throw Problem.invalidField("droneId", "\(droneId) is not a drone of this jurisdiction")
            }
            candidates = [unit]
        } else {
            candidates = try await freeDrones(for: principal.actor, catalog: catalog)
        }
        let plans = try await assess(
            candidates, target: incident.location, loiter: try loiter(body.loiterMinutes),
            authorised: try await checked(body.authorisedZones ?? []), catalog: catalog)
        return try JSONReply(PlanList(plans: Self.ranked(plans)))
    }

    @Sendable func start(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        let body = try await StrictJSON.decode(MissionBody.self, from: request, limit: services.limits.commandBody)
        let incident = try await visibleIncident(body.incidentId, principal, request)
        try principal.actor.require(.flyDrones)
        let catalog = try services.catalog()
        guard let unit = try await services.store.unit(body.droneId)?.unit, catalog.units[body.droneId]?.drone != nil
        else {
            throw Problem.invalidField("droneId", "\(body.droneId) is not a drone of this jurisdiction")
        }
        // Who may command the drone and whether it is free come before whether the flight works.
        do { try AccessPolicy(catalog: catalog).checkCommand(of: unit, by: principal.actor) } catch {
            throw Problem.from(error)
        }
        guard unit.status.isAssignable else {
            throw Problem.from(
                DomainError.conflict(reason: "\(unit.callSign) is \(unit.status.rawValue), not free for a mission"))
        }
        let loiter = try loiter(body.loiterMinutes)
        let authorised = try await checked(body.authorisedZones ?? [])
        guard
            let plan = try await assess(
                [unit], target: incident.location, loiter: loiter, authorised: authorised,
                catalog: catalog
            ).first
        else { throw Problem.invalidField("droneId", "\(unit.callSign) has no drone profile") }
        if let refusal = plan.refusal {
            var problem = Problem(
                status: .unprocessableContent, code: "mission-infeasible", title: "The mission cannot be flown",
                detail: refusal.reason, field: refusal.kind == .zone ? "incidentId" : nil)
            problem.alternative = try await alternative(
                to: unit, incident: incident, loiter: loiter,
                authorised: authorised, actor: principal.actor, catalog: catalog)
            throw problem
        }
        let (events, change) = try await services.store.execute(
            .startMission(id: UUID(), incidentId: incident.id, plan: plan, authorisedZones: authorised),
            actor: principal.actor)
        services.logger.info(
            "drone \(unit.callSign) sent to incident \(incident.number) by \(principal.username) (event \(events.last?.id ?? 0))"
        )
        return try JSONReply(change.mission, status: .created)
    }

    /// Another free drone of the caller's reach that could fly it, quickest first, as a hint.
    private func alternative(
        to refused: UnitState, incident: Incident, loiter: Double, authorised: [String], actor: Actor,
        catalog: JurisdictionIndex
    ) async throws -> String? {
        let others = try await freeDrones(for: actor, catalog: catalog).filter { $0.id != refused.id }
        let plans = try await assess(
            others, target: incident.location, loiter: loiter, authorised: authorised, catalog: catalog)
        guard let best = Self.ranked(plans).first, best.feasible, let minutes = best.outboundMinutes else { return nil }
        return "\(best.callSign) (\(best.droneId.uuidString)) can fly it: \(String(format: "%.1f", minutes)) min out"
    }

    @Sendable func missions(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        var incident: UUID?
        if let text = request.uri.queryParameters["incidentId"] {
            guard let id = UUID(uuidString: String(text)) else { throw Problem.invalidField("incidentId", "a UUID") }
            incident = id
        }
        let activeOnly: Bool
        switch request.uri.queryParameters["active"] {
        case nil, "false": activeOnly = false
        case "true": activeOnly = true
        default: throw Problem.invalidField("active", "true or false")
        }
        let policy = AccessPolicy(catalog: try services.catalog())
        var visible: [DroneMission] = []
        for mission in try await services.store.droneMissions(incident: incident, activeOnly: activeOnly) {
            let incident = try await services.store.incident(mission.incidentId)
            if DroneDecider.canSee(mission, incident: incident, principal.actor, policy: policy) {
                visible.append(mission)
            }
        }
        return try JSONReply(MissionList(missions: visible))
    }

    @Sendable func mission(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try JSONReply(try await visibleMission(request, context))
    }

    @Sendable func complete(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id", as: UUID.self)
        return try await run(.completeMission(missionId: id), actor, .ok)
    }

    @Sendable func abort(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id", as: UUID.self)
        let body = try await StrictJSON.decode(AbortBody.self, from: request, limit: services.limits.commandBody)
        return try await run(.abortMission(missionId: id, reason: body.reason), actor, .ok)
    }

    // MARK: Findings

    /// A note, optionally with a snapshot (JPEG, PNG or WebP, at most 2 MiB) and where it was
    /// seen; it goes on the incident's timeline.
    @Sendable func addFinding(_ request: Request, context: MirsadRequestContext) async throws
        -> some ResponseGenerator
    {
        let actor = try context.requirePrincipal().actor
        let id = try context.parameters.require("id", as: UUID.self)
        let body = try StrictJSON.decode(
            FindingBody.self,
            from: try await StrictJSON.body(of: request, limit: Self.maxSnapshotBytes * 4 / 3 + 16_384))
        var snapshot: DroneFinding.Snapshot?
        var bytes: Data?
        if let picture = body.snapshot {
            guard let magic = Self.snapshotTypes[picture.contentType] else {
                throw Problem.invalidField(
                    "snapshot.contentType", "one of \(Self.snapshotTypes.keys.sorted().joined(separator: ", "))")
            }
            guard let data = Data(base64Encoded: picture.data) else {
                throw Problem.invalidField("snapshot.data", "must be base64")
            }
            guard !data.isEmpty, data.count <= Self.maxSnapshotBytes else {
                throw Problem.invalidField("snapshot.data", "1 byte to \(Self.maxSnapshotBytes / 1024 / 1024) MiB")
            }
            guard data.starts(with: magic) else {
                throw Problem.invalidField("snapshot.data", "is not a \(picture.contentType) image")
            }
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            snapshot = DroneFinding.Snapshot(contentType: picture.contentType, bytes: data.count, sha256: digest)
            bytes = data
        }
        _ = try await visibleMission(request, context)
        // The picture is kept in the finding's own transaction: a refused finding leaves nothing.
        let (_, change) = try await services.store.execute(
            .addFinding(missionId: id, note: body.note, location: body.location, snapshot: snapshot, id: UUID()),
            actor: actor, snapshot: bytes)
        return try JSONReply(change.finding, status: .created)
    }

    @Sendable func findings(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let mission = try await visibleMission(request, context)
        let all = try await services.store.droneFindings(incident: mission.incidentId)
        return try JSONReply(FindingList(findings: all.filter { $0.missionId == mission.id }))
    }

    /// A picture from the scene may show people: it is read with a stated purpose (`X-Purpose`,
    /// 428 without), and each read is in the audit trail before the bytes leave.
    @Sendable func snapshot(_ request: Request, context: MirsadRequestContext) async throws -> Response {
        let mission = try await visibleMission(request, context)
        let principal = try context.requirePrincipal()
        let findingID = try context.parameters.require("finding", as: UUID.self)
        let finding = try await services.store.droneFindings(incident: mission.incidentId)
            .first { $0.id == findingID && $0.missionId == mission.id }
        guard let picture = finding?.snapshot, let stored = try await services.store.snapshot(picture.sha256) else {
            throw Problem.from(DomainError.notFound(kind: "snapshot", id: findingID.uuidString))
        }
        guard let purpose = try AccessGate.purpose(of: request) else { throw Problem.purposeRequired(["snapshot"]) }
        _ = try await services.store.audit(
            [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .restrictedRead, outcome: "success", subject: principal.username,
                            incidentId: mission.incidentId, purpose: purpose,
                            detail: "\(request.method) \(request.uri.path): drone snapshot \(picture.sha256)")),
                    sectors: []
                )
            ],
            actor: principal.actor)
        var headers = HTTPFields()
        headers[.contentType] = stored.contentType
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.bytes)))
    }

    // MARK: Helpers

    /// The free drones `actor` may send: its own sector's, or every one for oversight.
    private func freeDrones(for actor: Actor, catalog: JurisdictionIndex) async throws -> [UnitState] {
        let policy = AccessPolicy(catalog: catalog)
        return try await services.store.units().map(\.unit).filter { unit in
            catalog.units[unit.id]?.drone != nil && unit.status.isAssignable
                && (policy.hasOversight(actor) || unit.sector == actor.sector)
        }
    }

    /// Plans each drone's flight; zones are read once, a planner is built per cruise height.
    private func assess(
        _ drones: [UnitState], target: Coordinate, loiter: Double, authorised: [String], catalog: JurisdictionIndex
    ) async throws -> [MissionPlan] {
        let zones = try await services.store.uasZones()
        let telemetry = try await services.store.droneTelemetry()
        let now = services.clock.now()
        var planners: [Double: FlightPlanner] = [:]
        var plans: [MissionPlan] = []
        for drone in drones {
            guard let profile = catalog.units[drone.id]?.drone, let station = catalog.stations[drone.homeStation]
            else { continue }
            let planner =
                planners[profile.cruiseAltitude]
                ?? FlightPlanner(
                    zones: zones, altitude: profile.cruiseAltitude, authorised: Set(authorised),
                    referenceLatitude: target.lat)
            planners[profile.cruiseAltitude] = planner
            let fresh = telemetry[drone.id].flatMap { now.timeIntervalSince($0.at) <= Self.freshTelemetry ? $0 : nil }
            plans.append(
                MissionPlan.assess(
                    droneId: drone.id, callSign: drone.callSign, profile: profile,
                    start: fresh?.coordinate ?? station.location, base: station.location, target: target,
                    loiterMinutes: loiter, battery: fresh?.batteryPercent, planner: planner))
        }
        return plans
    }

    static func ranked(_ plans: [MissionPlan]) -> [MissionPlan] {
        plans.sorted { a, b in
            if a.feasible != b.feasible { return a.feasible }
            return (a.outboundMinutes ?? .infinity, a.callSign) < (b.outboundMinutes ?? .infinity, b.callSign)
        }
    }

    /// Zones a request says it holds approval for must be known zones that need one.
    private func checked(_ authorised: [String]) async throws -> [String] {
        guard authorised.count <= 50 else { throw Problem.invalidField("authorisedZones", "at most 50 zones") }
        let zones = Dictionary(try await services.store.uasZones().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, id) in authorised.enumerated() {
            guard let zone = zones[id] else { throw Problem.invalidField("authorisedZones[\(i)]", "no zone '\(id)'") }
            guard zone.restriction == .reqAuthorisation else {
                throw Problem.invalidField(
                    "authorisedZones[\(i)]", "zone '\(id)' is \(zone.restriction.rawValue): no approval opens it")
            }
        }
        return authorised
    }

    private func loiter(_ minutes: Double?) throws -> Double {
        let value = minutes ?? Self.defaultLoiterMinutes
        guard value.isFinite, (0...DroneDecider.maxLoiterMinutes).contains(value) else {
            throw Problem.invalidField("loiterMinutes", "between 0 and \(Int(DroneDecider.maxLoiterMinutes))")
        }
        return value
    }

    /// The incident, or 404 (audited) when it is absent or hidden from the caller.
    private func visibleIncident(_ id: UUID, _ principal: Principal, _ request: Request) async throws -> Incident {
        try principal.actor.require(.readOperations)
        let policy = AccessPolicy(catalog: try services.catalog())
        guard let incident = try await services.store.incident(id), policy.canSee(incident, principal.actor) else {
            try await AccessGate(services: services).denied(
                principal, incidentId: id,
                detail: "\(request.method) \(request.uri.path): no incident \(id) visible to \(principal.sector)",
                object: id.uuidString)
            throw Problem.from(DomainError.notFound(kind: "incident", id: id.uuidString))
        }
        return incident
    }

    /// The mission the path names, or 404 (audited) when it is absent or hidden from the caller.
    private func visibleMission(_ request: Request, _ context: MirsadRequestContext) async throws -> DroneMission {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        let id = try context.parameters.require("id", as: UUID.self)
        let policy = AccessPolicy(catalog: try services.catalog())
        if let mission = try await services.store.droneMission(id) {
            let incident = try await services.store.incident(mission.incidentId)
            if DroneDecider.canSee(mission, incident: incident, principal.actor, policy: policy) { return mission }
        }
        try await AccessGate(services: services).denied(
            principal, incidentId: nil,
            detail: "\(request.method) \(request.uri.path): no mission \(id) visible to \(principal.sector)",
            object: id.uuidString)
        throw Problem.from(DomainError.notFound(kind: "mission", id: id.uuidString))
    }

    private func run(_ command: DroneCommand, _ actor: Actor, _ status: HTTPResponse.Status) async throws -> JSONReply {
        let (events, change) = try await services.store.execute(command, actor: actor)
        services.logger.info(
            "mission \(change.mission.id) \(change.change.eventType) by \(actor.username) (event \(events.last?.id ?? 0))"
        )
        return try JSONReply(change.mission, status: status)
    }
}
