import Foundation

/// One signature line of a signed note: `— <key name> <base64(key ID ‖ signature)>`.
public struct NoteSignature: Sendable, Hashable {
    /// The signer's key name.
    public let name: String
    /// The first four bytes of the key hash, big-endian (see `CheckpointKeyID`).
    public let keyID: UInt32
    /// The raw signature (64 bytes for Ed25519).
    public let signature: Data

    public init(name: String, keyID: UInt32, signature: Data) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The line as written in a note, including its newline.
    public var line: String {
        var blob = Data()
        withUnsafeBytes(of: keyID.bigEndian) { blob.append(contentsOf: $0) }
        blob.append(signature)
        return "\(SignedNote.signaturePrefix)\(name) \(blob.base64EncodedString())\n"
    }
}

/// A C2SP signed note: text, a blank line, then one or more signature lines.
///
/// The format lets other parties (a witness, another agency) add their own signature lines
/// to the same checkpoint; verifiers ignore lines by keys they do not know.
public struct SignedNote: Sendable, Hashable {
    /// The signed text: non-empty, ends in a newline, contains no blank line.
    public let text: String
    /// The signature lines, in order.
    public let signatures: [NoteSignature]

    /// The start of every signature line: an em dash (U+2014) and a space.
    public static let signaturePrefix = "\u{2014} "

    /// At most this many signature lines are accepted, to bound the work an input can cause.
    public static let maximumSignatures = 100

    public init(text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The serialized note: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Parses a serialized note.
    ///
    /// - Throws: `CheckpointError` naming the line at fault (1-based within the note).
    public static func parse(_ serialized: String) throws(CheckpointError) -> SignedNote {
        guard serialized.utf8.last == UInt8(ascii: "\n") else {
            throw .malformedNote("does not end with a newline")
        }
        let lines = NoteLines.split(Substring(serialized).utf8.dropLast())
        guard let blank = lines.lastIndex(where: \.isEmpty) else {
            throw .malformedNote("no blank line between text and signatures")
        }
        guard blank > 0 else { throw .malformedLine(line: 1, reason: "note text is empty") }
        let textLines = lines[..<blank]
        for (offset, line) in textLines.enumerated() where line.isEmpty {
            throw .malformedLine(line: offset + 1, reason: "blank line inside the note text")
        }
        let signatureLines = lines[(blank + 1)...]
        guard !signatureLines.isEmpty else {
            throw .malformedLine(line: blank + 2, reason: "a signed note needs at least one signature line")
        }
        guard signatureLines.count <= maximumSignatures else {
            throw .malformedLine(line: blank + 2, reason: "more than \(maximumSignatures) signature lines")
        }
        var signatures: [NoteSignature] = []
        for (offset, line) in signatureLines.enumerated() {
            signatures.append(try parseSignature(line, lineNumber: blank + 2 + offset))
        }
        let text = textLines.joined(separator: "\n") + "\n"
        return SignedNote(text: text, signatures: signatures)
    }

    static func parseSignature(_ line: Substring, lineNumber: Int) throws(CheckpointError) -> NoteSignature {
        guard line.hasPrefix(signaturePrefix) else {
            throw .malformedLine(line: lineNumber, reason: "signature line must start with \"— \"")
        }
        let parts = line.dropFirst(signaturePrefix.count).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw .malformedLine(line: lineNumber, reason: "signature line must be \"— <name> <base64>\"")
        }
        guard let blob = Data(base64Encoded: String(parts[1])), blob.count > 4 else {
            throw .malformedLine(line: lineNumber, reason: "signature is not base64 of a key ID and a signature")
        }
        let keyID = blob.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(name: String(parts[0]), keyID: keyID, signature: Data(blob.dropFirst(4)))
    }
}
