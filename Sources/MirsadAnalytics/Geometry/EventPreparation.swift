import Foundation
import MirsadGeodesy

/// A point as supplied by a caller (CSV row or JSON request), in the caller's coordinates.
public struct InputPoint: Codable, Sendable, Hashable {
    /// Longitude for `EPSG:4326`, easting in metres otherwise.
    public var x: Double
    /// Latitude for `EPSG:4326`, northing in metres otherwise.
    public var y: Double
    public var time: Date?
    public var category: String?
    public var id: String?

    public init(x: Double, y: Double, time: Date? = nil, category: String? = nil, id: String? = nil) {
        self.x = x
        self.y = y
        self.time = time
        self.category = category
        self.id = id
    }
}

/// Events projected to planar metres and filtered, ready for any method.
public struct PreparedEvents: Sendable {
    public let events: [AnalyticEvent]
    /// The planar system of `events` positions.
    public let crs: CoordinateSystem
    /// Points outside the bounding box (not an error).
    public let outsideBoundingBox: Int
    /// Points that could not be projected and were skipped (only when skipping is allowed).
    public let invalidSkipped: Int
}

/// Projects and filters input points: the single place where caller coordinates become the
/// planar metres every method uses.
public enum EventPreparation {
    /// - Parameters:
    ///   - points: input in `crs` coordinates.
    ///   - crs: the input system.
    ///   - project: UTM zone to project to (geographic input picks one itself when nil).
    ///   - bbox: keep only points inside this box, in input coordinates (degrees for WGS84).
    ///   - skipInvalid: skip points that cannot be projected instead of failing.
    ///   - locate: names point `i` in error messages (e.g. "line 12" or "points[3]").
    public static func prepare(
        _ points: [InputPoint], crs: CoordinateSystem, project: UTMZone?, bbox: BoundingBox?,
        skipInvalid: Bool = false, locate: (Int) -> String = { "points[\($0)]" }
    ) throws(AnalyticsError) -> PreparedEvents {
        let sample = points.first { point in
            crs != .wgs84 || GeoCoordinate(latitude: point.y, longitude: point.x).isValid
        }
        if crs == .wgs84, project == nil, sample == nil {
            guard let first = points.first else { throw .emptyInput("no points") }
            guard skipInvalid else {
                throw .invalidField(locate(0), "(\(first.x), \(first.y)) is not a longitude/latitude pair")
            }
            return PreparedEvents(events: [], crs: crs, outsideBoundingBox: 0, invalidSkipped: points.count)
        }
        let projection = try InputProjection(source: crs, project: project, sample: sample.map { ($0.x, $0.y) })
        var events: [AnalyticEvent] = []
        events.reserveCapacity(points.count)
        var outside = 0
        var invalid = 0
        for (index, point) in points.enumerated() {
            if let bbox, !bbox.contains(x: point.x, y: point.y) {
                outside += 1
                continue
            }
            do throws(AnalyticsError) {
                let position = try projection.project(x: point.x, y: point.y)
                events.append(
                    AnalyticEvent(id: point.id, position: position, time: point.time, category: point.category))
            } catch {
                guard skipInvalid else {
                    throw .invalidField(locate(index), error.description)
                }
                invalid += 1
            }
        }
        return PreparedEvents(
            events: events, crs: projection.target, outsideBoundingBox: outside, invalidSkipped: invalid)
    }
}
