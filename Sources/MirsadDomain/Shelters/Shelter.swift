import Foundation

/// A shelter as it stands: its site, whether it is open, how many people and households it
/// holds and what it has and lacks. Everyone on the common picture sees it; who is inside is
/// in `Evacuee`, for the shelter's own sector.
public struct Shelter: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Hashable, Sendable { case open, closed }

    public var site: ShelterSite
    public var status: Status
    /// People checked in now.
    public var persons: Int
    /// Households with someone checked in now.
    public var families: Int
    public var supplies: [ShelterSupply]
    public var openedAt: Date?
    public var openedBy: String?
    /// The emergency operation whose plan opened it, if a plan did.
    public var openedFor: UUID?
    public var closedAt: Date?
    public var closedBy: String?
    public var suppliesUpdatedAt: Date?
    public var version: Int

    public var id: String { site.id }

    /// A shelter as listed, before anything happened to it: closed and empty.
    public init(site: ShelterSite) {
        self.site = site
        self.status = .closed
        self.persons = 0
        self.families = 0
        self.supplies = []
        self.version = 0
    }

    public var freeBeds: Int { max(0, site.capacity.beds - persons) }
    public var freeFamilies: Int { max(0, site.capacity.families - families) }
    public var isFull: Bool { freeBeds == 0 || freeFamilies == 0 }

    /// Whether it is open and can take `persons` more people, arriving as `households` new households.
    public func canTake(persons: Int, households: Int) -> Bool {
        status == .open && freeBeds >= persons && freeFamilies >= households
    }
}

/// One line of a shelter's stock: what it has and what it still needs.
public struct ShelterSupply: Codable, Hashable, Sendable {
    /// What it is ("water-litres", "blankets", "baby-formula").
    public var item: String
    public var onHand: Int
    /// How many more are needed (0 when covered).
    public var needed: Int
    public init(item: String, onHand: Int, needed: Int) {
        self.item = item
        self.onHand = onHand
        self.needed = needed
    }
}

/// A shelter was registered, opened or closed, its supplies or its occupancy changed. Carries
/// the shelter after the change, so the read model rebuilds from the log alone. For everyone
/// on the common picture (no personal data).
public struct ShelterChanged: Codable, Hashable, Sendable {
    public enum Change: String, Codable, Hashable, Sendable, CaseIterable {
        case registered, opened, closed, suppliesUpdated, occupancyChanged

        /// The event type in the log and on the live feed (`shelters.opened`).
        public var eventType: String { "shelters.\(rawValue)" }
        public static var eventTypes: [String] { allCases.map(\.eventType) }
    }

    public var change: Change
    public var shelter: Shelter

    public init(change: Change, shelter: Shelter) {
        self.change = change
        self.shelter = shelter
    }
}
