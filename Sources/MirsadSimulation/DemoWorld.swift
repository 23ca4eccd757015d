import Foundation
import MirsadDomain
import MirsadGeo
import MirsadGeodesy

/// The demo jurisdiction: a fictional Gulf city with six governorates along a coast, about 40
/// stations and 300 units across the ten sectors. Deterministic for a given seed.
public enum DemoWorld {
    public static let center = Coordinate(lat: 29.30, lon: 47.95)

    /// The six governorates (fixed; the seed moves stations and units within them), each
    /// outlined as the land nearest its centre.
    public static let governorates: [Governorate] = DemoGeography.withBoundaries(centres)

    static let centres: [Governorate] = [
        Governorate(
            id: "asima", name: LocalizedName(en: "Al-Asima", ar: "العاصمة"), center: Coordinate(lat: 29.37, lon: 47.97)),
        Governorate(
            id: "bahr", name: LocalizedName(en: "Al-Bahr", ar: "البحر"), center: Coordinate(lat: 29.33, lon: 48.03)),
        Governorate(
            id: "nakheel", name: LocalizedName(en: "Al-Nakheel", ar: "النخيل"),
            center: Coordinate(lat: 29.28, lon: 47.91)),
        Governorate(
            id: "rimal", name: LocalizedName(en: "Al-Rimal", ar: "الرمال"), center: Coordinate(lat: 29.22, lon: 47.98)),
        Governorate(
            id: "marsa", name: LocalizedName(en: "Al-Marsa", ar: "المرسى"), center: Coordinate(lat: 29.17, lon: 48.05)),
        Governorate(
            id: "sahra", name: LocalizedName(en: "Al-Sahra", ar: "الصحراء"), center: Coordinate(lat: 29.29, lon: 47.79)),
    ]

    /// Where the land ends: east of this longitude (for a latitude) is the sea.
    public static func coastLongitude(atLatitude lat: Double) -> Double { 48.08 + (29.30 - lat) * 0.25 }

    public static func isAtSea(_ point: Coordinate) -> Bool { point.lon > coastLongitude(atLatitude: point.lat) }

    /// The demo city's road network: ring roads, radial motorways, arterials and local
    /// streets around the centre (~50,000 junctions), the same for the same seed. Generated
    /// once and kept in `cache` (a `.mroads` file) so later starts load it in milliseconds.
    public static func roads(seed: UInt64, cache: URL?) -> RoadNetwork {
        let metadata = "mirsad demo seed \(seed)"
        if let cache, let data = try? Data(contentsOf: cache),
            let (network, stored) = try? RoadNetworkFile.decode(data),
            stored == metadata
        {
            return network
        }
        let network = SyntheticCity(
            center: GeoCoordinate(latitude: center.lat, longitude: center.lon), radiusMeters: 20_000, seed: seed,
            targetNodeCount: 50_000
        ).generateNetwork()
        if let cache { try? RoadNetworkFile.write(network, to: cache, metadata: metadata) }
        return network
    }

