/// Bounds on a document read from outside, checked while it is parsed, so that a hostile or
/// broken feed costs little memory and time.
public struct XMLLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxDepth: Int
    public var maxElements: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 32, maxElements: Int = 50_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    /// A single CAP alert (the largest real ones, with an embedded resource, are a few hundred KB);
    /// feeds and envelopes that carry many use the same bounds.
    public static let standard = XMLLimits()
}

/// Why a document could not be read as XML at all.
public struct XMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case tooLarge, documentTypeDeclaration, tooDeep, tooManyElements, malformed, empty
    }

    public let kind: Kind
    public let line: Int?
    public let message: String

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
