/// A sector (agency) of the ministry, e.g. Traffic or Firefighting. Identified by a short slug
/// that appears in accounts, units and access rules.
public struct Sector: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedName

    public init(id: String, name: LocalizedName) {
        self.id = id
        self.name = name
    }
}
