import SQLKit
import Synchronization

/// The writer's multi-row statements, rendered from fixed text plus binds.
///
/// The query builders render every statement afresh: each column name is quoted and escaped,
/// and each condition becomes a tree of expressions. For the statements that run in every
/// batch (the events, the incidents, the duplicate candidates) this was a seventh of the
/// writer's time. The SQL here is plain and the same on SQLite and PostgreSQL; only the bind
/// placeholders differ, and the serializer writes those for the dialect.
struct RowsStatement: SQLExpression {
    /// Everything before the first row, e.g. `INSERT INTO events (id, at_ms) VALUES `.
    let head: String
    let rows: [[any Encodable & Sendable]]
    /// Everything after the last row (an `ON CONFLICT` clause), or "".
    var tail = ""

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(head)
        for (i, row) in rows.enumerated() {
            serializer.write(i == 0 ? "(" : ", (")
            for (j, value) in row.enumerated() {
                if j > 0 { serializer.write(", ") }
                serializer.write(bind: value)
            }
            serializer.write(")")
        }
        serializer.write(tail)
    }

    static func insert(into table: String, columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
    }

    /// `ON CONFLICT (key) DO UPDATE SET c = excluded.c, ...` for the columns given.
    static func upsert(on key: String, updating columns: [String]) -> String {
        " ON CONFLICT (\(key)) DO UPDATE SET " + columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    }
}

/// One `SELECT` per arm, joined by `UNION ALL`, each arm the same text with its own binds.
struct UnionAllStatement: SQLExpression {
    /// One arm's text in pieces, a bind between each two: `["SELECT doc FROM t WHERE a = ", ""]`.
    let arm: [String]
    let arms: [[any Encodable & Sendable]]

    func serialize(to serializer: inout SQLSerializer) {
        for (i, binds) in arms.enumerated() {
            if i > 0 { serializer.write(" UNION ALL ") }
            for (k, piece) in arm.enumerated() {
                serializer.write(piece)
                if k < binds.count { serializer.write(bind: binds[k]) }
            }
        }
    }
}

extension SQLDatabase {
    /// The rows of a statement built by hand (the builders' `all()` needs a builder).
    func rows(of statement: any SQLExpression) async throws -> [any SQLRow] {
        let collected = CollectedRows()
        try await execute(sql: statement) { collected.append($0) }
        return collected.rows
    }
}

private final class CollectedRows: Sendable {
    private let storage = Mutex<[any SQLRow]>([])
    func append(_ row: any SQLRow) { storage.withLock { $0.append(row) } }
    var rows: [any SQLRow] { storage.withLock { $0 } }
}
