import Foundation
import MirsadGeodesy

/// Where an incident happened: WGS84 degrees (what the platform stores) or planar metres.
public enum IncidentLocation: Hashable, Sendable {
    case geographic(GeoCoordinate)
    case planar(PlanarPoint)
}

extension IncidentLocation: Codable {
    private enum CodingKeys: String, CodingKey {
        case latitude, longitude, x, y
    }

    /// Decodes `{"latitude":…, "longitude":…}` or `{"x":…, "y":…}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let latitude = try container.decodeIfPresent(Double.self, forKey: .latitude) {
            let longitude = try container.decode(Double.self, forKey: .longitude)
            self = .geographic(GeoCoordinate(latitude: latitude, longitude: longitude))
        } else {
            self = .planar(
                PlanarPoint(
                    x: try container.decode(Double.self, forKey: .x), y: try container.decode(Double.self, forKey: .y)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .geographic(let g):
            try container.encode(g.latitude, forKey: .latitude)
            try container.encode(g.longitude, forKey: .longitude)
        case .planar(let p):
            try container.encode(p.x, forKey: .x)
            try container.encode(p.y, forKey: .y)
        }
    }
}

/// The early-warning view of an incident: enough to judge near repeats and series.
public struct IncidentObservation: Codable, Sendable, Hashable {
    public var id: String
    /// Offence family (e.g. "burglary"); only incidents of one family are compared.
    public var family: String
    public var location: IncidentLocation
    public var time: Date
    /// The owning sector, carried through to alerts so the platform can route them.
    public var sector: String?

    public init(id: String, family: String, location: IncidentLocation, time: Date, sector: String? = nil) {
        self.id = id
        self.family = family
        self.location = location
        self.time = time
        self.sector = sector
    }
}

/// A text in both languages of the platform.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var english: String
    public var arabic: String

    public init(english: String, arabic: String) {
        self.english = english
        self.arabic = arabic
    }
}
