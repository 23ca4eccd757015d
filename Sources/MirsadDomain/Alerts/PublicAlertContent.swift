import Foundation

/// What a public warning says, in Arabic and English, and where it applies. The CAP engine
/// turns it into one `ar-KW` and one `en-US` info block; the enumerated fields carry CAP 1.2's
/// own words (`Severe`, `Met`, `Prepare`), checked against the standard by the server.
public struct PublicAlertContent: Codable, Hashable, Sendable {
    public var event: LocalizedName
    public var headline: LocalizedName
    public var description: LocalizedName
    public var instruction: LocalizedName?
    /// CAP categories (`Met`, `Fire`, `Safety`, ...): at least one.
    public var categories: [String]
    /// CAP response types (`Shelter`, `Evacuate`, `Prepare`, `Avoid`, ...).
    public var responseTypes: [String]
    public var urgency: String
    public var severity: String
    public var certainty: String
    /// Event codes (`valueName`/`value`, e.g. a SAME or national code).
    public var eventCodes: [PublicAlertCode]
    public var onset: Date?
    /// When the warning ends by itself; required, so no alert stays in the feed for ever.
    public var expires: Date
    public var areas: [PublicAlertArea]
    public var web: String?
    public var contact: String?

    public init(
        event: LocalizedName, headline: LocalizedName, description: LocalizedName, instruction: LocalizedName? = nil,
        categories: [String], responseTypes: [String] = [], urgency: String, severity: String, certainty: String,
        eventCodes: [PublicAlertCode] = [], onset: Date? = nil, expires: Date, areas: [PublicAlertArea],
        web: String? = nil, contact: String? = nil
    ) {
        self.event = event
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.categories = categories
        self.responseTypes = responseTypes
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.eventCodes = eventCodes
        self.onset = onset
        self.expires = expires
        self.areas = areas
        self.web = web
        self.contact = contact
    }

    enum CodingKeys: String, CodingKey {
        case event, headline, description, instruction, categories, responseTypes, urgency, severity, certainty,
            eventCodes, onset, expires, areas, web, contact
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        event = try c.decode(LocalizedName.self, forKey: .event)
        headline = try c.decode(LocalizedName.self, forKey: .headline)
        description = try c.decode(LocalizedName.self, forKey: .description)
        instruction = try c.decodeIfPresent(LocalizedName.self, forKey: .instruction)
        categories = try c.decode([String].self, forKey: .categories)
        responseTypes = try c.decodeIfPresent([String].self, forKey: .responseTypes) ?? []
        urgency = try c.decode(String.self, forKey: .urgency)
        severity = try c.decode(String.self, forKey: .severity)
        certainty = try c.decode(String.self, forKey: .certainty)
        eventCodes = try c.decodeIfPresent([PublicAlertCode].self, forKey: .eventCodes) ?? []
        onset = try c.decodeIfPresent(Date.self, forKey: .onset)
        expires = try c.decode(Date.self, forKey: .expires)
        areas = try c.decode([PublicAlertArea].self, forKey: .areas)
        web = try c.decodeIfPresent(String.self, forKey: .web)
        contact = try c.decodeIfPresent(String.self, forKey: .contact)
    }
}

public struct PublicAlertCode: Codable, Hashable, Sendable {
    public var valueName: String
    public var value: String

    public init(valueName: String, value: String) {
        self.valueName = valueName
        self.value = value
    }
}

/// One area of a warning: polygons, circles and named governorates of the jurisdiction (a
/// governorate becomes a CAP geocode, with its boundary as a polygon when the jurisdiction
/// gives one). `description` may be left out when governorates name the area.
public struct PublicAlertArea: Codable, Hashable, Sendable {
    public var description: LocalizedName?
    /// Rings of at least three distinct points; the first point is repeated at the end if
    /// it is not already, as CAP requires.
    public var polygons: [[Coordinate]]
    public var circles: [PublicAlertCircle]
    public var governorates: [String]

    public init(
        description: LocalizedName? = nil, polygons: [[Coordinate]] = [], circles: [PublicAlertCircle] = [],
        governorates: [String] = []
    ) {
        self.description = description
        self.polygons = polygons
        self.circles = circles
        self.governorates = governorates
    }

    enum CodingKeys: String, CodingKey { case description, polygons, circles, governorates }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        description = try c.decodeIfPresent(LocalizedName.self, forKey: .description)
        polygons = try c.decodeIfPresent([[Coordinate]].self, forKey: .polygons) ?? []
        circles = try c.decodeIfPresent([PublicAlertCircle].self, forKey: .circles) ?? []
        governorates = try c.decodeIfPresent([String].self, forKey: .governorates) ?? []
    }
}

public struct PublicAlertCircle: Codable, Hashable, Sendable {
    public var center: Coordinate
    public var radiusKm: Double

    public init(center: Coordinate, radiusKm: Double) {
        self.center = center
        self.radiusKm = radiusKm
    }
}
