import Foundation
import MirsadDomain
import Testing

@Suite("Typed account changes")
struct UserChangeTests {
    @Test("which changes end an account's sessions")
    func endsSessions() {
        let ending = UserChange.allCases.filter(\.endsSessions)
        #expect(
            Set(ending) == [
                .roleChanged, .sectorChanged, .disabled, .passwordReset, .passwordChanged, .secondFactorReset,
            ])
        #expect(UserChanged(username: "a", changes: [.enabled, .sectorChanged], role: nil, sector: nil).endsSessions)
        #expect(!UserChanged(username: "a", changes: [.unlocked], role: nil, sector: nil).endsSessions)
    }

    @Test("a new entry round-trips; an entry from before the typed change is read by its words")
    func decoding() throws {
        let change = UserChanged(
            username: "a", changes: [.roleChanged, .disabled], role: "supervisor", sector: "traffic")
        #expect(change.change == "role changed, disabled")
        let again = try JSONDecoder().decode(UserChanged.self, from: try JSONEncoder().encode(change))
        #expect(again == change)
        let legacy = #"{"username":"a","change":"role dispatcher, sector traffic, disabled","role":"dispatcher"}"#
        let old = try JSONDecoder().decode(UserChanged.self, from: Data(legacy.utf8))
        #expect(old.changes == [.roleChanged, .sectorChanged, .disabled])
        #expect(old.endsSessions)
        let demo = try JSONDecoder().decode(
            UserChanged.self, from: Data(#"{"username":"a","change":"created (demo)"}"#.utf8))
        #expect(demo.changes == [.created] && !demo.endsSessions)
    }
}
