import Foundation
import HTTPTypes
import HummingbirdTesting
import MirsadDomain
import MirsadServer
import MirsadStore
import MirsadTestSupport
import Testing

/// For every route, every role, and a user of the owning sector against users of foreign
/// sectors: the answer must be what need-to-know and the role rules say (this is how BOLA/IDOR
/// bugs are caught). Mutating probes are chosen to fail on the domain's own rules (409/422)
/// once access is granted, so the matrix leaves the fixtures unchanged.
@Suite("Access matrix: routes × roles × sectors")
struct AccessMatrixTests {
    /// Who may do what, as the issue states it.
    enum Need {
        case read, create, note, dispatch, reprioritise, merge, share, positions, roads, admin, audit, alertDraft,
            alertApprove, activate, tasks, shelterRead, shelterManage, evacuees, flyDrones, airspace
        var roles: Set<Role> {
            switch self {
            case .flyDrones: [.dispatcher, .supervisor]
            case .airspace: [.supervisor, .admin]
            case .shelterRead: Need.read.roles.union([.shelterStaff])
            case .shelterManage: [.supervisor, .shelterStaff]
            case .evacuees: [.dispatcher, .supervisor, .shelterStaff]
            case .activate: [.supervisor]
            case .tasks: [.dispatcher, .supervisor, .sectorLiaison]
            case .alertDraft: [.publicInformation]
            case .alertApprove: [.supervisor, .publicInformation]
            case .read: [.callTaker, .dispatcher, .supervisor, .analyst, .sectorLiaison, .admin, .publicInformation]
            case .create: [.callTaker, .dispatcher, .supervisor]
            case .note: [.callTaker, .dispatcher, .supervisor, .sectorLiaison]
            case .dispatch, .roads: [.dispatcher, .supervisor]
            case .reprioritise, .merge: [.supervisor]
            case .share: [.supervisor, .sectorLiaison]
            case .positions: [.dispatcher, .supervisor, .admin]
            case .admin, .audit: [.admin]
            }
        }

        /// Who may read what the probe names: shelters have their own audience (shelter staff
        /// see shelters, not incidents).
        var readRoles: Set<Role> {
            switch self {
            case .shelterRead, .shelterManage, .evacuees: Need.shelterRead.roles
            default: Need.read.roles
            }
        }
    }

    struct Probe: Sendable {
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        let need: Need
        /// The incident the route touches (visibility applies), if any.
        let incident: String?
        /// What an entitled caller gets (the probe's own outcome).
        let success: Set<Int>
        var purpose = false
        /// The sector of the unit a unit command names: only it and oversight command the unit.
        var unitSector: String? = nil
        /// The unpublished alert the route names: only its writers, approvers and oversight see it.
        var draftAlert: String? = nil
        /// The emergency operation the route names: only its task sectors and oversight see it.
        var operation: String? = nil
        /// The sectors that operation gives tasks to.
        var operationSectors: Set<String> = ["firefighting", "traffic"]
        /// The sector running the shelter the route changes: only it and oversight may.
        var shelterSector: String? = nil
        /// The evacuee the route names: only the sector running their shelter and oversight see them.
        var evacuee: String? = nil
        /// The drone mission the route names: seen by the drone's sector, by oversight and by whoever
        /// sees its incident (here all Firefighting's).
        var mission: String? = nil
        /// The camera whose live picture the route opens: only its sector (Firefighting's
        /// `depot`) and oversight may.
        var camera: String? = nil
    }

    /// Roles that see unpublished alerts whatever their sector.
    static let alertHandlers: Set<Role> = Need.alertDraft.roles.union(Need.alertApprove.roles)

