import Foundation
import MirsadGeo
import MirsadServer
import MirsadSimulation
import ServiceLifecycle
import Synchronization

/// Prepares the demo city's roads while the demo already serves (ETAs are straight-line until
/// then), puts them in service, and stays until the demo stops: a service returning early
/// would end the group.
///
/// Building is a minute of CPU on a small machine. It runs on a thread of its own, so it
/// neither holds a thread of the cooperative pool that serves requests nor keeps a stopping
/// demo waiting: on shutdown the service returns and the half-built network goes with the process.
struct RoadBuildService: Service {
    let services: AppServices
    let seed: UInt64
    /// Where the built network is kept between runs (next to an SQLite database).
    let cache: URL?
    let say: @Sendable (String) -> Void

    func run() async throws {
        let started = ContinuousClock.now
        let (seed, cache) = (seed, cache)
        guard let roads = await Self.onOwnThread({ RoutingEngine(network: DemoWorld.roads(seed: seed, cache: cache)) })
        else { return }
        try await ServerRuntime.install(roads, in: services)
        say(
            "Roads ready: \(roads.graph.nodeCount) junctions in \(Int((ContinuousClock.now - started).components.seconds)) s; ETAs are by road from now on"
        )
        try? await gracefulShutdown()
    }

    /// The result of `work` run on a new thread, or nil if the service is asked to stop first.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        let answer = OnceAnswer<T>()
        return await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    answer.wait(with: continuation)
                    Thread.detachNewThread { answer.give(work()) }
                }
            } onCancel: {
                answer.give(nil)
            }
        } onGracefulShutdown: {
            answer.give(nil)
        }
    }
}

/// One answer for one waiter, whichever comes first (the answer may come before the waiter).
private final class OnceAnswer<T: Sendable>: Sendable {
    private struct State {
        var answer: T??
        var waiter: CheckedContinuation<T?, Never>?
    }

    private let state = Mutex(State())

    func give(_ value: T?) {
        let waiter = state.withLock { state -> CheckedContinuation<T?, Never>? in
            guard state.answer == nil else { return nil }
            state.answer = .some(value)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    func wait(with continuation: CheckedContinuation<T?, Never>) {
        let ready = state.withLock { state -> T?? in
            if let answer = state.answer { return answer }
            state.waiter = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }
}
