/// The functional class of a road, kept per edge so that vehicle profiles, closures and
/// reports can tell a motorway from a residential street.
public enum RoadClass: UInt8, Sendable, CaseIterable, Codable {
    case motorway = 0
    case motorwayLink
    case trunk
    case trunkLink
    case primary
    case primaryLink
    case secondary
    case secondaryLink
    case tertiary
    case tertiaryLink
    case unclassified
    case residential
    case livingStreet
    case service
    case other

    /// The OSM `highway=*` value this class comes from.
    public var osmValue: String {
        switch self {
        case .motorway: "motorway"
        case .motorwayLink: "motorway_link"
        case .trunk: "trunk"
        case .trunkLink: "trunk_link"
        case .primary: "primary"
        case .primaryLink: "primary_link"
        case .secondary: "secondary"
        case .secondaryLink: "secondary_link"
        case .tertiary: "tertiary"
        case .tertiaryLink: "tertiary_link"
        case .unclassified: "unclassified"
        case .residential: "residential"
        case .livingStreet: "living_street"
        case .service: "service"
        case .other: "other"
        }
    }

    /// Parses an OSM `highway=*` value; nil for values that are not car roads.
    public init?(osmValue: String) {
        guard let match = RoadClass.allCases.first(where: { $0.osmValue == osmValue && $0 != .other }) else {
            return nil
        }
        self = match
    }
}
