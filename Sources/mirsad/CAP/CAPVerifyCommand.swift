import ArgumentParser
import Foundation
import MirsadAlerts
import MirsadAudit

/// `mirsad cap verify`: checks that a published warning is the one the ministry signed, with
/// the audit key everyone can fetch from `GET /v1/audit/key`.
struct CAPVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a published CAP alert against its detached Ed25519 signature (FILE.xml.sig).",
        discussion: "Download /cap/alerts/ID.xml and /cap/alerts/ID.xml.sig from the server, and the key from "
            + "/v1/audit/key. Exit status 0 only when the signature is the key's over the file's exact bytes and "
            + "the file is valid CAP 1.2.")
    @Option(
        help: "The audit public key: the one line of /v1/audit/key (NAME+KEYID+BASE64), or a file holding it.")
    var key: String
    @Option(help: "The signature file (default: FILE.sig).") var signature: String?
    @Argument(help: "The CAP alert as downloaded.") var file: String

    func run() throws {
        let verifier = try Self.verifier(key)
        guard let document = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("\(file): cannot read the file")
        }
        let signaturePath = signature ?? file + ".sig"
        guard let signatureText = FileManager.default.contents(atPath: signaturePath) else {
            throw CommandFailure("\(signaturePath): cannot read the signature (give --signature FILE)")
        }
        let encoded = String(decoding: signatureText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: encoded), bytes.count == 64 else {
            throw CommandFailure("\(signaturePath): not a base64 Ed25519 signature (64 bytes)")
        }
        guard verifier.isValidSignature(bytes, for: document) else {
            throw CommandFailure(
                "\(file): the signature does not match: the file was changed, or was not signed by \(verifier.name)")
        }
        let reading = CAPReader.read(document)
        guard reading.isValidCAP12, let alert = reading.alert else {
            for issue in reading.issues { print("\(file):\(issue)") }
            throw CommandFailure("\(file): signed, but not valid CAP 1.2")
        }
        print(
            "\(file): signature good (key \(verifier.name) \(CheckpointKeyID.hex(verifier.keyID))); "
                + "\(alert.msgType.rawValue) \(alert.identifier) from \(alert.sender), sent \(alert.sent.text)")
    }

    static func verifier(_ key: String) throws -> CheckpointVerifier {
        let line =
            FileManager.default.fileExists(atPath: key)
            ? String(decoding: FileManager.default.contents(atPath: key) ?? Data(), as: UTF8.self) : key
        do { return try CheckpointVerifier(parsing: line) } catch {
            throw CommandFailure("--key: not an audit public key (\(error))")
        }
    }
}
