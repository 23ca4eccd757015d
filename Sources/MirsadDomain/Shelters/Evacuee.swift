import Foundation

/// Someone staying in (or who stayed in) a shelter. The record says where, since when, the
/// household they belong to, an age band and their needs; who they are (`personal`) is a
/// restricted field of the shelter's own sector, read with a stated purpose and audited.
public struct Evacuee: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Hashable, Sendable { case present, left }

    public var id: UUID
    public var shelterId: String
    /// The sector running the shelter they are in: their record is for it and for oversight.
    public var sector: String
    /// A code the staff give a household so it stays together (not a name).
    public var household: String
    public var ageBand: AgeBand
    public var needs: [EvacueeNeed]
    public var status: Status
    public var stays: [EvacueeStay]
    public var registeredAt: Date
    public var registeredBy: String
    public var leftAt: Date?
    public var leftBy: String?
    public var leftReason: String?
    /// Restricted: only the shelter's sector, with a purpose; never on the live feed.
    public var personal: EvacueePersonal?
    public var version: Int

    public init(
        id: UUID, shelter: Shelter, registration: EvacueeRegistration, household: String, at now: Date, by: String
    ) {
        self.id = id
        self.shelterId = shelter.id
        self.sector = shelter.site.sector
        self.household = household
        self.ageBand = registration.ageBand
        self.needs = registration.needs
        self.status = .present
        self.stays = [EvacueeStay(shelterId: shelter.id, from: now)]
        self.registeredAt = now
        self.registeredBy = by
        self.personal = registration.personal
        self.version = 1
    }
}

/// Age in bands: enough to plan food, beds and care without recording a birth date.
public enum AgeBand: String, Codable, Hashable, Sendable, CaseIterable {
    case infant = "0-4", child = "5-17", adult = "18-59", elder = "60+"
}

public enum EvacueeNeed: String, Codable, Hashable, Sendable, CaseIterable {
    case medical, mobility, medication, infantCare, pregnancy, interpreter

    /// The facility a shelter needs to serve this need well, if any.
    public var facility: ShelterFacility? {
        switch self {
        case .medical, .medication, .pregnancy: .medical
        case .mobility: .accessible
        case .infantCare: .familySection
        case .interpreter: nil
        }
    }
}

/// A stay at one shelter; a transfer ends one and starts the next.
public struct EvacueeStay: Codable, Hashable, Sendable {
    public var shelterId: String
    public var from: Date
    public var to: Date?
    public init(shelterId: String, from: Date, to: Date? = nil) {
        self.shelterId = shelterId
        self.from = from
        self.to = to
    }
}

/// Who the evacuee is: the minimum for reuniting families.
public struct EvacueePersonal: Codable, Hashable, Sendable {
    public var fullName: String
    public var nationalId: String?
    public var phone: String?
    public init(fullName: String, nationalId: String? = nil, phone: String? = nil) {
        self.fullName = fullName
        self.nationalId = nationalId
        self.phone = phone
    }

    func validate(field: String) throws(DomainError) {
        try ShelterText.check(fullName, field: "\(field).fullName", max: 200)
        if let nationalId, nationalId.range(of: #"^[A-Za-z0-9-]{1,32}$"#, options: .regularExpression) == nil {
            throw .invalidField(field: "\(field).nationalId", reason: "1-32 letters, digits or '-'")
        }
        if let phone { try ShelterText.checkPhone(phone, field: "\(field).phone") }
    }
}

/// What staff enter when someone arrives.
public struct EvacueeRegistration: Codable, Hashable, Sendable {
    /// Joins the arrival to a household already here; absent for a new household.
    public var household: String?
    public var ageBand: AgeBand
    public var needs: [EvacueeNeed]
    public var personal: EvacueePersonal?

    public init(
        household: String? = nil, ageBand: AgeBand, needs: [EvacueeNeed] = [], personal: EvacueePersonal? = nil
    ) {
        self.household = household
        self.ageBand = ageBand
        self.needs = needs
        self.personal = personal
    }

    enum CodingKeys: String, CodingKey { case household, ageBand, needs, personal }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        household = try c.decodeIfPresent(String.self, forKey: .household)
        ageBand = try c.decode(AgeBand.self, forKey: .ageBand)
        needs = try c.decodeIfPresent([EvacueeNeed].self, forKey: .needs) ?? []
        personal = try c.decodeIfPresent(EvacueePersonal.self, forKey: .personal)
    }

    public func validate() throws(DomainError) {
        if let household, household.range(of: #"^[A-Za-z0-9-]{1,32}$"#, options: .regularExpression) == nil {
            throw .invalidField(field: "household", reason: "1-32 letters, digits or '-'")
        }
        guard Set(needs).count == needs.count else {
            throw .invalidField(field: "needs", reason: "lists a need twice")
        }
        try personal?.validate(field: "personal")
    }
}

/// Someone checked in (registered), checked out or moved to another shelter. Carries the
/// record after the change; goes to the shelters' sectors, and the live feed never carries
/// `personal`.
public struct EvacueeChanged: Codable, Hashable, Sendable {
    public enum Change: String, Codable, Hashable, Sendable, CaseIterable {
        case checkedIn, checkedOut, transferred

        public var eventType: String { "evacuees.\(rawValue)" }
        public static var eventTypes: [String] { allCases.map(\.eventType) }
    }

    public var change: Change
    public var evacuee: Evacuee
    /// For a transfer: the shelter they came from.
    public var fromShelter: String?

    public init(change: Change, evacuee: Evacuee, fromShelter: String? = nil) {
        self.change = change
        self.evacuee = evacuee
        self.fromShelter = fromShelter
    }

    /// The event without who the evacuee is.
    public var withoutPersonal: EvacueeChanged {
        var copy = self
        copy.evacuee.personal = nil
        return copy
    }
}
