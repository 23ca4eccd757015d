import Foundation
import MirsadDomain
import SQLKit

/// Shelters and evacuees, read models of the `shelters.*` and `evacuees.*` events kept in the
/// same transaction: a shelter's occupancy is decided against these rows under the writer lock
/// every instance shares, so two arrivals never take the last bed twice. A shelter the
/// jurisdiction lists has a row only once something happened to it; until then it is closed
/// and empty. The jurisdiction's description of a listed site always wins over the stored one.
extension EventStore {
    public func execute(_ command: ShelterCommand, actor: Actor) async throws -> (
        event: EventEnvelope, shelter: Shelter
    ) {
        try await writer.submit { tx in
            let current = try await tx.shelter(command.shelterID)
            let change = try ShelterDecider.decide(
                command, shelter: current, now: tx.now, actor: actor, catalog: tx.catalog)
            let event = tx.append([(.shelter(change), sectors: [])], actor: actor)[0]
            try tx.stageShelter(change.shelter, isNew: current?.version ?? 0 == 0)
            return (event, change.shelter)
        }
    }

    /// Decides an evacuee command and commits the evacuee's event with the occupancy events of
    /// the shelters concerned.
    public func execute(_ command: EvacueeCommand, actor: Actor) async throws -> (
        events: [EventEnvelope], evacuee: Evacuee
    ) {
        try await writer.submit { tx in
            var evacuee: Evacuee?
            if let id = command.evacueeID { evacuee = try await tx.evacuee(id) }
            let departure = try await evacuee.asyncMap { try await tx.shelter($0.shelterId) } ?? nil
            let arrival = try await command.arrivalShelter.asyncMap { try await tx.shelter($0) } ?? nil
            var household: String?
            if case .checkIn(_, let registration) = command { household = registration.household }
            household = household ?? evacuee?.household
            let atDeparture = try await evacuee.asyncMap { try await tx.present(of: $0.household, at: $0.shelterId) }
            let atArrival = try await arrival.asyncMap { shelter in
                try await household.asyncMap { try await tx.present(of: $0, at: shelter.id) } ?? 0
            }
            let decision = try ShelterDecider.decide(
                command, evacuee: evacuee, departure: departure, arrival: arrival,
                household: (atDeparture ?? 0, atArrival ?? 0), newID: UUID(), now: tx.now, actor: actor,
                catalog: tx.catalog)
            let sectors = Set([decision.change.evacuee.sector] + (departure.map { [$0.site.sector] } ?? []))
            var payloads: [(EventPayload, sectors: [String])] = [(.evacuee(decision.change), sectors: sectors.sorted())]
            for shelter in decision.shelters {
                payloads.append((.shelter(ShelterChanged(change: .occupancyChanged, shelter: shelter)), sectors: []))
                try tx.stageShelter(shelter, isNew: false)
            }
            let events = tx.append(payloads, actor: actor)
            try tx.stageEvacuee(decision.change.evacuee)
            return (events, decision.change.evacuee)
        }
    }

    /// Every shelter, listed or registered, by id.
    public func shelters() async throws -> [Shelter] {
        let catalog = self.catalog
        return try await backend.withReader { db in
            var byID: [String: Shelter] = [:]
            for site in catalog?.jurisdiction.shelters ?? [] { byID[site.id] = Shelter(site: site) }
            for row in try await db.select().column("record").from("shelters").all() {
                let shelter = ShelterRows.merged(try ShelterRows.decode(row), catalog: catalog)
                byID[shelter.id] = shelter
            }
            return byID.values.sorted { $0.id < $1.id }
        }
    }

    public func shelter(_ id: String) async throws -> Shelter? {
        let catalog = self.catalog
        return try await backend.withReader { db in try await ShelterRows.one(id, in: db, catalog: catalog) }
    }

    public func evacuee(_ id: UUID) async throws -> Evacuee? {
        try await backend.withReader { db in try await EvacueeRows.one(id, in: db) }
    }

    /// Evacuees, optionally of one shelter and only those present, in order of arrival.
    public func evacuees(shelter: String? = nil, presentOnly: Bool = false) async throws -> [Evacuee] {
        try await backend.withReader { db in
            var select = db.select().column("record").from("evacuees")
            if let shelter { select = select.where("shelter_id", .equal, shelter) }
            if presentOnly { select = select.where("status", .equal, Evacuee.Status.present.rawValue) }
            return try await select.orderBy("registered_ms").orderBy("id").all().map(EvacueeRows.decode)
        }
    }
}

extension BatchTransaction {
    /// The shelter as this batch sees it.
    func shelter(_ id: String) async throws -> Shelter? {
        if let staged = staged.shelters[id] { return staged }
        return try await ShelterRows.one(id, in: db, catalog: catalog)
    }

    func evacuee(_ id: UUID) async throws -> Evacuee? {
        if let staged = staged.evacuees[id] { return staged }
        return try await EvacueeRows.one(id, in: db)
    }

