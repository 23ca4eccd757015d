import Foundation
import Logging
import Metrics
import MirsadDomain
import MirsadStore
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Receives drone telemetry as MAVLink 2 (or 1) over UDP, the way autopilots and ground
/// stations send it: HEARTBEAT, SYS_STATUS and GLOBAL_POSITION_INT from each drone whose
/// `mavlinkSystemId` the jurisdiction lists. Reports are gathered for `flushInterval` and
/// stored in one write, so fifty drones at 10 Hz cost twenty writes a second, not five hundred.
/// Frames are checked (CRC with the message's CRC_EXTRA); anything else is counted and dropped.
/// Bind it to a link the operator controls (a VPN or the ground-station network): MAVLink
/// signing is not checked here.
public struct MAVLinkListener: Service {
    let store: EventStore
    let host: String
    let port: Int
    let flushInterval: Duration
    let logger: Logger
    let onBound: @Sendable (Int) -> Void

    public init(
        store: EventStore, host: String, port: Int, flushInterval: Duration = .milliseconds(50), logger: Logger,
        onBound: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.store = store
        self.host = host
        self.port = port
        self.flushInterval = flushInterval
        self.logger = logger
        self.onBound = onBound
    }

    public func run() async throws {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 * 1024 * 1024)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let bound = channel.channel.localAddress?.port ?? port
        logger.info("MAVLink telemetry on udp://\(host):\(bound)")
        onBound(bound)
        let pending = PendingTelemetry()
        let received = Counter(label: "mirsad_mavlink_frames_total")
        let dropped = Counter(label: "mirsad_mavlink_dropped_total")
        try await channel.executeThenClose { inbound, _ in
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    try await cancelWhenGracefulShutdown {
                        var parser = MAVLinkParser()
                        var assembler = MAVLinkTelemetryAssembler()
                        do {
                            for try await envelope in inbound {
                                guard let catalog = store.catalog else { continue }
                                let before = (parser.rejected, parser.unknown)
                                let frames = parser.frames(in: envelope.data.readableBytesView)
                                received.increment(by: Int64(frames.count))
                                let bad = parser.rejected + parser.unknown - before.0 - before.1
                                if bad > 0 { dropped.increment(by: Int64(bad)) }
                                let now = store.clock.now()
                                let unknown = assembler.unknownSystems
                                let reports = frames.compactMap { assembler.take($0, catalog: catalog, at: now) }
                                for system in assembler.unknownSystems.subtracting(unknown).sorted() {
                                    logger.notice(
                                        "MAVLink system \(system) from \(envelope.remoteAddress) is no drone of the jurisdiction: ignored"
                                    )
                                }
                                pending.add(reports, heard: assembler.takeHeard())
                            }
                        } catch is CancellationError {
                        } catch {
                            // Telemetry stopping silently would look like every drone losing its link.
                            logger.error("MAVLink listener failed: \(error)")
                            throw error
                        }
                    }
                }
                group.addTask {
                    await cancelWhenGracefulShutdown {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: flushInterval)
                            await flush(pending)
                        }
                        await flush(pending)
                    }
                }
            }
        }
    }

    private func flush(_ pending: PendingTelemetry) async {
        let (taken, heard) = pending.take()
        if !heard.isEmpty {
            do { try await store.recordHeard(heard) } catch {
                logger.warning("MAVLink heartbeats of \(heard.count) drone(s) not stored: \(error)")
            }
        }
        // A faulty autopilot's out-of-range report must not cost the other drones their batch.
        let reports = taken.filter { (try? $0.validate(field: "report")) != nil }
        if reports.count < taken.count {
            logger.notice("MAVLink: \(taken.count - reports.count) out-of-range report(s) dropped")
        }
        var start = 0
        while start < reports.count {
            let chunk = Array(reports[start..<min(start + EventStore.maxPositionsPerBatch, reports.count)])
            start += chunk.count
            do { _ = try await store.ingestTelemetry(chunk) } catch {
                logger.warning("MAVLink telemetry of \(chunk.count) report(s) not stored: \(error)")
            }
        }
    }
}

/// Reports received and not yet stored, shared by the receiving and the storing task.
final class PendingTelemetry: Sendable {
    private let state = Mutex<(reports: [DroneTelemetry], heard: [UUID: Date])>(([], [:]))

    func add(_ more: [DroneTelemetry], heard: [UUID: Date]) {
        guard !more.isEmpty || !heard.isEmpty else { return }
        state.withLock {
            $0.reports += more
            $0.heard.merge(heard) { max($0, $1) }
        }
    }

    func take() -> (reports: [DroneTelemetry], heard: [UUID: Date]) {
        state.withLock { state in
            defer { state = ([], [:]) }
            return state
        }
    }
}
