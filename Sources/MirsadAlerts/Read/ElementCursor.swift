/// Walks the child elements of one CAP element through the schema's sequence, in order: each
/// call takes the next elements if they have the expected name and reports what is missing,
/// out of order, repeated or foreign. CAP's sequences name each element once, so this greedy
/// walk decides exactly what the schema decides.
struct ElementCursor {
    let parent: XMLTreeElement
    let path: String
    let namespace: String
    private let elements: [XMLTreeElement]
    private var index = 0
    /// The names this element's sequence allows, to tell "out of order" from "unknown".
    private var sequence: [String] = []

    init(_ parent: XMLTreeElement, path: String, namespace: String) {
        self.parent = parent
        self.path = path
        self.namespace = namespace
        elements = parent.elements
    }

    private func isNext(_ name: String) -> Bool {
        index < elements.count && elements[index].name == name && elements[index].namespace == namespace
    }

    /// Exactly one.
    mutating func one(_ name: String, _ issues: inout CAPIssueList) -> XMLTreeElement? {
        sequence.append(name)
        if isNext(name) {
            index += 1
            return elements[index - 1]
        }
        let later = elements[index...].contains { $0.name == name && $0.namespace == namespace }
        let line = index < elements.count ? elements[index].line : parent.line
        issues.error(
            path, line: line,
            later ? "<\(name)> is out of order: it must come before <\(elements[index].name)>" : "<\(name)> is missing")
        return nil
    }

    /// Zero or one.
    mutating func optional(_ name: String) -> XMLTreeElement? {
        sequence.append(name)
        guard isNext(name) else { return nil }
        index += 1
        return elements[index - 1]
    }

    /// `min` or more.
    mutating func many(_ name: String, min: Int = 0, _ issues: inout CAPIssueList) -> [XMLTreeElement] {
        sequence.append(name)
        var found: [XMLTreeElement] = []
        while isNext(name) {
            found.append(elements[index])
            index += 1
        }
        if found.count < min {
            let line = index < elements.count ? elements[index].line : parent.line
            issues.error(path, line: line, "<\(name)> is missing (at least \(min) required)")
        }
        return found
    }

    /// The elements of another namespace allowed at the end (XML Signature closing an alert).
    mutating func trailing(inNamespace other: String) -> [XMLTreeElement] {
        var found: [XMLTreeElement] = []
        while index < elements.count && elements[index].namespace == other {
            found.append(elements[index])
            index += 1
        }
        return found
    }

    /// Reports every element left over: out of order, repeated, or not part of CAP here.
    func finish(_ issues: inout CAPIssueList) {
        for element in elements[index...] {
            let message: String
            if element.namespace != namespace {
                message = "<\(element.name)> (namespace \(element.namespace ?? "none")) is not allowed here"
            } else if sequence.contains(element.name) {
                message = "<\(element.name)> is out of order or repeated"
            } else {
                message = "<\(element.name)> is not a CAP element of <\(parent.name)>"
            }
            issues.error(path, line: element.line, message)
        }
    }
}

/// Issues gathered while reading or checking a message.
struct CAPIssueList {
    var items: [CAPIssue] = []

    mutating func error(_ path: String, line: Int?, _ message: String) {
        items.append(CAPIssue(.error, path, line: line, message))
    }

    mutating func warning(_ path: String, line: Int?, _ message: String) {
        items.append(CAPIssue(.warning, path, line: line, message))
    }

    var hasErrors: Bool { items.contains { $0.severity == .error } }
}