    /// Members of `household` present at `shelter`, counting this batch's earlier writes.
    func present(of household: String, at shelter: String) async throws -> Int {
        let stored = try await db.select().column("id").from("evacuees")
            .where("household", .equal, household).where("shelter_id", .equal, shelter)
            .where("status", .equal, Evacuee.Status.present.rawValue).all()
            .compactMap { UUID(uuidString: try $0.decode(column: "id", as: String.self)) }
        var ids = Set(stored.filter { staged.evacuees[$0] == nil })
        for (id, evacuee) in staged.evacuees
        where evacuee.household == household && evacuee.shelterId == shelter && evacuee.status == .present {
            ids.insert(id)
        }
        return ids.count
    }

    func stageShelter(_ shelter: Shelter, isNew: Bool) throws {
        staged.shelters[shelter.id] = shelter
        let statements = try ShelterRows.write(shelter, on: db)
        // A new row is a plain insert, so the primary key refuses a second registration.
        for statement in isNew ? [statements[1]] : statements { stage(statement) }
    }

    func stageEvacuee(_ evacuee: Evacuee) throws {
        staged.evacuees[evacuee.id] = evacuee
        for statement in try EvacueeRows.write(evacuee, on: db) { stage(statement) }
    }
}

enum ShelterRows {
    static func one(_ id: String, in db: any SQLDatabase, catalog: JurisdictionIndex?) async throws -> Shelter? {
        if let row = try await db.select().column("record").from("shelters").where("id", .equal, id).first() {
            return merged(try decode(row), catalog: catalog)
        }
        return catalog?.shelters[id].map(Shelter.init(site:))
    }

    /// The stored state with the site as the jurisdiction now describes it.
    static func merged(_ shelter: Shelter, catalog: JurisdictionIndex?) -> Shelter {
        guard let site = catalog?.shelters[shelter.id] else { return shelter }
        var current = shelter
        current.site = site
        return current
    }

    static func decode(_ row: any SQLRow) throws -> Shelter {
        try Codec.decode(Shelter.self, from: try row.decode(column: "record", as: String.self), what: "shelter")
    }

    static func write(_ shelter: Shelter, on db: any SQLDatabase) throws -> [any SQLExpression] {
        [
            db.delete(from: "shelters").where("id", .equal, shelter.id).query,
            db.insert(into: "shelters").columns("id", "status", "governorate", "record")
                .values(
                    SQLBind(shelter.id), SQLBind(shelter.status.rawValue), SQLBind(shelter.site.governorate),
                    SQLBind(try Codec.encode(shelter))
                ).query,
        ]
    }

    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        var shelters: [String: Shelter] = [:]
        for event in try await events(ShelterChanged.Change.eventTypes, in: db) {
            guard case .shelter(let change) = event.payload else { continue }
            shelters[change.shelter.id] = change.shelter
        }
        try await db.delete(from: "shelters").run()
        for shelter in shelters.values {
            try await db.execute(sql: try write(shelter, on: db)[1]) { _ in }
        }
    }

    static func events(_ types: [String], in db: any SQLDatabase) async throws -> [EventEnvelope] {
        try await db.select().column("body").from("events").where("type", .in, types).orderBy("id").all()
            .map(EventStore.decodeEvent)
    }
}

enum EvacueeRows {
    static func one(_ id: UUID, in db: any SQLDatabase) async throws -> Evacuee? {
        try await db.select().column("record").from("evacuees").where("id", .equal, id.uuidString).first()
            .map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Evacuee {
        try Codec.decode(Evacuee.self, from: try row.decode(column: "record", as: String.self), what: "evacuee")
    }

    static func write(_ evacuee: Evacuee, on db: any SQLDatabase) throws -> [any SQLExpression] {
        [
            db.delete(from: "evacuees").where("id", .equal, evacuee.id.uuidString).query,
            db.insert(into: "evacuees")
                .columns("id", "shelter_id", "household", "status", "registered_ms", "record")
                .values(
                    SQLBind(evacuee.id.uuidString), SQLBind(evacuee.shelterId), SQLBind(evacuee.household),
                    SQLBind(evacuee.status.rawValue), SQLBind(evacuee.registeredAt.epochMilliseconds),
                    SQLBind(try Codec.encode(evacuee))
                ).query,
        ]
    }

    @Sendable static func rebuild(in db: any SQLDatabase) async throws {
        var evacuees: [UUID: Evacuee] = [:]
        for event in try await ShelterRows.events(EvacueeChanged.Change.eventTypes, in: db) {
            guard case .evacuee(let change) = event.payload else { continue }
            evacuees[change.evacuee.id] = change.evacuee
        }
        try await db.delete(from: "evacuees").run()
        for evacuee in evacuees.values {
            try await db.execute(sql: try write(evacuee, on: db)[1]) { _ in }
        }
    }
}
