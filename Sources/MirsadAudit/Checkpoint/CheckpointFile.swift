/// A plain-text file of signed checkpoints that another agency keeps, so that the log cannot
/// later be truncated or rewritten without the difference showing.
///
/// Layout: signed notes one after another, each followed by one blank line (extra blank
/// lines between notes are tolerated). Appending never rewrites earlier bytes, and a note cut
/// short by a crash is reported with its line number rather than silently skipped.
public enum CheckpointFile {
    /// One signed note found in a file, with the 1-based line where it starts.
    public struct Entry: Sendable, Hashable {
        /// Line of the note's first text line.
        public let line: Int
        /// The serialized signed note (text, blank line, signature lines).
        public let text: String
    }

    /// The bytes appended to a checkpoint file for one signed checkpoint.
    public static func record(_ signed: SignedCheckpoint) -> String {
        signed.serialized + "\n"
    }

    /// Builds a whole file from checkpoints, oldest first.
    public static func format(_ checkpoints: [SignedCheckpoint]) -> String {
        checkpoints.map(record).joined()
    }

    /// Splits a file into its signed notes and checks each note's structure.
    ///
    /// Signatures are not verified here (that needs the key, see `CheckpointVerifier`) so that
    /// a forged note is reported as a finding rather than hiding the rest of the file.
    ///
    /// - Throws: `CheckpointError.malformedLine` with the line number in the file.
    public static func parse(_ contents: String) throws(CheckpointError) -> [Entry] {
        if contents.isEmpty { return [] }
        guard contents.utf8.last == UInt8(ascii: "\n") else {
            throw .malformedLine(
                line: NoteLines.split(contents).count, reason: "file does not end with a newline (interrupted write?)")
        }
        let lines = NoteLines.split(Substring(contents).utf8.dropLast())

        enum State { case between, text, blankAfterText, signatures }
        var state = State.between
        var entries: [Entry] = []
        var noteLines: [Substring] = []
        var noteStart = 0

        func finishNote() throws(CheckpointError) {
            let text = noteLines.joined(separator: "\n") + "\n"
            do {
                _ = try SignedNote.parse(text)
            } catch .malformedLine(let line, let reason) {
                throw .malformedLine(line: noteStart + line - 1, reason: reason)
            } catch {
                throw .malformedLine(line: noteStart, reason: error.description)
            }
            entries.append(Entry(line: noteStart, text: text))
            noteLines.removeAll(keepingCapacity: true)
        }

        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let isSignature = line.hasPrefix(SignedNote.signaturePrefix)
            switch state {
            case .between:
                if line.isEmpty { continue }
                if isSignature {
                    throw .malformedLine(line: number, reason: "signature line without a note text before it")
                }
                noteStart = number
                noteLines = [line]
                state = .text
            case .text:
                if line.isEmpty {
                    noteLines.append(line)
                    state = .blankAfterText
                } else if isSignature {
                    throw .malformedLine(line: number, reason: "missing blank line between note text and signatures")
                } else {
                    noteLines.append(line)
                }
            case .blankAfterText:
                guard isSignature else {
                    throw .malformedLine(line: number, reason: "expected a signature line starting with \"— \"")
                }
                noteLines.append(line)
                state = .signatures
            case .signatures:
                if line.isEmpty {
                    try finishNote()
                    state = .between
                } else if isSignature {
                    noteLines.append(line)
                } else {
                    throw .malformedLine(line: number, reason: "expected a signature line or a blank line")
                }
            }
        }
        switch state {
        case .between: break
        case .signatures: try finishNote()
        case .text, .blankAfterText:
            throw .malformedLine(
                line: noteStart, reason: "note starting here has no signature lines (interrupted write?)")
        }
        return entries
    }
}
