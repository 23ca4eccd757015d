import Foundation
import MirsadAlerts
import MirsadDomain

/// Evacuees as PFIF 1.4 (People Finder Interchange Format), the format family reunification
/// services such as Person Finder import: one `person` per evacuee with a nested `note`
/// saying where they are (or that they left, and when). Only evacuees whose name is known are
/// exported; records carry no national id or phone.
public struct PFIFDocument: Sendable {
    static let namespace = "http://zesty.ca/pfif/1.4"

    /// The record-id domain (PFIF ids read `domain/local-id`).
    let domain: String
    /// Who publishes the records (the jurisdiction).
    let source: String
    let exportedAt: Date
    let evacuees: [Evacuee]
    let shelters: [String: Shelter]

    /// The export of `evacuees` by the jurisdiction of `catalog`: record ids under the domain of
    /// its public-alert sender, its name as author and source.
    public init(catalog: JurisdictionIndex, exportedAt: Date, evacuees: [Evacuee], shelters: [Shelter]) {
        domain = Self.domain(of: catalog.publicAlerts.sender)
        source = catalog.jurisdiction.name.en
        self.exportedAt = exportedAt
        self.evacuees = evacuees
        self.shelters = Dictionary(shelters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The domain part of the public-alert sender address (`alerts@moi.example` → `moi.example`).
    static func domain(of sender: String) -> String {
        let host = sender.split(separator: "@").last.map(String.init) ?? sender
        let cleaned = host.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        return cleaned.isEmpty ? "mirsad.invalid" : cleaned
    }

    public var xml: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pfif:pfif xmlns:pfif=\"\(Self.namespace)\">\n"
        for evacuee in evacuees {
            guard let personal = evacuee.personal else { continue }
            let person = "\(domain)/evacuee.\(evacuee.id.uuidString.lowercased())"
            let shelter = shelters[evacuee.shelterId]
            let place =
                shelter.map { "\($0.site.name.en) (\($0.site.location.lat), \($0.site.location.lon))" }
                ?? evacuee.shelterId
            out += "  <pfif:person>\n"
            field("person_record_id", person, into: &out, indent: 4)
            field("entry_date", Self.time(exportedAt), into: &out, indent: 4)
            field("author_name", source, into: &out, indent: 4)
            field("source_name", source, into: &out, indent: 4)
            field("source_date", Self.time(evacuee.registeredAt), into: &out, indent: 4)
            field("full_name", personal.fullName, into: &out, indent: 4)
            field("age", Self.age(evacuee.ageBand), into: &out, indent: 4)
            out += "    <pfif:note>\n"
            field(
                "note_record_id", "\(domain)/evacuee-note.\(evacuee.id.uuidString.lowercased()).\(evacuee.version)",
                into: &out, indent: 6)
            field("person_record_id", person, into: &out, indent: 6)
            field("entry_date", Self.time(exportedAt), into: &out, indent: 6)
            field("author_name", source, into: &out, indent: 6)
            field(
                "source_date", Self.time(evacuee.leftAt ?? evacuee.stays.last?.from ?? evacuee.registeredAt),
                into: &out, indent: 6)
            field("author_made_contact", "true", into: &out, indent: 6)
            field("status", "believed_alive", into: &out, indent: 6)
            field("last_known_location", place, into: &out, indent: 6)
            let text =
                evacuee.status == .present
                ? "Staying at the shelter \(place) since \(Self.time(evacuee.stays.last?.from ?? evacuee.registeredAt))."
                : "Stayed at the shelter \(place); left on \(Self.time(evacuee.leftAt ?? exportedAt))."
            field("text", text, into: &out, indent: 6)
            out += "    </pfif:note>\n  </pfif:person>\n"
        }
        return out + "</pfif:pfif>\n"
    }

    private func field(_ name: String, _ value: String, into out: inout String, indent: Int) {
        out += String(repeating: " ", count: indent) + "<pfif:\(name)>\(XMLEscaping.text(value))</pfif:\(name)>\n"
    }

    /// UTC, whole seconds, `Z`, as PFIF requires.
    static func time(_ date: Date) -> String {
        Date.ISO8601FormatStyle(timeZone: .gmt).format(date)
    }

    /// PFIF ages are a number or an inclusive range.
    static func age(_ band: AgeBand) -> String {
        switch band {
        case .infant: "0-4"
        case .child: "5-17"
        case .adult: "18-59"
        case .elder: "60-120"
        }
    }
}
