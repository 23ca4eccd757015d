import Foundation
import MirsadDomain
import Testing

/// The shelter rules without a database: places by bed and by household, who may run a
/// shelter, and jurisdiction files that name a bad shelter field.
@Suite("Shelter decider")
struct ShelterDeciderTests {
    static let site = ShelterSite(
        id: "hall", name: LocalizedName(en: "Hall", ar: "قاعة"), location: Coordinate(lat: 29.37, lon: 47.98),
        sector: "fire", capacity: ShelterCapacity(beds: 3, families: 2))
    static let catalog: JurisdictionIndex = {
        var jurisdiction = Fixtures.jurisdiction
        jurisdiction.shelters = [site]
        return JurisdictionIndex(jurisdiction)
    }()
    static let staff = Actor(username: "staff", role: .shelterStaff, sector: "fire")

    static func open() throws -> Shelter {
        try ShelterDecider.decide(
            .open(shelterId: "hall", operation: nil), shelter: Shelter(site: site), now: Fixtures.t0, actor: staff,
            catalog: catalog
        ).shelter
    }

    static func arrive(
        _ shelter: Shelter, household: String? = nil, present: Int = 0, by actor: Actor = staff
    ) throws(DomainError) -> EvacueeDecision {
        try ShelterDecider.decide(
            .checkIn(shelterId: shelter.id, EvacueeRegistration(household: household, ageBand: .adult)),
            evacuee: nil, departure: nil, arrival: shelter, household: (0, present), newID: UUID(), now: Fixtures.t0,
            actor: actor, catalog: catalog)
    }

    @Test("a joining household takes a bed but no new family place; a third household finds no place")
    func places() throws {
        var hall = try Self.open()
        var decision = try Self.arrive(hall)
        hall = decision.shelters[0]
        let household = decision.change.evacuee.household
        #expect(household.hasPrefix("H-") && hall.persons == 1 && hall.families == 1)
        decision = try Self.arrive(hall, household: household, present: 1)
        hall = decision.shelters[0]
        #expect(hall.persons == 2 && hall.families == 1)
        decision = try Self.arrive(hall, household: "B")
        hall = decision.shelters[0]
        #expect(hall.persons == 3 && hall.families == 2 && hall.isFull)
        #expect(throws: DomainError.conflict(reason: ShelterDecider.fullReason("hall"))) {
            try Self.arrive(hall, household: household, present: 2)
        }

        // The last of a household leaving frees its family place; the first of two does not.
        let evacuee = decision.change.evacuee
        let left = try ShelterDecider.decide(
            .checkOut(evacuee: evacuee.id, reason: "home"), evacuee: evacuee, departure: hall, arrival: nil,
            household: (1, 0), newID: UUID(), now: Fixtures.t0, actor: Self.staff, catalog: Self.catalog)
        #expect(left.shelters[0].persons == 2 && left.shelters[0].families == 1)
        #expect(left.change.evacuee.status == .left && left.change.evacuee.stays[0].to == Fixtures.t0)
        #expect(throws: DomainError.conflict(reason: "the evacuee has left already")) {
            try ShelterDecider.decide(
                .checkOut(evacuee: evacuee.id, reason: nil), evacuee: left.change.evacuee, departure: hall,
                arrival: nil, household: (0, 0), newID: UUID(), now: Fixtures.t0, actor: Self.staff,
                catalog: Self.catalog)
        }
    }

    @Test(
        "only the sector that runs a shelter, or oversight, opens it and checks people in; others do not see evacuees")
    func sectors() throws {
        let traffic = Actor(username: "t", role: .supervisor, sector: "traffic")
        #expect(throws: DomainError.forbidden(reason: "this shelter is run by fire")) {
            try ShelterDecider.decide(
                .open(shelterId: "hall", operation: nil), shelter: Shelter(site: Self.site), now: Fixtures.t0,
                actor: traffic, catalog: Self.catalog)
        }
        let ops = Actor(username: "o", role: .supervisor, sector: "operations")
        let hall = try Self.open()
        #expect(try Self.arrive(hall, by: ops).shelters[0].persons == 1, "oversight runs every shelter")
        let evacuee = try Self.arrive(hall).change.evacuee
        let policy = AccessPolicy(catalog: Self.catalog)
        let analyst = Actor(username: "a", role: .analyst, sector: "criminal")
        #expect(!policy.canSee(evacuee, analyst) && !policy.canSee(evacuee, traffic) && policy.canSee(evacuee, ops))
        #expect(!policy.isEntitledToPersonal(evacuee, ops), "oversight sees the record, not the person")
        #expect(policy.isEntitledToPersonal(evacuee, Self.staff))
        #expect(throws: DomainError.notFound(kind: "evacuee", id: evacuee.id.uuidString)) {
            try ShelterDecider.decide(
                .checkOut(evacuee: evacuee.id, reason: nil), evacuee: evacuee, departure: hall, arrival: nil,
                household: (1, 0), newID: UUID(), now: Fixtures.t0, actor: traffic, catalog: Self.catalog)
        }
    }

    @Test("a jurisdiction file naming a bad shelter field is refused with its path")
    func fileErrors() {
        var jurisdiction = Fixtures.jurisdiction
        var site = Self.site
        site.sector = "nowhere"
        jurisdiction.shelters = [Self.site, site]
        #expect(throws: DomainError.invalidField(field: "shelters[1].id", reason: "duplicate 'hall'")) {
            try jurisdiction.validate()
        }
        site.id = "other"
        jurisdiction.shelters = [Self.site, site]
        #expect(throws: DomainError.invalidField(field: "shelters[1].sector", reason: "unknown sector 'nowhere'")) {
            try jurisdiction.validate()
        }
        site.sector = "fire"
        site.capacity = ShelterCapacity(beds: 2, families: 3)
        jurisdiction.shelters = [site]
        #expect(
            throws: DomainError.invalidField(
                field: "shelters[0].capacity.families", reason: "must be between 1 and the beds")
        ) { try jurisdiction.validate() }
    }
}
