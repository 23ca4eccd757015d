import Foundation
import MirsadGeodesy
import Testing

@Suite("Geodesy")
struct GeodesyTests {
    let kuwaitTowers = GeoCoordinate(latitude: 29.3897, longitude: 48.0034)
    let liberationTower = GeoCoordinate(latitude: 29.3725, longitude: 47.9822)

    @Test("great-circle distance: a degree of latitude, and two Kuwait City landmarks")
    func distance() {
        let degree = GeoCoordinate(latitude: 0, longitude: 0).distance(to: GeoCoordinate(latitude: 1, longitude: 0))
        #expect(abs(degree - 111_195) < 1)
        let between = kuwaitTowers.distance(to: liberationTower)
        #expect(abs(between - 2_805) < 15, "\(between) m")
        #expect(kuwaitTowers.distance(to: kuwaitTowers) == 0)
    }

    @Test("bearings: due north, due east, and back again")
    func bearing() {
        let origin = GeoCoordinate(latitude: 29, longitude: 48)
        #expect(abs(origin.bearing(to: GeoCoordinate(latitude: 30, longitude: 48))) < 1e-9)
        #expect(abs(origin.bearing(to: GeoCoordinate(latitude: 29, longitude: 49)) - 89.76) < 0.01)
        let there = kuwaitTowers.bearing(to: liberationTower), back = liberationTower.bearing(to: kuwaitTowers)
        #expect(abs(abs(there - back) - 180) < 0.05)
        #expect((0..<360).contains(there))
    }

    @Test("a circle polygon lies at its radius, and a bounding box holds it")
    func circle() {
        let circle = GeoPolygon.circle(center: kuwaitTowers, radiusMeters: 500, segments: 48)
        #expect(circle.outer.count == 48)
        for vertex in circle.outer { #expect(abs(vertex.distance(to: kuwaitTowers) - 500) < 2.5) }
        let box = kuwaitTowers.boundingBox(meters: 500)
        for vertex in circle.outer {
            #expect(vertex.latitude >= box.min.latitude && vertex.latitude <= box.max.latitude)
            #expect(vertex.longitude >= box.min.longitude && vertex.longitude <= box.max.longitude)
        }
    }

    @Test("UTM: the zone of Kuwait, a round trip to the millimetre, and bad zones refused")
    func utm() throws {
        let zone = UTMZone.containing(kuwaitTowers)
        #expect(zone.description == "utm:39N" && zone.epsg == 32639)
        let projection = TransverseMercator(zone: zone)
        let back = projection.inverse(projection.forward(kuwaitTowers))
        #expect(back.distance(to: kuwaitTowers) < 0.001)
        #expect(throws: GeodesyError.self) { try UTMZone(parsing: "utm:61N") }
        let local = LocalProjection(referenceLatitude: 29.38)
        let a = local.project(kuwaitTowers), b = local.project(liberationTower)
        #expect(abs(a.euclideanDistance(to: b) - kuwaitTowers.distance(to: liberationTower)) < 5)
    }
}
