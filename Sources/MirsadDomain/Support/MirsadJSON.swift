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
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), fraction)
    }

    /// Accepts timestamps with or without fractional seconds and with any UTC offset; keeps
    /// millisecond precision (the precision of the log).
    public static func parseTimestamp(_ text: String) -> Date? {
        let parsed = (try? withMilliseconds.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
        return parsed.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1000).rounded() / 1000) }
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
