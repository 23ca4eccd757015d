import Foundation
import MirsadGeodesy

/// Reads UAS geographical zones (no-fly zones for drones) from the two EUROCAE exchange formats, and writes ED-269.
///
/// - ED-269: `{"UASZoneList": [zone, …]}` (or the same zones under `features`, the root of EUROCAE's own JSON
///   schema). A zone has one `name`, a `restriction`, `reason` codes, a `message` and a list of `geometry` volumes.
///   Each volume gives `uomDimensions` (`M` or `FT`), `lowerLimit` and `upperLimit` (numbers, numeric strings or
///   null), their vertical references and a `horizontalProjection`: a `Polygon` (`coordinates` [[[lon, lat], …]])
///   or a `Circle` (`center` [lon, lat], `radius` in metres).
/// - ED-318: a GeoJSON FeatureCollection. Each Feature's `geometry` (a Polygon, a MultiPolygon, a Point with a
///   circular `extent`, or a GeometryCollection of those) carries a `layer` {upper, upperReference, lower,
///   lowerReference, uom}; `properties` give the `identifier`, `name` and `message` as [{text, lang}] and the
///   restriction in `type` (`restriction` is read instead when present).
///
/// Normalisation: limits become metres; a missing lower limit is the surface; a null or missing upper limit, or
/// one of 99999 or more (what converters write where ED-318 demands a number), is unlimited; a ring's repeated
/// closing point is dropped; only a polygon's outer ring is kept (a hole stays restricted, the safe reading); a
/// circle becomes a 32-gon. A zone with several volumes becomes several `UASZone`s: `<identifier>`,
/// `<identifier>#2`, …
///
/// Every error is `DomainError.invalidField` naming the JSON path of the field at fault, such as
/// `UASZoneList[3].geometry[0].horizontalProjection.coordinates` or `features[1].properties.identifier`.
public enum UASZoneImport {
    /// Detects the format and reads every zone, checking them as `UASZone.validate(field:)` does and refusing an
    /// identifier used twice in the file (the second is named).
    public static func zones(from data: Data) throws(DomainError) -> [UASZone] {
        switch try decode(Probe.self, from: data).layout {
        case .ed269: return try zones(from: decode(ED269.File.self, from: data))
        case .ed318: return try zones(from: decode(ED318.File.self, from: data))
        case nil:
            throw .invalidField(field: "$", reason: "neither an ED-269 UASZoneList nor an ED-318 FeatureCollection")
        }
    }

