import Foundation
import MirsadGeodesy

/// The events an analysis runs on and how to read them — the common part of every
/// `POST /v1/analytics/...` request and of every `mirsad analyze` command.
///
/// `points` may be given inline; when nil the server fills them from stored incidents before
/// calling the engine. Coordinates are longitude/latitude for `EPSG:4326` (the default) and
/// metres otherwise. Dates in JSON are ISO 8601.
public struct AnalysisInput: Codable, Sendable, Equatable {
    public var points: [InputPoint]?
    /// `EPSG:4326` (default), `EPSG:326NN`, or any planar EPSG code.
    public var crs: String?
    /// `utm:ZONE{N|S}`; geographic input picks its zone when omitted.
    public var project: String?
    /// `[minx, miny, maxx, maxy]` in input coordinates.
    public var bbox: [Double]?
    /// Keep only points of this category (offence family).
    public var category: String?
    /// Keep only points at or after / before these times.
    public var from: Date?
    public var to: Date?
    /// Skip points that cannot be projected (e.g. latitude 200) instead of failing.
    public var skipInvalidPoints: Bool?

    public init(
        points: [InputPoint]? = nil, crs: String? = nil, project: String? = nil, bbox: [Double]? = nil,
        category: String? = nil, from: Date? = nil, to: Date? = nil, skipInvalidPoints: Bool? = nil
    ) {
        self.points = points
        self.crs = crs
        self.project = project
        self.bbox = bbox
        self.category = category
        self.from = from
        self.to = to
        self.skipInvalidPoints = skipInvalidPoints
    }

    /// Largest number of points one request may carry.
    public static let maximumPoints = 2_000_000

    /// Events ready for a method. `keepAllCategories` skips the category filter (the forecast
    /// needs every incident to define its study area).
    /// `skipInvalid` skips points that cannot be projected (counted in `invalidSkipped`)
    /// instead of failing; `locate` names point i in errors.
    public func prepare(
        keepAllCategories: Bool = false, skipInvalid: Bool = false,
        locate: (Int) -> String = { "input.points[\($0)]" }
    ) throws(AnalyticsError) -> PreparedEvents {
        guard let points else {
            throw .invalidField("input.points", "no points given (inline points are required here)")
        }
        guard points.count <= Self.maximumPoints else {
            throw .limitExceeded("input.points", "\(points.count) points exceeds \(Self.maximumPoints)")
        }
        let system = try CoordinateSystem(parsing: crs ?? "EPSG:4326", field: "input.crs")
        let zone: UTMZone?
        do {
            zone = try project.map { text throws(GeodesyError) in try UTMZone(parsing: text) }
        } catch {
            throw .invalidField("input.project", error.message)
        }
        var box: BoundingBox?
        if let bbox {
            guard bbox.count == 4 else { throw .invalidField("input.bbox", "expected [minx, miny, maxx, maxy]") }
            do {
                box = try BoundingBox(minX: bbox[0], minY: bbox[1], maxX: bbox[2], maxY: bbox[3])
            } catch {
                throw .invalidField("input.bbox", error.description)
            }
        }
        if let from, let to, from > to { throw .invalidField("input.from", "must not be after input.to") }
        var selected: [InputPoint] = []
        var indices: [Int] = []
        selected.reserveCapacity(points.count)
        for (index, point) in points.enumerated() {
            if !keepAllCategories, let category, point.category != category { continue }
            if let from, let time = point.time, time < from { continue }
            if let to, let time = point.time, time >= to { continue }
            if from != nil || to != nil, point.time == nil {
                throw .invalidField(locate(index) + ".time", "a time filter needs a time on every point")
            }
            selected.append(point)
            indices.append(index)
        }
        guard !selected.isEmpty else {
            throw .emptyInput(
                category.map { "no points of category '\($0)' in the selection" } ?? "no points in the selection")
        }
        let prepared = try EventPreparation.prepare(
            selected, crs: system, project: zone, bbox: box, skipInvalid: skipInvalid || (skipInvalidPoints ?? false),
            locate: { locate(indices[$0]) })
        guard !prepared.events.isEmpty else {
            throw .emptyInput(
                category.map { "no points of category '\($0)' in the selection" } ?? "no points in the selection")
        }
        return prepared
    }
}
