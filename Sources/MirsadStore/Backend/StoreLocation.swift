import Foundation

/// Where the data lives, parsed from `--db` / `MIRSAD_DB`:
/// `sqlite:PATH` (the embedded default) or `postgres://user[:password]@host[:port]/database`.
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(parsing text: String) throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(url: trimmed)
        } else if trimmed.hasPrefix("sqlite://") {
            self = try Self.sqlite(String(trimmed.dropFirst("sqlite://".count)))
        } else if trimmed.hasPrefix("sqlite:") {
            self = try Self.sqlite(String(trimmed.dropFirst("sqlite:".count)))
        } else {
            throw .invalidConfiguration("--db must be sqlite:PATH or postgres://user@host:port/database, got '\(text)'")
        }
    }

    private static func sqlite(_ path: String) throws(StoreError) -> StoreLocation {
        guard !path.isEmpty else { throw .invalidConfiguration("sqlite: needs a file path, e.g. sqlite:mirsad.sqlite") }
        return .sqlite(path: path)
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redacted(url)
        }
    }

    /// The URL without its password, for logs and banners.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// Failures of the store, as the server reports them.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database cannot be reached (HTTP 503); the store keeps retrying by itself.
    case unavailable(String)
    case invalidConfiguration(String)
    /// A stored row could not be read back (a bug or tampering).
    case corrupt(String)
    /// The same idempotency key was reused with a different request.
    case idempotencyMismatch
    /// Storage refused the write for a reason other than the domain's rules.
    case writeFailed(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "database unavailable: \(reason)"
        case .invalidConfiguration(let reason): reason
        case .corrupt(let reason): "stored data is corrupt: \(reason)"
        case .idempotencyMismatch: "the Idempotency-Key was already used for a different request"
        case .writeFailed(let reason): "write failed: \(reason)"
        }
    }
}
