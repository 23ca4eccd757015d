import Foundation
import MirsadDomain

/// The demo city's temporary shelters: a school, a sports hall and a wedding hall in each
/// governorate, run by Civil Defense. Places move with the seed; sizes and facilities do not.
enum DemoShelters {
    static let kinds: [(id: String, en: String, ar: String, beds: Int, families: Int, facilities: [ShelterFacility])] =
        [
            ("school", "School", "مدرسة", 250, 60, [.familySection, .accessible]),
            ("sports", "Sports Hall", "صالة رياضية", 400, 90, [.medical, .accessible, .familySection]),
            ("hall", "Wedding Hall", "قاعة أفراح", 150, 35, [.familySection, .pets]),
        ]

    static func make(seed: UInt64, governorates: [Governorate]) -> [ShelterSite] {
        var random = SeededRandom.derive(seed, "shelters")
        return governorates.flatMap { governorate in
            kinds.enumerated().map { index, kind in
                var location = DemoWorld.jitter(governorate.center, metres: 1500, &random)
                if DemoWorld.isAtSea(location) {
                    location.lon = DemoWorld.coastLongitude(atLatitude: location.lat) - 0.01
                }
                return ShelterSite(
                    id: "\(governorate.id)-\(kind.id)",
                    name: LocalizedName(
                        en: "\(governorate.name.en) \(kind.en)", ar: "\(kind.ar) \(governorate.name.ar)"),
                    location: location, governorate: governorate.id, sector: "civil-defense",
                    capacity: ShelterCapacity(beds: kind.beds, families: kind.families), facilities: kind.facilities,
                    contacts: [
                        ShelterContact(
                            name: "\(governorate.name.en) shelter duty officer",
                            phone:
                                "+965 2\(String(format: "%03d", 100 + index)) \(String(format: "%04d", 1000 + Int(random.next() % 9000)))",
                            role: "duty officer")
                    ])
            }
        }
    }
}
