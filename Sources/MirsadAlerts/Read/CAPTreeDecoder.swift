/// Turns the XML tree of one `alert` into a `CAPAlert`, checking what the CAP 1.2 schema
/// checks: element order and cardinality, enumerations, date-times, languages, integers,
/// decimals, text-only elements and no attributes. The standard's prose rules follow in
/// `CAPRules`, on the decoded message.
struct CAPTreeDecoder {
    let namespace: String
    var issues = CAPIssueList()

    init(namespace: String) { self.namespace = namespace }

    mutating func alert(_ element: XMLTreeElement) -> CAPAlert? {
        let path = "alert"
        checkAttributes(element, path)
        var c = ElementCursor(element, path: path, namespace: namespace)
        let identifier = text(c.one("identifier", &issues), path)
        let sender = text(c.one("sender", &issues), path)
        let sent = dateTime(c.one("sent", &issues), path)
        let status: CAPStatus? = enumeration(c.one("status", &issues), path)
        let msgType: CAPMessageType? = enumeration(c.one("msgType", &issues), path)
        let source = text(c.optional("source"), path)
        let scope: CAPScope? = enumeration(c.one("scope", &issues), path)
        let restriction = text(c.optional("restriction"), path)
        let addresses = text(c.optional("addresses"), path)
        let code = c.many("code", &issues).compactMap { text($0, path) }
        let note = text(c.optional("note"), path)
        let references = text(c.optional("references"), path)
        let incidents = text(c.optional("incidents"), path)
        let infoElements = c.many("info", &issues)
        let signatures = c.trailing(inNamespace: CAPVersion.signatureNamespace).map(\.xmlText)
        c.finish(&issues)
        let info = infoElements.enumerated().map { self.info($1, path: "\(path)/info[\($0 + 1)]") }
        guard let identifier, let sender, let sent, let status, let msgType, let scope,
            !info.contains(where: { $0 == nil })
        else { return nil }
        return CAPAlert(
            identifier: identifier, sender: sender, sent: sent, status: status, msgType: msgType, source: source,
            scope: scope, restriction: restriction, addresses: addresses, code: code, note: note,
            references: references, incidents: incidents, info: info.compactMap { $0 }, signatures: signatures)
    }

    private mutating func info(_ element: XMLTreeElement, path: String) -> CAPInfo? {
        checkAttributes(element, path)
        var c = ElementCursor(element, path: path, namespace: namespace)
        let language = languageTag(c.optional("language"), path)
        let categories: [CAPCategory?] = c.many("category", min: 1, &issues).map { enumeration($0, path) }
        let event = text(c.one("event", &issues), path)
        let responseTypes: [CAPResponseType?] = c.many("responseType", &issues).map { enumeration($0, path) }
        let urgency: CAPUrgency? = enumeration(c.one("urgency", &issues), path)
        let severity: CAPSeverity? = enumeration(c.one("severity", &issues), path)
        let certainty = certainty(c.one("certainty", &issues), path)
        let audience = text(c.optional("audience"), path)
        let eventCode = c.many("eventCode", &issues).enumerated().compactMap {
            namedValue($1, path: "\(path)/eventCode[\($0 + 1)]")
        }
        let effective = dateTime(c.optional("effective"), path)
        let onset = dateTime(c.optional("onset"), path)
        let expires = dateTime(c.optional("expires"), path)
        let senderName = text(c.optional("senderName"), path)
        let headline = text(c.optional("headline"), path)
        let description = text(c.optional("description"), path)
        let instruction = text(c.optional("instruction"), path)
        let web = collapsed(c.optional("web"), path)
        let contact = text(c.optional("contact"), path)
        let parameter = c.many("parameter", &issues).enumerated().compactMap {
            namedValue($1, path: "\(path)/parameter[\($0 + 1)]")
        }
        let resourceElements = c.many("resource", &issues)
        let areaElements = c.many("area", &issues)
        c.finish(&issues)
        let resources = resourceElements.enumerated().map { resource($1, path: "\(path)/resource[\($0 + 1)]") }
        let areas = areaElements.enumerated().map { area($1, path: "\(path)/area[\($0 + 1)]") }
        guard let event, let urgency, let severity, let certainty, !categories.isEmpty,
            !categories.contains(nil), !responseTypes.contains(nil), !resources.contains(where: { $0 == nil }),
            !areas.contains(where: { $0 == nil })
        else { return nil }
        return CAPInfo(
            language: language, category: categories.compactMap { $0 }, event: event,
            responseType: responseTypes.compactMap { $0 }, urgency: urgency, severity: severity,
            certainty: certainty, audience: audience, eventCode: eventCode, effective: effective, onset: onset,
            expires: expires, senderName: senderName, headline: headline, description: description,
            instruction: instruction, web: web, contact: contact, parameter: parameter,
            resource: resources.compactMap { $0 }, area: areas.compactMap { $0 })
    }

