import Foundation

/// Reads CAP messages: a single alert (1.2, or 1.1 with a warning), or the alerts an EDXL-DE
/// envelope, an Atom feed or an RSS feed carries. XML is read with `SecureXMLReader`.
public enum CAPReader {
    /// Reads the one alert of a document (a bare `<alert>`); containers are `readFile`'s job.
    public static func read(_ data: Data, limits: XMLLimits = .standard) -> CAPReading {
        do {
            return read(element: try SecureXMLReader.read(data, limits: limits))
        } catch {
            return CAPReading(
                alert: nil, version: nil, issues: [CAPIssue(.error, "document", line: error.line, error.message)])
        }
    }

    /// Reads an `<alert>` element (a document's root, or one carried in a container).
    public static func read(element: XMLTreeElement) -> CAPReading {
        guard element.name == "alert", let version = CAPVersion(namespace: element.namespace) else {
            let found = "<\(element.name)> in namespace \(element.namespace ?? "none")"
            return CAPReading(
                alert: nil, version: nil,
                issues: [
                    CAPIssue(
                        .error, element.name, line: element.line,
                        "not a CAP alert: expected <alert> in \(CAPVersion.v1_2.namespace), found \(found)")
                ])
        }
        var decoder = CAPTreeDecoder(namespace: version.namespace)
        if version == .v1_1 {
            decoder.issues.warning("alert", line: element.line, "CAP 1.1: read, but Mirsad writes CAP 1.2 only")
        }
        let alert = decoder.alert(element)
        var issues = decoder.issues.items
        if let alert { issues += CAPRules.check(alert, lineOf: { element.line(at: $0) }) }
        // In document order, as a reader goes through the file; ties keep the order found.
        let ordered = issues.enumerated().sorted { a, b in
            (a.element.line ?? .max, a.offset) < (b.element.line ?? .max, b.offset)
        }.map(\.element)
        return CAPReading(alert: alert, version: version, issues: ordered)
    }

    /// Reads a file of any kind Mirsad accepts: a CAP alert, an EDXL-DE envelope, an Atom or
    /// RSS feed. Each alert found is read; links to alerts in a feed are listed to be fetched.
    public static func readFile(_ data: Data, limits: XMLLimits = .standard) -> CAPFileReading {
        let root: XMLTreeElement
        do {
            root = try SecureXMLReader.read(data, limits: limits)
        } catch {
            return CAPFileReading(
                kind: nil, readings: [], links: [],
                issues: [CAPIssue(.error, "document", line: error.line, error.message)])
        }
        let found = CAPContainers.extract(from: root)
        var issues: [CAPIssue] = []
        if found.kind == nil {
            issues.append(
                CAPIssue(
                    .error, root.name, line: root.line,
                    "not CAP: <\(root.name)> is neither a CAP alert, an EDXL-DE envelope, nor an Atom or RSS feed"))
        }
        return CAPFileReading(
            kind: found.kind, readings: found.alerts.map { read(element: $0) }, links: found.links, issues: issues)
    }
}

/// What a file held: its kind, each alert read, and links to alerts a feed names without carrying them.
public struct CAPFileReading: Sendable {
    public let kind: CAPContainerKind?
    public let readings: [CAPReading]
    public let links: [String]
    /// Problems with the file itself (not XML, not a kind Mirsad reads).
    public let issues: [CAPIssue]

    /// Every alert it carries is valid CAP 1.2, and it carries at least one.
    public var isValidCAP12: Bool { issues.isEmpty && !readings.isEmpty && readings.allSatisfy(\.isValidCAP12) }
}
