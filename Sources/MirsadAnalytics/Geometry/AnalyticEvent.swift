import Foundation
import MirsadGeodesy

/// One incident as the analytics engine sees it: a planar position, an optional time and an
/// optional category (offence family). The `id` ties results (series members, alerts) back to
/// the platform's incidents.
public struct AnalyticEvent: Hashable, Codable, Sendable {
    public var id: String?
    public var position: PlanarPoint
    public var time: Date?
    public var category: String?

    public init(id: String? = nil, position: PlanarPoint, time: Date? = nil, category: String? = nil) {
        self.id = id
        self.position = position
        self.time = time
        self.category = category
    }
}

extension Date {
    /// Whole days since 1970-01-01 in UTC (the day a timestamp falls on), used where a method
    /// works in whole days such as the Near Repeat Calculator.
    var utcDayNumber: Int { Int((timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// Fractional days since 1970-01-01 UTC.
    var daysSinceEpoch: Double { timeIntervalSince1970 / 86_400 }
}
