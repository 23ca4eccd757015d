/// A parsed XML element with what the CAP reader needs: names, namespaces, text and the line
/// each element starts on (for messages). Comments and processing instructions are dropped.
public struct XMLTreeElement: Sendable, Equatable {
    /// The local name, without a prefix.
    public var name: String
    /// The namespace URI, or nil when the element is in no namespace.
    public var namespace: String?
    /// Attributes other than namespace declarations, by qualified name, in document order.
    public var attributes: [(name: String, value: String)]
    public var children: [XMLTreeNode]
    public var line: Int

    public init(
        name: String, namespace: String?, attributes: [(name: String, value: String)] = [],
        children: [XMLTreeNode] = [], line: Int = 0
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The child elements, in order.
    public var elements: [XMLTreeElement] {
        children.compactMap { if case .element(let e) = $0 { e } else { nil } }
    }

    /// All text directly inside the element, concatenated.
    public var text: String {
        var text = ""
        for case .text(let piece) in children { text += piece }
        return text
    }

    public static func == (a: XMLTreeElement, b: XMLTreeElement) -> Bool {
        a.name == b.name && a.namespace == b.namespace && a.children == b.children && a.line == b.line
            && a.attributes.map(\.name) == b.attributes.map(\.name)
            && a.attributes.map(\.value) == b.attributes.map(\.value)
    }
}

public enum XMLTreeNode: Sendable, Equatable {
    case element(XMLTreeElement)
    case text(String)
}

extension String {
    /// Only XML white space (or empty).
    var isXMLWhitespace: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } }
}

extension Character {
    /// XML's white space: space, tab, line feed, carriage return.
    var isXMLWhitespace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" }
}

extension XMLTreeElement {
    /// A canonical text form for comparing two documents: namespace and local name of every
    /// element, attributes sorted, text kept exactly, white-space-only text between elements
    /// dropped, no line numbers. Two documents with the same canonical form hold the same content.
    public var canonicalForm: String {
        var out = ""
        appendCanonical(to: &out)
        return out
    }

    private func appendCanonical(to out: inout String) {
        out += "<{\(namespace ?? "")}\(name)"
        for (name, value) in attributes.sorted(by: { $0.name < $1.name }) {
            out += " \(name)=\"\(XMLEscaping.attribute(value))\""
        }
        out += ">"
        let elementOnly = !elements.isEmpty
        for child in children {
            switch child {
            case .element(let element): element.appendCanonical(to: &out)
            case .text(let text):
                if elementOnly && text.allSatisfy(\.isXMLWhitespace) { continue }
                out += XMLEscaping.text(text)
            }
        }
        out += "</\(name)>"
    }
}

extension XMLTreeElement {
    /// The line of the element a path names (`alert/info[2]/area[1]/polygon[1]`, indices from
    /// 1, none meaning the first), counted from this element as the path's first step; an
    /// element the path names but the document lacks gives its nearest ancestor's line.
    public func line(at path: String) -> Int? {
        var current = self
        for step in path.split(separator: "/").dropFirst() {
            var name = step
            var index = 1
            if let open = step.firstIndex(of: "["), let number = Int(step[step.index(after: open)...].dropLast()) {
                name = step[..<open]
                index = number
            }
            let matching = current.children.lazy.compactMap { child -> XMLTreeElement? in
                if case .element(let e) = child, e.name == name { e } else { nil }
            }
            guard let next = matching.dropFirst(index - 1).first else { break }
            current = next
        }
        return current.line
    }
}
