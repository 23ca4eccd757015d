import Foundation
import MirsadAudit

/// A CAP date-time: `2026-12-02T09:30:00+03:00`, always with a numeric offset (`Z` is not
/// allowed; UTC is `-00:00`) and no fractional seconds, as the 1.2 schema's pattern requires.
/// The text is kept as written, offset included, so the sender's local time survives.
public struct CAPDateTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let text: String
    public let date: Date

    /// Reads the text; nil when it is not a valid CAP date-time.
    public init?(_ text: String) {
        guard let date = Self.parse(text) else { return nil }
        self.text = text
        self.date = date
    }

    /// The instant written with the given offset from UTC (in seconds; whole minutes).
    public init(_ date: Date, offsetSeconds: Int = 0) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let local = seconds + offsetSeconds
        let days = Int(CivilCalendar.floorDiv(Int64(local), 86_400))
        let secondOfDay = local - days * 86_400
        let (y, m, d) = CivilCalendar.civil(fromDays: Int64(days))
        let sign = offsetSeconds > 0 ? "+" : "-"
        let offset = abs(offsetSeconds) / 60
        text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", y, m, d, secondOfDay / 3600, secondOfDay / 60 % 60,
            secondOfDay % 60, sign, offset / 60, offset % 60)
        self.date = Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = CAPDateTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "\"\(text)\" is not a CAP date-time (YYYY-MM-DDThh:mm:ss±hh:mm)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    public var description: String { text }

    public static func < (a: CAPDateTime, b: CAPDateTime) -> Bool { a.date < b.date }
    public static func == (a: CAPDateTime, b: CAPDateTime) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// `YYYY-MM-DDThh:mm:ss±hh:mm` with every field in range (an `xs:dateTime` that matches the
    /// schema's pattern). Byte by byte: feeds are read at thousands of messages a second.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 25 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[22] == 0x3A,
            b[19] == 0x2B || b[19] == 0x2D,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), let offsetHours = number(20, 2),
            let offsetMinutes = number(23, 2)
        else { return nil }
        guard year >= 1, (1...12).contains(month), day >= 1,
            Int64(day) <= CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month)),
            minute <= 59, second <= 59, hour <= 23 || (hour == 24 && minute == 0 && second == 0),
            offsetMinutes <= 59, offsetHours < 14 || (offsetHours == 14 && offsetMinutes == 0)
        else { return nil }
        let offset = (offsetHours * 3600 + offsetMinutes * 60) * (b[19] == 0x2D ? -1 : 1)
        let days = Int(CivilCalendar.days(fromYear: Int64(year), month: Int64(month), day: Int64(day)))
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
