/// A fixed base of one sector (police station, fire station, marina) that units return to.
public struct Station: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedName
    public var sector: String
    public var location: Coordinate
    /// The administrative area the station serves, when the jurisdiction has them.
    public var governorate: String?

    public init(id: String, name: LocalizedName, sector: String, location: Coordinate, governorate: String? = nil) {
        self.id = id
        self.name = name
        self.sector = sector
        self.location = location
        self.governorate = governorate
    }
}
