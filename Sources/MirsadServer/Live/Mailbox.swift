import Foundation
import Synchronization

/// The bounded queue between the live hub and one WebSocket client.
///
/// The hub never waits for a client: it appends and moves on. When a client falls so far
/// behind that its queue is full, the mailbox is marked overflowed and stops accepting; the
/// client's writer then tells it to resync and closes. Memory per client is thus bounded.
final class Mailbox<Message: Sendable>: Sendable {
    private struct State {
        var queue: [Message] = []
        var head = 0
        var overflowed = false
        var closed = false
        var waiter: CheckedContinuation<Void, Never>?
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds a message; false once the mailbox has overflowed or closed.
    @discardableResult
    func post(_ message: Message) -> Bool {
        let (waiters, accepted): ([CheckedContinuation<Void, Never>], Bool) = state.withLock { state in
            guard !state.closed, !state.overflowed else { return ([], false) }
            var woken = state.waiter.map { [$0] } ?? []
            state.waiter = nil
            if state.queue.count - state.head >= capacity {
                state.overflowed = true
                woken += state.stopWaiters
                state.stopWaiters = []
                return (woken, false)
            }
            state.queue.append(message)
            return (woken, true)
        }
        for waiter in waiters { waiter.resume() }
        return accepted
    }

    /// Returns once the mailbox has overflowed or closed: the client's connection must end,
    /// even if its writer is stuck on a socket the client stopped reading.
    func stopped() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.overflowed || state.closed { return true }
                state.stopWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    var isOverflowed: Bool { state.withLock { $0.overflowed } }

    /// Everything queued, waiting until there is something (or the mailbox overflows/closes).
    /// Returns nil when the client must be dropped (overflow) or the mailbox was closed.
    func take() async -> [Message]? {
        while true {
            let step: TakeStep<Message> = state.withLock { state in
                if state.overflowed || state.closed { return .stop }
                if state.head < state.queue.count {
                    let messages = Array(state.queue[state.head...])
                    state.queue.removeAll(keepingCapacity: true)
                    state.head = 0
                    return .messages(messages)
                }
                return .wait
            }
            switch step {
            case .messages(let messages): return messages
            case .stop: return nil
            case .wait:
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { state -> Bool in
                        if state.overflowed || state.closed || state.head < state.queue.count { return true }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }

    /// Wakes the reader and makes `take` return nil.
    func close() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            let woken = (state.waiter.map { [$0] } ?? []) + state.stopWaiters
            state.waiter = nil
            state.stopWaiters = []
            return woken
        }
        for waiter in waiters { waiter.resume() }
    }
}

private enum TakeStep<Message> {
    case messages([Message])
    case stop
    case wait
}
