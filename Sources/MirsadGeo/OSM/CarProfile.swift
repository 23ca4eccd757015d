import Foundation

/// Which OSM ways a car may drive, in which directions and how fast.
///
/// The defaults follow the public OSRM car profile (`car.lua`) closely so that ETAs can be
/// compared with OSRM: class speeds, 80 % of a posted `maxspeed`, implied one-ways for
/// motorways and roundabouts, `oneway=-1`, the `motorcar > motor_vehicle > vehicle > access`
/// hierarchy, surface caps, a 2 s delay at traffic signals and barriers that block cars.
/// Turn costs and restrictions are applied on the turns (`TurnRules.car`, `TurnGraph`).
public struct CarProfile: Sendable, Hashable {
    /// Free-flow speed per road class in km/h when no `maxspeed` is posted.
    public var classSpeedsKmh: [RoadClass: Double]
    /// Share of a posted `maxspeed` actually driven (OSRM: 0.8).
    public var maxspeedFactor: Double
    /// Delay added when passing a `highway=traffic_signals` node, seconds.
    public var trafficSignalSeconds: Double
    /// Delay added at gates (`barrier=gate|lift_gate`), seconds.
    public var gateSeconds: Double
    /// Upper speed limit by `surface=*`, km/h.
    public var surfaceSpeedsKmh: [String: Double]
    /// Access values that close a way to cars.
    public var blockedAccess: Set<String>
    /// Barrier values a car can pass.
    public var passableBarriers: Set<String>

    public init(
        classSpeedsKmh: [RoadClass: Double], maxspeedFactor: Double, trafficSignalSeconds: Double,
        gateSeconds: Double, surfaceSpeedsKmh: [String: Double], blockedAccess: Set<String>,
        passableBarriers: Set<String>
    ) {
        self.classSpeedsKmh = classSpeedsKmh
        self.maxspeedFactor = maxspeedFactor
        self.trafficSignalSeconds = trafficSignalSeconds
        self.gateSeconds = gateSeconds
        self.surfaceSpeedsKmh = surfaceSpeedsKmh
        self.blockedAccess = blockedAccess
        self.passableBarriers = passableBarriers
    }

    /// The OSRM-like default car profile.
    public static let standard = CarProfile(
        classSpeedsKmh: [
            .motorway: 90, .motorwayLink: 45, .trunk: 85, .trunkLink: 40, .primary: 65, .primaryLink: 30,
            .secondary: 55, .secondaryLink: 25, .tertiary: 40, .tertiaryLink: 20, .unclassified: 25,
            .residential: 25, .livingStreet: 10, .service: 15,
        ],
        maxspeedFactor: 0.8,
        trafficSignalSeconds: 2,
        gateSeconds: 60,
        surfaceSpeedsKmh: [
            "cement": 80, "compacted": 80, "fine_gravel": 80, "paving_stones": 60, "metal": 60, "bricks": 60,
            "grass": 40, "wood": 40, "sett": 40, "grass_paver": 40, "gravel": 40, "unpaved": 40, "ground": 40,
            "dirt": 40, "pebblestone": 40, "tartan": 40, "cobblestone": 30, "clay": 30, "earth": 20,
            "stone": 20, "rocky": 20, "sand": 20, "mud": 10,
        ],
        blockedAccess: [
            "no", "agricultural", "forestry", "emergency", "psv", "taxi", "share_taxi", "minibus", "bus", "foot",
            "emergency_vehicle", "restricted", "military", "official",
        ],
        passableBarriers: [
            "cattle_grid", "border_control", "toll_booth", "sally_port", "no", "entrance", "height_restrictor",
            "arch", "gate", "lift_gate",
        ]
    )

    /// What a way means for a car.
    public struct WayDecision: Sendable, Hashable {
        public var roadClass: RoadClass
        /// Speed in the way's direction, nil when cars may not drive that way.
        public var forwardKmh: Double?
        /// Speed against the way's direction, nil when cars may not drive that way.
        public var backwardKmh: Double?
    }

