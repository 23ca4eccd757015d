/// Line splitting on the byte `\n` only. Splitting `String` by `Character` would treat `\r\n`
/// as one character and let a CRLF-mangled note slip through; bytes keep the format exact.
enum NoteLines {
    static func split(_ bytes: Substring.UTF8View) -> [Substring] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    static func split(_ text: String) -> [Substring] {
        split(Substring(text).utf8)
    }
}
