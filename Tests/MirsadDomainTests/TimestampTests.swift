import Foundation
import MirsadDomain
import Testing

@Suite("Timestamps in JSON")
struct TimestampTests {
    @Test("written with milliseconds in UTC and read back unchanged, whatever the date")
    func roundTrip() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let milliseconds = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &random)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = MirsadJSON.formatTimestamp(date)
            #expect(text.count == 24 && text.hasSuffix("Z"))
            let back = try #require(MirsadJSON.parseTimestamp(text), "\(text)")
            #expect(Int64((back.timeIntervalSince1970 * 1000).rounded()) == milliseconds, "\(text)")
        }
        #expect(
            MirsadJSON.formatTimestamp(Date(timeIntervalSince1970: 1_795_000_000.123)) == "2026-11-18T11:06:40.123Z")
    }

    @Test("other ISO 8601 forms are accepted; impossible dates in the written form and garbage are not")
    func otherForms() {
        #expect(MirsadJSON.parseTimestamp("2026-11-29T13:45:00Z") == Date(timeIntervalSince1970: 1_795_959_900))
        #expect(
            MirsadJSON.parseTimestamp("2026-11-29T16:45:00.500+03:00") == Date(timeIntervalSince1970: 1_795_959_900.5))
        for bad in [
            "2026-02-31T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-11-29T25:00:00.000Z",
            "2026-11-29 13:45:00.000Z", "yesterday", "",
        ] {
            #expect(MirsadJSON.parseTimestamp(bad) == nil, "\(bad)")
        }
    }
}
