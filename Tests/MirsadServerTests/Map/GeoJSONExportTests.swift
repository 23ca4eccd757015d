import Foundation
import HTTPTypes
import MirsadDomain
import MirsadTestSupport
import Testing

@testable import MirsadServer

@Suite("GeoJSON export for GIS tools")
struct GeoJSONExportTests {
    static func features(_ reply: Reply) -> [[String: Any]] { reply.json["features"] as? [[String: Any]] ?? [] }

    @Test("a layer holds what the caller may see, as they may see it, with the place as the geometry")
    func needToKnow() async throws {
        try await ServerHarness.with { _, client in
            let callTaker = try await client.login("calltaker")
            let fire = try await client.createIncident(token: callTaker, type: "FIRE-STRUCTURE", lat: 29.36, lon: 47.97)
            let burglary = try await client.call(
                .post, "/v1/incidents", token: callTaker,
                body: #"{"type":"CRIME-BURGLARY","location":{"lat":29.6,"lon":47.9},"narrative":"a white bike"}"#
            ).decode(Incident.self)

            let fireLayer = try await client.call(
                .get, "/v1/geojson/incidents", token: try await client.login("fire.dispatcher"))
            #expect(fireLayer.status == .ok)
            #expect(fireLayer.json["type"] as? String == "FeatureCollection")
            let seen = Self.features(fireLayer)
            #expect(seen.compactMap { $0["id"] as? String } == [fire.id.uuidString], "Firefighting sees its fire only")
            let geometry = try #require(seen.first?["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            #expect(geometry["coordinates"] as? [Double] == [47.97, 29.36])
            let properties = try #require(seen.first?["properties"] as? [String: Any])
            #expect(properties["number"] as? String == fire.number)
            #expect(properties["location"] == nil, "the place is the geometry")

            let oversight = Self.features(
                try await client.call(.get, "/v1/geojson/incidents", token: try await client.login("supervisor")))
            let burglaryFeature = try #require(oversight.first { $0["id"] as? String == burglary.id.uuidString })
            let burglaryProperties = try #require(burglaryFeature["properties"] as? [String: Any])
            #expect(burglaryProperties["narrative"] == nil, "restricted fields never leave in an export")
            #expect(
                !(try await client.call(.get, "/v1/geojson/incidents", token: try await client.login("supervisor")))
                    .text.contains("white bike"))
        }
    }

    @Test(
        "units with a position, shelters for those who may read them, cameras without their streams, sensors; bad layers are refused"
    )
    func layers() async throws {
        try await ServerHarness.with { _, client in
            let dispatcher = try await client.login("dispatcher")
            let unit = TestJurisdiction.unitID("E1")
            let posted = try await client.call(
                .post, "/v1/units/positions", token: dispatcher,
                body: #"{"positions":[{"unitId":"\#(unit)","lat":29.371,"lon":47.981}]}"#)
            #expect(posted.status == .accepted)
            let units = Self.features(try await client.call(.get, "/v1/geojson/units", token: dispatcher))
            #expect(units.count == 1, "only units with a position")
            #expect((units.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [47.981, 29.371])
            #expect((units.first?["properties"] as? [String: Any])?["reportedAt"] is String)

            let shelters = try await client.call(
                .get, "/v1/geojson/shelters", token: try await client.login("shelter.staff"))
            #expect(shelters.status == .ok)
            #expect(Self.features(shelters).count == TestJurisdiction.jurisdiction.shelters.count)

            let cameras = try await client.call(.get, "/v1/geojson/cameras", token: dispatcher)
            #expect(Self.features(cameras).count == 2 && !cameras.text.contains("rtsp://"), "no stream addresses")
            let depot = Self.features(cameras).first { $0["id"] as? String == "depot" }
            #expect((depot?["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [47.982, 29.372])
            #expect((depot?["properties"] as? [String: Any])?["heading"] as? Double == 180)
            let sensors = Self.features(try await client.call(.get, "/v1/geojson/sensors", token: dispatcher))
            #expect(sensors.compactMap { $0["id"] as? String } == ["gauge", "panel"])

            let bad = try await client.call(.get, "/v1/geojson/roads", token: dispatcher)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.problemField == "layer")
            #expect(
                try await client.call(.get, "/v1/geojson/incidents?scope=some", token: dispatcher).problemField
                    == "scope")
            #expect(try await client.call(.get, "/v1/geojson/units").status == .unauthorized)
        }
    }

    @Test("an alert's circle becomes a closed 32-gon round its centre")
    func alertRings() throws {
        let rings = GeoJSONRoutes.rings(
            of: [PublicAlertArea(circles: [PublicAlertCircle(center: Coordinate(lat: 29.3, lon: 47.9), radiusKm: 5)])],
            catalog: JurisdictionIndex(TestJurisdiction.jurisdiction))
        #expect(rings.count == 1 && rings[0].count == 32)
        for point in rings[0] {
            let metres = Coordinate(lat: 29.3, lon: 47.9).distance(to: point)
            #expect(abs(metres - 5000) < 25, "\(metres) m from the centre")
        }
    }
}