    /// The zones as an ED-269 `UASZoneList` (pretty-printed, sorted keys): polygons closed by repeating their first
    /// point, limits in metres with each zone's own vertical references (AGL for the demo), a null upper limit
    /// when unlimited, and names written `English / Arabic` when they differ. Consecutive parts `X`, `X#2`, … of
    /// one zone are written back as one zone with several volumes. `country`, `applicability` and `zoneAuthority`
    /// are not written: a `UASZone` does not carry them.
    public static func ed269(_ zones: [UASZone]) -> Data {
        var entries: [ED269Output.Zone] = []
        for zone in zones {
            let volume = ED269Output.Volume(zone)
            if let last = entries.last, zone.id == "\(last.identifier)#\(last.geometry.count + 1)",
                last.hasSameProperties(as: zone)
            {
                entries[entries.count - 1].geometry.append(volume)
            } else {
                entries.append(ED269Output.Zone(zone, volume: volume))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding fails only for non-finite numbers, which `UASZone.validate(field:)` refuses.
        return (try? encoder.encode(ED269Output(zones: entries))) ?? Data()
    }

    /// The sides of the polygon that stands for a published circle.
    static let circleSides = 32

    /// A limit at or above this (in the file's unit) means "no upper limit".
    static let unlimitedLimit = 99_999.0
}

// MARK: - Reading the two formats

extension UASZoneImport {
    private static func zones(from file: ED269.File) throws(DomainError) -> [UASZone] {
        var collector = Collector()
        for (i, zone) in file.zones.enumerated() {
            let path = "\(file.listKey)[\(i)]"
            try UASZone.checkIdentifier(zone.identifier, field: "\(path).identifier")
            let restriction = try Self.restriction(zone.restriction, field: "\(path).restriction")
            let name = nonEmpty(zone.name).map(bilingual) ?? LocalizedName(en: zone.identifier, ar: zone.identifier)
            guard !zone.geometry.isEmpty else {
                throw .invalidField(field: "\(path).geometry", reason: "needs at least one volume")
            }
            for (j, volume) in zone.geometry.enumerated() {
                let volumePath = "\(path).geometry[\(j)]"
                let band = try Self.band(volume.limits, field: volumePath, keys: .ed269)
                let projectionPath = "\(volumePath).horizontalProjection"
                let outline: [Coordinate]
                switch volume.horizontalProjection {
                case .polygon(let rings):
                    outline = try polygonOutline(rings, field: "\(projectionPath).coordinates")
                case .circle(let center, let radius):
                    outline = try circleOutline(
                        center: center, centerField: "\(projectionPath).center", radius: radius.value,
                        radiusField: "\(projectionPath).radius")
                }
                try collector.add(
                    UASZone(
                        id: partID(zone.identifier, j), name: name, restriction: restriction,
                        reasons: zone.reason ?? [], message: nonEmpty(zone.message), outline: outline,
                        lowerMeters: band.lower, upperMeters: band.upper, lowerReference: band.lowerReference,
                        upperReference: band.upperReference, format: .ed269),
                    identifierField: "\(path).identifier")
            }
        }
        return collector.zones
    }

    private static func zones(from file: ED318.File) throws(DomainError) -> [UASZone] {
        var collector = Collector()
        for (i, feature) in file.features.enumerated() {
            let path = "features[\(i)]"
            let properties = feature.properties
            try UASZone.checkIdentifier(properties.identifier, field: "\(path).properties.identifier")
            let restriction: UASZone.Restriction
            if let code = properties.restriction {
                restriction = try Self.restriction(code, field: "\(path).properties.restriction")
            } else if let code = properties.type {
                restriction = try Self.restriction(code, field: "\(path).properties.type")
            } else {
                throw .invalidField(field: "\(path).properties.type", reason: "missing")
            }
            let name = names(properties.name?.entries ?? [], fallback: properties.identifier)
            let message = nonEmpty(preferredText(properties.message?.entries ?? [], language: "en"))
            let parts = try shapes(feature.geometry, field: "\(path).geometry")
            for (j, part) in parts.enumerated() {
                try collector.add(
                    UASZone(
                        id: partID(properties.identifier, j), name: name, restriction: restriction,
                        reasons: properties.reasons ?? properties.reason ?? [], message: message,
                        outline: part.outline, lowerMeters: part.band.lower, upperMeters: part.band.upper,
                        lowerReference: part.band.lowerReference, upperReference: part.band.upperReference,
                        format: .ed318),
                    identifierField: "\(path).properties.identifier")
            }
        }
        return collector.zones
    }

    /// The prisms of one ED-318 geometry, in order: a Polygon or Point gives one, a MultiPolygon one per polygon,
    /// a GeometryCollection those of its members.
    private static func shapes(_ geometry: ED318.Geometry, field: String) throws(DomainError) -> [(
        outline: [Coordinate], band: Band
    )] {
        switch geometry {
        case .polygon(let rings, let layer):
            let band = try Self.band(layer?.limits, field: field, keys: .ed318)
            return [(try polygonOutline(rings, field: "\(field).coordinates"), band)]
        case .multiPolygon(let polygons, let layer):
            let band = try Self.band(layer?.limits, field: field, keys: .ed318)
            guard !polygons.isEmpty else {
                throw .invalidField(field: "\(field).coordinates", reason: "needs at least one polygon")
            }
            var shapes: [(outline: [Coordinate], band: Band)] = []
            for (p, rings) in polygons.enumerated() {
                shapes.append((try polygonOutline(rings, field: "\(field).coordinates[\(p)]"), band))
            }
            return shapes
        case .circle(let center, let radius, let layer):
            let band = try Self.band(layer?.limits, field: field, keys: .ed318)
            let outline = try circleOutline(
                center: center, centerField: "\(field).coordinates", radius: radius.value,
                radiusField: "\(field).extent.radius")
            return [(outline, band)]
        case .collection(let members):
            guard !members.isEmpty else {
                throw .invalidField(field: "\(field).geometries", reason: "needs at least one geometry")
            }
            var shapes: [(outline: [Coordinate], band: Band)] = []
            for (g, member) in members.enumerated() {
                shapes += try Self.shapes(member, field: "\(field).geometries[\(g)]")
            }
            return shapes
        }
    }

    /// Gathers the zones of a file, refusing an identifier (or a derived `X#2`) seen before.
    private struct Collector {
        var zones: [UASZone] = []
        var seen: Set<String> = []

        mutating func add(_ zone: UASZone, identifierField: String) throws(DomainError) {
            try UASZone.checkIdentifier(zone.id, field: identifierField)
            guard seen.insert(zone.id).inserted else {
                throw .invalidField(field: identifierField, reason: "duplicate '\(zone.id)'")
            }
            zones.append(zone)
        }
    }

    /// `X` for a zone's first volume, `X#2`, `X#3`, … for the rest.
    private static func partID(_ identifier: String, _ index: Int) -> String {
        index == 0 ? identifier : "\(identifier)#\(index + 1)"
    }
}

// MARK: - Normalising values

extension UASZoneImport {
    /// The vertical band of a volume, in metres, with its references.
    private struct Band {
        var lower: Double
        var upper: Double?
        var lowerReference: String
        var upperReference: String
    }

    /// A volume's limits as the file writes them.
    private struct Limits {
        var unit: String?
        var lower: LooseNumber?
        var upper: LooseNumber?
        var lowerReference: String?
        var upperReference: String?
    }

    /// Where each format keeps the limits: ED-269 on the volume itself, ED-318 in the geometry's `layer`.
    private struct LimitKeys {
        var container: String?
        var unit: String
        var lower: String
        var upper: String
        var lowerReference: String
        var upperReference: String

        static let ed269 = LimitKeys(
            container: nil, unit: "uomDimensions", lower: "lowerLimit", upper: "upperLimit",
            lowerReference: "lowerVerticalReference", upperReference: "upperVerticalReference")
        static let ed318 = LimitKeys(
            container: "layer", unit: "uom", lower: "lower", upper: "upper", lowerReference: "lowerReference",
            upperReference: "upperReference")
    }

    private static func band(_ limits: Limits?, field: String, keys: LimitKeys) throws(DomainError) -> Band {
        let base = keys.container.map { "\(field).\($0)" } ?? field
        guard let limits else { throw .invalidField(field: base, reason: "missing") }
        let metresPerUnit: Double
        switch limits.unit?.trimmingCharacters(in: .whitespaces).uppercased() {
        case nil, "M": metresPerUnit = 1
        case "FT": metresPerUnit = 0.3048
        case let other?:
            throw .invalidField(field: "\(base).\(keys.unit)", reason: "unknown unit '\(other)' (M or FT)")
        }
        let lower = (limits.lower?.value ?? 0) * metresPerUnit
        let upper = limits.upper.flatMap { $0.value >= unlimitedLimit ? nil : $0.value * metresPerUnit }
        try UASZone.checkLimits(
            lower: lower, upper: upper, lowerField: "\(base).\(keys.lower)", upperField: "\(base).\(keys.upper)")
        return Band(
            lower: lower, upper: upper,
            lowerReference: try reference(limits.lowerReference, field: "\(base).\(keys.lowerReference)"),
            upperReference: try reference(limits.upperReference, field: "\(base).\(keys.upperReference)"))
    }

    /// `AGL`, `AMSL` or `WGS84` in any case; a missing reference is `AGL`.
    private static func reference(_ text: String?, field: String) throws(DomainError) -> String {
        let reference = text?.trimmingCharacters(in: .whitespaces).uppercased() ?? "AGL"
        try UASZone.checkReference(reference, field: field)
        return reference
    }

    private static func restriction(_ code: String, field: String) throws(DomainError) -> UASZone.Restriction {
        guard let restriction = UASZone.Restriction(code: code) else {
            throw .invalidField(
                field: field,
                reason: "unknown restriction '\(code)' (PROHIBITED, REQ_AUTHORISATION, CONDITIONAL or NO_RESTRICTION)")
        }
        return restriction
    }

    /// The outer ring of a GeoJSON polygon (`field` names its `coordinates`), without the repeated closing point.
    private static func polygonOutline(_ rings: [[[Double]]], field: String) throws(DomainError) -> [Coordinate] {
        guard let ring = rings.first else { throw .invalidField(field: field, reason: "needs an outer ring") }
        var points: [Coordinate] = []
        for (k, position) in ring.enumerated() {
            points.append(try coordinate(position, field: "\(field)[0][\(k)]"))
        }
        if points.count > 1, points.first == points.last { points.removeLast() }
        try UASZone.checkOutline(points, field: "\(field)[0]")
        return points
    }

    /// A regular 32-gon around the circle (great-circle destinations from the centre): its vertices lie a little
    /// outside so that its edges touch the circle, and a path that keeps out of the polygon keeps out of the zone.
    private static func circleOutline(center: [Double], centerField: String, radius: Double, radiusField: String)
        throws(DomainError) -> [Coordinate]
    {
        let center = try coordinate(center, field: centerField)
        guard radius > 0, radius <= 1_000_000 else {
            throw .invalidField(field: radiusField, reason: "must be more than 0 and at most 1000 km")
        }
        return circle(center: center, radiusMeters: radius / cos(Double.pi / Double(circleSides)))
    }

    /// `circleSides` points at `radiusMeters` from `center`, clockwise from north.
    static func circle(center: Coordinate, radiusMeters: Double) -> [Coordinate] {
        let rad = Double.pi / 180
        let phi1 = center.lat * rad
        let lambda1 = center.lon * rad
        let delta = radiusMeters / GeoCoordinate.earthRadiusMeters
        return (0..<circleSides).map { i in
            let theta = Double(i) / Double(circleSides) * 2 * Double.pi
            let phi2 = asin(sin(phi1) * cos(delta) + cos(phi1) * sin(delta) * cos(theta))
            let lambda2 = lambda1 + atan2(sin(theta) * sin(delta) * cos(phi1), cos(delta) - sin(phi1) * sin(phi2))
            return Coordinate(lat: phi2 / rad, lon: lambda2 / rad)
        }
    }

    /// A GeoJSON position `[longitude, latitude]` (an altitude after them is ignored).
    private static func coordinate(_ position: [Double], field: String) throws(DomainError) -> Coordinate {
        guard position.count >= 2 else {
            throw .invalidField(field: field, reason: "a position is [longitude, latitude]")
        }
        guard (-180.0...180.0).contains(position[0]) else {
            throw .invalidField(field: "\(field)[0]", reason: "longitude must be between -180 and 180")
        }
        guard (-90.0...90.0).contains(position[1]) else {
            throw .invalidField(field: "\(field)[1]", reason: "latitude must be between -90 and 90")
        }
        return Coordinate(lat: position[1], lon: position[0])
    }

    /// An ED-269 name: `English / Arabic` is split at the first ` / ` whose remainder begins with an Arabic letter;
    /// any other name (`Genève / Genf`) fills both languages.
    static func bilingual(_ name: String) -> LocalizedName {
        var searchFrom = name.startIndex
        while let separator = name.range(of: " / ", range: searchFrom..<name.endIndex) {
            let english = name[..<separator.lowerBound].trimmingCharacters(in: .whitespaces)
            let arabic = name[separator.upperBound...].trimmingCharacters(in: .whitespaces)
            if !english.isEmpty, let letter = arabic.unicodeScalars.first(where: \.properties.isAlphabetic),
                isArabic(letter)
            {
                return LocalizedName(en: english, ar: arabic)
            }
            searchFrom = separator.upperBound
        }
        return LocalizedName(en: name, ar: name)
    }

    private static func isArabic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }

    /// ED-318 names: the `en*` and `ar*` texts; English falls back to the first text (then the identifier),
    /// Arabic to the English.
    private static func names(_ texts: [ED318.Text], fallback: String) -> LocalizedName {
        let english = nonEmpty(preferredText(texts, language: "en")) ?? fallback
        let arabic = texts.first { language(of: $0) == "ar" }.flatMap { nonEmpty($0.text) } ?? english
        return LocalizedName(en: english, ar: arabic)
    }

    /// The text in `language` (`en` matches `en`, `en-GB`, `en_US`), else the first.
    private static func preferredText(_ texts: [ED318.Text], language wanted: String) -> String? {
        (texts.first { language(of: $0) == wanted } ?? texts.first)?.text
    }

    private static func language(of text: ED318.Text) -> String? {
        text.lang?.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

// MARK: - Decoding

extension UASZoneImport {
    /// Decodes `T`, turning a decoding failure into the JSON path at fault.
    private static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(DomainError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw problem(error)
        } catch {
            throw .invalidField(field: "$", reason: "\(error)")
        }
    }

    private static func problem(_ error: DecodingError) -> DomainError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidField(field: path(context.codingPath + [key]), reason: "missing")
        case .valueNotFound(_, let context):
            return .invalidField(field: path(context.codingPath), reason: "must not be null")
        case .typeMismatch(let type, let context):
            return .invalidField(field: path(context.codingPath), reason: "expected \(describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .invalidField(field: "$", reason: "not valid JSON") }
            return .invalidField(field: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return .invalidField(field: "$", reason: "\(error)")
        }
    }

    /// `UASZoneList[3].geometry[0].horizontalProjection`; `$` for the document itself.
    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "$" : text
    }

    private static func describe(_ type: Any.Type) -> String {
        if type == Double.self || type == Int.self { return "a number" }
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        let name = "\(type)"
        if name.hasPrefix("Dictionary") { return "an object" }
        if name.hasPrefix("Array") { return "an array" }
        return name
    }

    /// Any key, for containers whose keys are chosen at run time.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Which format a document is, from its top-level keys.
    private struct Probe: Decodable {
        enum Layout { case ed269, ed318 }
        var layout: Layout?

        init(from decoder: any Decoder) throws {
            guard let c = try? decoder.container(keyedBy: AnyKey.self) else { return }
            let type = try? c.decodeIfPresent(String.self, forKey: AnyKey("type"))
            if c.contains(AnyKey("UASZoneList")) {
                layout = .ed269
            } else if type == "FeatureCollection" {
                layout = .ed318
            } else if type == nil, c.contains(AnyKey("features")) {
                layout = .ed269
            }
        }
    }

    /// A number the file may write as a number or as a numeric string (`"0"`, `"120.5"`).
    private struct LooseNumber: Decodable {
        var value: Double

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let number = try? c.decode(Double.self) {
                value = number
            } else if let text = try? c.decode(String.self),
                let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite
            {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number")
            }
        }
    }

