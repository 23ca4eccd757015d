import Foundation
import Logging
import MirsadAnalytics
import MirsadDomain
import MirsadGeodesy
import MirsadStore

/// Raises analytic alerts as incidents arrive: a new incident of a watched type that makes a
/// near-repeat zone or joins an emerging series becomes an `analytics.alert` event for the
/// alert sectors (Criminal Security) and the incident's owning sector, with the evidence.
///
/// A reactor on the event bus that keeps its position: every incident is considered once,
/// including those committed while no instance was running. Every instance considers every
/// new incident; the store records each alert once whichever instance computes it first.
/// Near-repeat profiles (a Knox test per type over the last year) are rebuilt at start and daily.
public actor EarlyWarningMonitor: EventReactor {
    private let store: EventStore
    private let clock: any TimeSource
    private let logger: Logger
    private var detector: EarlyWarningDetector?
    private var settings: EarlyWarningSettings?
    private var profilesBuiltAt: Date?

    /// How far back profiles look, and how often they are rebuilt.
    static let profileHistory: TimeInterval = 365 * 86_400
    static let profileRefresh: TimeInterval = 86_400

    public init(store: EventStore, clock: any TimeSource, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    public nonisolated var name: String { "early-warning" }
    public nonisolated var keepsPosition: Bool { true }

    /// Considers each new incident of a watched type (and each one re-typed to one).
    public func react(to event: EventEnvelope) async throws {
        guard let watched = store.catalog?.jurisdiction.earlyWarning?.incidentTypes else { return }
        switch event.payload {
        case .incidentCreated(let created) where watched.contains(created.incident.type):
            try await retryingWhileUnavailable { try await self.consider(IncidentPoint(created.incident)) }
        case .incidentTypeChanged(let changed) where watched.contains(changed.to):
            try await retryingWhileUnavailable { try await self.consider(changed.incidentId) }
        default:
            break
        }
    }

    /// A database that is briefly away must not cost an alert: retry a few times.
    private func retryingWhileUnavailable(_ work: () async throws -> Void) async throws {
        for attempt in 1...5 {
            do {
                return try await work()
            } catch {
                guard attempt < 5, case .unavailable = StoreError.classify(error) else { throw error }
                try await Task.sleep(for: .seconds(attempt))
            }
        }
    }

    /// Forgets the profiles (a new jurisdiction may watch other types).
    func reset() {
        detector = nil
        profilesBuiltAt = nil
    }

    /// Looks at one stored incident (read back) and records the alerts it raises.
    public func consider(_ id: UUID) async throws {
        guard let incident = try await store.incident(id) else { return }
        try await consider(IncidentPoint(incident))
    }

    /// Looks at one incident and records the alerts it raises.
    func consider(_ incident: IncidentPoint) async throws {
        guard let settings = store.catalog?.jurisdiction.earlyWarning, settings.incidentTypes.contains(incident.type)
        else {
            return
        }
        let detector = try await currentDetector(settings)
        let lookback = max(detector.nearRepeat.windowDays, detector.series.lookbackDays) * 86_400
        // Neighbours only (five series radii, 2 km by default): a series is judged on the
        // incidents around the new one, and a chain reaching further is cut at that distance.
        let reach = max(detector.nearRepeat.radiusMetres, detector.series.spatialRadius * 5)
        let recent = try await store.incidentPoints(
            IncidentPointQuery(
                types: [incident.type], from: incident.createdAt.addingTimeInterval(-lookback),
                to: incident.createdAt.addingTimeInterval(0.001), near: (incident.location, reach), limit: 100_000))
        let observation = Self.observation(incident)
        let alerts = detector.alerts(for: observation, recent: recent.map(Self.observation))
        for alert in alerts {
            let key =
                switch alert.kind {
                case .nearRepeat: "alert:near-repeat:\(incident.type):\(alert.incidentId)"
                case .emergingSeries:
                    "alert:series:\(incident.type):\(alert.seriesKey ?? alert.id):\(alert.level.rawValue)"
                }
            let raised = AnalyticAlertRaised(
                incidentId: incident.id, kind: alert.kind.rawValue,
                summary: LocalizedName(en: alert.summary.english, ar: alert.summary.arabic),
                evidence: try Self.evidence(alert))
            do {
                // The key is decided in the write transaction: whichever instance gets there
                // first raises the alert, the others are refused.
                _ = try await store.execute(
                    .raiseAnalyticAlert(raised, key: key, audience: settings.alertSectors), actor: .system)
                logger.info("analytic alert: \(alert.summary.english)")
            } catch DomainError.conflict {
                continue
            } catch let error as DomainError {
                logger.warning("analytic alert \(key) refused: \(error.message)")
            }
        }
    }

    /// The detector with profiles no older than a day.
    private func currentDetector(_ settings: EarlyWarningSettings) async throws -> EarlyWarningDetector {
        let now = clock.now()
        if let detector, self.settings == settings, let built = profilesBuiltAt,
            now.timeIntervalSince(built) < Self.profileRefresh
        {
            return detector
        }
        let history = try await store.incidentPoints(
            IncidentPointQuery(
                types: settings.incidentTypes, from: now.addingTimeInterval(-Self.profileHistory), to: now,
                limit: 500_000)
        ).map(Self.observation)
        // A year of incidents makes the Knox tests a few seconds of CPU. The monitor runs on
        // its own reactor task, so only early warning waits for them.
        let profiles = try EarlyWarningDetector.buildProfiles(history: history, now: now)
        var names: [String: LocalizedText] = [:]
        for type in store.catalog?.jurisdiction.incidentTypes ?? [] where settings.incidentTypes.contains(type.code) {
            names[type.code] = LocalizedText(english: type.name.en.lowercased(), arabic: type.name.ar)
        }
        var fresh = EarlyWarningDetector(profiles: profiles, familyNames: names)
        fresh.nearRepeat.requireProfile = settings.nearRepeatNeedsHistory
        detector = fresh
        self.settings = settings
        profilesBuiltAt = now
        logger.info("early warning: near-repeat profiles for \(profiles.keys.sorted()) from \(history.count) incidents")
        return fresh
    }

    static func observation(_ point: IncidentPoint) -> IncidentObservation {
        IncidentObservation(
            id: point.id.uuidString, family: point.type,
            location: .geographic(GeoCoordinate(latitude: point.location.lat, longitude: point.location.lon)),
            time: point.createdAt, sector: point.owningSector)
    }

    static func evidence(_ alert: AnalyticAlert) throws -> JSONValue {
        try JSONValue(encoding: alert)
    }
}
