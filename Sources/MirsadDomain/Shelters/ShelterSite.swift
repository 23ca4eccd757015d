import Foundation

/// A place that can take in evacuees (a school hall, a sports centre, a marriage hall), as the
/// jurisdiction file lists it or as Civil Defense registers it through the API during an event.
public struct ShelterSite: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: LocalizedName
    public var location: Coordinate
    public var governorate: String?
    /// The sector that runs it (Civil Defense): its staff register evacuees and read their
    /// personal data; others see the shelter and its occupancy, never who is in it.
    public var sector: String
    public var capacity: ShelterCapacity
    public var facilities: [ShelterFacility]
    public var contacts: [ShelterContact]

    public init(
        id: String, name: LocalizedName, location: Coordinate, governorate: String? = nil, sector: String,
        capacity: ShelterCapacity, facilities: [ShelterFacility] = [], contacts: [ShelterContact] = []
    ) {
        self.id = id
        self.name = name
        self.location = location
        self.governorate = governorate
        self.sector = sector
        self.capacity = capacity
        self.facilities = facilities
        self.contacts = contacts
    }

    enum CodingKeys: String, CodingKey {
        case id, name, location, governorate, sector, capacity, facilities, contacts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(LocalizedName.self, forKey: .name)
        location = try c.decode(Coordinate.self, forKey: .location)
        governorate = try c.decodeIfPresent(String.self, forKey: .governorate)
        sector = try c.decode(String.self, forKey: .sector)
        capacity = try c.decode(ShelterCapacity.self, forKey: .capacity)
        facilities = try c.decodeIfPresent([ShelterFacility].self, forKey: .facilities) ?? []
        contacts = try c.decodeIfPresent([ShelterContact].self, forKey: .contacts) ?? []
    }

    /// Checks the site against the jurisdiction, naming the bad field under `prefix`
    /// (`shelters[2]` in a jurisdiction file, nothing for a request body).
    public func validate(sectors: Set<String>, governorates: Set<String>, field prefix: String) throws(DomainError) {
        func at(_ name: String) -> String { prefix.isEmpty ? name : "\(prefix).\(name)" }
        guard id.range(of: #"^[a-z0-9][a-z0-9-]{0,63}$"#, options: .regularExpression) != nil else {
            throw .invalidField(field: at("id"), reason: "1-64 characters of a-z, 0-9 and '-'")
        }
        try ShelterText.check(name.en, field: at("name.en"), max: 200)
        try ShelterText.check(name.ar, field: at("name.ar"), max: 200)
        _ = try location.validated(field: at("location"))
        guard sectors.contains(sector) else {
            throw .invalidField(field: at("sector"), reason: "unknown sector '\(sector)'")
        }
        if let governorate, !governorates.contains(governorate) {
            throw .invalidField(field: at("governorate"), reason: "unknown governorate '\(governorate)'")
        }
        guard (1...100_000).contains(capacity.beds) else {
            throw .invalidField(field: at("capacity.beds"), reason: "must be between 1 and 100000")
        }
        guard (1...capacity.beds).contains(capacity.families) else {
            throw .invalidField(field: at("capacity.families"), reason: "must be between 1 and the beds")
        }
        guard Set(facilities).count == facilities.count else {
            throw .invalidField(field: at("facilities"), reason: "lists a facility twice")
        }
        guard contacts.count <= 20 else { throw .invalidField(field: at("contacts"), reason: "at most 20") }
        for (i, contact) in contacts.enumerated() {
            try ShelterText.check(contact.name, field: at("contacts[\(i)].name"), max: 200)
            try ShelterText.checkPhone(contact.phone, field: at("contacts[\(i)].phone"))
        }
    }
}

public struct ShelterCapacity: Codable, Hashable, Sendable {
    /// People it can sleep.
    public var beds: Int
    /// Households it can keep together (family rooms or sections).
    public var families: Int
    public init(beds: Int, families: Int) {
        self.beds = beds
        self.families = families
    }
}

/// What a shelter offers, for matching evacuees' needs to a place.
public enum ShelterFacility: String, Codable, Hashable, Sendable, CaseIterable {
    /// A first-aid post or clinic on site.
    case medical
    /// Step-free access and accessible toilets.
    case accessible
    /// Separate sections for women and families.
    case familySection
    case pets
}

/// Whom to call at the shelter (its manager, the school caretaker): organisational contacts.
public struct ShelterContact: Codable, Hashable, Sendable {
    public var name: String
    public var phone: String
    public var role: String?
    public init(name: String, phone: String, role: String? = nil) {
        self.name = name
        self.phone = phone
        self.role = role
    }
}

/// Text checks shared by shelters and evacuees: bounded, printable, no markup characters.
enum ShelterText {
    static func check(_ text: String, field: String, max: Int) throws(DomainError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidField(field: field, reason: "must not be empty") }
        guard text.count <= max else { throw .invalidField(field: field, reason: "at most \(max) characters") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "<" })
        else { throw .invalidField(field: field, reason: "must not contain control characters or '<'") }
    }

    static func checkPhone(_ phone: String, field: String) throws(DomainError) {
        guard phone.range(of: #"^\+?[0-9][0-9 -]{2,31}$"#, options: .regularExpression) != nil else {
            throw .invalidField(field: field, reason: "a phone number: digits, spaces and '-', optionally after '+'")
        }
    }
}
