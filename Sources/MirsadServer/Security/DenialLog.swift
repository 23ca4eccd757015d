import Foundation
import MirsadDomain
import MirsadStore

/// Writes refusals to the audit trail without letting a prober flood it: the first refusal of
/// an actor on an object in a minute is written at once; the rest of that minute are counted
/// and written as one entry with `count` once the minute is over (at the next refusal or
/// sweep), so every denial stays countable while a scan costs one entry per object a minute.
public actor DenialLog {
    private struct Key: Hashable {
        var actor: String
        var object: String
        var minute: Int64
    }
    private struct Pending {
        var count: Int
        var principal: Actor
        var subject: String
        var incidentId: UUID?
        var detail: String
    }

    private let store: EventStore
    private let clock: any TimeSource
    private var pending: [Key: Pending] = [:]
    private var written: Set<Key> = []

    init(store: EventStore, clock: any TimeSource) {
        self.store = store
        self.clock = clock
    }

    /// Records one refusal of `actor` on `object` (an incident id, a route).
    func record(actor: Actor, object: String, incidentId: UUID?, detail: String) async throws {
        let minute = Int64(clock.now().timeIntervalSince1970 / 60)
        try await flush(before: minute)
        let key = Key(actor: actor.username, object: object, minute: minute)
        if written.contains(key) {
            pending[
                key,
                default: Pending(
                    count: 0, principal: actor, subject: actor.username, incidentId: incidentId,
                    detail: detail)
            ].count += 1
            return
        }
        written.insert(key)
        // Fail closed: if the refusal cannot be recorded, the caller gets an error, not the answer.
        _ = try await store.audit([(entry(actor.username, incidentId, detail, count: nil), sectors: [])], actor: actor)
    }

    /// Writes the counts of minutes that are over.
    func flush(before minute: Int64) async throws {
        let due = pending.filter { $0.key.minute < minute }
        written = written.filter { $0.minute >= minute }
        guard !due.isEmpty else { return }
        for key in due.keys { pending[key] = nil }
        for (key, value) in due {
            _ = try await store.audit(
                [
                    (
                        entry(
                            value.subject, value.incidentId,
                            "\(value.detail) (\(value.count) more in minute \(key.minute))",
                            count: value.count), sectors: []
                    )
                ], actor: value.principal)
        }
    }

    /// Refusals counted but not written yet (tests, shutdown).
    public func flushAll() async throws {
        try await flush(before: .max)
    }

    private func entry(_ subject: String, _ incidentId: UUID?, _ detail: String, count: Int?) -> EventPayload {
        .securityEvent(
            SecurityEvent(
                action: .accessDenied, outcome: "denied", subject: subject, incidentId: incidentId, detail: detail,
                count: count))
    }
}
