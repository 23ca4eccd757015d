import Foundation
import MirsadGeodesy

/// A temporary change to the road network: a flooded underpass, an accident, a cordon.
/// Closures are applied to the live metric and affect every ETA computed afterwards until
/// they are removed.
public struct RoadClosure: Sendable, Hashable, Codable, Identifiable {
    /// Where the closure applies.
    public enum Area: Sendable, Hashable, Codable {
        /// Every road segment with any part inside the polygon, both directions.
        case polygon(GeoPolygon)
        /// Explicit road-graph edge ids (directed: close one carriageway only).
        case edges([Int])
    }

    /// What the closure does to the roads it covers.
    public enum Effect: Sendable, Hashable, Codable {
        /// No vehicle may drive there.
        case block
        /// Travel takes `factor` times as long (factor ≥ 1; 2 = half speed).
        case slowdown(factor: Double)
    }

    /// Caller-chosen identifier, used to remove the closure later.
    public var id: String
    public var area: Area
    public var effect: Effect

    public init(id: String, area: Area, effect: Effect) {
        self.id = id
        self.area = area
        self.effect = effect
    }
}

/// Why a closure was rejected.
public enum RoadClosureError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicateId(String)
    case unknownId(String)
    case invalidFactor(Double)
    case invalidPolygon(String)
    case edgeOutOfRange(Int)

    public var description: String {
        switch self {
        case .duplicateId(let id): "a closure with id \"\(id)\" is already active"
        case .unknownId(let id): "no active closure has id \"\(id)\""
        case .invalidFactor(let f): "slowdown factor must be a finite number ≥ 1, got \(f)"
        case .invalidPolygon(let why): "invalid closure polygon: \(why)"
        case .edgeOutOfRange(let e): "edge id \(e) does not exist in this network"
        }
    }
}

/// The outcome of applying or removing a closure.
public struct MetricUpdate: Sendable, Hashable {
    /// The closure applied or removed.
    public var closureId: String
    /// Directed road edges whose cost changed.
    public var affectedEdges: Int
    /// CCH arcs recomputed by the partial customization.
    public var recomputedArcs: Int
    /// Wall time from the call to the new metric being live.
    public var duration: Duration
}
