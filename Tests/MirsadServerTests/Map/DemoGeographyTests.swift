import MirsadDomain
import MirsadGeodesy
import MirsadSimulation
import Testing

@Suite("The demo city's outlines")
struct DemoGeographyTests {
    @Test("each governorate is outlined on land round its own centre, and no centre is in another's outline")
    func governorates() throws {
        let world = DemoWorld.make(seed: 42)
        try world.validate()
        let outlines = try world.governorates.map { governorate in
            (governorate, GeoPolygon(outer: try #require(governorate.boundary).map(\.geo)))
        }
        for (governorate, outline) in outlines {
            #expect(outline.contains(governorate.center.geo), "\(governorate.id) holds its centre")
            for other in world.governorates where other.id != governorate.id {
                #expect(!outline.contains(other.center.geo), "\(governorate.id) does not hold \(other.id)")
            }
            for point in governorate.boundary ?? [] {
                #expect(
                    point.lon <= DemoWorld.coastLongitude(atLatitude: point.lat) + 1e-6, "\(governorate.id) is on land")
            }
        }
        // Every station lies in some governorate's outline: the outlines cover the city.
        for station in world.stations {
            #expect(
                outlines.contains { $0.1.contains(station.location.geo) },
                "\(station.id) at \(station.location) is outlined")
        }
        let shoreline = try #require(world.shoreline)
        #expect(shoreline.lines.count == 1 && shoreline.water.count == 1)
        let sea = GeoPolygon(outer: shoreline.water[0].map(\.geo))
        #expect(!world.stations.contains { sea.contains($0.location.geo) }, "no station is at sea")
    }
}
