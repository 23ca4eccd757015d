import Dispatch
import Foundation

/// Runs independent chunks of work on all cores and returns their results in chunk order.
/// Engines use it for embarrassingly parallel loops (grid rows, permutation blocks); each
/// chunk owns its output, so no shared mutable state crosses threads.
enum Parallel {
    /// Number of chunks worth creating for `items` units of work.
    static func chunkCount(for items: Int, minimumPerChunk: Int = 1) -> Int {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return max(1, min(cores * 4, items / max(1, minimumPerChunk)))
    }

    /// Splits `0..<count` into `chunks` contiguous ranges.
    static func ranges(count: Int, chunks: Int) -> [Range<Int>] {
        let chunks = max(1, min(chunks, max(count, 1)))
        return (0..<chunks).map { chunk in
            (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
        }
    }

    /// Calls `body` for every chunk index concurrently and collects the results.
    static func map<T: Sendable>(chunks: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let box = ResultBox<T>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            box.set(index, body(index))
        }
        return box.values()
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: T) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        func values() -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return storage.compactMap { $0 }
        }
    }
}
