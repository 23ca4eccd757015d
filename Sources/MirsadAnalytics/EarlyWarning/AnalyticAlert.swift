import Foundation

/// An analytic alert for Criminal Security (and the owning sector): a new incident made a
/// near-repeat zone or joined an emerging series. Carries the evidence an analyst needs to
/// judge it without rerunning anything.
public struct AnalyticAlert: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case nearRepeat
        case emergingSeries
    }

    public enum Level: String, Codable, Sendable, Comparable {
        case elevated
        case high

        public static func < (a: Level, b: Level) -> Bool { a == .elevated && b == .high }
    }

    /// A related incident and how close it is to the new one.
    public struct Member: Codable, Sendable, Hashable {
        public let id: String
        public let time: Date
        /// Distance from the new incident, metres.
        public let distanceMetres: Double
        /// How long before the new incident it happened, hours (negative if after).
        public let hoursBefore: Double
    }

    /// Stable for one incident and kind: the platform can deduplicate on it.
    public let id: String
    public let kind: Kind
    public let level: Level
    public let family: String
    public let incidentId: String
    public let sector: String?
    public let raisedAt: Date
    /// Related incidents, nearest first (near repeat) or oldest first (series).
    public let members: [Member]
    /// Near repeat: the Knox ratio of the (distance, time) band; series: its member count.
    public let score: Double
    /// Monte-Carlo p-value of the Knox cell (near repeat only).
    public let pValue: Double?
    /// The search radius (metres) and window (days) the alert used.
    public let radiusMetres: Double
    public let windowDays: Double
    /// Series only: an id stable while the series grows (its first member's id).
    public let seriesKey: String?
    public let summary: LocalizedText
}
