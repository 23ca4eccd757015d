import Foundation
import MirsadGeodesy

/// A fixed-point position (1e-7 degrees) as stored in OSM PBF and in `.mroads` files.
struct FixedCoordinate: Hashable, Sendable {
    var latE7: Int32
    var lonE7: Int32

    init(latE7: Int32, lonE7: Int32) {
        self.latE7 = latE7
        self.lonE7 = lonE7
    }

    init(_ c: GeoCoordinate) {
        latE7 = Int32((c.latitude * 1e7).rounded())
        lonE7 = Int32((c.longitude * 1e7).rounded())
    }

    var geo: GeoCoordinate {
        GeoCoordinate(latitude: Double(latE7) * 1e-7, longitude: Double(lonE7) * 1e-7)
    }
}

extension LocalProjection {
    func project(latE7: Int32, lonE7: Int32) -> PlanarPoint {
        PlanarPoint(x: Double(lonE7) * 1e-7 * metersPerDegreeLon, y: Double(latE7) * 1e-7 * metersPerDegreeLat)
    }
}
