import Foundation
import Logging
import MirsadDomain
import MirsadStore
import ServiceLifecycle

/// Raises the alarm when a drone on a mission goes quiet: every `interval`, an active mission
/// whose drone has sent neither a position nor a heartbeat for `timeout` (counted from the mission's start when it
/// never reported) becomes a `drones.linkLost` event for the drone's and the incident's
/// sectors; telemetry heard again afterwards becomes `drones.linkRestored`. A drone that never
/// reported gets `preflight` from the mission's start to power up first. A mission whose drone
/// was released from its incident by hand (the unit board, a status change) is ended too, so
/// the board and the mission never disagree for long. Each instance runs one; the store
/// decides each change once (a repeat is a conflict, ignored here).
public struct DroneLinkWatchdog: Service {
    let store: EventStore
    let clock: any TimeSource
    let interval: Duration
    let timeout: TimeInterval
    let preflight: TimeInterval
    let logger: Logger

    public init(
        store: EventStore, clock: any TimeSource, interval: Duration = .seconds(1), timeout: TimeInterval = 10,
        preflight: TimeInterval = 60, logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.interval = interval
        self.timeout = timeout
        self.preflight = preflight
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await checkOnce() } catch {
                    logger.warning("drone links not checked: \(error)")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Reports what changed now; returns how many links it reported lost or restored.
    @discardableResult
    public func checkOnce() async throws -> Int {
        let missions = try await store.droneMissions(activeOnly: true)
        guard !missions.isEmpty else { return 0 }
        // A heartbeat counts as much as a position: a drone without a GPS fix has not lost its link.
        let lastHeard = try await store.droneLastHeard()
        let now = clock.now()
        var reported = 0
        for mission in missions {
            let heard = lastHeard[mission.droneId]
            let drone = try await store.unit(mission.droneId)?.unit
            let silentFor = heard.map { now.timeIntervalSince(max($0, mission.startedAt)) }
            let command: DroneCommand?
            if let drone, !(drone.status.isCommitted && drone.incidentId == mission.incidentId) {
                command = .abortMission(
                    missionId: mission.id,
                    reason: "\(mission.callSign) was released from the incident (now \(drone.status.rawValue))")
            } else if mission.linkLostAt == nil,
                silentFor.map({ $0 > timeout }) ?? (now.timeIntervalSince(mission.startedAt) > max(timeout, preflight))
            {
                command = .reportLink(missionId: mission.id, lost: true, lastHeard: heard)
            } else if let lost = mission.linkLostAt, let heard, heard >= lost {
                command = .reportLink(missionId: mission.id, lost: false, lastHeard: heard)
            } else {
                command = nil
            }
            guard let command else { continue }
            do {
                let (_, change) = try await store.execute(command, actor: .system)
                reported += 1
                logger.notice("drone \(mission.callSign): \(change.change.eventType) on mission \(mission.id)")
            } catch DomainError.conflict, DomainError.illegalTransition {
                // Reported or ended by another instance meanwhile.
            }
        }
        return reported
    }
}
