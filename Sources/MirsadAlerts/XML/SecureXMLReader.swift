import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a document into an `XMLTreeElement` with Foundation's XML parser, configured for input
/// from outside. White space between child elements is dropped as layout; text is otherwise
/// kept exactly. Also: a document type declaration is refused before the parser sees the document
/// (so no DTD, entity or external resource is ever loaded, inline or remote), external entities
/// are not resolved, and size, depth and element count are bounded.
public enum SecureXMLReader {
    public static func read(_ data: Data, limits: XMLLimits = .standard) throws(XMLReadError) -> XMLTreeElement {
        guard data.count <= limits.maxBytes else {
            throw XMLReadError(
                kind: .tooLarge, line: nil,
                message: "the document is \(data.count) bytes; at most \(limits.maxBytes) are read")
        }
        guard !data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            throw XMLReadError(kind: .empty, line: nil, message: "the document is empty")
        }
        if let line = PrologScanner.documentTypeLine(in: data) {
            throw XMLReadError(
                kind: .documentTypeDeclaration, line: line,
                message: "a document type declaration (<!DOCTYPE>) is not accepted: DTDs and entities are refused")
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(limits: limits)
        parser.delegate = builder
        let finished = parser.parse()
        if let failure = builder.failure { throw failure }
        guard finished, let root = builder.root else {
            let line = parser.lineNumber > 0 ? parser.lineNumber : nil
            throw XMLReadError(kind: .malformed, line: line, message: Self.describe(parser.parserError))
        }
        return root
    }

    private static func describe(_ error: (any Error)?) -> String {
        guard let error = error as NSError? else { return "not well-formed XML" }
        let code = XMLParser.ErrorCode(rawValue: error.code)
        switch code {
        case .undeclaredEntityError?, .entityReferenceWithoutNameError?, .entityNotStartedError?:
            return "not well-formed XML: a reference to an undeclared entity (entities are not accepted)"
        case .tagNameMismatchError?: return "not well-formed XML: an end tag does not match its start tag"
        case .prematureDocumentEndError?: return "not well-formed XML: the document ends too early"
        case .extraContentError?: return "not well-formed XML: content after the root element"
        case .namespaceDeclarationError?: return "not well-formed XML: an undeclared namespace prefix"
        default: return "not well-formed XML (parser error \(error.code))"
        }
    }
}

/// Builds the tree from the parser's events and stops the parse at the first limit crossed.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let limits: XMLLimits
    var stack: [XMLTreeElement] = []
    var root: XMLTreeElement?
    var elementCount = 0
    var failure: XMLReadError?

    init(limits: XMLLimits) { self.limits = limits }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elementCount += 1
        if elementCount > limits.maxElements {
            stop(parser, .tooManyElements, "more than \(limits.maxElements) elements")
            return
        }
        if stack.count >= limits.maxDepth {
            stop(parser, .tooDeep, "elements nested deeper than \(limits.maxDepth) levels")
            return
        }
        // White space before a child element is layout, not content (CAP has no mixed content).
        if let last = stack.indices.last, case .text(let text)? = stack[last].children.last, text.isXMLWhitespace {
            stack[last].children.removeLast()
        }
        var declared: [(name: String, value: String)] = []
        if !attributes.isEmpty {
            declared = attributes.filter { !$0.key.hasPrefix("xmlns") }.sorted { $0.key < $1.key }.map {
                ($0.key, $0.value)
            }
        }
        stack.append(
            XMLTreeElement(
                name: elementName, namespace: namespaceURI?.isEmpty == false ? namespaceURI : nil,
                attributes: declared, line: parser.lineNumber))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(.element(element))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { appendText(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        appendText(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? { nil }

    private func appendText(_ string: String) {
        guard !stack.isEmpty else { return }
        let last = stack.count - 1
        let count = stack[last].children.count
        // White space after a child element is layout too.
        if count > 0, case .element = stack[last].children[count - 1], string.isXMLWhitespace { return }
        if count > 0, case .text(var previous) = stack[last].children[count - 1] {
            // The parser hands long text over in pieces: join them in place.
            stack[last].children[count - 1] = .text("")
            previous += string
            stack[last].children[count - 1] = .text(previous)
        } else {
            stack[last].children.append(.text(string))
        }
    }

    private func stop(_ parser: XMLParser, _ kind: XMLReadError.Kind, _ message: String) {
        if failure == nil { failure = XMLReadError(kind: kind, line: parser.lineNumber, message: message) }
        parser.abortParsing()
    }
}

/// Finds a document type declaration in the prolog (before the root element), the only place
/// XML allows one, without parsing anything.
enum PrologScanner {
    static func documentTypeLine(in data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                    i += 1
                } else if matches(bytes, at: i, "<?") {
                    i = skip(bytes, from: i + 2, past: "?>")
                } else if matches(bytes, at: i, "<!--") {
                    i = skip(bytes, from: i + 4, past: "-->")
                } else if matches(bytes, at: i, "<!") {
                    // <!DOCTYPE, or anything else that is not an element: refuse either way.
                    return 1 + bytes[0..<i].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                } else {
                    return nil
                }
            }
            return nil
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: count)
        for k in 0..<count where bytes[i + k] != pattern[k] { return false }
        return true
    }

    private static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, past end: StaticString) -> Int {
        var i = start
        while i < bytes.count {
            if matches(bytes, at: i, end) { return i + end.utf8CodeUnitCount }
            i += 1
        }
        return bytes.count
    }
}
