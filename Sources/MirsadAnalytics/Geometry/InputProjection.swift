import Foundation
import MirsadGeodesy

/// Turns raw input coordinates into the planar metres every analysis works in.
///
/// - Geographic input (`EPSG:4326`) is projected to the requested UTM zone, or to the zone of
///   the first valid point when none is requested.
/// - UTM input can be re-projected to another UTM zone (through WGS84).
/// - Other planar input is used unchanged; asking to project it is an error because its
///   definition is unknown to the engine.
public struct InputProjection: Sendable, Hashable {
    /// The system the raw coordinates are in.
    public let source: CoordinateSystem
    /// The planar system the analysis runs in.
    public let target: CoordinateSystem

    /// - Parameters:
    ///   - source: the input system.
    ///   - project: the UTM zone to project to (`--project utm:15N`), or nil for the default.
    ///   - sample: a representative input coordinate (x, y as read) used to pick a zone for
    ///     geographic input when `project` is nil.
    public init(source: CoordinateSystem, project: UTMZone?, sample: (x: Double, y: Double)?) throws(AnalyticsError) {
        self.source = source
        switch source {
        case .wgs84:
            if let project {
                target = .utm(project)
            } else if let sample {
                target = .utm(UTMZone.containing(GeoCoordinate(latitude: sample.y, longitude: sample.x)))
            } else {
                throw .emptyInput("no coordinate to choose a UTM zone from; pass project=utm:ZONE{N|S}")
            }
        case .utm(let zone):
            target = .utm(project ?? zone)
        case .planar:
            if let project {
                throw .invalidField(
                    "project",
                    "cannot re-project \(source) to \(project): only EPSG:4326 and UTM input can be projected")
            }
            target = source
        }
    }

    /// Projects one raw coordinate pair; throws when it is not a valid position.
    public func project(x: Double, y: Double) throws(AnalyticsError) -> PlanarPoint {
        guard x.isFinite, y.isFinite else {
            throw .invalidField("coordinates", "non-finite coordinate (\(x), \(y))")
        }
        switch (source, target) {
        case (.wgs84, .utm(let zone)):
            let coordinate = GeoCoordinate(latitude: y, longitude: x)
            guard coordinate.isValid else {
                throw .invalidField("coordinates", "(\(x), \(y)) is not a longitude/latitude pair")
            }
            return TransverseMercator(zone: zone).forward(coordinate)
        case (.utm(let from), .utm(let to)) where from != to:
            let geographic = TransverseMercator(zone: from).inverse(PlanarPoint(x: x, y: y))
            return TransverseMercator(zone: to).forward(geographic)
        default:
            return PlanarPoint(x: x, y: y)
        }
    }
}
