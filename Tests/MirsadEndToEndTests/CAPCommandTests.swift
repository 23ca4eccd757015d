import Foundation
import MirsadAudit
import MirsadTestSupport
import Testing

/// `mirsad cap validate|show|convert` on the shared CAP files, through the real binary.
@Suite("mirsad cap", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
struct CAPCommandTests {
    private func file(_ name: String) throws -> String { try #require(SharedData.file("cap/\(name)")).path }

    @Test("validate exits 0 only when every file is valid CAP 1.2, and names each problem's line")
    func validate() async throws {
        let valid = try ["oasis-cap12-appendix-a4.xml", "google-canada.cap"].map(file)
        let (ok, okOutput) = try await MirsadProcess.run(["cap", "validate"] + valid)
        #expect(ok == 0, "\(okOutput)")
        #expect(okOutput.contains("oasis-cap12-appendix-a4.xml: valid CAP 1.2"))

        let (bad, badOutput) = try await MirsadProcess.run([
            "cap", "validate", valid[0], try file("google-invalid.cap"),
        ])
        #expect(bad == 1)
        #expect(badOutput.contains("google-invalid.cap:9: error: alert: <scope> is missing"))

        let (old, oldOutput) = try await MirsadProcess.run(["cap", "validate", try file("google-weather.cap")])
        #expect(old == 1)
        #expect(oldOutput.contains("valid CAP 1.1, not CAP 1.2"))

        let (attack, attackOutput) = try await MirsadProcess.run(["cap", "validate", try file("google-xee.cap")])
        #expect(attack == 1)
        #expect(attackOutput.contains("google-xee.cap:3: error: document: a document type declaration"))
    }

    @Test("show prints each language's headline")
    func show() async throws {
        let (status, output) = try await MirsadProcess.run(["cap", "show", try file("oasis-cap12-appendix-a4.xml")])
        #expect(status == 0)
        #expect(output.contains("[en-US] Amber Alert in Los Angeles County"))
        #expect(output.contains("[es-US] Alerta Amber en el condado de Los Ángeles"))
    }

    @Test("convert: CAP 1.1 to 1.2 XML, XML to JSON and back, and nothing written for an invalid file")
    func convert() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let json = workspace.directory.appendingPathComponent("weather.json").path
        let xml = workspace.directory.appendingPathComponent("weather.xml").path
        let (toJSON, jsonOutput) = try await MirsadProcess.run(
            ["cap", "convert", "--to", "json", "-o", json, try file("google-weather.cap")])
        #expect(toJSON == 0, "\(jsonOutput)")
        let (toXML, xmlOutput) = try await MirsadProcess.run(["cap", "convert", "--to", "xml", "-o", xml, json])
        #expect(toXML == 0, "\(xmlOutput)")
        let written = try String(contentsOfFile: xml, encoding: .utf8)
        #expect(written.contains("urn:oasis:names:tc:emergency:cap:1.2"))
        let (check, checkOutput) = try await MirsadProcess.run(["cap", "validate", xml])
        #expect(check == 0, "\(checkOutput)")

        let refused = workspace.directory.appendingPathComponent("refused.json").path
        let (invalid, invalidOutput) = try await MirsadProcess.run(
            ["cap", "convert", "--to", "json", "-o", refused, try file("google-invalid.cap")])
        #expect(invalid != 0)
        #expect(invalidOutput.contains("<scope> is missing"))
        #expect(!FileManager.default.fileExists(atPath: refused))
    }
}

/// `mirsad cap verify`: a signed message checks; a changed byte, another key or a missing
/// signature does not.
@Suite("mirsad cap verify", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
struct CAPVerifyCommandTests {
    @Test("exit 0 only for the key's signature over the file's exact bytes")
    func verify() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let document = try Data(contentsOf: try #require(SharedData.file("cap/oasis-cap12-appendix-a4.xml")))
        let signer = try CheckpointSigner.generate(name: "mirsad.audit/test")
        let stranger = try CheckpointSigner.generate(name: "mirsad.audit/other")
        let xml = workspace.directory.appendingPathComponent("alert.xml")
        try document.write(to: xml)
        try Data((try signer.signature(for: document).base64EncodedString() + "\n").utf8)
            .write(to: URL(fileURLWithPath: xml.path + ".sig"))
        let keyFile = workspace.directory.appendingPathComponent("audit.pub")
        try Data((signer.verifier.serialized + "\n").utf8).write(to: keyFile)

        let (good, goodOutput) = try await MirsadProcess.run(["cap", "verify", "--key", keyFile.path, xml.path])
        #expect(good == 0, "\(goodOutput)")
        #expect(goodOutput.contains("signature good") && goodOutput.contains("Alert KAR0-0306112239-SW"))

        let (other, otherOutput) = try await MirsadProcess.run(
            ["cap", "verify", "--key", stranger.verifier.serialized, xml.path])
        #expect(other == 1 && otherOutput.contains("the signature does not match"))

        var changed = document
        changed[changed.count / 2] ^= 0x01
        try changed.write(to: xml)
        let (tampered, tamperedOutput) = try await MirsadProcess.run(["cap", "verify", "--key", keyFile.path, xml.path])
        #expect(tampered == 1 && tamperedOutput.contains("the signature does not match"), "\(tamperedOutput)")

        let (missing, missingOutput) = try await MirsadProcess.run(
            ["cap", "verify", "--key", keyFile.path, "--signature", xml.path + ".none", xml.path])
        #expect(missing != 0 && missingOutput.contains("cannot read the signature"))
    }
}
