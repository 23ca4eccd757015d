import Foundation

/// Parses the date and time shapes found in police exports, without `DateFormatter` (which is
/// slow and locale-dependent):
/// `2010-01-31`, `2010-01-31 13:05[:07[.123]]`, `2010-01-31T13:05:07[.123][Z|±hh:mm]`,
/// `1/31/2010` (US month/day/year) with an optional ` 13:05[:07]`, and epoch seconds.
/// Times without a zone are read as UTC so that day boundaries do not move with the machine.
public enum TimestampParser {
    public static func parse(_ text: some StringProtocol) -> Date? {
        let bytes = Array(text.utf8).trimmedSpaces()
        guard !bytes.isEmpty else { return nil }
        if let value = parseISOLike(bytes) { return value }
        if let value = parseUSDate(bytes) { return value }
        if bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }),
            let seconds = Double(String(decoding: bytes, as: UTF8.self)),
            seconds.isFinite, bytes.count >= 9
        {
            return Date(timeIntervalSince1970: seconds)
        }
        return nil
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func makeDate(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double, offsetSeconds: Int
    ) -> Date? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            (0...24).contains(hour), (0...59).contains(minute), second >= 0, second < 61
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60) + second - Double(offsetSeconds)
        return Date(timeIntervalSince1970: seconds)
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8? { atEnd ? nil : bytes[index] }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while let byte = current, byte >= 48, byte <= 57, digits < maxDigits {
                value = value * 10 + Int(byte - 48)
                digits += 1
                index += 1
            }
            return digits >= minDigits ? value : nil
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            if current == byte {
                index += 1
                return true
            }
            return false
        }
    }

    /// Parses an optional `HH:MM[:SS[.fff]]` time and optional zone after a date.
    private static func parseTime(_ cursor: inout Cursor) -> (hour: Int, minute: Int, second: Double, offset: Int)? {
        guard let hour = cursor.number(minDigits: 1, maxDigits: 2), cursor.consume(58),
            let minute = cursor.number(minDigits: 2, maxDigits: 2)
        else { return nil }
        var second = 0.0
        if cursor.consume(58) {
            guard let whole = cursor.number(minDigits: 2, maxDigits: 2) else { return nil }
            second = Double(whole)
            if cursor.consume(46) || cursor.consume(44) {
                var scale = 0.1
                while let byte = cursor.current, byte >= 48, byte <= 57 {
                    second += Double(byte - 48) * scale
                    scale /= 10
                    cursor.index += 1
                }
            }
        }
        var offset = 0
        if cursor.consume(90) || cursor.consume(122) {  // Z / z
            offset = 0
        } else if let sign = cursor.current, sign == 43 || sign == 45 {
            cursor.index += 1
            guard let hours = cursor.number(minDigits: 2, maxDigits: 2) else { return nil }
            _ = cursor.consume(58)
            let minutes = cursor.number(minDigits: 2, maxDigits: 2) ?? 0
            offset = (hours * 3600 + minutes * 60) * (sign == 45 ? -1 : 1)
        }
        return (hour, minute, second, offset)
    }

    private static func parseISOLike(_ bytes: [UInt8]) -> Date? {
        var cursor = Cursor(bytes: bytes)
        guard let year = cursor.number(minDigits: 4, maxDigits: 4), cursor.consume(45),
            let month = cursor.number(minDigits: 1, maxDigits: 2), cursor.consume(45),
            let day = cursor.number(minDigits: 1, maxDigits: 2)
        else { return nil }
        if cursor.atEnd {
            return makeDate(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, offsetSeconds: 0)
        }
        guard cursor.consume(84) || cursor.consume(32) || cursor.consume(116) else { return nil }
        guard let time = parseTime(&cursor), cursor.atEnd else { return nil }
        return makeDate(
            year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second,
            offsetSeconds: time.offset)
    }

    private static func parseUSDate(_ bytes: [UInt8]) -> Date? {
        var cursor = Cursor(bytes: bytes)
        guard let month = cursor.number(minDigits: 1, maxDigits: 2), cursor.consume(47),
            let day = cursor.number(minDigits: 1, maxDigits: 2), cursor.consume(47),
            let year = cursor.number(minDigits: 4, maxDigits: 4)
        else { return nil }
        if cursor.atEnd {
            return makeDate(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, offsetSeconds: 0)
        }
        guard cursor.consume(32), let time = parseTime(&cursor), cursor.atEnd else { return nil }
        return makeDate(
            year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second,
            offsetSeconds: time.offset)
    }
}

extension Array where Element == UInt8 {
    func trimmedSpaces() -> [UInt8] {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == 32 || self[start] == 9 { start += 1 }
        while end > start, self[end - 1] == 32 || self[end - 1] == 9 || self[end - 1] == 13 { end -= 1 }
        return Array(self[start..<end])
    }
}
