import Foundation

/// Reads incidents from CSV with the column choices of `mirsad analyze`:
/// `--x COL --y COL [--time COL] [--category COL] [--no-header] [--columns x,y,date]`.
///
/// A column is named by its header, by a name given in `columnNames` (for header-less files),
/// or by its 1-based position. A row whose coordinates or time cannot be read is a malformed
/// row: reading stops with its line number, unless `skipBadRows` is set, in which case it is
/// skipped and counted (the first few reasons are kept for the report).
public struct EventCSVReader: Sendable {
    public struct Options: Sendable, Equatable {
        public var xColumn: String
        public var yColumn: String
        public var timeColumn: String?
        public var categoryColumn: String?
        public var idColumn: String?
        public var hasHeader: Bool
        /// Names for the columns of a header-less file, e.g. `["x", "y", "date"]`.
        public var columnNames: [String]?
        public var skipBadRows: Bool

        public init(
            xColumn: String, yColumn: String, timeColumn: String? = nil, categoryColumn: String? = nil,
            idColumn: String? = nil, hasHeader: Bool = true, columnNames: [String]? = nil, skipBadRows: Bool = false
        ) {
            self.xColumn = xColumn
            self.yColumn = yColumn
            self.timeColumn = timeColumn
            self.categoryColumn = categoryColumn
            self.idColumn = idColumn
            self.hasHeader = hasHeader
            self.columnNames = columnNames
            self.skipBadRows = skipBadRows
        }
    }

    /// One row as read, before projection.
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let x: Double
        public let y: Double
        public let time: Date?
        public let category: String?
        public let id: String?
    }

    /// A skipped row and why.
    public struct SkippedRow: Sendable, Equatable {
        public let line: Int
        public let reason: String
    }

    public struct Table: Sendable {
        public let rows: [Row]
        /// Number of malformed rows skipped (only with `skipBadRows`).
        public let skippedCount: Int
        /// The first skipped rows (at most 20) with their reasons.
        public let skippedSamples: [SkippedRow]
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func read(contentsOf url: URL) throws(AnalyticsError) -> Table {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try read(data: data)
    }

    public func read(data: Data) throws(AnalyticsError) -> Table {
        let records = try CSVTokenizer().records(in: data)
        guard let first = records.first else { throw .emptyInput("the CSV file is empty") }
        let header: [String]
        let body: ArraySlice<CSVTokenizer.Record>
        if options.hasHeader {
            header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            body = records.dropFirst()
        } else {
            header = options.columnNames ?? []
            body = records[...]
        }
        let xIndex = try columnIndex(options.xColumn, header: header, option: "x")
        let yIndex = try columnIndex(options.yColumn, header: header, option: "y")
        let timeIndex = try options.timeColumn.map { column throws(AnalyticsError) in
            try columnIndex(column, header: header, option: "time")
        }
        let categoryIndex = try options.categoryColumn.map { column throws(AnalyticsError) in
            try columnIndex(column, header: header, option: "category")
        }
        let idIndex = try options.idColumn.map { column throws(AnalyticsError) in
            try columnIndex(column, header: header, option: "id")
        }
        let needed = [xIndex, yIndex, timeIndex, categoryIndex, idIndex].compactMap { $0 }.max() ?? 0

        var rows: [Row] = []
        rows.reserveCapacity(body.count)
        var skipped = 0
        var samples: [SkippedRow] = []
        for record in body {
            do throws(AnalyticsError) {
                rows.append(
                    try parse(
                        record, needed: needed, x: xIndex, y: yIndex, time: timeIndex, category: categoryIndex,
                        id: idIndex))
            } catch {
                guard options.skipBadRows else { throw error }
                skipped += 1
                if samples.count < 20, case .malformedRow(let line, let reason) = error {
                    samples.append(SkippedRow(line: line, reason: reason))
                }
            }
        }
        return Table(rows: rows, skippedCount: skipped, skippedSamples: samples)
    }

    private func parse(_ record: CSVTokenizer.Record, needed: Int, x: Int, y: Int, time: Int?, category: Int?, id: Int?)
        throws(AnalyticsError) -> Row
    {
        let fields = record.fields
        guard fields.count > needed else {
            throw .malformedRow(
                line: record.line, reason: "expected at least \(needed + 1) fields, found \(fields.count)")
        }
        func number(_ index: Int, _ name: String) throws(AnalyticsError) -> Double {
            let text = fields[index].trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), value.isFinite else {
                throw .malformedRow(line: record.line, reason: "\(name) column '\(text)' is not a number")
            }
            return value
        }
        let xValue = try number(x, "x")
        let yValue = try number(y, "y")
        var date: Date?
        if let time {
            let text = fields[time]
            guard let parsed = TimestampParser.parse(text) else {
                throw .malformedRow(
                    line: record.line,
                    reason:
                        "time column '\(text)' is not a date (expected e.g. 2016-01-31, 2016-01-31 13:05:00, 1/31/2016)"
                )
            }
            date = parsed
        }
        let categoryValue = category.map { fields[$0].trimmingCharacters(in: .whitespaces) }
        let idValue = id.map { fields[$0].trimmingCharacters(in: .whitespaces) }
        return Row(line: record.line, x: xValue, y: yValue, time: date, category: categoryValue, id: idValue)
    }

    private func columnIndex(_ column: String, header: [String], option: String) throws(AnalyticsError) -> Int {
        if let index = header.firstIndex(of: column) { return index }
        if let index = header.firstIndex(where: { $0.caseInsensitiveCompare(column) == .orderedSame }) { return index }
        if let position = Int(column), position >= 1 { return position - 1 }
        let known =
            header.isEmpty
            ? "the file has no header; use --columns or a 1-based column number"
            : "columns are \(header.joined(separator: ","))"
        throw .invalidField(option, "no column '\(column)' (\(known))")
    }
}