    /// ED-269 as far as the import reads it.
    private enum ED269 {
        struct File: Decodable {
            var listKey: String
            var zones: [Zone]

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: AnyKey.self)
                listKey = c.contains(AnyKey("UASZoneList")) ? "UASZoneList" : "features"
                zones = try c.decode([Zone].self, forKey: AnyKey(listKey))
            }
        }

        struct Zone: Decodable {
            var identifier: String
            var name: String?
            var restriction: String
            var reason: [String]?
            var message: String?
            var geometry: [Volume]
        }

        struct Volume: Decodable {
            var uomDimensions: String?
            var lowerLimit: LooseNumber?
            var lowerVerticalReference: String?
            var upperLimit: LooseNumber?
            var upperVerticalReference: String?
            var horizontalProjection: Projection

            var limits: Limits {
                Limits(
                    unit: uomDimensions, lower: lowerLimit, upper: upperLimit,
                    lowerReference: lowerVerticalReference, upperReference: upperVerticalReference)
            }
        }

        enum Projection: Decodable {
            case polygon([[[Double]]])
            case circle(center: [Double], radius: LooseNumber)

            enum Key: String, CodingKey { case type, coordinates, center, radius }

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: Key.self)
                let type = try c.decode(String.self, forKey: .type)
                switch type.lowercased() {
                case "polygon": self = .polygon(try c.decode([[[Double]]].self, forKey: .coordinates))
                case "circle":
                    self = .circle(
                        center: try c.decode([Double].self, forKey: .center),
                        radius: try c.decode(LooseNumber.self, forKey: .radius))
                default:
                    throw DecodingError.dataCorruptedError(
                        forKey: .type, in: c, debugDescription: "unsupported projection '\(type)' (Polygon or Circle)")
                }
            }
        }
    }

    /// ED-318 as far as the import reads it.
    private enum ED318 {
        struct File: Decodable {
            var features: [Feature]
        }

        struct Feature: Decodable {
            var geometry: Geometry
            var properties: Properties
        }

        struct Properties: Decodable {
            var identifier: String
            var name: Texts?
            var type: String?
            var restriction: String?
            var reason: [String]?
            var reasons: [String]?
            var message: Texts?
        }

        indirect enum Geometry: Decodable {
            case polygon([[[Double]]], layer: Layer?)
            case multiPolygon([[[[Double]]]], layer: Layer?)
            case circle(center: [Double], radius: LooseNumber, layer: Layer?)
            case collection([Geometry])

            enum Key: String, CodingKey { case type, coordinates, layer, extent, geometries }

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: Key.self)
                let type = try c.decode(String.self, forKey: .type)
                let layer = try c.decodeIfPresent(Layer.self, forKey: .layer)
                switch type {
                case "Polygon": self = .polygon(try c.decode([[[Double]]].self, forKey: .coordinates), layer: layer)
                case "MultiPolygon":
                    self = .multiPolygon(try c.decode([[[[Double]]]].self, forKey: .coordinates), layer: layer)
                case "Point":
                    let extent = try c.decode(Extent.self, forKey: .extent)
                    self = .circle(
                        center: try c.decode([Double].self, forKey: .coordinates), radius: extent.radius, layer: layer)
                case "GeometryCollection": self = .collection(try c.decode([Geometry].self, forKey: .geometries))
                default:
                    throw DecodingError.dataCorruptedError(
                        forKey: .type, in: c,
                        debugDescription:
                            "unsupported geometry '\(type)' (Polygon, MultiPolygon, Point with a circle extent or "
                            + "GeometryCollection)")
                }
            }
        }

        /// ED-318's horizontal extent of a Point: a circle.
        struct Extent: Decodable {
            var radius: LooseNumber

            enum Key: String, CodingKey { case subType, radius }

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: Key.self)
                let subType = try c.decode(String.self, forKey: .subType)
                guard subType.lowercased() == "circle" else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .subType, in: c, debugDescription: "unsupported extent '\(subType)' (Circle)")
                }
                radius = try c.decode(LooseNumber.self, forKey: .radius)
            }
        }

        struct Layer: Decodable {
            var upper: LooseNumber?
            var upperReference: String?
            var lower: LooseNumber?
            var lowerReference: String?
            var uom: String?

            var limits: Limits {
                Limits(
                    unit: uom, lower: lower, upper: upper, lowerReference: lowerReference,
                    upperReference: upperReference)
            }
        }

        /// ED-318 text: a list of {text, lang}; a single one or a bare string is accepted too.
        struct Texts: Decodable {
            var entries: [Text]

            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let list = try? c.decode([Text].self) {
                    entries = list
                } else if let one = try? c.decode(Text.self) {
                    entries = [one]
                } else if let text = try? c.decode(String.self) {
                    entries = [Text(text: text, lang: nil)]
                } else {
                    throw DecodingError.dataCorruptedError(
                        in: c, debugDescription: "expected a list of {\"text\": …, \"lang\": …}")
                }
            }
        }

        struct Text: Decodable {
            var text: String
            var lang: String?
        }
    }
}

