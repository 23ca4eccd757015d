import Foundation

/// The rules the CAP 1.2 standard states in prose, beyond what its schema can check, applied
/// to a decoded message. Each issue names the element, and its line when the message came from XML.
public enum CAPRules {
    /// `lineOf` finds the line of an element by its path, when the message came from XML; it is
    /// asked only for the elements an issue names.
    public static func check(_ alert: CAPAlert, lineOf: @escaping (String) -> Int? = { _ in nil }) -> [CAPIssue] {
        var rules = Checker(lineOf: lineOf)
        rules.alert(alert)
        return rules.issues.items
    }

    private struct Checker {
        let lineOf: (String) -> Int?
        var issues = CAPIssueList()

        func line(_ path: String) -> Int? { lineOf(path) }

        mutating func error(_ path: String, _ message: String) { issues.error(path, line: line(path), message) }
        mutating func warning(_ path: String, _ message: String) { issues.warning(path, line: line(path), message) }

        mutating func alert(_ alert: CAPAlert) {
            identifierLike(alert.identifier, "alert/identifier", what: "an identifier")
            identifierLike(alert.sender, "alert/sender", what: "a sender")
            characters(alert)
            switch alert.scope {
            case .restricted where (alert.restriction ?? "").trimmingXMLWhitespace().isEmpty:
                error("alert/restriction", "a Restricted message needs <restriction> saying who may see it")
            case .private where (alert.addresses ?? "").trimmingXMLWhitespace().isEmpty:
                error("alert/addresses", "a Private message needs <addresses>")
            default: break
            }
            for (name, value) in [("source", alert.source), ("restriction", alert.restriction), ("note", alert.note)]
            where value != nil && value!.trimmingXMLWhitespace().isEmpty {
                warning("alert/\(name)", "<\(name)> is empty; leave it out instead")
            }
            if alert.scope != .private, let addresses = alert.addresses, addresses.trimmingXMLWhitespace().isEmpty {
                warning("alert/addresses", "<addresses> is empty; leave it out instead")
            }
            if let addresses = alert.addresses, addresses.filter({ $0 == "\"" }).count % 2 == 1 {
                error("alert/addresses", "an unclosed double quote: a multi-word address is written \"like this\"")
            }
            if let incidents = alert.incidents, incidents.filter({ $0 == "\"" }).count % 2 == 1 {
                error("alert/incidents", "an unclosed double quote: a multi-word incident is written \"like this\"")
            }
            references(alert)
            for (i, info) in alert.info.enumerated() { self.info(info, path: "alert/info[\(i + 1)]") }
        }

        /// `identifier` and `sender`: no spaces, commas or the restricted characters < and &.
        mutating func identifierLike(_ value: String, _ path: String, what: String) {
            if value.isEmpty {
                error(path, "\(what) cannot be empty")
            } else if let bad = value.first(where: { $0.isXMLWhitespace || $0 == "," || $0 == "<" || $0 == "&" }) {
                let shown = bad.isXMLWhitespace ? "white space" : "\"\(bad)\""
                error(path, "\(what) cannot contain \(shown) (no spaces, commas, < or &)")
            }
        }

        mutating func references(_ alert: CAPAlert) {
            let path = "alert/references"
            guard let text = alert.references else {
                if alert.msgType.needsReferences {
                    error(path, "a message of type \(alert.msgType.rawValue) must name the messages it refers to")
                }
                return
            }
            switch CAPReference.parseList(text) {
            case .failure(let failure):
                error(path, "the entry \"\(failure.entry)\" \(failure.reason)")
            case .success(let list) where list.isEmpty:
                error(path, "<references> is empty: give sender,identifier,sent of each earlier message")
            case .success(let list):
                if list.contains(where: { $0.sender == alert.sender && $0.identifier == alert.identifier }) {
                    error(path, "a message cannot refer to itself")
                }
                if let later = list.first(where: { $0.sent.date > alert.sent.date }) {
                    error(path, "refers to \(later.identifier), sent after this message")
                }
            }
        }

