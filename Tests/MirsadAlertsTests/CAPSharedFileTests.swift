import Foundation
import MirsadAlerts
import MirsadTestSupport
import Testing

@Suite(
    "CAP 1.2 on the shared CAP files",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
struct CAPSharedFileTests {
    @Test("the valid CAP 1.2 files read without an error", arguments: CAPFiles.valid12)
    func valid12(name: String) throws {
        let reading = CAPReader.read(try CAPFiles.data(name))
        #expect(reading.errors.isEmpty, "\(name): \(reading.errors)")
        #expect(reading.version == .v1_2)
        #expect(reading.isValidCAP12)
    }

    @Test("the CAP 1.1 files are read with a warning, and are not CAP 1.2", arguments: CAPFiles.valid11)
    func valid11(name: String) throws {
        let reading = CAPReader.read(try CAPFiles.data(name))
        #expect(reading.errors.isEmpty, "\(name): \(reading.errors)")
        #expect(reading.version == .v1_1)
        #expect(reading.warnings.contains { $0.path == "alert" && $0.message.contains("CAP 1.1") })
        #expect(reading.isValid && !reading.isValidCAP12)
    }

    @Test("the missing scope of google-invalid.cap is found, with its line")
    func missingScope() throws {
        let reading = CAPReader.read(try CAPFiles.data("google-invalid.cap"))
        #expect(!reading.isValid)
        let issue = try #require(reading.errors.first)
        #expect(issue.path == "alert")
        #expect(issue.message == "<scope> is missing")
        #expect(issue.line == 9)  // where <info> starts, the element found in its place
        #expect(reading.errors.count == 1)
    }

    @Test("the empty references of google-canada_errors.cap are an error on their line")
    func emptyReferences() throws {
        let reading = CAPReader.read(try CAPFiles.data("google-canada_errors.cap"))
        #expect(!reading.isValid)
        let references = try #require(reading.errors.first { $0.path == "alert/references" })
        #expect(references.line == 12)
        #expect(references.message.contains("empty"))
        // The empty restriction and addresses of a Public message are only worth a warning.
        #expect(Set(reading.warnings.map(\.path)) == ["alert/restriction", "alert/addresses"])
    }

    @Test("the external-entity attack of google-xee.cap is refused before anything is parsed")
    func externalEntityAttack() throws {
        let reading = CAPReader.read(try CAPFiles.data("google-xee.cap"))
        #expect(reading.alert == nil)
        let issue = try #require(reading.errors.first)
        #expect(issue.line == 3)
        #expect(issue.message.contains("document type declaration"))
        #expect(reading.errors.count == 1)
    }

    @Test("every valid file survives parse → write → parse unchanged", arguments: CAPFiles.valid12 + CAPFiles.valid11)
    func roundTrip(name: String) throws {
        let data = try CAPFiles.data(name)
        let first = try #require(CAPReader.read(data).alert)
        let written = CAPWriter.xml(first)
        let again = CAPReader.read(written.data)
        #expect(again.errors.isEmpty, "\(again.errors)")
        #expect(again.version == .v1_2)
        #expect(again.alert == first)
        // Canonical comparison of the documents themselves, independent of the model: the
        // original's elements and text (its CAP 1.1 namespace read as 1.2) equal the written ones.
        let original = try SecureXMLReader.read(data).canonicalForm
            .replacingOccurrences(of: CAPVersion.v1_1.namespace, with: CAPVersion.v1_2.namespace)
        #expect(try SecureXMLReader.read(written.data).canonicalForm == original)
        // Writing what was read back gives the very same text.
        #expect(CAPWriter.xml(try #require(again.alert)) == written)
    }

    @Test(
        "what Mirsad writes validates with xmllint against cap12.xsd",
        .enabled(if: XMLLint.isAvailable, "xmllint (Debian's libxml2-utils) is not installed"),
        arguments: CAPFiles.valid12 + CAPFiles.valid11)
    func xmllintAccepts(name: String) async throws {
        let alert = try #require(CAPReader.read(try CAPFiles.data(name)).alert)
        let complaint = try await XMLLint.complaint(about: CAPWriter.xml(alert))
        #expect(complaint == nil, "\(name): \(complaint ?? "")")
    }

    @Test(
        "xmllint and Mirsad agree on the files to reject", .enabled(if: XMLLint.isAvailable, "xmllint is not installed")
    )
    func xmllintRejectsWhatMirsadRejects() async throws {
        let invalid = String(decoding: try CAPFiles.data("google-invalid.cap"), as: UTF8.self)
        #expect(try await XMLLint.complaint(about: invalid) != nil)
        #expect(!CAPReader.read(invalid.data).isValid)
    }

    @Test("a JSON conversion of every valid file reads back to the same message", arguments: CAPFiles.valid12)
    func jsonRoundTrip(name: String) throws {
        let alert = try #require(CAPReader.read(try CAPFiles.data(name)).alert)
        let reading = CAPJSON.read(CAPJSON.encode(alert))
        #expect(reading.errors.isEmpty)
        #expect(reading.alert == alert)
    }
}
