import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import MirsadDomain
import NIOWebSocket
import Synchronization

/// A live-feed client for tests and benchmarks: connects to `/v1/live`, parses every JSON
/// frame, and lets the caller wait for frames with a deadline.
public final class LiveFeedClient: Sendable {
    /// One JSON text frame, as parsed.
    public struct Frame: @unchecked Sendable {
        public let type: String
        public let object: [String: Any]
        public let receivedAt: ContinuousClock.Instant
        /// Wall-clock arrival time, taken before parsing (to compare with server timestamps).
        public let receivedWallTime: Date

        /// The event id of an `event` frame.
        public var eventID: Int64? {
            ((object["event"] as? [String: Any])?["id"] as? NSNumber)?.int64Value
        }
        public var eventType: String? { (object["event"] as? [String: Any])?["type"] as? String }
        /// The server's timestamp of an `event` frame.
        public var eventTime: Date? {
            ((object["event"] as? [String: Any])?["at"] as? String).flatMap(MirsadJSON.parseTimestamp)
        }
    }

    private struct Inbox {
        var frames: [Frame] = []
        var read = 0
        var ended = false
        var stop = false
    }

    /// Shared with the connection task (a Mutex cannot be copied into it).
    private final class Shared: Sendable {
        let inbox = Mutex(Inbox())
    }

    private let shared = Shared()
    private let task: Task<WebSocketCloseFrame?, any Error>

    /// Opens the feed. `since` replays what the client missed.
    public init(port: Int, token: String, since: Int64? = nil, host: String = "127.0.0.1", readDelay: Duration? = nil) {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        let query = since.map { "?since=\($0)" } ?? ""
        let url = "ws://\(host):\(port)/v1/live\(query)"
        let shared = self.shared
        task = Task {
            defer { shared.inbox.withLock { $0.ended = true } }
            return try await WebSocketClient.connect(
                url: url, configuration: .init(maxFrameSize: 1 << 22, additionalHeaders: headers),
                logger: Logger(label: "live-client")
            ) { inbound, outbound, _ in
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    if let readDelay { try await Task.sleep(for: readDelay) }
                    let arrived = Date()
                    let arrivedInstant = ContinuousClock.now
                    guard case .text(let text) = message,
                        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                    else { continue }
                    let frame = Frame(
                        type: object["type"] as? String ?? "", object: object, receivedAt: arrivedInstant,
                        receivedWallTime: arrived)
                    let stop = shared.inbox.withLock { inbox in
                        inbox.frames.append(frame)
                        return inbox.stop
                    }
                    if stop { break }
                }
                try? await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    /// The next frame, or nil when the connection ended or `timeout` passed.
    public func next(timeout: Duration = .seconds(10)) async -> Frame? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (frame, ended): (Frame?, Bool) = shared.inbox.withLock { inbox in
                guard inbox.read < inbox.frames.count else { return (nil, inbox.ended) }
                inbox.read += 1
                return (inbox.frames[inbox.read - 1], false)
            }
            if let frame { return frame }
            if ended || ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Every frame received so far (read or not).
    public var received: [Frame] { shared.inbox.withLock { $0.frames } }

    /// Frames until one satisfies `predicate` (included), or nil on timeout/close.
    public func collect(until predicate: (Frame) -> Bool, timeout: Duration = .seconds(10)) async -> [Frame]? {
        let deadline = ContinuousClock.now + timeout
        var collected: [Frame] = []
        while ContinuousClock.now < deadline {
            guard let frame = await next(timeout: deadline - .now) else { return nil }
            collected.append(frame)
            if predicate(frame) { return collected }
        }
        return nil
    }

    /// The close code the server ended the connection with (waits up to `timeout` for it);
    /// nil without one.
    public func closeCode(timeout: Duration = .seconds(10)) async throws -> UInt16? {
        let deadline = ContinuousClock.now + timeout
        while !shared.inbox.withLock({ $0.ended }) {
            guard ContinuousClock.now < deadline else {
                throw TestSupportError("the server did not close the live feed")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard let frame = try await task.value else { return nil }
        return UInt16(webSocketErrorCode: frame.closeCode)
    }

    public func close() {
        shared.inbox.withLock { $0.stop = true }
        task.cancel()
    }
}