    private mutating func resource(_ element: XMLTreeElement, path: String) -> CAPResource? {
        checkAttributes(element, path)
        var c = ElementCursor(element, path: path, namespace: namespace)
        let resourceDesc = text(c.one("resourceDesc", &issues), path)
        let mimeType = text(c.one("mimeType", &issues), path)
        let size = integer(c.optional("size"), path)
        let uri = collapsed(c.optional("uri"), path)
        let derefUri = text(c.optional("derefUri"), path)
        let digest = text(c.optional("digest"), path)
        c.finish(&issues)
        guard let resourceDesc, let mimeType else { return nil }
        return CAPResource(
            resourceDesc: resourceDesc, mimeType: mimeType, size: size, uri: uri, derefUri: derefUri, digest: digest)
    }

    private mutating func area(_ element: XMLTreeElement, path: String) -> CAPArea? {
        checkAttributes(element, path)
        var c = ElementCursor(element, path: path, namespace: namespace)
        let areaDesc = text(c.one("areaDesc", &issues), path)
        let polygons = c.many("polygon", &issues).enumerated().compactMap { i, e in
            text(e, path, index: i + 1).map(CAPPolygon.init(text:))
        }
        let circles = c.many("circle", &issues).enumerated().compactMap { i, e in
            text(e, path, index: i + 1).map(CAPCircle.init(text:))
        }
        let geocode = c.many("geocode", &issues).enumerated().compactMap {
            namedValue($1, path: "\(path)/geocode[\($0 + 1)]")
        }
        let altitude = decimal(c.optional("altitude"), path)
        let ceiling = decimal(c.optional("ceiling"), path)
        c.finish(&issues)
        guard let areaDesc else { return nil }
        return CAPArea(
            areaDesc: areaDesc, polygon: polygons, circle: circles, geocode: geocode, altitude: altitude,
            ceiling: ceiling)
    }

    private mutating func namedValue(_ element: XMLTreeElement, path: String) -> CAPNamedValue? {
        checkAttributes(element, path)
        var c = ElementCursor(element, path: path, namespace: namespace)
        let name = text(c.one("valueName", &issues), path)
        let value = text(c.one("value", &issues), path)
        c.finish(&issues)
        guard let name, let value else { return nil }
        return CAPNamedValue(valueName: name, value: value)
    }

    // MARK: Simple types

    private func childPath(_ parent: String, _ element: XMLTreeElement, index: Int? = nil) -> String {
        index.map { "\(parent)/\(element.name)[\($0)]" } ?? "\(parent)/\(element.name)"
    }

    /// An `xs:string`: kept exactly. Elements inside it or attributes on it are errors.
    private mutating func text(_ element: XMLTreeElement?, _ parent: String, index: Int? = nil) -> String? {
        guard let element else { return nil }
        // The path is only built for a message: most elements are plain text.
        if case .text(let only)? = element.children.first, element.children.count == 1, element.attributes.isEmpty {
            return only
        }
        let path = childPath(parent, element, index: index)
        checkAttributes(element, path)
        if let inner = element.elements.first {
            issues.error(path, line: inner.line, "<\(element.name)> holds text only, not <\(inner.name)>")
        }
        return element.text
    }