    @Test("every route answers each role and sector as the rules say", arguments: TestBackend.available)
    func matrix(backend: TestBackend) async throws {
        try await ServerHarness.with(backend: backend) { harness, client in
            let callTaker = try await client.login("calltaker")
            let fire = try await client.createIncident(token: callTaker, type: "FIRE-STRUCTURE", lat: 29.2)
            let burglary = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body: #"{"type":"CRIME-BURGLARY","location":{"lat":29.5,"lon":47.9},"narrative":"back door forced"}"#
            )
            .decode(Incident.self)
            let e1 = TestJurisdiction.unitID("E1")
            let f = fire.id.uuidString, b = burglary.id.uuidString
            // A rejected draft (hidden outside its handlers) and a published alert, by authors
            // outside the matrix's accounts so that every approver meets the state rules.
            let author = Actor(username: "pio.fixture", role: .publicInformation, sector: "operations")
            let approver = Actor(username: "sup.fixture", role: .supervisor, sector: "operations")
            let content = PublicAlertAPITests.content(expires: harness.clock.now() + 86_400)
            let store = harness.services.store
            let rejected = try await store.execute(.draft(content), actor: author).alert.id
            _ = try await store.execute(.reject(rejected, reason: "fixture"), actor: approver)
            let published = try await store.execute(.draft(content), actor: author).alert.id
            _ = try await store.execute(.approve(published), actor: approver)
            let r = rejected.uuidString, p = published.uuidString
            // An active operation, and one stood down (so standing down meets the state rules).
            let active = try await store.execute(.activate(playbookId: "flood", trigger: "fixture"), actor: approver)
            let drill = try await store.execute(.activate(playbookId: "drill", trigger: "fixture"), actor: approver)
            _ = try await store.execute(.standDown(operation: drill.operation.id), actor: approver)
            let o = active.operation.id.uuidString, d = drill.operation.id.uuidString
            let contentBody = String(decoding: try MirsadJSON.encoder().encode(content), as: UTF8.self)
            // An open hall (the flood plan may have opened it already) with someone in it and
            // someone who left.
            #expect(try await harness.services.reactorsSettled())
            if try await store.shelter("hall")?.status == .closed {
                _ = try await store.execute(.open(shelterId: "hall", operation: nil), actor: .system)
            }
            let staying = try await store.execute(
                .checkIn(shelterId: "hall", EvacueeRegistration(ageBand: .adult)), actor: .system
            ).evacuee.id.uuidString
            let gone = try await store.execute(
                .checkIn(shelterId: "hall", EvacueeRegistration(ageBand: .elder)), actor: .system
            ).evacuee.id
            _ = try await store.execute(.checkOut(evacuee: gone, reason: nil), actor: .system)
            let left = gone.uuidString
            let hallSite = String(
                decoding: try MirsadJSON.encoder().encode(TestJurisdiction.jurisdiction.shelters[0]), as: UTF8.self)
            // Drone missions on a fire near Fire Station 1: one completed, one flying with a finding.
            let near = try await client.createIncident(
                token: callTaker, type: "FIRE-STRUCTURE", lat: 29.372, lon: 47.985)
            let d1 = TestJurisdiction.unitID("D1")
            let station = TestJurisdiction.jurisdiction.stations[0].location
            let profile = try #require(TestJurisdiction.jurisdiction.units.first { $0.id == d1 }?.drone)
            let plan = MissionPlan.assess(
                droneId: d1, callSign: "D1", profile: profile, start: station, base: station, target: near.location,
                loiterMinutes: 5, battery: nil, planner: FlightPlanner(zones: [], altitude: profile.cruiseAltitude))
            let ended = try await store.execute(
                .startMission(id: UUID(), incidentId: near.id, plan: plan, authorisedZones: []), actor: .system
            ).change.mission.id
            _ = try await store.execute(.completeMission(missionId: ended), actor: .system)
            let flying = try await store.execute(
                .startMission(id: UUID(), incidentId: near.id, plan: plan, authorisedZones: []), actor: .system
            ).change.mission.id
            let picture = Data([0x89, 0x50, 0x4E, 0x47] + Array(repeating: UInt8(1), count: 60))
            let digest = String(repeating: "ab", count: 32)
            let finding = try #require(
                try await store.execute(
                    .addFinding(
                        missionId: flying, note: "fixture", location: nil,
                        snapshot: DroneFinding.Snapshot(contentType: "image/png", bytes: picture.count, sha256: digest),
                        id: UUID()),
                    actor: .system, snapshot: picture
                ).change.finding?.id)
            let n = near.id.uuidString, m = flying.uuidString, mEnded = ended.uuidString
            let visibleTo: [String: Set<String>] = [f: ["firefighting"], b: ["criminal-security"], n: ["firefighting"]]
            let probes: [Probe] = [
                Probe(method: .get, path: "/v1/incidents", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/incidents",
                    body: #"{"type":"FIRE-VEHICLE","location":{"lat":28,"lon":47}}"#,
                    need: .create, incident: nil, success: [201]),
                Probe(method: .get, path: "/v1/incidents/\(f)", body: nil, need: .read, incident: f, success: [200]),
                Probe(
                    method: .get, path: "/v1/incidents/\(b)", body: nil, need: .read, incident: b, success: [200],
                    purpose: true),
                Probe(
                    method: .get, path: "/v1/incidents/\(f)/timeline", body: nil, need: .read, incident: f,
                    success: [200]),
                Probe(
                    method: .get, path: "/v1/incidents/\(b)/timeline", body: nil, need: .read, incident: b,
                    success: [200]),
                Probe(
                    method: .get, path: "/v1/incidents/\(f)/assignments", body: nil, need: .read, incident: f,
                    success: [200]),
                Probe(
                    method: .post, path: "/v1/incidents/\(f)/status", body: #"{"status":"received"}"#, need: .dispatch,
                    incident: f, success: [409]),
                Probe(
                    method: .post, path: "/v1/incidents/\(b)/status", body: #"{"status":"received"}"#, need: .dispatch,
                    incident: b, success: [409]),
                Probe(
                    method: .post, path: "/v1/incidents/\(f)/notes", body: #"{"text":"  "}"#, need: .note,
                    incident: f, success: [422]),
                Probe(
                    method: .patch, path: "/v1/incidents/\(f)", body: #"{"priority":1,"reason":"same"}"#,
                    need: .reprioritise, incident: f, success: [409]),
                Probe(
                    method: .post, path: "/v1/incidents/\(f)/merge", body: #"{"into":"\#(f)"}"#, need: .merge,
                    incident: f, success: [422]),
                Probe(
                    method: .post, path: "/v1/incidents/\(f)/assignments", body: #"{"unitIds":[]}"#, need: .dispatch,
                    incident: f, success: [422]),
                Probe(
                    method: .delete, path: "/v1/incidents/\(f)/assignments/\(e1)", body: nil, need: .dispatch,
                    incident: f, success: [409]),
                Probe(
                    method: .post, path: "/v1/incidents/\(f)/shares", body: #"{"sector":"firefighting","reason":"x"}"#,
                    need: .share, incident: f, success: [409]),
                Probe(
                    method: .delete, path: "/v1/incidents/\(f)/shares/traffic?reason=x", body: nil, need: .share,
                    incident: f, success: [404]),
                Probe(method: .get, path: "/v1/units", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/units/\(e1)", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/units/\(e1)/track", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/units/\(e1)/status", body: #"{"status":"dispatched"}"#, need: .dispatch,
                    incident: nil, success: [409], unitSector: "firefighting"),
                Probe(
                    method: .post, path: "/v1/units/positions", body: #"{"positions":[]}"#, need: .positions,
                    incident: nil, success: [202]),
                Probe(
                    method: .get, path: "/v1/incidents/\(f)/recommendations", body: nil, need: .read, incident: f,
                    success: [200]),
                Probe(
                    method: .get, path: "/v1/incidents/\(b)/recommendations", body: nil, need: .read, incident: b,
                    success: [200]),
                Probe(
                    method: .post, path: "/v1/incidents/\(f)/recommendations/accept", body: #"{"unitIds":[]}"#,
                    need: .dispatch, incident: f, success: [422]),
                Probe(method: .get, path: "/v1/roads/closures", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/roads/closures", body: #"{"polygon":[],"reason":"x"}"#, need: .roads,
                    incident: nil, success: [422]),
                Probe(
                    method: .delete, path: "/v1/roads/closures/none", body: nil, need: .roads, incident: nil,
                    success: [404]),
                Probe(
                    method: .get, path: "/v1/roads/route?from=29.3,47.9&to=29.4,47.9", body: nil, need: .read,
                    incident: nil, success: [503]),
                Probe(
                    method: .get, path: "/v1/coverage?sector=firefighting", body: nil, need: .read, incident: nil,
                    success: [503]),
                Probe(method: .get, path: "/v1/sectors", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/incident-types", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/stations", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/jurisdiction", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/map", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/map/roads/12/2593/1699", body: nil, need: .read, incident: nil,
                    success: [200]),
                Probe(method: .get, path: "/v1/map/features", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/geojson/incidents", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/geojson/units", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/geojson/shelters", body: nil, need: .shelterRead, incident: nil,
                    success: [200]),
                Probe(method: .get, path: "/v1/geojson/alerts", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/geojson/cameras", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/geojson/sensors", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/admin/users", body: nil, need: .admin, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/admin/sessions?username=dispatcher", body: nil, need: .admin,
                    incident: nil,
                    success: [200]),
                Probe(
                    method: .post, path: "/v1/admin/users/nobody/unlock", body: nil, need: .admin, incident: nil,
                    success: [404]),
                Probe(method: .get, path: "/v1/audit/entries", body: nil, need: .audit, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/alerts", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/warnings", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/playbooks", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/playbooks/flood/activate", body: nil, need: .activate, incident: nil,
                    success: [409]),
                Probe(method: .get, path: "/v1/operations", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/operations/\(o)", body: nil, need: .read, incident: nil, success: [200],
                    operation: o),
                Probe(
                    method: .get, path: "/v1/operations/\(o)/report", body: nil, need: .read, incident: nil,
                    success: [200], operation: o),
                Probe(
                    method: .post, path: "/v1/operations/\(o)/tasks/none/acknowledge", body: nil, need: .tasks,
                    incident: nil, success: [404], operation: o),
                Probe(
                    method: .post, path: "/v1/operations/\(o)/tasks/none/complete", body: nil, need: .tasks,
                    incident: nil, success: [404], operation: o),
                Probe(
                    method: .post, path: "/v1/operations/\(d)/stand-down", body: nil, need: .activate, incident: nil,
                    success: [409], operation: d, operationSectors: ["firefighting"]),
                Probe(
                    method: .post, path: "/v1/alerts",
                    body: contentBody.replacingOccurrences(of: "Severe", with: "Dire"),
                    need: .alertDraft, incident: nil, success: [422]),
                Probe(
                    method: .get, path: "/v1/alerts/\(r)", body: nil, need: .read, incident: nil, success: [200],
                    draftAlert: r),
                Probe(
                    method: .get, path: "/v1/alerts/\(r)/cap", body: nil, need: .read, incident: nil, success: [200],
                    draftAlert: r),
                Probe(
                    method: .post, path: "/v1/alerts/\(r)/approve", body: nil, need: .alertApprove, incident: nil,
                    success: [409], draftAlert: r),
                Probe(
                    method: .post, path: "/v1/alerts/\(r)/reject", body: #"{"reason":"x"}"#, need: .alertApprove,
                    incident: nil, success: [409], draftAlert: r),
                Probe(
                    method: .post, path: "/v1/alerts/\(r)/update", body: contentBody, need: .alertDraft, incident: nil,
                    success: [409], draftAlert: r),
                Probe(
                    method: .post, path: "/v1/alerts/\(r)/cancel", body: #"{"note":"x"}"#, need: .alertDraft,
                    incident: nil, success: [409], draftAlert: r),
                Probe(method: .get, path: "/v1/alerts/\(p)", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/alerts/\(p)/approve", body: nil, need: .alertApprove, incident: nil,
                    success: [409]),
                Probe(method: .get, path: "/v1/shelters", body: nil, need: .shelterRead, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/shelters/nearest?at=29.37,47.98", body: nil, need: .shelterRead,
                    incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/shelters/nearest", body: #"{"origins":[{"lat":29.37,"lon":47.98}]}"#,
                    need: .shelterRead, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/shelters/hall", body: nil, need: .shelterRead, incident: nil,
                    success: [200]),
                Probe(
                    method: .post, path: "/v1/shelters", body: hallSite, need: .shelterManage, incident: nil,
                    success: [409], shelterSector: "firefighting"),
                Probe(
                    method: .post, path: "/v1/shelters/hall/open", body: nil, need: .shelterManage, incident: nil,
                    success: [409], shelterSector: "firefighting"),
                Probe(
                    method: .post, path: "/v1/shelters/club/close", body: nil, need: .shelterManage, incident: nil,
                    success: [409], shelterSector: "traffic"),
                Probe(
                    method: .put, path: "/v1/shelters/hall/supplies",
                    body: #"{"supplies":[{"item":"Not A Slug","onHand":1,"needed":1}]}"#, need: .shelterManage,
                    incident: nil, success: [422], shelterSector: "firefighting"),
                Probe(
                    method: .post, path: "/v1/shelters/hall/evacuees",
                    body: #"{"ageBand":"18-59","household":"not a code"}"#, need: .evacuees, incident: nil,
                    success: [422], shelterSector: "firefighting"),
                Probe(
                    method: .get, path: "/v1/shelters/hall/evacuees", body: nil, need: .shelterRead, incident: nil,
                    success: [200], shelterSector: "firefighting"),
                Probe(
                    method: .get, path: "/v1/evacuees/\(staying)", body: nil, need: .shelterRead, incident: nil,
                    success: [200], evacuee: staying),
                Probe(
                    method: .post, path: "/v1/evacuees/\(left)/check-out", body: nil, need: .evacuees, incident: nil,
                    success: [409], evacuee: left),
                Probe(
                    method: .post, path: "/v1/evacuees/\(staying)/transfer", body: #"{"shelterId":"hall"}"#,
                    need: .evacuees, incident: nil, success: [409], evacuee: staying),
                Probe(method: .get, path: "/v1/pfif", body: nil, need: .evacuees, incident: nil, success: [428]),
                Probe(method: .get, path: "/v1/drones", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/drones/\(d1)", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/drones/telemetry", body: #"{"reports":[]}"#, need: .positions,
                    incident: nil, success: [202]),
                Probe(
                    method: .post, path: "/v1/drones/missions/plan",
                    body: #"{"incidentId":"\#(n)","loiterMinutes":999}"#,
                    need: .flyDrones, incident: n, success: [422]),
                Probe(
                    method: .post, path: "/v1/drones/missions", body: #"{"incidentId":"\#(n)","droneId":"\#(d1)"}"#,
                    need: .flyDrones, incident: n, success: [409], unitSector: "firefighting"),
                Probe(method: .get, path: "/v1/drones/missions", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/drones/missions/\(m)", body: nil, need: .read, incident: nil,
                    success: [200], mission: m),
                Probe(
                    method: .post, path: "/v1/drones/missions/\(mEnded)/complete", body: nil, need: .flyDrones,
                    incident: nil, success: [409], mission: mEnded),
                Probe(
                    method: .post, path: "/v1/drones/missions/\(mEnded)/abort", body: #"{"reason":"fixture"}"#,
                    need: .flyDrones, incident: nil, success: [409], mission: mEnded),
                Probe(
                    method: .post, path: "/v1/drones/missions/\(m)/findings", body: #"{"note":"  "}"#,
                    need: .flyDrones, incident: nil, success: [422], mission: m),
                Probe(
                    method: .get, path: "/v1/drones/missions/\(m)/findings", body: nil, need: .read, incident: nil,
                    success: [200], mission: m),
                Probe(
                    method: .get, path: "/v1/drones/missions/\(m)/findings/\(finding)/snapshot", body: nil, need: .read,
                    incident: nil, success: [428], mission: m),
                Probe(method: .get, path: "/v1/airspace/zones", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .put, path: "/v1/airspace/zones", body: #"{"UASZoneList":[]}"#, need: .airspace,
                    incident: nil, success: [422]),
                Probe(
                    method: .delete, path: "/v1/airspace/zones/NONE", body: nil, need: .airspace, incident: nil,
                    success: [404]),
                Probe(method: .get, path: "/v1/cameras", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/cameras/junction", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .get, path: "/v1/cameras/depot/stream", body: nil, need: .read, incident: nil,
                    success: [428], camera: "depot"),
                Probe(
                    method: .get, path: "/v1/incidents/\(f)/cameras", body: nil, need: .read, incident: f,
                    success: [200]),
                Probe(method: .get, path: "/v1/sensors", body: nil, need: .read, incident: nil, success: [200]),
                Probe(method: .get, path: "/v1/sensors/gauge", body: nil, need: .read, incident: nil, success: [200]),
                Probe(
                    method: .post, path: "/v1/sensors/readings", body: #"{"readings":[]}"#, need: .positions,
                    incident: nil, success: [422]),
            ]
            // Every operation of the published document that takes an id must be probed here,
            // so a new route cannot skip the matrix.
            let document = try await client.call(.get, "/openapi.json").json
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            var unprobed: [String] = []
            for (template, operations) in paths where template.contains("{") && template.hasPrefix("/v1/") {
                let pattern =
                    "^"
                    + template.replacingOccurrences(
                        of: #"\{[^}]+\}"#, with: "[^/?]+",
                        options: .regularExpression) + "(\\?.*)?$"
                for method in operations.keys where ["get", "post", "patch", "put", "delete"].contains(method) {
                    let probed = probes.contains {
                        $0.method.rawValue.lowercased() == method
                            && $0.path.range(of: pattern, options: .regularExpression) != nil
                    }
                    if !probed && !Self.outsideMatrix.contains("\(method.uppercased()) \(template)") {
                        unprobed.append("\(method.uppercased()) \(template)")
                    }
                }
            }
            #expect(unprobed.isEmpty, "operations with an id that the matrix does not probe: \(unprobed.sorted())")
            var failures: [String] = []
            var cells = 0
            let started = ContinuousClock.now
            for (username, role, sector) in TestUsers.all {
                let token = try await client.login(username, at: harness.clock.now())
                let oversight = sector == "operations"
                for probe in probes {
                    var expected: Set<Int>
                    let visible =
                        (probe.incident.map { oversight || visibleTo[$0]!.contains(sector) } ?? true)
                        && (probe.draftAlert == nil || oversight || Self.alertHandlers.contains(role))
                        && (probe.operation == nil || oversight || probe.operationSectors.contains(sector))
                        && (probe.evacuee == nil || oversight || sector == "firefighting")
                        && (probe.mission == nil || oversight || sector == "firefighting")
                        && (probe.camera == nil || oversight || sector == "firefighting")
                    let reads = probe.need.readRoles.contains(role)
                    let namesObject =
                        probe.incident != nil || probe.draftAlert != nil || probe.operation != nil
                        || probe.evacuee != nil || probe.mission != nil || probe.camera != nil
                    let isRead = probe.need == .read || probe.need == .shelterRead
                    if isRead || namesObject, !reads, probe.need != .admin, probe.need != .audit {
                        expected = [403]
                    } else if !visible {
                        expected = [404]
                    } else if !probe.need.roles.contains(role) {
                        expected = [403]
                    } else if let unitSector = probe.unitSector, unitSector != sector, !oversight {
                        expected = [403]  // a unit obeys its own sector and oversight only
                    } else if let shelterSector = probe.shelterSector, shelterSector != sector, !oversight {
                        expected = [403]  // a shelter is run by its own sector and oversight
                    } else if probe.purpose && sector == "criminal-security" {
                        expected = [428]  // the owner must state a purpose to read restricted fields
                    } else {
                        expected = probe.success
                    }
                    let reply = try await client.call(probe.method, probe.path, token: token, body: probe.body)
                    cells += 1
                    if !expected.contains(reply.status.code) {
                        failures.append(
                            "\(username) (\(role.rawValue), \(sector)) \(probe.method) \(probe.path): got \(reply.status.code), expected \(expected.sorted()) — \(reply.text.prefix(160))"
                        )
                    }
                    // A hidden object answers exactly as an absent one, whatever the role and body.
                    if let incident = probe.incident ?? probe.draftAlert ?? probe.operation ?? probe.evacuee
                        ?? probe.mission ?? probe.camera, !visible,
                        expected == [404]
                    {
                        let absentPath = probe.path.replacingOccurrences(of: incident, with: UUID().uuidString)
                        let absent = try await client.call(probe.method, absentPath, token: token, body: probe.body)
                        cells += 1
                        if AttackProbeTests.withoutInstance(absent.text) != AttackProbeTests.withoutInstance(reply.text)
                        {
                            failures.append(
                                "\(username) \(probe.method) \(probe.path): hidden \(reply.text) ≠ absent \(absent.text)"
                            )
                        }
                    }
                    for field in ["back door forced"] where reply.text.contains(field) && sector != "criminal-security"
                    {
                        failures.append("\(username) \(probe.method) \(probe.path): restricted narrative in the reply")
                    }
                }
            }
            print(
                "access matrix (\(backend.rawValue)): \(probes.count) operations × \(TestUsers.all.count) accounts (roles × own/foreign/oversight sectors) = \(cells) requests in \(ContinuousClock.now - started)"
            )
            #expect(
                failures.isEmpty,
                Comment(rawValue: "\(failures.count) mismatches:\n" + failures.joined(separator: "\n")))
        }
    }

    /// Operations with an id outside the incident/unit matrix, each covered by its own tests.
    static let outsideMatrix: Set<String> = [
        "PATCH /v1/admin/users/{username}", "POST /v1/admin/users/{username}/password",
        "POST /v1/admin/users/{username}/totp", "DELETE /v1/admin/sessions/{id}",
        "GET /v1/audit/proof/inclusion/{leaf}", "GET /v1/audit/proof/consistency/{from}/{to}",
    ]

    @Test("lists show only what each sector may see, without restricted fields")
    func listsAreFiltered() async throws {
        try await ServerHarness.with { harness, client in
            let callTaker = try await client.login("calltaker")
            let fire = try await client.createIncident(token: callTaker, type: "FIRE-STRUCTURE")
            let crime = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body:
                    #"{"type":"CRIME-BURGLARY","location":{"lat":29.6,"lon":47.9},"narrative":"suspect on a white bike"}"#
            )
            let burglary = try crime.decode(Incident.self)
            #expect(burglary.narrative == nil, "even the call-taker's reply hides restricted fields")
            func ids(_ username: String) async throws -> Set<String> {
                let reply = try await client.call(
                    .get, "/v1/incidents", token: try await client.login(username, at: harness.clock.now()))
                return Set((reply.json["incidents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            }
            #expect(try await ids("fire.dispatcher") == [fire.id.uuidString])
            #expect(try await ids("cid.dispatcher") == [burglary.id.uuidString])
            #expect(try await ids("traffic.liaison") == [])
            #expect(try await ids("dispatcher") == [fire.id.uuidString, burglary.id.uuidString])
            // Sharing with Traffic makes it visible there, without the restricted narrative.
            let supervisor = try await client.login("supervisor")
            let shared = try await client.call(
                .post, "/v1/incidents/\(burglary.id)/shares", token: supervisor,
                body: #"{"sector":"traffic","reason":"road closure needed"}"#)
            #expect(shared.status == .created)
            #expect(try await ids("traffic.liaison") == [burglary.id.uuidString])
            let liaison = try await client.login("traffic.liaison")
            let seen = try await client.call(.get, "/v1/incidents/\(burglary.id)", token: liaison)
            #expect(seen.status == .ok)
            #expect(seen.json["narrative"] == nil)
            // Revoking ends it.
            #expect(
                try await client.call(
                    .delete, "/v1/incidents/\(burglary.id)/shares/traffic?reason=done",
                    token: supervisor
                ).status == .ok)
            #expect(try await client.call(.get, "/v1/incidents/\(burglary.id)", token: liaison).status == .notFound)
        }
    }

    @Test(
        "restricted reads need a purpose, are audited before the data leaves, and others cannot write restricted notes")
    func restrictedReads() async throws {
        try await ServerHarness.with { harness, client in
            let callTaker = try await client.login("calltaker")
            let created = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body:
                    #"{"type":"CRIME-BURGLARY","location":{"lat":29.6,"lon":47.9},"narrative":"suspect on a white bike","caller":{"name":"Aisha"}}"#
            )
            let id = try created.decode(Incident.self).id
            let owner = try await client.login("cid.dispatcher")
            let refused = try await client.call(.get, "/v1/incidents/\(id)", token: owner)
            #expect(refused.status.code == 428)
            #expect(refused.problemField == "X-Purpose")
            var headers = HTTPFields()
            headers[.init("X-Purpose")!] = "case 2026/118 follow-up"
            let read = try await client.call(.get, "/v1/incidents/\(id)", token: owner, headers: headers)
            #expect(read.status == .ok)
            #expect(read.json["narrative"] as? String == "suspect on a white bike")
            let audit = try await harness.services.store.events(after: 0, limit: 1000)
            let entry = try #require(audit.last { $0.type == "security.restrictedRead" })
            guard case .securityEvent(let security) = entry.payload else {
                Issue.record("not a security event"); return
            }
            #expect(security.purpose == "case 2026/118 follow-up")
            #expect(security.incidentId == id)
            #expect(entry.actor.username == "cid.dispatcher")
            // Operations sees the incident but not the restricted fields, and may not add notes.
            let ops = try await client.login("dispatcher")
            let opsView = try await client.call(.get, "/v1/incidents/\(id)", token: ops, headers: headers)
            #expect(opsView.status == .ok)
            #expect(opsView.json["narrative"] == nil && opsView.json["caller"] == nil)
            let note = try await client.call(.post, "/v1/incidents/\(id)/notes", token: ops, body: #"{"text":"seen"}"#)
            #expect(note.status == .forbidden)
            let denials = try await harness.services.store.events(after: 0, limit: 1000).filter {
                $0.type == "security.accessDenied"
            }
            #expect(denials.contains { $0.actor.username == "dispatcher" })
        }
    }

    @Test("objects of other sectors answer exactly like absent ones, and the denial is audited")
    func indistinguishable() async throws {
        try await ServerHarness.with { harness, client in
            let callTaker = try await client.login("calltaker")
            let burglary = try await client.createIncident(token: callTaker, type: "CRIME-BURGLARY")
            let fire = try await client.login("fire.dispatcher")
            let hidden = try await client.call(.get, "/v1/incidents/\(burglary.id)", token: fire)
            let absent = try await client.call(.get, "/v1/incidents/\(UUID())", token: fire)
            #expect(hidden.status == .notFound && absent.status == .notFound)
            #expect(hidden.text == absent.text)
            let write = try await client.call(
                .post, "/v1/incidents/\(burglary.id)/assignments", token: fire,
                body: #"{"unitIds":["\#(TestJurisdiction.unitID("E1"))"]}"#)
            #expect(write.status == .notFound)
            let denials = try await harness.services.store.events(after: 0, limit: 1000)
                .filter { $0.type == "security.accessDenied" && $0.actor.username == "fire.dispatcher" }
            #expect(denials.count == 2)
        }
    }
}
