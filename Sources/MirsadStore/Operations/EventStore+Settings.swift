import Foundation
import SQLKit

extension EventStore {
    /// A named setting shared by every instance (e.g. the token signing key); created with
    /// `makeDefault` on first use, atomically, so concurrent starters agree on one value.
    public func setting(_ name: String, makeDefault: @escaping @Sendable () -> String) async throws -> String {
        if let value = try await readSetting(name) { return value }
        return try await writer.submit { tx in
            if let row = try await tx.db.select().column("value").from("settings").where("name", .equal, name).first() {
                return try row.decode(column: "value", as: String.self)
            }
            let value = makeDefault()
            tx.stage(
                tx.db.insert(into: "settings").columns("name", "value").values(SQLBind(name), SQLBind(value)).query)
            return value
        }
    }

    func readSetting(_ name: String) async throws -> String? {
        try await backend.withReader { db in
            try await db.select().column("value").from("settings").where("name", .equal, name).first()?
                .decode(column: "value", as: String.self)
        }
    }
}