    /// A type whose white space the schema collapses (date-times, numbers, URIs, languages).
    private mutating func collapsed(_ element: XMLTreeElement?, _ parent: String) -> String? {
        text(element, parent).map { $0.trimmingXMLWhitespace() }
    }

    private mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ element: XMLTreeElement?, _ parent: String
    ) -> E? where E.RawValue == String {
        guard let element, let value = text(element, parent) else { return nil }
        if let known = E(rawValue: value) { return known }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        issues.error(
            childPath(parent, element), line: element.line, "\"\(value)\" is not one of: \(allowed)")
        return nil
    }

    /// CAP 1.1 still allowed the deprecated "Very Likely"; it reads as Likely.
    private mutating func certainty(_ element: XMLTreeElement?, _ parent: String) -> CAPCertainty? {
        if let element, namespace == CAPVersion.v1_1.namespace, element.text == "Very Likely" {
            issues.warning(
                childPath(parent, element), line: element.line, "\"Very Likely\" (CAP 1.1) is read as \"Likely\"")
            return .likely
        }
        return enumeration(element, parent)
    }

    private mutating func dateTime(_ element: XMLTreeElement?, _ parent: String) -> CAPDateTime? {
        guard let element, let value = collapsed(element, parent) else { return nil }
        if let dateTime = CAPDateTime(value) { return dateTime }
        let hint =
            value.hasSuffix("Z")
            ? "; CAP writes UTC as -00:00, never Z" : " (YYYY-MM-DDThh:mm:ss±hh:mm, every field in range)"
        issues.error(childPath(parent, element), line: element.line, "\"\(value)\" is not a CAP date-time\(hint)")
        return nil
    }

    private mutating func languageTag(_ element: XMLTreeElement?, _ parent: String) -> String? {
        guard let element, let value = collapsed(element, parent) else { return nil }
        if !CAPLanguage.isValid(value) {
            issues.error(
                childPath(parent, element), line: element.line,
                "\"\(value)\" is not one language tag (RFC 3066, e.g. ar-KW or en-US)")
        }
        return value
    }

    private mutating func integer(_ element: XMLTreeElement?, _ parent: String) -> String? {
        guard let element, let value = collapsed(element, parent) else { return nil }
        let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        if digits.isEmpty || !digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            issues.error(childPath(parent, element), line: element.line, "\"\(value)\" is not an integer")
        }
        return value
    }

    private mutating func decimal(_ element: XMLTreeElement?, _ parent: String) -> String? {
        guard let element, let value = collapsed(element, parent) else { return nil }
        if CAPNumber.decimal(Substring(value)) == nil {
            issues.error(childPath(parent, element), line: element.line, "\"\(value)\" is not a decimal number")
        }
        return value
    }

    /// CAP's elements carry no attributes; an `xsi:` attribute (schema location) is allowed anywhere.
    private mutating func checkAttributes(_ element: XMLTreeElement, _ path: String) {
        for (name, _) in element.attributes where !name.hasPrefix("xsi:") {
            issues.error(path, line: element.line, "<\(element.name)> takes no attribute \"\(name)\"")
        }
    }
}

enum CAPLanguage {
    /// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
    static func isValid(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count),
            first.utf8.allSatisfy({ $0 < 0x80 && Character(Unicode.Scalar($0)).isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count)
                && part.utf8.allSatisfy {
                    $0 < 0x80 && (Character(Unicode.Scalar($0)).isLetter || (0x30...0x39).contains($0))
                }
        }
    }
}

extension String {
    func trimmingXMLWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isXMLWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isXMLWhitespace })!
        return String(self[start...end])
    }
}
