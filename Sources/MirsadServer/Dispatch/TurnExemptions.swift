import MirsadDomain
import MirsadGeo

extension Jurisdiction {
    /// The turn restrictions units of `type` may ignore (none unless the jurisdiction says so).
    func turnExemption(for type: String) -> TurnRestrictionExemption {
        guard let names = turnRestrictionExemptions[type] else { return .none }
        // The jurisdiction was validated on loading, so every name is known here.
        return (try? TurnRestrictionExemption(names: names)) ?? .none
    }

    /// Every exemption some unit type has, each once.
    var turnExemptions: [TurnRestrictionExemption] {
        Array(Set(turnRestrictionExemptions.keys.map(turnExemption(for:))))
    }
}
