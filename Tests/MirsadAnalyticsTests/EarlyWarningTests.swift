import Foundation
import MirsadAnalytics
import MirsadGeodesy
import MirsadTestSupport
import Testing

@Suite("Early warning")
struct EarlyWarningTests {
    static let t0 = Date(timeIntervalSince1970: 1_480_000_000)

    static func incident(_ id: String, _ family: String, x: Double, y: Double, daysAfter: Double) -> IncidentObservation
    {
        IncidentObservation(
            id: id, family: family, location: .planar(PlanarPoint(x: x, y: y)),
            time: t0.addingTimeInterval(daysAfter * 86_400), sector: "S1")
    }

    /// A burglary profile where 0–100 m, 0–6 days is strongly elevated (hand-made table).
    static func handProfile(ratio: Double, p: Double) -> NearRepeatProfile {
        let options = KnoxTest.Options(
            distanceBand: 100, distanceBands: 4, timeBand: 7, timeBands: 4, metric: .euclidean, permutations: 99)
        var cells: [KnoxTest.Cell] = []
        for d in 0...5 {
            for t in 0...4 {
                let elevated = d == 1 && t == 0
                cells.append(
                    .init(
                        distanceBand: d, timeBand: t, observed: elevated ? Int(10 * ratio) : 10, expected: 10,
                        knoxRatio: elevated ? ratio : 1, p: elevated ? p : 0.5))
            }
        }
        return NearRepeatProfile(
            family: "burglary", table: .init(options: options, eventCount: 500, pairCount: 124_750, cells: cells),
            builtAt: t0)
    }

    @Test("a burglary next to a recent one in an elevated band raises a bilingual near-repeat alert")
    func nearRepeat() throws {
        let detector = EarlyWarningDetector(
            profiles: ["burglary": Self.handProfile(ratio: 3.2, p: 0.01)],
            familyNames: ["burglary": .init(english: "burglary", arabic: "سطو")])
        let recent = [
            Self.incident("a", "burglary", x: 1_000, y: 1_000, daysAfter: 0),
            Self.incident("b", "burglary", x: 1_150, y: 1_000, daysAfter: 1),
            Self.incident("far", "burglary", x: 5_000, y: 1_000, daysAfter: 1),
            Self.incident("old", "burglary", x: 1_010, y: 1_000, daysAfter: -30),
            Self.incident("other", "robbery", x: 1_000, y: 1_010, daysAfter: 1),
        ]
        let new = Self.incident("new", "burglary", x: 1_060, y: 1_000, daysAfter: 2)
        let alerts = detector.alerts(for: new, recent: recent)
        let alert = try #require(alerts.first { $0.kind == .nearRepeat })
        #expect(alert.members.map(\.id) == ["a", "b"])
        #expect(abs(alert.members[0].distanceMetres - 60) < 1e-9)
        #expect(abs(alert.members[0].hoursBefore - 48) < 1e-9)
        #expect(alert.score == 3.2 && alert.pValue == 0.01)
        #expect(alert.level == .high)
        #expect(alert.sector == "S1" && alert.id == "nearRepeat:new")
        #expect(alert.summary.english.hasPrefix("Near-repeat risk: burglary 60 m and 2.0 days from 2 earlier"))
        #expect(alert.summary.arabic.contains("سطو") && alert.summary.arabic.contains("خطر تكرار قريب"))
    }

