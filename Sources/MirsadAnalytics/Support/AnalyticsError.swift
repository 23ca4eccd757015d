import Foundation

/// Every failure the analytics engine reports. Each case names what is wrong so the CLI can
/// print it and the server can map it to an HTTP 400 problem with the offending field.
public enum AnalyticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter or request field is missing, out of range or unparseable.
    case invalidField(_ field: String, _ reason: String)
    /// The input holds no usable events (after filtering).
    case emptyInput(_ reason: String)
    /// A CSV row could not be read; `line` is 1-based and counts the header.
    case malformedRow(line: Int, reason: String)
    /// The requested work exceeds a safety limit (grid cells, events, permutations).
    case limitExceeded(_ field: String, _ reason: String)
    /// Reading or writing a file failed.
    case io(_ reason: String)

    /// The request field at fault, when there is one (for RFC 9457 problem details).
    public var field: String? {
        switch self {
        case .invalidField(let field, _), .limitExceeded(let field, _): field
        case .malformedRow: "input"
        case .emptyInput: "points"
        case .io: nil
        }
    }

    /// True when the fault lies in the caller's input (maps to HTTP 400), false for I/O faults.
    public var isClientError: Bool {
        if case .io = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .invalidField(let field, let reason): "invalid \(field): \(reason)"
        case .emptyInput(let reason): "no usable events: \(reason)"
        case .malformedRow(let line, let reason): "line \(line): \(reason)"
        case .limitExceeded(let field, let reason): "\(field) too large: \(reason)"
        case .io(let reason): reason
        }
    }
}
