import Foundation

/// Everything a city or country loads to run Mirsad: its sectors, stations, units and
/// incident-type catalogue. Loaded from a JSON or YAML file, or generated for the demo.
public struct Jurisdiction: Codable, Hashable, Sendable {
    public var name: LocalizedName
    /// IANA time zone the console shows local times in (the API always speaks UTC).
    public var timeZone: String
    /// A point the console centres its map on.
    public var center: Coordinate
    public var governorates: [Governorate]
    public var sectors: [Sector]
    public var stations: [Station]
    public var units: [UnitDefinition]
    public var incidentTypes: [IncidentType]
    /// Sectors that see every incident (typically the joint operations room); others see
    /// what they own, work on, or is shared with them.
    public var oversightSectors: [String]
    /// How much faster than the road's speed each unit type drives under lights and sirens
    /// (e.g. `"patrol-car": 1.2`); 1 for types not listed.
    public var speedFactors: [String: Double]
    /// The turn restrictions each unit type may ignore under lights and sirens, by their OSM
    /// value (`"ambulance": ["no_left_turn", "no_u_turn"]`, `["*"]` for all of them). Types
    /// not listed obey every restriction, which is the default.
    public var turnRestrictionExemptions: [String: [String]]
    /// Analytic early warning (near repeats, emerging series); nil turns it off.
    public var earlyWarning: EarlyWarningSettings?
    /// Who signs the public warnings (CAP `sender`) and how their identifiers begin.
    public var publicAlerts: PublicAlertSettings?
    /// The emergency plans (`mirsad serve --playbooks DIR` replaces them).
    public var playbooks: [Playbook]
    /// The places that can be opened as temporary shelters (more can be registered through the API).
    public var shelters: [ShelterSite]
    /// The coast and the water, drawn on the console's map.
    public var shoreline: Shoreline?
    /// Fixed cameras of the city's network (their stream addresses are restricted).
    public var cameras: [Camera]
    /// Flood gauges, fire alarm panels and other sensors whose readings can raise alarms.
    public var sensors: [Sensor]

    public init(
        name: LocalizedName, timeZone: String, center: Coordinate, governorates: [Governorate] = [],
        sectors: [Sector], stations: [Station], units: [UnitDefinition], incidentTypes: [IncidentType],
        oversightSectors: [String] = [], speedFactors: [String: Double] = [:],
        turnRestrictionExemptions: [String: [String]] = [:], earlyWarning: EarlyWarningSettings? = nil,
        publicAlerts: PublicAlertSettings? = nil, playbooks: [Playbook] = [], shelters: [ShelterSite] = [],
        shoreline: Shoreline? = nil, cameras: [Camera] = [], sensors: [Sensor] = []
    ) {
        self.cameras = cameras
        self.sensors = sensors
        self.shelters = shelters
        self.shoreline = shoreline
        self.name = name
        self.timeZone = timeZone
        self.center = center
        self.governorates = governorates
        self.sectors = sectors
        self.stations = stations
        self.units = units
        self.incidentTypes = incidentTypes
        self.oversightSectors = oversightSectors
        self.speedFactors = speedFactors
        self.turnRestrictionExemptions = turnRestrictionExemptions
        self.earlyWarning = earlyWarning
        self.publicAlerts = publicAlerts
        self.playbooks = playbooks
    }

