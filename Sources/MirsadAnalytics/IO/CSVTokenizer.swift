import Foundation

/// Splits RFC 4180 CSV text into records: quoted fields with doubled quotes, embedded commas
/// and newlines, LF or CRLF line ends, and a leading UTF-8 byte-order mark. Each record keeps
/// the 1-based line it starts on so errors can name it.
public struct CSVTokenizer: Sendable {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    public let delimiter: UInt8

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter.asciiValue ?? 44
    }

    /// Tokenizes the whole input; an unterminated quote is reported with the line it opened on.
    public func records(in data: Data) throws(AnalyticsError) -> [Record] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteOpenedOn = 0
        var fieldStarted = false
        var index = 0
        let count = bytes.count

        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }

        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == 34 {
                    if index + 1 < count, bytes[index + 1] == 34 {
                        field.append(34)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case 34 where !fieldStarted || field.isEmpty:
                inQuotes = true
                quoteOpenedOn = line
                fieldStarted = true
            case delimiter:
                finishField()
            case 13:
                break  // CR of CRLF (a lone CR inside a field is dropped too)
            case 10:
                finishField()
                if !(fields.count == 1 && fields[0].isEmpty) {
                    records.append(Record(line: recordLine, fields: fields))
                }
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            default:
                field.append(byte)
                fieldStarted = true
            }
            index += 1
        }
        if inQuotes {
            throw .malformedRow(line: quoteOpenedOn, reason: "quoted field is never closed")
        }
        if fieldStarted || !field.isEmpty || !fields.isEmpty {
            finishField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
        }
        return records
    }
}
