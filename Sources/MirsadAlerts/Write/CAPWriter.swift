/// Writes a message as CAP 1.2 XML, elements in the schema's order, two-space indents. Text is
/// written exactly (escaped), so what was read is what is written; a CAP 1.1 message read
/// comes out as 1.2. The output validates against `cap12.xsd` when the message is valid.
public enum CAPWriter {
    public static func xml(_ alert: CAPAlert, declaration: Bool = true) -> String {
        var w = Lines()
        if declaration { w.out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
        w.out += "<alert xmlns=\"\(CAPVersion.v1_2.namespace)\">\n"
        w.depth = 1
        w.element("identifier", alert.identifier)
        w.element("sender", alert.sender)
        w.element("sent", alert.sent.text)
        w.element("status", alert.status.rawValue)
        w.element("msgType", alert.msgType.rawValue)
        w.element("source", alert.source)
        w.element("scope", alert.scope.rawValue)
        w.element("restriction", alert.restriction)
        w.element("addresses", alert.addresses)
        for code in alert.code { w.element("code", code) }
        w.element("note", alert.note)
        w.element("references", alert.references)
        w.element("incidents", alert.incidents)
        for info in alert.info { write(info, &w) }
        for signature in alert.signatures { w.raw(signature) }
        w.out += "</alert>\n"
        return w.out
    }

    private static func write(_ info: CAPInfo, _ w: inout Lines) {
        w.open("info")
        w.element("language", info.language)
        for category in info.category { w.element("category", category.rawValue) }
        w.element("event", info.event)
        for response in info.responseType { w.element("responseType", response.rawValue) }
        w.element("urgency", info.urgency.rawValue)
        w.element("severity", info.severity.rawValue)
        w.element("certainty", info.certainty.rawValue)
        w.element("audience", info.audience)
        for code in info.eventCode { w.pair("eventCode", code) }
        w.element("effective", info.effective?.text)
        w.element("onset", info.onset?.text)
        w.element("expires", info.expires?.text)
        w.element("senderName", info.senderName)
        w.element("headline", info.headline)
        w.element("description", info.description)
        w.element("instruction", info.instruction)
        w.element("web", info.web)
        w.element("contact", info.contact)
        for parameter in info.parameter { w.pair("parameter", parameter) }
        for resource in info.resource {
            w.open("resource")
            w.element("resourceDesc", resource.resourceDesc)
            w.element("mimeType", resource.mimeType)
            w.element("size", resource.size)
            w.element("uri", resource.uri)
            w.element("derefUri", resource.derefUri)
            w.element("digest", resource.digest)
            w.close("resource")
        }
        for area in info.area {
            w.open("area")
            w.element("areaDesc", area.areaDesc)
            for polygon in area.polygon { w.element("polygon", polygon.text) }
            for circle in area.circle { w.element("circle", circle.text) }
            for geocode in area.geocode { w.pair("geocode", geocode) }
            w.element("altitude", area.altitude)
            w.element("ceiling", area.ceiling)
            w.close("area")
        }
        w.close("info")
    }

    private struct Lines {
        var out = ""
        var depth = 0

        var indent: String { String(repeating: "  ", count: depth) }

        mutating func element(_ name: String, _ value: String?) {
            guard let value else { return }
            out += value.isEmpty ? "\(indent)<\(name)/>\n" : "\(indent)<\(name)>\(XMLEscaping.text(value))</\(name)>\n"
        }

        mutating func open(_ name: String) {
            out += "\(indent)<\(name)>\n"
            depth += 1
        }

        mutating func close(_ name: String) {
            depth -= 1
            out += "\(indent)</\(name)>\n"
        }

        mutating func pair(_ name: String, _ value: CAPNamedValue) {
            open(name)
            element("valueName", value.valueName)
            element("value", value.value)
            close(name)
        }

        mutating func raw(_ xml: String) { out += "\(indent)\(xml)\n" }
    }
}