    @Test("no alert when the band is not elevated, the family has no profile, or nothing is near")
    func quietCases() {
        let flat = EarlyWarningDetector(profiles: ["burglary": Self.handProfile(ratio: 1.05, p: 0.3)])
        let prior = [Self.incident("a", "burglary", x: 0, y: 0, daysAfter: 0)]
        #expect(flat.alerts(for: Self.incident("n", "burglary", x: 50, y: 0, daysAfter: 1), recent: prior).isEmpty)
        let strong = EarlyWarningDetector(profiles: ["burglary": Self.handProfile(ratio: 3, p: 0.01)])
        #expect(
            strong.alerts(
                for: Self.incident("n", "robbery", x: 50, y: 0, daysAfter: 1),
                recent: [Self.incident("a", "robbery", x: 0, y: 0, daysAfter: 0)]
            ).isEmpty)
        #expect(strong.alerts(for: Self.incident("n", "burglary", x: 450, y: 0, daysAfter: 1), recent: prior).isEmpty)
        #expect(strong.alerts(for: Self.incident("n", "burglary", x: 50, y: 0, daysAfter: 20), recent: prior).isEmpty)
        var lenient = strong
        lenient.nearRepeat.requireProfile = false
        let alerts = lenient.alerts(
            for: Self.incident("n", "robbery", x: 50, y: 0, daysAfter: 1),
            recent: [Self.incident("a", "robbery", x: 0, y: 0, daysAfter: 0)])
        #expect(alerts.count == 1 && alerts[0].pValue == nil && alerts[0].level == .elevated)
    }

    @Test("the fourth burglary of a tight run raises an emerging-series alert with every member")
    func emergingSeries() throws {
        var detector = EarlyWarningDetector()
        detector.nearRepeat.enabled = false
        let recent = (0..<3).map {
            Self.incident("s\($0)", "burglary", x: 2_000 + Double($0) * 120, y: 3_000, daysAfter: Double($0) * 3)
        }
        #expect(detector.alerts(for: recent[2], recent: Array(recent[0..<2])).isEmpty)
        let fourth = Self.incident("s3", "burglary", x: 2_200, y: 3_100, daysAfter: 8)
        let alert = try #require(detector.alerts(for: fourth, recent: recent).first)
        #expect(alert.kind == .emergingSeries)
        #expect(alert.members.map(\.id) == ["s0", "s1", "s2", "s3"])
        #expect(alert.seriesKey == "s0" && alert.score == 4 && alert.level == .elevated)
        #expect(alert.summary.english.hasPrefix("Emerging series: 4 burglary incidents"))
        #expect(alert.summary.arabic.hasPrefix("سلسلة ناشئة: 4"))
    }

    @Test("geographic incidents are projected; detector and alerts survive JSON")
    func geographicAndCodable() throws {
        let base = GeoCoordinate(latitude: 29.76, longitude: -95.37)
        func at(_ id: String, dLat: Double, days: Double) -> IncidentObservation {
            IncidentObservation(
                id: id, family: "burglary",
                location: .geographic(.init(latitude: base.latitude + dLat, longitude: base.longitude)),
                time: Self.t0.addingTimeInterval(days * 86_400))
        }
        let detector = EarlyWarningDetector(profiles: ["burglary": Self.handProfile(ratio: 2.5, p: 0.02)])
        // 0.0005° of latitude ≈ 55 m.
        let alerts = detector.alerts(for: at("n", dLat: 0.0005, days: 3), recent: [at("p", dLat: 0, days: 0)])
        let alert = try #require(alerts.first)
        #expect(abs(alert.members[0].distanceMetres - 55.4) < 0.5)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(AnalyticAlert.self, from: encoder.encode(alert)) == alert)
        #expect(try decoder.decode(EarlyWarningDetector.self, from: encoder.encode(detector)) == detector)
        let json =
            #"{"id":"x","family":"burglary","location":{"latitude":29.7,"longitude":-95.3},"time":"2016-01-02T03:04:05Z"}"#
        let decoded = try decoder.decode(IncidentObservation.self, from: Data(json.utf8))
        #expect(decoded.location == .geographic(.init(latitude: 29.7, longitude: -95.3)))
    }

    @Test(
        "Chicago burglary history shows a significant near-repeat band, and replaying the last month raises alerts",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func chicagoReplay() throws {
        let url = try #require(SharedData.file("crime/chicago_burglary_2016_epsg26971.csv"))
        let table = try EventCSVReader(
            options: .init(xColumn: "X", yColumn: "Y", timeColumn: "date", skipBadRows: true)
        ).read(contentsOf: url)
        #expect(table.skippedCount == 1)
        let incidents = table.rows.enumerated().compactMap { index, row -> IncidentObservation? in
            guard let time = row.time else { return nil }
            return IncidentObservation(
                id: "c\(index)", family: "burglary", location: .planar(.init(x: row.x, y: row.y)), time: time)
        }.sorted { $0.time < $1.time }
        let cut = try #require(TimestampParser.parse("2016-12-01"))
        let history = incidents.filter { $0.time < cut }
        let profiles = try EarlyWarningDetector.buildProfiles(history: history, permutations: 99)
        let profile = try #require(profiles["burglary"])
        let closest = try #require(profile.cell(distance: 50, days: 2))
        #expect(try #require(closest.knoxRatio) > 1.2 && closest.p <= 0.05)
        let detector = EarlyWarningDetector(profiles: profiles)
        var window = history.filter { $0.time >= cut.addingTimeInterval(-60 * 86_400) }
        var nearRepeats = 0
        var seriesAlerts = 0
        for incident in incidents where incident.time >= cut {
            for alert in detector.alerts(for: incident, recent: window) {
                if alert.kind == .nearRepeat { nearRepeats += 1 } else { seriesAlerts += 1 }
                #expect(alert.members.allSatisfy { $0.hoursBefore >= 0 })
            }
            window.append(incident)
        }
        #expect(nearRepeats > 0)
        #expect(nearRepeats < incidents.filter { $0.time >= cut }.count / 2)
        _ = seriesAlerts
    }
}
