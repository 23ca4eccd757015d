import Foundation
import HTTPTypes
import MirsadDomain
import MirsadGeo
import MirsadGeodesy
import MirsadServer
import MirsadTestSupport
import Testing

@Suite("Turn restrictions that a unit type may ignore")
struct TurnExemptionDispatchTests {
    /// A crossroads C 320 m east of the test incident's place W, with dead-end arms; turning
    /// left from the south arm into the west arm is forbidden.
    static let w = GeoCoordinate(latitude: 29.37, longitude: 47.98)
    static let c = GeoCoordinate(latitude: 29.37, longitude: 47.9833)
    static let s = GeoCoordinate(latitude: 29.367, longitude: 47.9833)
    static let n = GeoCoordinate(latitude: 29.373, longitude: 47.9833)
    static let e = GeoCoordinate(latitude: 29.37, longitude: 47.9866)

    static func engine() -> RoutingEngine {
        var b = RoadGraphBuilder()
        let ids = ["C": b.addNode(c), "N": b.addNode(n), "S": b.addNode(s), "E": b.addNode(e), "W": b.addNode(w)]
        for arm in ["N", "S", "E", "W"] {
            b.addEdge(from: ids["C"]!, to: ids[arm]!, speedKmh: 36, roadClass: .residential)
            b.addEdge(from: ids[arm]!, to: ids["C"]!, speedKmh: 36, roadClass: .residential)
        }
        let g = b.build(keeping: .all)
        func node(_ p: GeoCoordinate) -> Int {
            (0..<g.nodeCount).first { g.coordinate(of: $0).distance(to: p) < 0.01 }!
        }
        let left = TurnPair(from: g.edge(from: node(s), to: node(c))!, to: g.edge(from: node(c), to: node(w))!)
        return RoutingEngine(
            network: RoadNetwork(graph: g, rules: .car, restrictions: [RestrictedTurn(left, .noLeftTurn)]))
    }

    @Test("fire engines may turn left where patrol cars may not: their ETAs are each vehicle's own")
    func recommendations() async throws {
        var jurisdiction = TestJurisdiction.jurisdiction
        jurisdiction.turnRestrictionExemptions = ["fire-engine": ["no_left_turn"]]
        let roads = Self.engine()
        try await ServerHarness.with(roads: roads, jurisdiction: jurisdiction) { _, client in
            // The exempt metric was prepared when the server started, before any query.
            #expect(Set(roads.preparedExemptions) == [.none, TurnRestrictionExemption([.noLeftTurn])])
            let dispatcher = try await client.login("dispatcher")
            let reports = (1...4).flatMap { ["E\($0)", "P\($0)"] }.map {
                #"{"unitId":"\#(TestJurisdiction.unitID($0))","lat":\#(Self.s.latitude),"lon":\#(Self.s.longitude)}"#
            }
            let placed = try await client.call(
                .post, "/v1/units/positions", token: dispatcher,
                body: #"{"positions":[\#(reports.joined(separator: ","))]}"#)
            #expect(placed.status == .accepted)
            let incident = try await client.createIncident(token: try await client.login("calltaker"))
            let reply = try await client.call(.get, "/v1/incidents/\(incident.id)/recommendations", token: dispatcher)
            let recommendation = try reply.decode(Recommendation.self)
            #expect(recommendation.method == "road")

            let from = try #require(roads.snap(Self.s))
            let to = try #require(roads.snap(Self.w))
            let obeying = try #require(roads.travel(from: from, to: to))
            let exempt = try #require(
                roads.travel(from: from, to: to, exemption: TurnRestrictionExemption([.noLeftTurn])))
            #expect(obeying.seconds > exempt.seconds + 20)
            let engines = try #require(recommendation.requirements.first { $0.capability == "engine" })
            let patrols = try #require(recommendation.requirements.first { $0.capability == "patrol" })
            let engineETAs = (engines.recommended + engines.alternatives).map(\.etaSeconds)
            let patrolETAs = (patrols.recommended + patrols.alternatives).map(\.etaSeconds)
            #expect(!engineETAs.isEmpty && engineETAs.allSatisfy { abs($0 - exempt.seconds) < 0.5 }, "\(engineETAs)")
            #expect(!patrolETAs.isEmpty && patrolETAs.allSatisfy { abs($0 - obeying.seconds) < 0.5 }, "\(patrolETAs)")
        }
    }

    @Test("a jurisdiction names the restriction kinds the router knows")
    func names() throws {
        #expect(Jurisdiction.turnRestrictionNames == TurnRestriction.allCases.map(\.rawValue))
        for name in Jurisdiction.turnRestrictionNames {
            #expect(try TurnRestrictionExemption(names: [name]).kinds.count == 1)
        }
    }
}
