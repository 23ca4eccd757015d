import Foundation
import MirsadDomain
import SQLKit

/// Public warnings, a read model of the `alerts.*` events kept in the same transaction: the
/// two-person rule and "one replacement at a time" are decided against these rows under the
/// writer lock every instance shares.
extension EventStore {
    /// Decides a public-alert command and commits its event with the row changes.
    public func execute(_ command: PublicAlertCommand, actor: Actor) async throws -> (
        event: EventEnvelope, alert: PublicAlert
    ) {
        try await writer.submit { tx in
            let subject = try await command.subject.asyncMap { try await tx.publicAlert($0) } ?? nil
            var replaced: PublicAlert?
            if case .approve = command, let replacedID = subject?.replaces {
                replaced = try await tx.publicAlert(replacedID)
            }
            var pending = false
            switch command {
            case .draftUpdate(let id, _), .draftCancel(let id, _): pending = try await tx.hasPendingReplacement(of: id)
            default: break
            }
            let isNew: Bool
            switch command {
            case .draft, .draftForOperation, .draftUpdate, .draftCancel: isNew = true
            case .approve, .reject: isNew = false
            }
            if let id = command.requestedID, try await tx.publicAlert(id) != nil {
                throw DomainError.conflict(reason: "the alert of this operation was drafted before")
            }
            let (series, number) = isNew ? try await tx.nextAlertNumber() : ("", 0)
            let context = PublicAlertContext(
                now: tx.now, actor: actor, catalog: tx.catalog, newID: command.requestedID ?? UUID(),
                newIdentifier: series + "-" + Self.sixDigits(number), pendingReplacement: pending)
            let change = try PublicAlertDecider.decide(command, subject: subject, replaced: replaced, context: context)
            let event = tx.append([(.publicAlert(change), sectors: [])], actor: actor)[0]
            try tx.stagePublicAlert(change.alert)
            if let replaced = change.replaced { try tx.stagePublicAlert(replaced) }
            return (event, change.alert)
        }
    }

    /// Every public alert, newest draft first.
    public func publicAlerts() async throws -> [PublicAlert] {
        try await backend.withReader { db in try await PublicAlertRows.all(in: db) }
    }

    public func publicAlert(_ id: UUID) async throws -> PublicAlert? {
        try await backend.withReader { db in try await PublicAlertRows.one(where: "id", id.uuidString, in: db) }
    }

    /// The alert with this CAP identifier.
    public func publicAlert(identifier: String) async throws -> PublicAlert? {
        try await backend.withReader { db in try await PublicAlertRows.one(where: "identifier", identifier, in: db) }
    }

    static func sixDigits(_ number: Int64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

extension BatchTransaction {
    /// The alert as this batch sees it (staged by an earlier write of the batch, or stored).
    func publicAlert(_ id: UUID) async throws -> PublicAlert? {
        if let staged = staged.publicAlerts[id] { return staged }
        return try await PublicAlertRows.one(where: "id", id.uuidString, in: db)
    }

    func hasPendingReplacement(of id: UUID) async throws -> Bool {
        if staged.publicAlerts.values.contains(where: { $0.replaces == id && $0.status == .draft }) { return true }
        let stored = try await db.select().column("id").from("public_alerts")
            .where("replaces", .equal, id.uuidString).where("status", .equal, PublicAlert.Status.draft.rawValue)
            .all().map { try $0.decode(column: "id", as: String.self) }
        // A stored draft this batch already approved or rejected no longer counts.
        return stored.contains { UUID(uuidString: $0).flatMap { staged.publicAlerts[$0] }?.status ?? .draft == .draft }
    }

    /// The series (`PREFIX-YEAR`, the year in the jurisdiction's time zone) and next number.
    func nextAlertNumber() async throws -> (series: String, number: Int64) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let series = "\(catalog.publicAlerts.identifierPrefix)-\(calendar.component(.year, from: now))"
        let last: Int64
        if let staged = staged.alertNumbers[series] {
            last = staged
        } else {
            let row = try await db.select().column(SQLFunction("MAX", args: SQLColumn("number")), as: "last")
                .from("public_alerts").where("series", .equal, series).first()
            last = try row?.decodeNil(column: "last") == false ? try row!.decode(column: "last", as: Int64.self) : 0
        }
        staged.alertNumbers[series] = last + 1
        return (series, last + 1)
    }

    /// Stages the alert's row (replacing the stored one) and remembers it for the rest of the batch.
    func stagePublicAlert(_ alert: PublicAlert) throws {
        staged.publicAlerts[alert.id] = alert
        for statement in try PublicAlertRows.write(alert, on: db) { stage(statement) }
    }
}

/// The `public_alerts` rows, shared by the writes above and the migration that builds them.
enum PublicAlertRows {
    static func all(in db: any SQLDatabase) async throws -> [PublicAlert] {
        try await db.select().column("record").from("public_alerts").orderBy("drafted_ms", .descending)
            .orderBy("number", .descending).all().map(decode)
    }