    enum CodingKeys: String, CodingKey {
        case name, timeZone, center, governorates, sectors, stations, units, incidentTypes, oversightSectors,
            speedFactors, turnRestrictionExemptions, earlyWarning, publicAlerts, playbooks, shelters, shoreline,
            cameras, sensors
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(LocalizedName.self, forKey: .name),
            timeZone: try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC",
            center: try c.decode(Coordinate.self, forKey: .center),
            governorates: try c.decodeIfPresent([Governorate].self, forKey: .governorates) ?? [],
            sectors: try c.decode([Sector].self, forKey: .sectors),
            stations: try c.decode([Station].self, forKey: .stations),
            units: try c.decode([UnitDefinition].self, forKey: .units),
            incidentTypes: try c.decode([IncidentType].self, forKey: .incidentTypes),
            oversightSectors: try c.decodeIfPresent([String].self, forKey: .oversightSectors) ?? [],
            speedFactors: try c.decodeIfPresent([String: Double].self, forKey: .speedFactors) ?? [:],
            turnRestrictionExemptions: try c.decodeIfPresent(
                [String: [String]].self, forKey: .turnRestrictionExemptions) ?? [:],
            earlyWarning: try c.decodeIfPresent(EarlyWarningSettings.self, forKey: .earlyWarning),
            publicAlerts: try c.decodeIfPresent(PublicAlertSettings.self, forKey: .publicAlerts),
            playbooks: try c.decodeIfPresent([Playbook].self, forKey: .playbooks) ?? [],
            shelters: try c.decodeIfPresent([ShelterSite].self, forKey: .shelters) ?? [],
            shoreline: try c.decodeIfPresent(Shoreline.self, forKey: .shoreline),
            cameras: try c.decodeIfPresent([Camera].self, forKey: .cameras) ?? [],
            sensors: try c.decodeIfPresent([Sensor].self, forKey: .sensors) ?? []
        )
    }

    /// Checks references and ranges so that a bad file is refused as a whole with the path of
    /// the first offending field, before anything is stored.
    public func validate() throws(DomainError) {
        let sectorIDs = try uniqueIDs(sectors.map(\.id), field: "sectors")
        let stationIDs = try uniqueIDs(stations.map(\.id), field: "stations")
        _ = try uniqueIDs(units.map(\.callSign), field: "units", key: "callSign")
        _ = try uniqueIDs(units.map(\.id.uuidString), field: "units", key: "id")
        let typeCodes = try uniqueIDs(incidentTypes.map(\.code), field: "incidentTypes", key: "code")
        try earlyWarning?.validate(typeCodes: typeCodes, sectorIDs: sectorIDs)
        _ = try center.validated(field: "center")
        try publicAlerts?.validate()
        _ = try uniqueIDs(playbooks.map(\.id), field: "playbooks")
        if !playbooks.isEmpty {
            let catalog = JurisdictionIndex(self)
            for (i, playbook) in playbooks.enumerated() {
                try playbook.validate(catalog: catalog, field: "playbooks[\(i)]")
            }
        }
        try shoreline?.validate(field: "shoreline")
        _ = try uniqueIDs(governorates.map(\.id), field: "governorates")
        _ = try uniqueIDs(shelters.map(\.id), field: "shelters")
        for (i, shelter) in shelters.enumerated() {
            try shelter.validate(sectors: sectorIDs, governorates: Set(governorates.map(\.id)), field: "shelters[\(i)]")
        }
        _ = try uniqueIDs(cameras.map(\.id), field: "cameras")
        for (i, camera) in cameras.enumerated() { try camera.validate(sectors: sectorIDs, field: "cameras[\(i)]") }
        _ = try uniqueIDs(sensors.map(\.id), field: "sensors")
        for (i, sensor) in sensors.enumerated() {
            try sensor.validate(sectors: sectorIDs, governorates: Set(governorates.map(\.id)), field: "sensors[\(i)]")
        }
        for (i, governorate) in governorates.enumerated() {
            for (j, point) in (governorate.boundary ?? []).enumerated() {
                _ = try point.validated(field: "governorates[\(i)].boundary[\(j)]")
            }
            if let boundary = governorate.boundary, boundary.count < 3 {
                throw .invalidField(field: "governorates[\(i)].boundary", reason: "needs at least three points")
            }
        }
        for (i, sector) in oversightSectors.enumerated() where !sectorIDs.contains(sector) {
            throw .invalidField(field: "oversightSectors[\(i)]", reason: "unknown sector '\(sector)'")
        }
        for (i, sector) in sectors.enumerated() {
            guard sector.id.range(of: #"^[a-z0-9][a-z0-9-]{0,63}$"#, options: .regularExpression) != nil else {
                throw .invalidField(field: "sectors[\(i)].id", reason: "1-64 characters of a-z, 0-9 and '-'")
            }
            if let minutes = sector.targetResponseMinutes, !(minutes > 0 && minutes <= 240) {
                throw .invalidField(field: "sectors[\(i)].targetResponseMinutes", reason: "must be between 0 and 240")
            }
        }
        for (type, factor) in speedFactors.sorted(by: { $0.key < $1.key }) where !(factor >= 0.5 && factor <= 3) {
            throw .invalidField(field: "speedFactors.\(type)", reason: "must be between 0.5 and 3")
        }
        for (type, names) in turnRestrictionExemptions.sorted(by: { $0.key < $1.key }) {
            for (i, name) in names.enumerated() where name != "*" && !Self.turnRestrictionNames.contains(name) {
                throw .invalidField(
                    field: "turnRestrictionExemptions.\(type)[\(i)]",
                    reason: "'\(name)' is not one of \(Self.turnRestrictionNames.joined(separator: ", ")), or *")
            }
        }
        for (i, station) in stations.enumerated() {
            guard sectorIDs.contains(station.sector) else {
                throw .invalidField(field: "stations[\(i)].sector", reason: "unknown sector '\(station.sector)'")
            }
            _ = try station.location.validated(field: "stations[\(i)].location")
        }
        for (i, unit) in units.enumerated() {
            guard sectorIDs.contains(unit.sector) else {
                throw .invalidField(field: "units[\(i)].sector", reason: "unknown sector '\(unit.sector)'")
            }
            guard stationIDs.contains(unit.homeStation) else {
                throw .invalidField(field: "units[\(i)].homeStation", reason: "unknown station '\(unit.homeStation)'")
            }
            guard !unit.callSign.isEmpty else {
                throw .invalidField(field: "units[\(i)].callSign", reason: "must not be empty")
            }
            try unit.drone?.validate(field: "units[\(i)].drone")
        }
        var mavlinkIDs = Set<Int>()
        for (i, unit) in units.enumerated() {
            guard let id = unit.drone?.mavlinkSystemId else { continue }
            guard mavlinkIDs.insert(id).inserted else {
                throw .invalidField(field: "units[\(i)].drone.mavlinkSystemId", reason: "duplicate system id \(id)")
            }
        }
        for (i, type) in incidentTypes.enumerated() {
            guard (1...4).contains(type.defaultPriority) else {
                throw .invalidField(field: "incidentTypes[\(i)].defaultPriority", reason: "must be 1 to 4")
            }
            guard sectorIDs.contains(type.owningSector) else {
                throw .invalidField(
                    field: "incidentTypes[\(i)].owningSector", reason: "unknown sector '\(type.owningSector)'")
            }
            for (j, requirement) in type.responsePlan.enumerated() where requirement.count < 1 {
                throw .invalidField(field: "incidentTypes[\(i)].responsePlan[\(j)].count", reason: "must be at least 1")
            }
            for (j, field) in type.restrictedFields.enumerated() where !Incident.restrictableFields.contains(field) {
                throw .invalidField(
                    field: "incidentTypes[\(i)].restrictedFields[\(j)]",
                    reason: "'\(field)' is not one of \(Incident.restrictableFields.sorted().joined(separator: ", "))")
            }
        }
    }

    /// The OSM turn restriction values a unit type may be exempted from (`other` stands for any
    /// other `no_*` or `only_*` value).
    public static let turnRestrictionNames = [
        "no_left_turn", "no_right_turn", "no_straight_on", "no_u_turn", "no_entry", "no_exit", "only_left_turn",
        "only_right_turn", "only_straight_on", "only_u_turn", "other",
    ]

    private func uniqueIDs(_ ids: [String], field: String, key: String = "id") throws(DomainError) -> Set<String> {
        var seen = Set<String>()
        for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw .invalidField(field: "\(field)[\(i)].\(key)", reason: "duplicate '\(id)'")
        }
        return seen
    }

}

/// An administrative area (the demo city has six).
public struct Governorate: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedName
    public var center: Coordinate
    /// The outline, when the jurisdiction gives one: public warnings for the governorate carry it.
    public var boundary: [Coordinate]?

    public init(id: String, name: LocalizedName, center: Coordinate, boundary: [Coordinate]? = nil) {
        self.id = id
        self.name = name
        self.center = center
        self.boundary = boundary
    }
}
