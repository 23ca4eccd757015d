/// Escaping for text and attribute values written into XML.
///
/// A carriage return is written as a character reference: a literal one would be read back as a
/// line feed (XML normalises line ends), and the text would not survive a round trip.
public enum XMLEscaping {
    public static func text(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x0D }) else {
            return value
        }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#xD;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func attribute(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#xD;"
            case "\n": out += "&#xA;"
            case "\t": out += "&#x9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Characters XML 1.0 cannot carry at all, even escaped (most C0 controls, U+FFFE, U+FFFF).
    public static func firstForbiddenCharacter(in value: String) -> Unicode.Scalar? {
        value.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD: false
            case 0..<0x20, 0xFFFE, 0xFFFF: true
            default: false
            }
        }
    }
}