    public static func make(seed: UInt64) -> Jurisdiction {
        var random = SeededRandom.derive(seed, "world")
        var stations: [Station] = []
        var units: [UnitDefinition] = []

        func station(
            _ id: String, _ en: String, _ ar: String, sector: String, near: Coordinate, spread: Double,
            governorate: String?
        ) -> Station {
            var location = jitter(near, metres: spread, &random)
            if isAtSea(location) { location.lon = coastLongitude(atLatitude: location.lat) - 0.01 }
            let made = Station(
                id: id, name: LocalizedName(en: en, ar: ar), sector: sector, location: location,
                governorate: governorate)
            stations.append(made)
            return made
        }
        func add(
            _ count: Int, at station: Station, prefix: String, type: String, capabilities: [String],
            drone: ((Int) -> DroneProfile)? = nil
        ) {
            let existing = units.filter { $0.homeStation == station.id && $0.type == type }.count
            for i in 1...max(count, 1) where count > 0 {
                units.append(
                    UnitDefinition(
                        callSign: "\(prefix)-\(String(format: "%02d", existing + i))", sector: station.sector,
                        type: type,
                        capabilities: capabilities, homeStation: station.id, drone: drone?(i)))
            }
        }
        // MAVLink system ids: 1-6 the operations room's drones, 11-16 Civil Defense's.
        func quadcopter(_ systemID: Int) -> DroneProfile {
            DroneProfile(
                model: "DJI Matrice 30T", enduranceMinutes: 38, cruiseSpeed: 15, rangeKm: 30,
                sensors: ["eo", "thermal", "zoom", "laser-rangefinder"], mavlinkSystemId: systemID)
        }

        for (index, governorate) in governorates.enumerated() {
            let code = governorate.id.uppercased().prefix(3)
            let g = governorate.name
            let police = station(
                "PS-\(code)", "\(g.en) Police Station", "مخفر \(g.ar)", sector: "public-security",
                near: governorate.center, spread: 1500, governorate: governorate.id)
            add(14, at: police, prefix: "PS-\(code)", type: "patrol-car", capabilities: ["patrol"])
            let traffic = station(
                "TRF-\(code)", "\(g.en) Traffic Department", "إدارة مرور \(g.ar)", sector: "traffic",
                near: governorate.center, spread: 2500, governorate: governorate.id)
            add(
                10, at: traffic, prefix: "TRF-\(code)", type: "traffic-car", capabilities: ["traffic-patrol", "patrol"])
            let fire = station(
                "FIRE-\(code)", "\(g.en) Fire Station", "مركز إطفاء \(g.ar)", sector: "firefighting",
                near: governorate.center, spread: 2500, governorate: governorate.id)
            add(3, at: fire, prefix: "FIRE-\(code)-E", type: "fire-engine", capabilities: ["engine"])
            add(
                index % 2 == 0 ? 1 : 0, at: fire, prefix: "FIRE-\(code)-L", type: "ladder-truck",
                capabilities: ["ladder"])
            add(1, at: fire, prefix: "FIRE-\(code)-R", type: "rescue-truck", capabilities: ["rescue"])
            if index < 2 {
                add(1, at: fire, prefix: "FIRE-\(code)-HZ", type: "hazmat-unit", capabilities: ["hazmat", "engine"])
            }
            let defense = station(
                "CD-\(code)", "\(g.en) Civil Defense Centre", "مركز الدفاع المدني \(g.ar)",
                sector: "civil-defense", near: governorate.center, spread: 3000, governorate: governorate.id)
            add(2, at: defense, prefix: "CD-\(code)-R", type: "rescue-truck", capabilities: ["rescue"])
            add(1, at: defense, prefix: "CD-\(code)-P", type: "pump-unit", capabilities: ["pump"])
            add(1, at: defense, prefix: "CD-\(code)-S", type: "shelter-team", capabilities: ["shelter"])
            add(
                1, at: defense, prefix: "CD-\(code)-D", type: "drone", capabilities: ["drone"],
                drone: { _ in quadcopter(11 + index) })
            if index < 4 {
                let cid = station(
                    "CRM-\(code)", "\(g.en) Criminal Investigation", "مباحث \(g.ar)",
                    sector: "criminal-security", near: governorate.center, spread: 2000,
                    governorate: governorate.id)
                add(6, at: cid, prefix: "CRM-\(code)", type: "cid-car", capabilities: ["investigation"])
            }
            if index < 3 {
                let residency = station(
                    "RES-\(code)", "\(g.en) Residency Affairs", "شؤون إقامة \(g.ar)",
                    sector: "residency-affairs", near: governorate.center, spread: 2000,
                    governorate: governorate.id)
                add(5, at: residency, prefix: "RES-\(code)", type: "inspection-team", capabilities: ["inspection"])
            }
        }
        // Along the coast: marinas and coastal posts; inland: border posts.
        for (i, lat) in [29.36, 29.26, 29.16].enumerated() {
            let shore = Coordinate(lat: lat, lon: coastLongitude(atLatitude: lat) - 0.004)
            let marina = station(
                "SEA-M\(i + 1)", "Marina \(i + 1) Rescue Base", "قاعدة إنقاذ المرسى \(i + 1)",
                sector: "maritime-rescue", near: shore, spread: 300, governorate: nil)
            add(5, at: marina, prefix: "SEA-M\(i + 1)", type: "rescue-boat", capabilities: ["rescue-boat"])
        }
        for (i, lat) in [29.40, 29.30, 29.20, 29.12].enumerated() {
            let coastal = i % 2 == 0
            let near =
                coastal
                ? Coordinate(lat: lat, lon: coastLongitude(atLatitude: lat) - 0.004)
                : Coordinate(lat: lat, lon: 47.68)
            let post = station(
                "BRD-\(i + 1)", coastal ? "Coastal Post \(i + 1)" : "Border Post \(i + 1)",
                coastal ? "مركز خفر السواحل \(i + 1)" : "مركز حدودي \(i + 1)",
                sector: "border-coastal", near: near, spread: 300, governorate: nil)
            if coastal {
                add(
                    5, at: post, prefix: "BRD-\(i + 1)-B", type: "coastal-patrol-boat",
                    capabilities: ["coastal-patrol", "patrol", "rescue-boat"])
                add(
                    3, at: post, prefix: "BRD-\(i + 1)-C", type: "border-patrol",
                    capabilities: ["border-patrol", "patrol"])
            } else {
                add(
                    8, at: post, prefix: "BRD-\(i + 1)", type: "border-patrol",
                    capabilities: ["border-patrol", "patrol"])
            }
        }
        let ops = station(
            "OPS-HQ", "Joint Operations Centre", "مركز العمليات المشترك", sector: "operations",
            near: governorates[0].center, spread: 500, governorate: "asima")
        add(6, at: ops, prefix: "OPS-CMD", type: "command-vehicle", capabilities: ["command"])
        add(
            6, at: ops, prefix: "OPS-DRN", type: "drone-team", capabilities: ["drone"],
            drone: { i in
                DroneProfile(
                    model: "Wingtra-class VTOL", enduranceMinutes: 55, cruiseSpeed: 16, rangeKm: 40,
                    sensors: ["eo", "thermal", "loudspeaker"], mavlinkSystemId: i)
            })
        let sis = station(
            "SIS-HQ", "Security Information Systems", "نظم المعلومات الأمنية", sector: "security-information",
            near: governorates[0].center, spread: 800, governorate: "asima")
        add(4, at: sis, prefix: "SIS", type: "cyber-team", capabilities: ["cyber"])

        return Jurisdiction(
            name: LocalizedName(en: "Madinat Al-Khaleej (demo)", ar: "مدينة الخليج (تجريبية)"),
            timeZone: "Asia/Kuwait", center: center, governorates: governorates, sectors: DemoCatalog.sectors,
            stations: stations, units: units, incidentTypes: DemoCatalog.incidentTypes,
            oversightSectors: ["operations"],
            speedFactors: [
                "patrol-car": 1.25, "traffic-car": 1.25, "cid-car": 1.15, "fire-engine": 1.1,
                "ladder-truck": 1.0, "rescue-truck": 1.1, "hazmat-unit": 1.0, "border-patrol": 1.2,
                "command-vehicle": 1.15,
            ],
            // Alerts from the first day: the demo has no year of history to test repeats against.
            earlyWarning: EarlyWarningSettings(
                incidentTypes: DemoCatalog.repeatingCrimes.keys.sorted(), alertSectors: ["criminal-security"],
                nearRepeatNeedsHistory: false),
            publicAlerts: PublicAlertSettings(
                sender: "alerts@khaleej.demo.mirsad.example",
                senderName: LocalizedName(en: "Ministry of Interior (demo)", ar: "وزارة الداخلية (تجريبية)"),
                identifierPrefix: "KHJ-MOI"),
            playbooks: DemoPlaybooks.all, shelters: DemoShelters.make(seed: seed, governorates: governorates),
            shoreline: DemoGeography.shoreline, cameras: DemoSurveillance.cameras, sensors: DemoSurveillance.sensors)
    }

    /// A point roughly `metres` (one standard deviation) away from `point`.
    static func jitter(_ point: Coordinate, metres: Double, _ random: inout SeededRandom) -> Coordinate {
        let dLat = random.gaussian() * metres / 111_320
        let dLon = random.gaussian() * metres / (111_320 * cos(point.lat * .pi / 180))
        return Coordinate(lat: point.lat + dLat, lon: point.lon + dLon)
    }
}
