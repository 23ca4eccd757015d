import Foundation
import MirsadDomain

/// A small two-sector jurisdiction for decider tests.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    static let jurisdiction = Jurisdiction(
        name: LocalizedName(en: "Testville", ar: "مدينة الاختبار"),
        timeZone: "Asia/Kuwait",
        center: Coordinate(lat: 29.37, lon: 47.98),
        sectors: [
            Sector(id: "fire", name: LocalizedName(en: "Firefighting", ar: "الإطفاء")),
            Sector(id: "traffic", name: LocalizedName(en: "Traffic", ar: "المرور")),
            Sector(id: "criminal", name: LocalizedName(en: "Criminal Security", ar: "الأمن الجنائي")),
            Sector(id: "operations", name: LocalizedName(en: "Operations", ar: "العمليات")),
        ],
        stations: [
            Station(
                id: "F1", name: LocalizedName(en: "Fire 1", ar: "إطفاء ١"), sector: "fire",
                location: Coordinate(lat: 29.37, lon: 47.98)),
            Station(
                id: "T1", name: LocalizedName(en: "Traffic 1", ar: "مرور ١"), sector: "traffic",
                location: Coordinate(lat: 29.36, lon: 47.97)),
        ],
        units: [
            UnitDefinition(
                callSign: "E1", sector: "fire", type: "fire-engine", capabilities: ["engine"], homeStation: "F1"),
            UnitDefinition(
                callSign: "E2", sector: "fire", type: "fire-engine", capabilities: ["engine"], homeStation: "F1"),
            UnitDefinition(
                callSign: "P1", sector: "traffic", type: "patrol-car", capabilities: ["patrol"], homeStation: "T1"),
        ],
        incidentTypes: [
            IncidentType(
                code: "FIRE-STRUCTURE", name: LocalizedName(en: "Structure fire", ar: "حريق مبنى"),
                defaultPriority: 1, owningSector: "fire", requiredCapabilities: ["engine", "patrol"],
                responsePlan: [.init(capability: "engine", count: 2), .init(capability: "patrol", count: 1)]),
            IncidentType(
                code: "FIRE-VEHICLE", name: LocalizedName(en: "Vehicle fire", ar: "حريق مركبة"),
                defaultPriority: 2, owningSector: "fire", requiredCapabilities: ["engine"]),
            IncidentType(
                code: "TRAFFIC-ACCIDENT", name: LocalizedName(en: "Accident", ar: "حادث"),
                defaultPriority: 2, owningSector: "traffic", requiredCapabilities: ["patrol"]),
            IncidentType(
                code: "CRIME-BURGLARY", name: LocalizedName(en: "Burglary", ar: "سرقة"),
                defaultPriority: 3, owningSector: "criminal", requiredCapabilities: ["patrol"],
                restrictedFields: ["narrative", "caller", "notes"]),
        ],
        oversightSectors: ["operations"]
    )

    static let catalog = JurisdictionIndex(jurisdiction)
    static let e1 = StableID.unit(callSign: "E1")
    static let e2 = StableID.unit(callSign: "E2")
    static let p1 = StableID.unit(callSign: "P1")

    static let dispatcher = Actor(username: "dina", role: .dispatcher, sector: "operations")
    static let supervisor = Actor(username: "sami", role: .supervisor, sector: "operations")
    static let callTaker = Actor(username: "cali", role: .callTaker, sector: "operations")
    static let analyst = Actor(username: "ana", role: .analyst, sector: "criminal")
    static let fireDispatcher = Actor(username: "fadi", role: .dispatcher, sector: "fire")
    static let trafficDispatcher = Actor(username: "tariq", role: .dispatcher, sector: "traffic")
    static let criminalDispatcher = Actor(username: "kareem", role: .dispatcher, sector: "criminal")

    /// A decider holding every unit of the jurisdiction, available.
    static func decider() -> Decider {
        var units: [UUID: UnitState] = [:]
        for definition in jurisdiction.units { units[definition.id] = UnitState(definition: definition, at: t0) }
        return Decider(state: WorkingSet(catalog: catalog, units: units))
    }
}

extension Decider {
    /// Creates an incident and returns its id.
    @discardableResult
    mutating func create(
        _ type: String, at location: Coordinate = Coordinate(lat: 29.37, lon: 47.98), time: Date = Fixtures.t0,
        number: Int = 1, candidates: [Incident] = []
    ) throws -> UUID {
        let id = UUID()
        _ = try execute(
            .createIncident(CreateIncident(type: type, location: location)),
            context: CommandContext(
                now: time, actor: Fixtures.callTaker, newIncidentID: id,
                newIncidentNumber: "2026-\(String(format: "%06d", number))",
                duplicateCandidates: candidates))
        return id
    }

    mutating func run(_ command: Command, as actor: Actor = Fixtures.dispatcher, at time: Date = Fixtures.t0)
        throws(DomainError) -> [EventEnvelope]
    {
        try execute(command, context: CommandContext(now: time, actor: actor))
    }
}
