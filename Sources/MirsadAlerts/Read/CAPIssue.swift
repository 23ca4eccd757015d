/// One thing wrong (or worth a word) in a message, naming the element and its line.
public struct CAPIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        /// The message is not valid CAP.
        case error
        /// Valid, but not what Mirsad would write (CAP 1.1, an empty optional element, ...).
        case warning
    }

    public let severity: Severity
    /// Where, in the style of XPath: `alert/info[1]/area[2]/polygon[1]`.
    public let path: String
    /// The line of the element in the document read, when it came from XML.
    public let line: Int?
    public let message: String

    public init(_ severity: Severity, _ path: String, line: Int?, _ message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        (line.map { "line \($0): " } ?? "") + "\(severity.rawValue): \(path): \(message)"
    }
}

/// What reading one alert gave: the message (nil when an element it cannot do without is
/// missing or unreadable), the version it was written in, and every issue found.
public struct CAPReading: Sendable {
    public let alert: CAPAlert?
    public let version: CAPVersion?
    public let issues: [CAPIssue]

    public init(alert: CAPAlert?, version: CAPVersion?, issues: [CAPIssue]) {
        self.alert = alert
        self.version = version
        self.issues = issues
    }

    public var errors: [CAPIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [CAPIssue] { issues.filter { $0.severity == .warning } }

    /// Valid CAP in the version it was written in.
    public var isValid: Bool { alert != nil && !issues.contains { $0.severity == .error } }

    /// Valid, and CAP 1.2 (what `mirsad cap validate` accepts).
    public var isValidCAP12: Bool { isValid && version == .v1_2 }
}