        mutating func info(_ info: CAPInfo, path: String) {
            if let effective = info.effective, let expires = info.expires, expires.date < effective.date {
                error("\(path)/expires", "expires before it takes effect (\(effective.text))")
            }
            if let onset = info.onset, let expires = info.expires, expires.date < onset.date {
                warning("\(path)/expires", "expires before the onset of the event (\(onset.text))")
            }
            if let web = info.web, URL(string: web)?.scheme == nil {
                error("\(path)/web", "\"\(web)\" is not an absolute URI")
            }
            for (i, resource) in info.resource.enumerated() {
                self.resource(resource, path: "\(path)/resource[\(i + 1)]")
            }
            for (i, area) in info.area.enumerated() { self.area(area, path: "\(path)/area[\(i + 1)]") }
        }

        mutating func resource(_ resource: CAPResource, path: String) {
            if let size = resource.size, let bytes = Int(size), bytes < 0 {
                error("\(path)/size", "a size in bytes cannot be negative")
            }
            if let uri = resource.uri, URL(string: uri) == nil {
                error("\(path)/uri", "\"\(uri)\" is not a URI")
            }
            if let data = resource.derefUri, Data(base64Encoded: data, options: .ignoreUnknownCharacters) == nil {
                error("\(path)/derefUri", "<derefUri> is not base64 data")
            }
            if let digest = resource.digest,
                digest.count != 40 || !digest.allSatisfy({ $0.isHexDigit })
            {
                warning("\(path)/digest", "a digest is the SHA-1 of the file: 40 hexadecimal digits")
            }
        }

        mutating func area(_ area: CAPArea, path: String) {
            for (i, polygon) in area.polygon.enumerated() {
                let here = { "\(path)/polygon[\(i + 1)]" }
                guard let points = polygon.points else {
                    error(here(), "a polygon is lat,lon pairs separated by spaces, latitude -90…90, longitude -180…180")
                    continue
                }
                if points.count < 4 {
                    error(here(), "a polygon needs at least 4 points (the first repeated last), found \(points.count)")
                } else if points.first != points.last {
                    error(here(), "a polygon must be closed: its last point must repeat its first")
                }
            }
            for (i, circle) in area.circle.enumerated() where circle.reading == nil {
                error(
                    "\(path)/circle[\(i + 1)]", "a circle is \"lat,lon radius\", the radius in kilometres (0 or more)")
            }
            if area.ceiling != nil && area.altitude == nil {
                error("\(path)/ceiling", "<ceiling> needs <altitude>")
            }
            if let altitude = area.altitude.flatMap(Double.init), let ceiling = area.ceiling.flatMap(Double.init),
                ceiling < altitude
            {
                error("\(path)/ceiling", "the ceiling (\(ceiling)) is below the altitude (\(altitude))")
            }
        }

        /// XML cannot carry most control characters; a message built in code or from JSON might.
        mutating func characters(_ alert: CAPAlert) {
            func check(_ path: @autoclosure () -> String, _ text: String?) {
                guard let text, let scalar = XMLEscaping.firstForbiddenCharacter(in: text) else { return }
                error(path(), "holds U+\(String(scalar.value, radix: 16, uppercase: true)), which XML cannot carry")
            }
            check("alert/identifier", alert.identifier)
            check("alert/sender", alert.sender)
            check("alert/source", alert.source)
            check("alert/note", alert.note)
            check("alert/addresses", alert.addresses)
            check("alert/restriction", alert.restriction)
            for (i, info) in alert.info.enumerated() {
                let path = "alert/info[\(i + 1)]"
                check("\(path)/event", info.event)
                check("\(path)/headline", info.headline)
                check("\(path)/description", info.description)
                check("\(path)/instruction", info.instruction)
                check("\(path)/senderName", info.senderName)
                check("\(path)/contact", info.contact)
                for (j, area) in info.area.enumerated() { check("\(path)/area[\(j + 1)]/areaDesc", area.areaDesc) }
            }
        }
    }
}
