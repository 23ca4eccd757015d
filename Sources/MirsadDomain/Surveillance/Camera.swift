import Foundation
import MirsadGeodesy

/// A fixed camera of the city's network (traffic, port, public-square CCTV), as the
/// jurisdiction file lists it. Everyone on the common picture sees where it is and where it
/// looks; its stream address is a restricted field of the sector that runs it, read with a
/// stated purpose and audited, because the picture shows people.
public struct Camera: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedName
    public var location: Coordinate
    /// The sector that runs it (Traffic for road cameras, Public Security for squares).
    public var sector: String
    /// Where the middle of the picture points, in degrees clockwise from north.
    public var heading: Double
    /// The picture's horizontal width in degrees; 360 for a dome that turns all round.
    public var fieldOfView: Double
    /// How far it shows something useful, in metres.
    public var range: Double
    /// Where the live picture is (rtsp://, https://): restricted, never in a list or on the feed.
    public var streamURL: String

    public init(
        id: String, name: LocalizedName, location: Coordinate, sector: String, heading: Double, fieldOfView: Double,
        range: Double, streamURL: String
    ) {
        self.id = id
        self.name = name
        self.location = location
        self.sector = sector
        self.heading = heading
        self.fieldOfView = fieldOfView
        self.range = range
        self.streamURL = streamURL
    }

    /// What the camera makes of a point: how far it is and at which bearing, when it is in view.
    public func sighting(of point: Coordinate) -> CameraSighting? {
        let meters = location.distance(to: point)
        guard meters <= range else { return nil }
        let bearing = location.geo.bearing(to: point.geo)
        // A point under the camera is seen whatever it faces.
        let offAxis = meters < 1 ? 0 : Self.angle(between: bearing, and: heading)
        guard fieldOfView >= 360 || offAxis <= fieldOfView / 2 else { return nil }
        return CameraSighting(cameraId: id, meters: meters, bearing: bearing, offAxis: offAxis)
    }

    /// The smaller angle between two bearings, 0...180.
    static func angle(between a: Double, and b: Double) -> Double {
        let d = abs((a - b).truncatingRemainder(dividingBy: 360))
        return d > 180 ? 360 - d : d
    }

    /// The cameras that see `point`, nearest first.
    public static func seeing(_ point: Coordinate, among cameras: [Camera]) -> [CameraSighting] {
        cameras.compactMap { $0.sighting(of: point) }.sorted { ($0.meters, $0.cameraId) < ($1.meters, $1.cameraId) }
    }

    /// Checks the camera against the jurisdiction, naming the bad field under `prefix` (`cameras[3]`).
    public func validate(sectors: Set<String>, field prefix: String) throws(DomainError) {
        let at = { (name: String) in "\(prefix).\(name)" }
        try SurveillanceText.checkID(id, field: at("id"))
        try ShelterText.check(name.en, field: at("name.en"), max: 200)
        try ShelterText.check(name.ar, field: at("name.ar"), max: 200)
        _ = try location.validated(field: at("location"))
        guard sectors.contains(sector) else {
            throw .invalidField(field: at("sector"), reason: "unknown sector '\(sector)'")
        }
        guard heading.isFinite, (0..<360).contains(heading) else {
            throw .invalidField(field: at("heading"), reason: "degrees from north, 0 up to 360")
        }
        guard fieldOfView.isFinite, fieldOfView > 0, fieldOfView <= 360 else {
            throw .invalidField(field: at("fieldOfView"), reason: "degrees, more than 0 and at most 360")
        }
        guard range.isFinite, range >= 1, range <= 5_000 else {
            throw .invalidField(field: at("range"), reason: "metres, from 1 to 5000")
        }
        guard let url = URL(string: streamURL), let scheme = url.scheme?.lowercased(),
            ["rtsp", "rtsps", "https", "http"].contains(scheme), url.host != nil, streamURL.count <= 2_000
        else {
            throw .invalidField(field: at("streamURL"), reason: "an rtsp://, rtsps:// or https:// address")
        }
    }
}

/// A camera that sees a point: how far away it is, the bearing from the camera, and how far
/// off the middle of the picture (0 is dead centre).
public struct CameraSighting: Codable, Hashable, Sendable {
    public var cameraId: String
    public var meters: Double
    public var bearing: Double
    public var offAxis: Double
}

/// Identifier checks shared by cameras and sensors.
enum SurveillanceText {
    static func checkID(_ id: String, field: String) throws(DomainError) {
        guard id.range(of: #"^[a-z0-9][a-z0-9-]{0,63}$"#, options: .regularExpression) != nil else {
            throw .invalidField(field: field, reason: "1-64 characters of a-z, 0-9 and '-'")
        }
    }
}
