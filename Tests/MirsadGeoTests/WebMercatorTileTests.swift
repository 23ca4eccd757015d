import MirsadGeo
import MirsadGeodesy
import Testing

@Suite("Web-Mercator tiles")
struct WebMercatorTileTests {
    @Test("tile numbers match the slippy-map formula, and a tile's corners fall in it")
    func numbering() throws {
        // Kuwait City at zoom 12 and the origin tiles: reference values of the OSM tile formula.
        let kuwait = WebMercatorTile(containing: GeoCoordinate(latitude: 29.30, longitude: 47.95), z: 12)
        #expect((kuwait.x, kuwait.y) == (2593, 1699))
        let greenwich = WebMercatorTile(containing: GeoCoordinate(latitude: 51.4779, longitude: -0.0015), z: 10)
        #expect((greenwich.x, greenwich.y) == (511, 340))
        #expect(WebMercatorTile(containing: GeoCoordinate(latitude: 89, longitude: 179.99), z: 2).y == 0)
        let (southWest, northEast) = kuwait.bounds
        let inside = GeoCoordinate(
            latitude: (southWest.latitude + northEast.latitude) / 2,
            longitude: (southWest.longitude + northEast.longitude) / 2)
        #expect(WebMercatorTile(containing: inside, z: 12) == kuwait)
        #expect(northEast.longitude - southWest.longitude == 360.0 / 4096)
    }

    @Test("ancestors and descendants nest; numbers off the map are refused")
    func nesting() throws {
        let tile = try #require(WebMercatorTile(z: 12, x: 2593, y: 1699))
        #expect(tile.ancestor(atZoom: 10) == WebMercatorTile(z: 10, x: 648, y: 424))
        let children = tile.descendants(atZoom: 14)
        #expect(children.count == 16)
        #expect(children.allSatisfy { $0.ancestor(atZoom: 12) == tile })
        #expect(WebMercatorTile(z: 3, x: 8, y: 0) == nil)
        #expect(WebMercatorTile(z: 3, x: 0, y: -1) == nil)
        #expect(WebMercatorTile(z: 23, x: 0, y: 0) == nil)
    }
}
