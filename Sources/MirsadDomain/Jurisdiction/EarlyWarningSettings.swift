/// Which incident types the platform watches for near repeats and emerging series, and which
/// sectors hear the alerts besides the incident's owning sector (typically Criminal Security).
/// A jurisdiction without it raises no analytic alerts.
public struct EarlyWarningSettings: Codable, Hashable, Sendable {
    /// Incident type codes; each is analysed on its own (a burglary is compared with burglaries).
    public var incidentTypes: [String]
    public var alertSectors: [String]
    /// Near-repeat alerts need the type's history to show significant repeats (a Knox test
    /// over the last year); false raises them on proximity alone.
    public var nearRepeatNeedsHistory: Bool

    public init(incidentTypes: [String], alertSectors: [String], nearRepeatNeedsHistory: Bool = true) {
        self.incidentTypes = incidentTypes
        self.alertSectors = alertSectors
        self.nearRepeatNeedsHistory = nearRepeatNeedsHistory
    }

    enum CodingKeys: String, CodingKey { case incidentTypes, alertSectors, nearRepeatNeedsHistory }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            incidentTypes: try c.decode([String].self, forKey: .incidentTypes),
            alertSectors: try c.decodeIfPresent([String].self, forKey: .alertSectors) ?? [],
            nearRepeatNeedsHistory: try c.decodeIfPresent(Bool.self, forKey: .nearRepeatNeedsHistory) ?? true)
    }

    func validate(typeCodes: Set<String>, sectorIDs: Set<String>) throws(DomainError) {
        guard !incidentTypes.isEmpty else {
            throw .invalidField(field: "earlyWarning.incidentTypes", reason: "must name at least one incident type")
        }
        for (i, code) in incidentTypes.enumerated() where !typeCodes.contains(code) {
            throw .invalidField(field: "earlyWarning.incidentTypes[\(i)]", reason: "unknown incident type '\(code)'")
        }
        for (i, sector) in alertSectors.enumerated() where !sectorIDs.contains(sector) {
            throw .invalidField(field: "earlyWarning.alertSectors[\(i)]", reason: "unknown sector '\(sector)'")
        }
    }
}
