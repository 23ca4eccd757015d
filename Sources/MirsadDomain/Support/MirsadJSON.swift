import Foundation

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

    /// `2026-11-29T13:45:00.123Z`
    public static func formatTimestamp(_ date: Date) -> String {
        date.formatted(withMilliseconds)
    }

    /// Accepts timestamps with or without fractional seconds and with any UTC offset.
    public static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? withMilliseconds.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
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
