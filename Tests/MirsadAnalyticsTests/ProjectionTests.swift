import Foundation
import MirsadAnalytics
import MirsadGeodesy
import Testing

@Suite("WGS84 ⇄ UTM")
struct ProjectionTests {
    /// Reference values from PROJ 9 (pyproj 3.7, EPSG:4326 → EPSG:326NN/327NN).
    static let proj: [(lon: Double, lat: Double, epsg: Int, x: Double, y: Double)] = [
        (-95.4373883, 29.6779015, 32615, 264127.5728539756, 3285580.116675703),
        (-95.0, 30.2, 32615, 307473.14030290896, 3342638.004471982),
        (-95.9, 29.5, 32615, 218847.98105312383, 3266888.990979051),
        (-87.6298, 41.8781, 32616, 447741.9167171852, 4636433.68398047),
        (151.2093, -33.8688, 32756, 334368.633648097, 6250948.345385009),
        (2.2945, 48.8584, 32631, 448252.0013753649, 5411954.909947274),
        (-70.6693, -33.4489, 32719, 344846.72031010315, 6297700.155609685),
        (-93.0, 0.0, 32615, 499999.9999999986, 0.0),
        (-97.9, 29.1, 32615, 22891.923059784982, 3229002.247251216),  // 4.9° off the meridian
        (46.6753, 24.7136, 32638, 669459.6216098682, 2734271.6718420503),
    ]

    @Test("forward projection agrees with PROJ to a micrometre", arguments: proj.indices)
    func forwardMatchesProj(index: Int) throws {
        let r = Self.proj[index]
        let zone = try #require(UTMZone(epsg: r.epsg))
        let p = TransverseMercator(zone: zone).forward(GeoCoordinate(latitude: r.lat, longitude: r.lon))
        #expect(abs(p.x - r.x) < 1e-6)
        #expect(abs(p.y - r.y) < 1e-6)
    }

    @Test("inverse projection returns the input to 1e-10 degrees", arguments: proj.indices)
    func inverseRoundTrips(index: Int) throws {
        let r = Self.proj[index]
        let zone = try #require(UTMZone(epsg: r.epsg))
        let g = TransverseMercator(zone: zone).inverse(PlanarPoint(x: r.x, y: r.y))
        #expect(abs(g.latitude - r.lat) < 1e-10)
        #expect(abs(g.longitude - r.lon) < 1e-10)
    }

    @Test("zones parse from text and EPSG codes and reject nonsense")
    func zoneParsing() throws {
        #expect(try UTMZone(parsing: "utm:15N").epsg == 32615)
        #expect(try UTMZone(parsing: "33s").epsg == 32733)
        #expect(UTMZone.containing(GeoCoordinate(latitude: 29.7, longitude: -95.4)).epsg == 32615)
        #expect(throws: GeodesyError.self) { try UTMZone(parsing: "utm:61N") }
        #expect(throws: GeodesyError.self) { try UTMZone(parsing: "utm:15X") }
        #expect(try CoordinateSystem(parsing: "EPSG:4326") == .wgs84)
        #expect(try CoordinateSystem(parsing: "EPSG:26971") == .planar(epsg: 26971))
        #expect(try CoordinateSystem(parsing: "epsg:32615") == .utm(UTMZone(parsing: "15N")))
        #expect(throws: AnalyticsError.self) { try CoordinateSystem(parsing: "WGS84") }
    }

    @Test("planar input cannot be projected, and out-of-range degrees are reported")
    func projectionErrors() throws {
        #expect(
            throws: AnalyticsError.invalidField(
                "project", "cannot re-project EPSG:26971 to utm:16N: only EPSG:4326 and UTM input can be projected")
        ) {
            try InputProjection(source: .planar(epsg: 26971), project: UTMZone(parsing: "16N"), sample: nil)
        }
        let projection = try InputProjection(source: .wgs84, project: nil, sample: (x: -95.4, y: 29.7))
        #expect(projection.target == .utm(try UTMZone(parsing: "15N")))
        #expect(throws: AnalyticsError.self) { try projection.project(x: 29.7, y: -195.4) }
    }
}
