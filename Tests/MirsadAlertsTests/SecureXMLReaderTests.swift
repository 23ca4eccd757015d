import Foundation
import MirsadAlerts
import Testing

@Suite("Hardened XML reading")
struct SecureXMLReaderTests {
    private func kind(_ xml: String, limits: XMLLimits = .standard) -> XMLReadError.Kind? {
        do {
            _ = try SecureXMLReader.read(xml.data, limits: limits)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test("any document type declaration is refused, after comments and processing instructions too")
    func doctype() {
        #expect(kind("<!DOCTYPE a><a/>") == .documentTypeDeclaration)
        #expect(
            kind("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c -->\n<?pi x?>\n<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")
                == .documentTypeDeclaration)
        // The "billion laughs": refused without expanding a single entity.
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <lolz>&lol3;</lolz>
            """
        #expect(kind(laughs) == .documentTypeDeclaration)
    }

    @Test(
        "a reference to an undeclared entity is not well-formed; the five predefined ones and character references read"
    )
    func entities() throws {
        #expect(kind("<a>&xxe;</a>") == .malformed)
        let element = try SecureXMLReader.read("<a>&lt;&gt;&amp;&quot;&apos;&#x0645;&#1585;</a>".data)
        #expect(element.text == "<>&\"'مر")
    }

    @Test("size, depth and element count are bounded")
    func limits() {
        #expect(
            kind("<a>" + String(repeating: "x", count: 2_000) + "</a>", limits: XMLLimits(maxBytes: 1_000)) == .tooLarge
        )
        let deep = String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)
        #expect(kind(deep) == .tooDeep)
        #expect(kind(deep, limits: XMLLimits(maxDepth: 64)) == nil)
        let wide = "<a>" + String(repeating: "<b/>", count: 200) + "</a>"
        #expect(kind(wide, limits: XMLLimits(maxElements: 100)) == .tooManyElements)
        #expect(kind("  \n") == .empty)
    }

    @Test("namespaces, CDATA and lines are read")
    func tree() throws {
        let xml = "<r xmlns=\"urn:a\">\n<p:x xmlns:p=\"urn:b\" k=\"v\"><![CDATA[<raw> & text]]></p:x>\n</r>"
        let root = try SecureXMLReader.read(xml.data)
        #expect(root.namespace == "urn:a")
        let child = try #require(root.elements.first)
        #expect(child.name == "x" && child.namespace == "urn:b" && child.line == 2)
        #expect(child.text == "<raw> & text")
        #expect(child.attributes.map(\.name) == ["k"])
        #expect(try SecureXMLReader.read(root.xmlText.data).canonicalForm == root.canonicalForm)
    }
}

@Suite("CAP carried in envelopes and feeds")
struct CAPContainerTests {
    private let alert = CAPWriter.xml(BilingualAlert.make(), declaration: false)

    @Test("an EDXL-DE envelope's embedded alerts are read")
    func edxl() {
        let envelope = """
            <EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">
              <distributionID>1</distributionID>
              <contentObject><xmlContent><embeddedXMLContent>\(alert)</embeddedXMLContent></xmlContent></contentObject>
              <contentObject><xmlContent><embeddedXMLContent>\(alert)</embeddedXMLContent></xmlContent></contentObject>
            </EDXLDistribution>
            """
        let file = CAPReader.readFile(envelope.data)
        #expect(file.kind == .edxlDistribution)
        #expect(file.readings.count == 2)
        #expect(file.readings.allSatisfy { $0.alert == BilingualAlert.make() })
        #expect(file.isValidCAP12)
    }

    @Test("an Atom feed: alerts carried in entries are read, entries that link to an alert are listed")
    func atom() {
        let feed = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Meteorology</title>
              <entry><id>1</id><content type="text/xml">\(alert)</content></entry>
              <entry><id>2</id><link rel="related" href="https://met.example/x"/><link href="https://met.example/2.xml"/></entry>
            </feed>
            """
        let file = CAPReader.readFile(feed.data)
        #expect(file.kind == .atom)
        #expect(file.readings.count == 1)
        #expect(file.links == ["https://met.example/2.xml"])
    }

    @Test("an RSS feed's item links are listed")
    func rss() {
        let feed = "<rss version=\"2.0\"><channel><item><link> https://met.example/3.xml </link></item></channel></rss>"
        let file = CAPReader.readFile(feed.data)
        #expect(file.kind == .rss)
        #expect(file.links == ["https://met.example/3.xml"])
        #expect(!file.isValidCAP12)  // it carries no alert itself
    }

    @Test("a document of another kind is named")
    func other() {
        let file = CAPReader.readFile("<html><body/></html>".data)
        #expect(file.kind == nil)
        #expect(file.issues.first?.message.contains("neither a CAP alert") == true)
    }
}
