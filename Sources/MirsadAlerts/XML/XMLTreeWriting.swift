extension XMLTreeElement {
    /// The element as XML text, declaring its namespace as the default one wherever it changes,
    /// text and attributes escaped. Reading the text back gives the same canonical form.
    public var xmlText: String {
        var out = ""
        write(to: &out, inheritedNamespace: nil)
        return out
    }

    private func write(to out: inout String, inheritedNamespace: String?) {
        out += "<\(name)"
        if namespace != inheritedNamespace { out += " xmlns=\"\(XMLEscaping.attribute(namespace ?? ""))\"" }
        for (name, value) in attributes { out += " \(name)=\"\(XMLEscaping.attribute(value))\"" }
        guard !children.isEmpty else {
            out += "/>"
            return
        }
        out += ">"
        for child in children {
            switch child {
            case .element(let element): element.write(to: &out, inheritedNamespace: namespace)
            case .text(let text): out += XMLEscaping.text(text)
            }
        }
        out += "</\(name)>"
    }
}
