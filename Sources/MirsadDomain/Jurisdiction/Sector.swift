/// A sector (agency) of the ministry, e.g. Traffic or Firefighting. Identified by a short slug
/// that appears in accounts, units and access rules.
public struct Sector: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedName
    /// The response time the sector aims at (coverage is measured against it); 8 minutes when absent.
    public var targetResponseMinutes: Double?

    public init(id: String, name: LocalizedName, targetResponseMinutes: Double? = nil) {
        self.id = id
        self.name = name
        self.targetResponseMinutes = targetResponseMinutes
    }

    public var targetResponseSeconds: Double { (targetResponseMinutes ?? 8) * 60 }
}
