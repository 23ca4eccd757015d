import Foundation

/// Constant-time lookups into a validated jurisdiction, built once when it is loaded so that
/// hot paths (every create, every position) never scan arrays.
public struct JurisdictionIndex: Sendable {
    public let jurisdiction: Jurisdiction
    public let sectors: [String: Sector]
    public let stations: [String: Station]
    public let units: [UUID: UnitDefinition]
    public let unitsByCallSign: [String: UnitDefinition]
    public let incidentTypes: [String: IncidentType]
    /// Every field some incident type restricts (what the live feed never carries).
    public let restrictableFields: Set<String>
    /// Sectors that see every incident (the operations room).
    public let oversightSectors: Set<String>
    public let governorates: [String: Governorate]
    /// Who signs public warnings; a default when the jurisdiction names no one.
    public let publicAlerts: PublicAlertSettings
    /// The shelters the jurisdiction lists, by id.
    public let shelters: [String: ShelterSite]
    /// Drones by the MAVLink system id their autopilots send with.
    public let dronesByMAVLinkID: [Int: UnitDefinition]
    public let cameras: [String: Camera]
    public let sensors: [String: Sensor]

    public init(_ jurisdiction: Jurisdiction) {
        self.jurisdiction = jurisdiction
        sectors = Dictionary(jurisdiction.sectors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        stations = Dictionary(jurisdiction.stations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        units = Dictionary(jurisdiction.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        unitsByCallSign = Dictionary(
            jurisdiction.units.map { ($0.callSign, $0) }, uniquingKeysWith: { first, _ in first })
        incidentTypes = Dictionary(
            jurisdiction.incidentTypes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        restrictableFields = Set(jurisdiction.incidentTypes.flatMap(\.restrictedFields))
        oversightSectors = Set(jurisdiction.oversightSectors)
        governorates = Dictionary(
            jurisdiction.governorates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        publicAlerts = jurisdiction.publicAlerts ?? PublicAlertSettings(senderName: jurisdiction.name)
        shelters = Dictionary(jurisdiction.shelters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        cameras = Dictionary(jurisdiction.cameras.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sensors = Dictionary(jurisdiction.sensors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        dronesByMAVLinkID = Dictionary(
            jurisdiction.units.compactMap { unit in unit.drone?.mavlinkSystemId.map { ($0, unit) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// The incident type for a code, or a `notFound`-style field error naming `field`.
    public func incidentType(_ code: String, field: String = "type") throws(DomainError) -> IncidentType {
        guard let type = incidentTypes[code] else {
            throw .invalidField(field: field, reason: "unknown incident type '\(code)'")
        }
        return type
    }

    public func unit(_ id: UUID) throws(DomainError) -> UnitDefinition {
        guard let unit = units[id] else { throw .notFound(kind: "unit", id: id.uuidString) }
        return unit
    }
}