    /// Evaluates a way's tags; nil when no car may use it in either direction.
    public func evaluate(_ tags: [String: String]) -> WayDecision? {
        guard let highway = tags["highway"], let roadClass = RoadClass(osmValue: highway),
            let classSpeed = classSpeedsKmh[roadClass]
        else { return nil }
        if tags["area"] == "yes" || tags["impassable"] == "yes" || tags["status"] == "impassable" { return nil }
        if let oneway = tags["oneway"], oneway == "reversible" || oneway == "alternating" { return nil }
        if tags["service"] == "emergency_access" { return nil }
        // Access hierarchy, with forward/backward refinements.
        let hierarchy = ["motorcar", "motor_vehicle", "vehicle", "access"]
        func access(_ suffix: String?) -> String? {
            for key in hierarchy {
                if let suffix, let v = tags["\(key):\(suffix)"] { return resolveAccess(v) }
                if let v = tags[key] { return resolveAccess(v) }
            }
            return nil
        }
        var forwardAllowed = !(access("forward").map(blockedAccess.contains) ?? false)
        var backwardAllowed = !(access("backward").map(blockedAccess.contains) ?? false)
        // One-way handling (OSRM: oneway:motorcar etc. before plain oneway).
        let oneway = tags["oneway:motorcar"] ?? tags["oneway:motor_vehicle"] ?? tags["oneway:vehicle"] ?? tags["oneway"]
        switch oneway {
        case "-1", "reverse": forwardAllowed = false
        case "yes", "1", "true": backwardAllowed = false
        case "no", "false", "0": break
        default:
            let junction = tags["junction"]
            if roadClass == .motorway || junction == "roundabout" || junction == "circular" {
                backwardAllowed = false
            }
        }
        guard forwardAllowed || backwardAllowed else { return nil }
        // Speeds.
        var forward = classSpeed
        var backward = classSpeed
        let general = CarProfile.parseMaxspeed(tags["maxspeed"])
        if let v = CarProfile.parseMaxspeed(tags["maxspeed:forward"]) ?? general { forward = v * maxspeedFactor }
        if let v = CarProfile.parseMaxspeed(tags["maxspeed:backward"]) ?? general { backward = v * maxspeedFactor }
        if let surface = tags["surface"], let cap = surfaceSpeedsKmh[surface] {
            forward = min(forward, cap)
            backward = min(backward, cap)
        }
        return WayDecision(
            roadClass: roadClass,
            forwardKmh: forwardAllowed ? max(forward, 1) : nil,
            backwardKmh: backwardAllowed ? max(backward, 1) : nil
        )
    }

    /// True when a node with these tags stops cars (a bollard, a closed access node).
    public func blocksPassage(_ tags: [String: String]) -> Bool {
        for key in ["motorcar", "motor_vehicle", "vehicle", "access"] {
            if let v = tags[key] { return blockedAccess.contains(resolveAccess(v)) }
        }
        guard let barrier = tags["barrier"] else { return false }
        if passableBarriers.contains(barrier) { return false }
        if barrier == "bollard", tags["bollard"] == "rising" { return false }
        if barrier == "kerb", tags["kerb"] == "lowered" || tags["kerb"] == "flush" || tags["highway"] == "crossing" {
            return false
        }
        return true
    }

    /// Delay in seconds for passing a node with these tags.
    public func passageDelaySeconds(_ tags: [String: String]) -> Double {
        var delay = 0.0
        if tags["highway"] == "traffic_signals" { delay += trafficSignalSeconds }
        if let barrier = tags["barrier"], barrier == "gate" || barrier == "lift_gate" { delay += gateSeconds }
        return delay
    }

    /// For `a;b` access values keep the most permissive part, as OSRM does.
    private func resolveAccess(_ value: String) -> String {
        guard value.contains(";") else { return value }
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.first { !blockedAccess.contains($0) } ?? parts.first ?? value
    }

    /// Parses `maxspeed` values: `50`, `30 mph`, `PT:urban`, `none`, `walk`. Returns km/h.
    public static func parseMaxspeed(_ raw: String?) -> Double? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !raw.isEmpty else { return nil }
        let first = raw.split(separator: ";").first.map(String.init) ?? raw
        if first == "walk" { return 5 }
        if first == "none" || first == "signals" || first == "variable" { return nil }
        let digits = first.prefix { $0.isNumber || $0 == "." }
        if let value = Double(digits), value > 0 {
            let rest = first.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("mph") { return value * 1.609344 }
            if rest.hasPrefix("knots") { return value * 1.852 }
            return value
        }
        // Zone values such as "PT:urban", "de:rural", "RU:motorway".
        if let colon = first.firstIndex(of: ":") {
            switch first[first.index(after: colon)...] {
            case "urban": return 50
            case "rural": return 90
            case "trunk": return 110
            case "motorway": return 130
            case "living_street": return 20
            default: return nil
            }
        }
        return nil
    }
}
