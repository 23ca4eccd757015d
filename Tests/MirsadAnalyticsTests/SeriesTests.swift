import Foundation
import MirsadAnalytics
import MirsadGeodesy
import Testing

@Suite("Series detection (ST-DBSCAN)")
struct SeriesTests {
    static let day = 86_400.0

    static func event(_ id: String, _ x: Double, _ y: Double, day: Double, _ category: String = "burglary")
        -> AnalyticEvent
    {
        AnalyticEvent(
            id: id, position: PlanarPoint(x: x, y: y),
            time: Date(timeIntervalSince1970: 1_700_000_000 + day * Self.day), category: category)
    }

    @Test("a tight run of burglaries is one emerging series; scattered and old ones are not")
    func findsSeries() throws {
        var events: [AnalyticEvent] = []
        // Old series: days 0...6 around (0, 0).
        for k in 0..<5 { events.append(Self.event("old\(k)", Double(k) * 50, 0, day: Double(k) * 1.5)) }
        // Emerging series: days 50...58 around (5000, 5000).
        for k in 0..<6 {
            events.append(
                Self.event("new\(k)", 5_000 + Double(k % 3) * 80, 5_000 + Double(k / 3) * 90, day: 50 + Double(k) * 1.6)
            )
        }
        // Noise: far apart in space or time.
        for k in 0..<8 { events.append(Self.event("noise\(k)", Double(k) * 3_000, 10_000, day: Double(k) * 7)) }
        // Same place and time as the emerging series but another family.
        for k in 0..<3 { events.append(Self.event("robbery\(k)", 5_010, 5_010, day: 55 + Double(k), "robbery")) }
        let series = try SeriesDetector.detect(
            events, options: .init(spatialRadius: 300, temporalWindow: 5, minimumMembers: 3, emergingWithin: 7))
        #expect(series.count == 3)
        let first = try #require(series.first)
        #expect(first.isEmerging)
        // Robbery and burglary series both end recently; the burglary one is larger.
        let burglary = try #require(series.first { $0.category == "burglary" && $0.isEmerging })
        #expect(burglary.memberIds == (0..<6).map { "new\($0)" })
        #expect(burglary.recentMembers >= 4)
        #expect(burglary.radius < 200)
        let old = try #require(series.first { $0.memberIds.first == "old0" })
        #expect(!old.isEmerging && old.size == 5)
        #expect(!series.contains { $0.memberIds.contains { $0.hasPrefix("noise") } })
        #expect(series.map(\.id) == [1, 2, 3])
    }

    @Test("families merge when asked, and undated events are refused")
    func options() throws {
        let events = (0..<4).map { Self.event("e\($0)", Double($0) * 10, 0, day: Double($0), $0 % 2 == 0 ? "a" : "b") }
        #expect(try SeriesDetector.detect(events, options: .init(minimumMembers: 3)).isEmpty)
        #expect(
            try SeriesDetector.detect(events, options: .init(minimumMembers: 3, separateCategories: false)).count == 1)
        #expect(throws: AnalyticsError.invalidField("points[0].time", "series detection needs a time for every event"))
        {
            try SeriesDetector.detect([AnalyticEvent(position: .init(x: 0, y: 0))])
        }
        #expect(throws: AnalyticsError.invalidField("minimumMembers", "must be 2...10000")) {
            try SeriesDetector.detect(events, options: .init(minimumMembers: 1))
        }
    }
}
