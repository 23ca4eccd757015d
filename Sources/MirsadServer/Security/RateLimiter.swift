import Foundation
import HTTPTypes
import Hummingbird
import MirsadDomain

/// Token buckets per client address: each key may spend `burst` requests at once and earns
/// them back at `perMinute`. Kept per instance, in memory. Time comes from `clock`, so tests
/// decide when tokens come back.
public actor RateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    let perMinute: Double
    let burst: Double
    private let clock: any TimeSource
    private var buckets: [String: Bucket] = [:]
    private var lastSweep: Date

    public init(perMinute: Double, burst: Double, clock: any TimeSource = SystemTimeSource()) {
        self.perMinute = perMinute
        self.burst = burst
        self.clock = clock
        lastSweep = clock.now()
    }

    /// Takes one token for `key`; false when the bucket is empty.
    public func allow(_ key: String) -> Bool {
        let now = clock.now()
        var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
        let seconds = max(0, now.timeIntervalSince(bucket.updated))
        bucket.tokens = min(burst, bucket.tokens + seconds * perMinute / 60)
        bucket.updated = now
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[key] = bucket
        if now.timeIntervalSince(lastSweep) > 60 || buckets.count > 100_000 { sweep(now: now) }
        return allowed
    }

    /// Forgets buckets that have refilled completely: a new bucket starts full, so nothing
    /// changes for their keys, and addresses or sessions that went away cost no memory.
    private func sweep(now: Date) {
        lastSweep = now
        let refill = 60 * burst / max(perMinute, 1e-9)
        buckets = buckets.filter { $0.value.tokens < burst && now.timeIntervalSince($0.value.updated) < refill }
    }

    /// Buckets held (for tests and metrics).
    public var count: Int { buckets.count }

    /// Sweeps now rather than at the next minute (tests).
    public func sweepNow() { sweep(now: clock.now()) }
}

/// Answers 429 with a problem body once a client's bucket is empty.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = MirsadRequestContext
    let limiter: RateLimiter
    let scope: String

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard await limiter.allow(context.remoteAddress ?? "local") else {
            throw Problem(
                status: .tooManyRequests, code: "rate-limited", title: "Too many requests",
                detail: "too many \(scope) requests from this address; slow down")
        }
        return try await next(request, context)
    }
}
