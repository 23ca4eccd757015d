import Foundation
import MirsadAlerts
import MirsadTestSupport
import Testing

/// A minimal valid CAP 1.2 alert; tests change one thing and look for the one issue it causes.
private func alertXML(
    afterStatus: String = "<msgType>Alert</msgType>", scope: String = "<scope>Public</scope>", header: String = "",
    info: String = defaultInfo, sent: String = "2026-12-02T09:30:00+03:00"
) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
      <identifier>KW-1</identifier>
      <sender>alerts@moi.gov.kw</sender>
      <sent>\(sent)</sent>
      <status>Actual</status>
      \(afterStatus)
      \(scope)\(header)
      \(info)
    </alert>
    """
}

private let defaultInfo = """
    <info>
        <category>Met</category>
        <event>Sandstorm</event>
        <urgency>Expected</urgency>
        <severity>Moderate</severity>
        <certainty>Likely</certainty>
        <area>
          <areaDesc>Kuwait City</areaDesc>
          <polygon>29.30,47.90 29.30,48.05 29.40,48.05 29.30,47.90</polygon>
        </area>
      </info>
    """

private func issues(_ xml: String) -> [CAPIssue] { CAPReader.read(xml.data).errors }

@Suite("CAP 1.2 validation")
struct CAPValidationTests {
    @Test("the minimal alert is valid")
    func minimal() {
        let reading = CAPReader.read(alertXML().data)
        #expect(reading.issues.isEmpty, "\(reading.issues)")
        #expect(reading.isValidCAP12)
    }

    @Test("an element out of the schema's order is named, with its line")
    func order() throws {
        let xml = alertXML(afterStatus: "<scope>Public</scope>\n  <msgType>Alert</msgType>", scope: "")
        let found = issues(xml)
        let first = try #require(found.first)
        #expect(first.message == "<msgType> is out of order: it must come before <scope>")
        #expect(first.line == 7)
    }

    @Test("a value outside an enumeration lists the allowed ones")
    func enumeration() throws {
        let found = issues(alertXML(info: defaultInfo.replacingOccurrences(of: "Moderate", with: "Severeish")))
        let issue = try #require(found.first)
        #expect(issue.path == "alert/info[1]/severity")
        #expect(issue.message == "\"Severeish\" is not one of: Extreme, Severe, Moderate, Minor, Unknown")
    }

    @Test("date-times: Z, fractions and impossible dates are refused; offsets and leap days read")
    func dateTimes() {
        #expect(issues(alertXML(sent: "2026-12-02T06:30:00Z")).first?.message.contains("never Z") == true)
        #expect(!issues(alertXML(sent: "2026-12-02T06:30:00.5+03:00")).isEmpty)
        #expect(!issues(alertXML(sent: "2026-02-29T06:30:00+03:00")).isEmpty)
        #expect(!issues(alertXML(sent: "2026-13-01T06:30:00+03:00")).isEmpty)
        #expect(!issues(alertXML(sent: "2026-12-02T06:30:00+14:30")).isEmpty)
        #expect(!issues(alertXML(sent: "2026-12-02T06:30:00,03:00")).isEmpty)
        #expect(issues(alertXML(sent: "2028-02-29T06:30:00+14:00")).isEmpty)
        #expect(issues(alertXML(sent: " 2026-12-02T06:30:00-00:00\n")).isEmpty)
        let sent = CAPDateTime("2026-12-02T09:30:00+03:00")
        #expect(sent?.date == Date(timeIntervalSince1970: 1_796_193_000))
        #expect(CAPDateTime(Date(timeIntervalSince1970: 1_796_193_000), offsetSeconds: 10_800).text == sent?.text)
        #expect(CAPDateTime(Date(timeIntervalSince1970: 0)).text == "1970-01-01T00:00:00-00:00")
    }

    @Test("polygons: at least four points, closed, in range")
    func polygons() {
        func polygon(_ text: String) -> [CAPIssue] {
            issues(
                alertXML(
                    info: defaultInfo.replacingOccurrences(
                        of: "29.30,47.90 29.30,48.05 29.40,48.05 29.30,47.90", with: text)))
        }
        #expect(polygon("29.30,47.90 29.30,48.05 29.30,47.90").first?.message.contains("at least 4 points") == true)
        #expect(polygon("29.30,47.90 29.30,48.05 29.40,48.05 29.35,47.90").first?.message.contains("closed") == true)
        #expect(
            polygon("29.30,47.90 99.30,48.05 29.40,48.05 29.30,47.90").first?.path == "alert/info[1]/area[1]/polygon[1]"
        )
        #expect(polygon("29.30;47.90 29.30,48.05 29.40,48.05 29.30;47.90").count == 1)
    }

    @Test("circles and the altitude ceiling")
    func circlesAndCeiling() {
        let area = "<areaDesc>Gulf</areaDesc>\n<circle>29.3,48.0 -2</circle>\n<ceiling>100</ceiling>"
        let found = issues(
            alertXML(
                info: defaultInfo.replacingOccurrences(
                    of: "<areaDesc>Kuwait City</areaDesc>", with: area)))
        #expect(found.map(\.path).contains("alert/info[1]/area[1]/circle[1]"))
        #expect(found.contains { $0.message == "<ceiling> needs <altitude>" })
    }

    @Test("references: Update and Cancel need them, in sender,identifier,sent form, never the message itself")
    func references() {
        let update = "<msgType>Update</msgType>"
        #expect(issues(alertXML(afterStatus: update)).first?.path == "alert/references")
        let bad = alertXML(afterStatus: update, header: "\n  <references>alerts@moi.gov.kw,KW-0</references>")
        #expect(issues(bad).first?.message.contains("is not sender,identifier,sent") == true)
        let good = alertXML(
            afterStatus: update, header: "\n  <references>alerts@moi.gov.kw,KW-0,2026-12-02T08:00:00+03:00</references>"
        )
        #expect(issues(good).isEmpty)
        let itself = alertXML(
            afterStatus: update, header: "\n  <references>alerts@moi.gov.kw,KW-1,2026-12-02T08:00:00+03:00</references>"
        )
        #expect(issues(itself).first?.message == "a message cannot refer to itself")
        let later = alertXML(
            afterStatus: update, header: "\n  <references>alerts@moi.gov.kw,KW-0,2026-12-02T10:00:00+03:00</references>"
        )
        #expect(issues(later).first?.message.contains("sent after this message") == true)
    }

    @Test("scope: Restricted needs restriction, Private needs addresses")
    func scope() {
        #expect(issues(alertXML(scope: "<scope>Restricted</scope>")).first?.path == "alert/restriction")
        #expect(issues(alertXML(scope: "<scope>Private</scope>")).first?.path == "alert/addresses")
        #expect(
            issues(
                alertXML(scope: "<scope>Private</scope>", header: "\n  <addresses>ops \"civil defense\"</addresses>")
            )
            .isEmpty)
    }

    @Test("identifier and sender: no spaces, commas, < or &")
    func identifiers() {
        let found = issues(alertXML().replacingOccurrences(of: "<identifier>KW-1", with: "<identifier>KW 1"))
        #expect(found.first?.path == "alert/identifier")
        let comma = issues(alertXML().replacingOccurrences(of: "alerts@moi", with: "alerts,@moi"))
        #expect(comma.first?.path == "alert/sender")
    }

    @Test("one language tag per info block")
    func language() {
        let two = defaultInfo.replacingOccurrences(of: "<info>", with: "<info>\n<language>ar-KW en-US</language>")
        #expect(issues(alertXML(info: two)).first?.path == "alert/info[1]/language")
        let arabic = defaultInfo.replacingOccurrences(of: "<info>", with: "<info>\n<language>ar-KW</language>")
        #expect(issues(alertXML(info: arabic)).isEmpty)
    }

    @Test("foreign elements, attributes and elements inside text are errors; xsi attributes and signatures are not")
    func structure() {
        let foreign = alertXML(header: "\n  <x xmlns=\"http://a.b/\">a</x>")
        #expect(issues(foreign).first?.message.contains("namespace http://a.b/") == true)
        let attribute = alertXML().replacingOccurrences(of: "<status>", with: "<status kind=\"x\">")
        #expect(issues(attribute).first?.message == "<status> takes no attribute \"kind\"")
        let inner = alertXML().replacingOccurrences(of: "<event>Sandstorm", with: "<event><b>Sandstorm</b>")
        #expect(issues(inner).first?.path == "alert/info[1]/event")
        let schemaLocation = alertXML().replacingOccurrences(
            of: "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">",
            with: "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"a b\">")
        #expect(issues(schemaLocation).isEmpty)
        let signed = alertXML().replacingOccurrences(
            of: "</alert>",
            with:
                "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/><SignatureValue>AA==</SignatureValue></Signature>\n</alert>"
        )
        let reading = CAPReader.read(signed.data)
        #expect(reading.issues.isEmpty)
        let alert = reading.alert
        #expect(alert?.signatures.count == 1)
        #expect(alert.map { CAPReader.read(CAPWriter.xml($0).data).alert == $0 } == true)
    }

    @Test("a message without a required element reads as no message, naming what is missing")
    func requiredMissing() {
        let reading = CAPReader.read(
            alertXML().replacingOccurrences(of: "<sender>alerts@moi.gov.kw</sender>", with: "").data)
        #expect(reading.alert == nil)
        #expect(reading.errors.map(\.message) == ["<sender> is missing"])
    }

    @Test("a document that is not a CAP alert says what it is")
    func notCAP() {
        let reading = CAPReader.read("<alert xmlns=\"urn:x\"><identifier>a</identifier></alert>".data)
        #expect(reading.errors.first?.message.contains("not a CAP alert") == true)
        #expect(CAPReader.read("<alert><identifier>".data).errors.first?.message.contains("not well-formed") == true)
    }
}

@Suite("CAP writing and JSON")
struct CAPWritingTests {
    @Test("a bilingual Arabic and English alert is valid and its right-to-left text survives exactly")
    func bilingual() throws {
        let alert = BilingualAlert.make()
        #expect(CAPRules.check(alert).isEmpty)
        let xml = CAPWriter.xml(alert)
        #expect(xml.contains(BilingualAlert.arabicHeadline))
        let back = try #require(CAPReader.read(xml.data).alert)
        #expect(back == alert)
        #expect(back.info[0].instruction == BilingualAlert.arabicInstruction)
        #expect(back.info.map(\.effectiveLanguage) == ["ar-KW", "en-US"])
        #expect(back.info[0].area[0].polygon[0].points?.count == 5)
        #expect(back.info[0].area[0].circle[0].reading?.radiusKilometres == 2.5)
    }

    @Test(
        "the bilingual alert validates with xmllint against cap12.xsd",
        .enabled(if: XMLLint.isAvailable, "xmllint (Debian's libxml2-utils) is not installed"))
    func bilingualSchema() async throws {
        let complaint = try await XMLLint.complaint(about: CAPWriter.xml(BilingualAlert.make()))
        #expect(complaint == nil, "\(complaint ?? "")")
    }

    @Test("text with markup characters and carriage returns is escaped and read back the same")
    func escaping() throws {
        var alert = BilingualAlert.make()
        alert.note = "a < b && c > d\r\nline two \"quoted\""
        let back = try #require(CAPReader.read(CAPWriter.xml(alert).data).alert)
        #expect(back.note == alert.note)
    }

    @Test("a character XML cannot carry is an error before anything is written")
    func forbiddenCharacter() {
        var alert = BilingualAlert.make()
        alert.info[1].headline = "bell \u{07}"
        #expect(CAPRules.check(alert).first?.path == "alert/info[2]/headline")
    }

    @Test("JSON: round trip, and a missing or wrong field is named by its path")
    func json() throws {
        let alert = BilingualAlert.make()
        let data = CAPJSON.encode(alert)
        #expect(CAPJSON.read(data).alert == alert)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var infos = try #require(object["info"] as? [[String: Any]])
        infos[1].removeValue(forKey: "urgency")
        object["info"] = infos
        let missing = CAPJSON.read(try JSONSerialization.data(withJSONObject: object))
        #expect(missing.errors.first?.path == "alert/info[2]/urgency")
        object["sent"] = "yesterday"
        let badTime = CAPJSON.read(try JSONSerialization.data(withJSONObject: object))
        #expect(badTime.errors.first?.path == "alert/sent")
        #expect(CAPJSON.read("{".data).errors.first?.message.hasPrefix("not JSON") == true)
    }
}
