import Foundation
import MirsadGeodesy

/// One row of an `id,lat,lon` file.
public struct IdentifiedCoordinate: Sendable, Hashable, Codable {
    public var id: String
    public var coordinate: GeoCoordinate
    /// 1-based line number in the source file, for messages.
    public var line: Int

    public init(id: String, coordinate: GeoCoordinate, line: Int) {
        self.id = id
        self.coordinate = coordinate
        self.line = line
    }
}

/// A CSV problem, always with the line (and field) at fault.
public struct CoordinateCSVError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
    public var errorDescription: String? { description }
}

/// Reads and writes the CSV files of the `roads` commands: points as `id,lat,lon` (an
/// optional header line with exactly those names) and tables as
/// `source_id,target_id,seconds,meters`. Fields may be quoted as in RFC 4180.
public enum CoordinateCSV {
    /// Parses `id,lat,lon` rows. Blank lines are skipped; ids must be unique.
    public static func parse(_ text: String) throws(CoordinateCSVError) -> [IdentifiedCoordinate] {
        var rows: [IdentifiedCoordinate] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        var sawContent = false
        var lastContentLine = 1
        // "\r\n" is a single Character in Swift, so split on every line-break form.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for rawLine in lines {
            lineNumber += 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            lastContentLine = lineNumber
            let fields = try splitFields(line, line: lineNumber)
            if !sawContent {
                sawContent = true
                let lowered = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if lowered == ["id", "lat", "lon"] { continue }
                if Double(lowered.count > 1 ? lowered[1] : "") == nil && fields.count == 3 {
                    throw CoordinateCSVError(
                        line: lineNumber,
                        message: "header must be exactly \"id,lat,lon\", found \"\(fields.joined(separator: ","))\"")
                }
            }
            guard fields.count == 3 else {
                throw CoordinateCSVError(
                    line: lineNumber, message: "expected 3 fields (id,lat,lon), found \(fields.count)")
            }
            let id = fields[0].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw CoordinateCSVError(line: lineNumber, message: "empty id") }
            let latText = fields[1].trimmingCharacters(in: .whitespaces)
            let lonText = fields[2].trimmingCharacters(in: .whitespaces)
            guard let lat = Double(latText), lat.isFinite else {
                throw CoordinateCSVError(line: lineNumber, message: "lat \"\(latText)\" is not a number")
            }
            guard let lon = Double(lonText), lon.isFinite else {
                throw CoordinateCSVError(line: lineNumber, message: "lon \"\(lonText)\" is not a number")
            }
            guard abs(lat) <= 90 else {
                throw CoordinateCSVError(line: lineNumber, message: "lat \(latText) is outside -90...90")
            }
            guard abs(lon) <= 180 else {
                throw CoordinateCSVError(line: lineNumber, message: "lon \(lonText) is outside -180...180")
            }
            if let first = seen[id] {
                throw CoordinateCSVError(line: lineNumber, message: "duplicate id \"\(id)\" (first on line \(first))")
            }
            seen[id] = lineNumber
            rows.append(
                IdentifiedCoordinate(id: id, coordinate: GeoCoordinate(latitude: lat, longitude: lon), line: lineNumber)
            )
        }
        guard !rows.isEmpty else {
            throw CoordinateCSVError(line: lastContentLine, message: "no rows (expected id,lat,lon)")
        }
        return rows
    }

    /// Splits one line into fields, honouring double quotes.
    static func splitFields(_ line: Substring, line number: Int) throws(CoordinateCSVError) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let ch = line[index]
            if inQuotes {
                if ch == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(ch)
                }
            } else if ch == "," {
                fields.append(current)
                current = ""
                wasQuoted = false
            } else if ch == "\"" && current.trimmingCharacters(in: .whitespaces).isEmpty && !wasQuoted {
                inQuotes = true
                wasQuoted = true
                current = ""
            } else {
                current.append(ch)
            }
            index = line.index(after: index)
        }
        if inQuotes { throw CoordinateCSVError(line: number, message: "unterminated quoted field") }
        fields.append(current)
        return fields
    }

    /// Quotes a field when it holds a comma, quote or line break.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Renders a table as `source_id,target_id,seconds,meters` (seconds and metres with one
    /// decimal); pairs without an estimate get empty seconds and meters.
    public static func renderTable(
        sources: [IdentifiedCoordinate], targets: [IdentifiedCoordinate],
        estimate: (_ source: Int, _ target: Int) -> TravelEstimate?
    ) -> String {
        var out = "source_id,target_id,seconds,meters\n"
        for (s, source) in sources.enumerated() {
            for (t, target) in targets.enumerated() {
                out += escape(source.id) + "," + escape(target.id) + ","
                if let e = estimate(s, t) {
                    out += String(format: "%.1f,%.1f", e.seconds, e.meters)
                } else {
                    out += ","
                }
                out += "\n"
            }
        }
        return out
    }
}
