import AsyncHTTPClient
import Foundation
import Logging
import MirsadAlerts
import MirsadDomain
import MirsadStore
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Polls other agencies' CAP feeds (`mirsad serve --cap-feed URL`, repeatable): a CAP alert, an
/// Atom or RSS feed (inline alerts or links to them) or an EDXL-DE envelope. Each new warning
/// that concerns the jurisdiction is recorded once (the store de-duplicates by
/// `sender,identifier`, across instances too) as an `alerts.received` event, a situation on the
/// live feed; an Update or a Cancel ends the warnings it references.
public actor CAPFeedPoller: Service {
    public struct Report: Sendable, Equatable {
        public var recorded = 0
        /// Already recorded (by this or another instance).
        public var known = 0
        /// Valid, but for an area outside the jurisdiction.
        public var outside = 0
        /// Documents that could not be fetched or read, or alerts that are not valid CAP.
        public var failed = 0

        public init(recorded: Int = 0, known: Int = 0, outside: Int = 0, failed: Int = 0) {
            self.recorded = recorded
            self.known = known
            self.outside = outside
            self.failed = failed
        }
    }

    /// The largest document read from a feed.
    static let maximumBytes = 4 * 1024 * 1024

    private let urls: [String]
    private let interval: Duration
    private let store: EventStore
    private let clock: any TimeSource
    private let logger: Logger
    private let client: HTTPClient
    /// Warnings known to be recorded, so a steady feed costs no writes.
    private var known: Set<String> = []
    /// Linked documents already read (an alert's document never changes; an update is a new one).
    private var fetched: Set<String> = []

    public init(
        urls: [String], interval: Duration = .seconds(60), store: EventStore,
        clock: any TimeSource = SystemTimeSource(),
        client: HTTPClient = .shared, logger: Logger
    ) {
        self.urls = urls
        self.interval = interval
        self.store = store
        self.clock = clock
        self.client = client
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let report = await self.pollOnce()
                if report.recorded > 0 || report.failed > 0 {
                    self.logger.info(
                        "CAP feeds: \(report.recorded) new, \(report.known) known, \(report.outside) outside, \(report.failed) failed"
                    )
                }
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Reads every feed once.
    @discardableResult
    public func pollOnce() async -> Report {
        var report = Report()
        for url in urls { await poll(url, &report) }
        return report
    }

    private func poll(_ url: String, _ report: inout Report) async {
        guard let body = await fetch(url) else {
            report.failed += 1
            return
        }
        let file = CAPReader.readFile(body)
        if file.readings.isEmpty && file.links.isEmpty && !file.issues.isEmpty {
            logger.warning("CAP feed \(url): \(file.issues.first!)")
            report.failed += 1
            return
        }
        var alerts = file.readings.filter(\.isValid).compactMap(\.alert)
        report.failed += file.readings.count - alerts.count
        for link in file.links where !fetched.contains(link) {
            guard let document = await fetch(link) else {
                report.failed += 1
                continue
            }
            let reading = CAPReader.read(document)
            if reading.isValid, let alert = reading.alert { alerts.append(alert) } else { report.failed += 1 }
            fetched.insert(link)
        }
        // Oldest first, so an update meets the alert it replaces already recorded.
        for alert in alerts.sorted(by: { $0.sent < $1.sent }) { await record(alert, from: url, &report) }
    }

    private func record(_ alert: CAPAlert, from url: String, _ report: inout Report) async {
        let key = "\(alert.sender),\(alert.identifier)"
        guard !known.contains(key) else {
            report.known += 1
            return
        }
        guard let catalog = store.catalog else { return }
        let (warning, concerns) = ExternalWarningMapper.warning(
            from: alert, source: url, catalog: catalog, now: clock.now())
        // An update or a cancellation of a warning we hold concerns us whatever its area says.
        let continuesKnown = warning.replaces.contains { known.contains($0) }
        guard concerns || continuesKnown else {
            report.outside += 1
            known.insert(key)
            return
        }
        do {
            _ = try await store.record(warning, actor: .system)
            report.recorded += 1
            known.insert(key)
        } catch DomainError.conflict {
            report.known += 1
            known.insert(key)
        } catch {
            logger.warning("CAP feed \(url): could not record \(key): \(error)")
            report.failed += 1
        }
    }

    private func fetch(_ url: String) async -> Data? {
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(15))
            guard response.status == .ok else {
                logger.warning("CAP feed \(url): HTTP \(response.status.code)")
                return nil
            }
            return Data(try await response.body.collect(upTo: Self.maximumBytes).readableBytesView)
        } catch {
            logger.warning("CAP feed \(url): \(error)")
            return nil
        }
    }
}
