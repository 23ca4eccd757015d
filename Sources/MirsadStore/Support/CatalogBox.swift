import MirsadDomain
import Synchronization

/// The jurisdiction currently loaded, shared by the writer and the readers.
final class CatalogBox: Sendable {
    private let value = Mutex<JurisdictionIndex?>(nil)

    var current: JurisdictionIndex? { value.withLock { $0 } }

    func set(_ index: JurisdictionIndex) { value.withLock { $0 = index } }
}

extension JurisdictionIndex {
    /// Stands in until a jurisdiction is loaded; commands refuse to run against it.
    static let none = JurisdictionIndex(
        Jurisdiction(
            name: LocalizedName(en: "", ar: ""), timeZone: "UTC", center: Coordinate(lat: 0, lon: 0),
            sectors: [], stations: [], units: [], incidentTypes: []))

    var isLoaded: Bool { !jurisdiction.sectors.isEmpty }
}
