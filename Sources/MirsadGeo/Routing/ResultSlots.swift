import Foundation

/// Write-once result slots filled from `DispatchQueue.concurrentPerform`. Each index is written
/// by exactly one iteration and read only after all iterations returned; the lock makes the
/// hand-over explicit for the compiler and for readers.
public final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    public init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    public func set(_ index: Int, _ value: T) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    public func values() -> [T?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