// MARK: - Writing ED-269

/// The subset of ED-269 that `UASZoneImport.ed269(_:)` writes.
private struct ED269Output: Encodable {
    var zones: [Zone]

    enum CodingKeys: String, CodingKey { case zones = "UASZoneList" }

    struct Zone: Encodable {
        var identifier: String
        var name: String
        var type = "COMMON"
        var restriction: String
        var reason: [String]
        var message: String?
        var geometry: [Volume]

        init(_ zone: UASZone, volume: Volume) {
            identifier = zone.id
            name = Self.name(zone.name)
            restriction = zone.restriction.code
            reason = zone.reasons
            message = zone.message
            geometry = [volume]
        }

        /// `English / Arabic`, or the one name when both are the same.
        static func name(_ name: LocalizedName) -> String {
            name.ar.isEmpty || name.ar == name.en ? name.en : "\(name.en) / \(name.ar)"
        }

        func hasSameProperties(as zone: UASZone) -> Bool {
            name == Self.name(zone.name) && restriction == zone.restriction.code && reason == zone.reasons
                && message == zone.message
        }
    }

    struct Volume: Encodable {
        var lowerLimit: Double
        var lowerVerticalReference: String
        var upperLimit: Double?
        var upperVerticalReference: String
        var coordinates: [[[Double]]]

        init(_ zone: UASZone) {
            lowerLimit = zone.lowerMeters
            lowerVerticalReference = zone.lowerReference
            upperLimit = zone.upperMeters
            upperVerticalReference = zone.upperReference
            let ring = zone.outline.map { [$0.lon, $0.lat] }
            coordinates = [ring + ring.prefix(1)]
        }

        enum CodingKeys: String, CodingKey {
            case uomDimensions, lowerLimit, lowerVerticalReference, upperLimit, upperVerticalReference
            case horizontalProjection
        }

        enum ProjectionKeys: String, CodingKey { case type, coordinates }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("M", forKey: .uomDimensions)
            try c.encode(lowerLimit, forKey: .lowerLimit)
            try c.encode(lowerVerticalReference, forKey: .lowerVerticalReference)
            try c.encode(upperLimit, forKey: .upperLimit)  // null when unlimited, as ED-269 writes it
            try c.encode(upperVerticalReference, forKey: .upperVerticalReference)
            var projection = c.nestedContainer(keyedBy: ProjectionKeys.self, forKey: .horizontalProjection)
            try projection.encode("Polygon", forKey: .type)
            try projection.encode(coordinates, forKey: .coordinates)
        }
    }
}
