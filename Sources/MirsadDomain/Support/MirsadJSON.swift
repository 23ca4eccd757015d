import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one JSON dialect of Mirsad: ISO-8601 UTC timestamps with milliseconds, sorted keys
/// (stable bytes for hashing and idempotent replies). Used by the API, the store and the feed.
public enum MirsadJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(formatTimestamp(date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "expected an ISO-8601 timestamp such as 2026-11-29T13:45:00Z")
            }
            return date
        }
        return decoder
    }

    /// `2026-11-29T13:45:00.123Z`. Rounds to the nearest millisecond from an integer, so a
    /// timestamp survives any number of format/parse round trips unchanged.
    public static func formatTimestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Written digit by digit: this runs for every date of every document, and
        // String(format:) costs several times more.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = max(0, value)
            while divisor > 0 {
                bytes.append(UInt8(48 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4); bytes.append(45)
        digits(Int(parts.tm_mon) + 1, 2); bytes.append(45)
        digits(Int(parts.tm_mday), 2); bytes.append(84)
        digits(Int(parts.tm_hour), 2); bytes.append(58)
        digits(Int(parts.tm_min), 2); bytes.append(58)
        digits(Int(parts.tm_sec), 2); bytes.append(46)
        digits(fraction, 3); bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Accepts timestamps with or without fractional seconds and with any UTC offset; keeps
    /// millisecond precision (the precision of the log).
    public static func parseTimestamp(_ text: String) -> Date? {
        switch parseCanonical(text) {
        case .valid(let date): return date
        case .invalid: return nil  // the canonical shape with an impossible date: never "corrected"
        case .otherForm: break
        }
        let parsed = (try? withMilliseconds.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
        return parsed.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1000).rounded() / 1000) }
    }

    /// The form Mirsad writes (`2026-11-29T13:45:00.123Z`), read without a formatter: it is
    /// most of what the store and the API read back.
    private enum Canonical { case valid(Date), invalid, otherForm }

    private static func parseCanonical(_ text: String) -> Canonical {
        let utf8 = Array(text.utf8)
        guard utf8.count == 24, utf8[4] == 45, utf8[7] == 45, utf8[10] == 84, utf8[13] == 58, utf8[16] == 58,
            utf8[19] == 46, utf8[23] == 90
        else { return .otherForm }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let c = utf8[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return .invalid }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        // timegm normalises out-of-range days (31 February); such text is not a valid date.
        guard parts.tm_mday == Int32(day), parts.tm_mon == Int32(month - 1) else { return .invalid }
        return .valid(Date(timeIntervalSince1970: Double(Int64(seconds) * 1000 + Int64(millisecond)) / 1000))
    }

    private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// Where "now" comes from. Injected everywhere so tests can move time (idle timeouts,
/// lockouts, duplicate windows) without sleeping.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}