    static func one(where column: String, _ value: String, in db: any SQLDatabase) async throws -> PublicAlert? {
        try await db.select().column("record").from("public_alerts").where(SQLColumn(column), .equal, SQLBind(value))
            .first()
            .map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> PublicAlert {
        try Codec.decode(
            PublicAlert.self, from: try row.decode(column: "record", as: String.self), what: "public alert")
    }

    /// Delete and insert: portable across SQLite and PostgreSQL, and staged statements run in order.
    static func write(_ alert: PublicAlert, on db: any SQLDatabase) throws -> [any SQLExpression] {
        let (series, number) = split(alert.identifier)
        return [
            db.delete(from: "public_alerts").where("id", .equal, alert.id.uuidString).query,
            db.insert(into: "public_alerts")
                .columns("id", "identifier", "series", "number", "status", "replaces", "drafted_ms", "record")
                .values(
                    SQLBind(alert.id.uuidString), SQLBind(alert.identifier), SQLBind(series), SQLBind(number),
                    SQLBind(alert.status.rawValue), SQLBind(alert.replaces?.uuidString),
                    SQLBind(alert.draftedAt.epochMilliseconds), SQLBind(try Codec.encode(alert))
                ).query,
        ]
    }

    /// `PREFIX-2026-000042` → (`PREFIX-2026`, 42).
    static func split(_ identifier: String) -> (String, Int64) {
        guard let dash = identifier.lastIndex(of: "-"), let number = Int64(identifier[identifier.index(after: dash)...])
        else { return (identifier, 0) }
        return (String(identifier[..<dash]), number)
    }

    /// The alerts as the log says they are after every `alerts.*` event.
    static func replayed(in db: any SQLDatabase) async throws -> [UUID: PublicAlert] {
        let events = try await db.select().column("body").from("events")
            .where("type", .in, PublicAlertChanged.Change.eventTypes).orderBy("id").all()
            .map(EventStore.decodeEvent)
        var alerts: [UUID: PublicAlert] = [:]
        for event in events {
            guard case .publicAlert(let change) = event.payload else { continue }
            alerts[change.alert.id] = change.alert
            if let replaced = change.replaced { alerts[replaced.id] = replaced }
        }
        return alerts
    }

    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        let alerts = try await replayed(in: db)
        try await db.delete(from: "public_alerts").run()
        for alert in alerts.values {
            for statement in try write(alert, on: db) { try await db.execute(sql: statement) { _ in } }
        }
    }

    /// Where the rows and the log disagree, in words.
    static func differences(in db: any SQLDatabase) async throws -> [String] {
        let logged = try await replayed(in: db)
        let stored = try await all(in: db)
        var problems: [String] = []
        for alert in stored where logged[alert.id] != alert {
            problems.append("public alert \(alert.identifier) is not as its log says")
        }
        for (id, alert) in logged where !stored.contains(where: { $0.id == id }) {
            problems.append("public alert \(alert.identifier) is in the log but missing from the read model")
        }
        return problems
    }
}
