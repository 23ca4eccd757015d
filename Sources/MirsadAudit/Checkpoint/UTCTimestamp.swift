/// Whole-second UTC timestamps in the fixed ISO 8601 form `2026-11-20T09:30:00Z`.
///
/// Written and read by hand (days-from-civil arithmetic) so that parsing is strict, allocation
/// free and independent of locale or formatter thread-safety.
enum UTCTimestamp {
    static func format(unixSeconds: Int64) -> String {
        let days = CivilCalendar.floorDiv(unixSeconds, 86_400)
        let secondsOfDay = unixSeconds - days * 86_400
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        let hour = secondsOfDay / 3600
        let minute = secondsOfDay % 3600 / 60
        let second = secondsOfDay % 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (years 0000–9999); nil for anything else.
    static func parse(_ text: Substring) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let digit = bytes[index]
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(digit - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        guard (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        return CivilCalendar.days(fromYear: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
