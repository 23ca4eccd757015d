import Foundation
import MirsadAudit

/// Inputs and helpers for `AuditBenchmark`.
enum AuditBenchData {
    /// A canonical-looking audit entry of about `bytes` bytes carrying its sequence number.
    static func entry(sequence: UInt64, bytes: Int) -> Data {
        let actions = ["read", "create", "assign", "share", "login", "deny"]
        var text =
            "{\"seq\":\(sequence),\"time\":\"2026-11-20T09:30:\(String(format: "%02d", sequence % 60))Z\","
            + "\"actor\":\"user-\(sequence % 997)\",\"sector\":\"sector-\(sequence % 13)\","
            + "\"action\":\"\(actions[Int(sequence % 6)])\",\"object\":\"incident/2026-\(sequence)\","
            + "\"outcome\":\"ok\",\"pad\":\""
        let padding = max(0, bytes - text.utf8.count - 2)
        text += String(repeating: "x", count: padding) + "\"}"
        return Data(text.utf8)
    }

    static func rate(_ count: Int, _ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        guard seconds > 0 else { return "∞" }
        return String(format: "%.0f", Double(count) / seconds)
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 1e-3 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.1f µs", seconds * 1e6)
    }

    /// Rows served as an `AsyncSequence`, as a database cursor would be.
    struct Rows: AsyncSequence, Sendable {
        typealias Element = AuditRecord
        let records: [AuditRecord]
        init(_ records: [AuditRecord]) { self.records = records }

        struct AsyncIterator: AsyncIteratorProtocol {
            var inner: IndexingIterator<[AuditRecord]>
            mutating func next() async -> AuditRecord? { inner.next() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(inner: records.makeIterator()) }
    }

    /// Counts the stored hashes a proof reads.
    actor CountingSource: MerkleHashSource {
        let base: InMemoryMerkleLog
        nonisolated let storedSubtreeLevels: MerkleSubtreeLevels
        private(set) var hashesRead = 0

        init(_ base: InMemoryMerkleLog) {
            self.base = base
            storedSubtreeLevels = base.storedSubtreeLevels
        }

        func reset() { hashesRead = 0 }

        func leafHashes(in range: Range<UInt64>) async throws -> [MerkleHash] {
            let hashes = try await base.leafHashes(in: range)
            hashesRead += hashes.count
            return hashes
        }

        func subtreeHashes(level: Int, in range: Range<UInt64>) async throws -> [MerkleHash] {
            let hashes = try await base.subtreeHashes(level: level, in: range)
            hashesRead += hashes.count
            return hashes
        }
    }
}
