/// The kind of turn restriction that forbids a turn, as OSM tags it (`restriction=no_left_turn`).
///
/// Routes obey every restriction by default. A jurisdiction may let some vehicle types ignore
/// some kinds (an ambulance may turn left where cars may not), which is why the kind is kept
/// with every forbidden turn.
public enum TurnRestriction: String, Sendable, Hashable, Codable, CaseIterable {
    case noLeftTurn = "no_left_turn"
    case noRightTurn = "no_right_turn"
    case noStraightOn = "no_straight_on"
    case noUTurn = "no_u_turn"
    case noEntry = "no_entry"
    case noExit = "no_exit"
    case onlyLeftTurn = "only_left_turn"
    case onlyRightTurn = "only_right_turn"
    case onlyStraightOn = "only_straight_on"
    case onlyUTurn = "only_u_turn"
    /// Any other `no_*` or `only_*` value, and turns forbidden by a caller without a kind.
    case other

    /// The kind of an OSM `restriction` value.
    public init(osmValue: String) {
        self = TurnRestriction(rawValue: osmValue) ?? .other
    }

    /// Stable code for storage (the position in `allCases`, which only ever grows at the end).
    var code: UInt8 { UInt8(TurnRestriction.allCases.firstIndex(of: self)!) }

    init?(code: UInt8) {
        guard Int(code) < TurnRestriction.allCases.count else { return nil }
        self = TurnRestriction.allCases[Int(code)]
    }
}

/// The restriction kinds a vehicle may ignore; `.none` (the default) obeys all of them.
public struct TurnRestrictionExemption: Sendable, Hashable, Codable {
    public var kinds: Set<TurnRestriction>

    public init(_ kinds: Set<TurnRestriction>) {
        self.kinds = kinds
    }

    /// Obeys every restriction.
    public static let none = TurnRestrictionExemption([])

    /// Ignores every restriction.
    public static let all = TurnRestrictionExemption(Set(TurnRestriction.allCases))

    /// From OSM values such as `no_left_turn`, or `*` for all; nil names the first unknown value.
    public init(names: [String]) throws(UnknownTurnRestriction) {
        var kinds: Set<TurnRestriction> = []
        for name in names {
            if name == "*" {
                kinds.formUnion(TurnRestriction.allCases)
            } else if let kind = TurnRestriction(rawValue: name) {
                kinds.insert(kind)
            } else {
                throw UnknownTurnRestriction(name: name)
            }
        }
        self.init(kinds)
    }

    /// Whether a turn forbidden by `restrictions` (every kind that forbids it) is open.
    func allows(_ restrictions: some Sequence<TurnRestriction>) -> Bool {
        restrictions.allSatisfy(kinds.contains)
    }
}

/// A restriction name that is neither a known OSM value nor `*`.
public struct UnknownTurnRestriction: Error, Sendable, Hashable, CustomStringConvertible {
    public var name: String

    public var description: String {
        "unknown turn restriction '\(name)' (one of \(TurnRestriction.allCases.map(\.rawValue).joined(separator: ", ")), or *)"
    }
}

/// A turn a restriction forbids, with the restriction's kind.
public struct RestrictedTurn: Sendable, Hashable {
    public var turn: TurnPair
    public var restriction: TurnRestriction

    public init(_ turn: TurnPair, _ restriction: TurnRestriction) {
        self.turn = turn
        self.restriction = restriction
    }
}
