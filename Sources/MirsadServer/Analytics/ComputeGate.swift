import Foundation
import HTTPTypes

/// Runs CPU-heavy work (analyses) outside the request path, a few at a time, with a bounded
/// queue: beyond it callers get 429 at once instead of piling up behind each other.
actor ComputeGate {
    private let slots: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2), queueLimit: Int = 16) {
        self.slots = slots
        self.queueLimit = queueLimit
    }

    /// Runs `work` once a slot is free (429 at once when too many wait).
    func withSlot<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if running >= slots {
            guard waiting.count < queueLimit else {
                throw Problem(
                    status: .tooManyRequests, code: "busy", title: "Too many analyses running",
                    detail: "\(running) running and \(waiting.count) waiting; retry shortly")
            }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { release() }
        return try await work()
    }

    /// Hands the slot to the next waiter, or frees it.
    private func release() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}
