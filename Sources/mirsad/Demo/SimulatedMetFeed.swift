import Foundation
import Hummingbird
import Logging
import MirsadAlerts
import MirsadDomain
import MirsadGeodesy
import MirsadServer
import MirsadStore
import NIOCore
import ServiceLifecycle
import Synchronization

/// The demo's meteorological service for `mirsad demo --scenario heavy-rain`: an Atom feed on
/// a loopback port of its own that, `delay` after the start, publishes a heavy-rain CAP warning
/// for the city, and the same `CAPFeedPoller` that `serve --cap-feed` runs, following it. From
/// there the chain is the real one: the warning is recorded, the flood plan starts, its roads
/// close, its tasks reach the sectors and its public warning waits for approval. Then the water
/// rises in the Al-Asima underpass: its flood gauge reports every two seconds until it is in
/// alarm on the common picture.
struct SimulatedMetFeed: Service {
    let store: EventStore
    let clock: any TimeSource
    let delay: Duration
    let logger: Logger
    let say: @Sendable (String) -> Void

    static let sender = "met@khaleej.demo.mirsad.example"

    func run() async throws {
        let documents = Mutex<[String: String]>(["feed.atom": Self.feed(entries: [], port: 0)])
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let text = documents.withLock({ $0[String(request.uri.path.dropFirst())] }) else {
                return Response(status: .notFound)
            }
            return Response(
                status: .ok, headers: [.contentType: "application/xml"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let ports = AsyncStream<Int>.makeStream()
        var quiet = logger
        quiet.logLevel = .warning
        let feed = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) }, logger: quiet)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await feed.run() }
            var iterator = ports.stream.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            let url = "http://127.0.0.1:\(port)/feed.atom"
            documents.withLock { $0["feed.atom"] = Self.feed(entries: [], port: port) }
            let poller = CAPFeedPoller(urls: [url], interval: .seconds(2), store: store, clock: clock, logger: logger)
            group.addTask { try await poller.run() }
            say("Scenario heavy-rain: the meteorological feed is \(url); its warning comes in \(delay)")
            try await Task.sleep(for: delay)
            let identifier = "MET-\(Int(clock.now().timeIntervalSince1970))"
            documents.withLock {
                $0["\(identifier).xml"] = CAPWriter.xml(Self.warning(identifier, at: clock.now()))
                $0["feed.atom"] = Self.feed(entries: [identifier], port: port)
            }
            say("Scenario heavy-rain: the meteorological service published \(identifier) (heavy rain, severe)")
            try await Self.raiseUnderpassWater(store: store, clock: clock, say: say)
            try await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// The Al-Asima underpass gauge filling up (centimetres), as its gateway would relay it.
    static let underpassDepths: [Double] = [4, 11, 19, 27, 35, 43]

    static func raiseUnderpassWater(
        store: EventStore, clock: any TimeSource, say: @Sendable (String) -> Void
    ) async throws {
        guard store.catalog?.sensors["gauge-asima-underpass"] != nil else { return }
        for depth in underpassDepths {
            try await Task.sleep(for: .seconds(2))
            let result = try await store.ingest(
                [SensorReading(sensorId: "gauge-asima-underpass", value: depth, at: clock.now())], actor: .system)
            for change in result.changes { say("Scenario heavy-rain: \(change.change.eventType), \(change.summary)") }
        }
    }

    /// Heavy rain over the centre and west of the demo city (Al-Asima and Al-Nakheel), six hours.
    static func warning(_ identifier: String, at now: Date) -> CAPAlert {
        let kuwait = 3 * 3600
        let area = CAPArea(
            areaDesc: "Al-Asima and Al-Nakheel",
            polygon: [
                CAPPolygon(points: [
                    GeoCoordinate(latitude: 29.24, longitude: 47.86), GeoCoordinate(latitude: 29.41, longitude: 47.86),
                    GeoCoordinate(latitude: 29.41, longitude: 48.01), GeoCoordinate(latitude: 29.24, longitude: 48.01),
                ])
            ])
        return CAPAlert(
            identifier: identifier, sender: sender, sent: CAPDateTime(now, offsetSeconds: kuwait), status: .actual,
            msgType: .alert, scope: .public,
            info: [
                CAPInfo(
                    language: "en-US", category: [.met], event: "Heavy rain", urgency: .expected, severity: .severe,
                    certainty: .likely, expires: CAPDateTime(now.addingTimeInterval(6 * 3600), offsetSeconds: kuwait),
                    senderName: "Meteorological Department (demo)",
                    headline: "Heavy rain: up to 60 mm in three hours", area: [area]),
                CAPInfo(
                    language: "ar-KW", category: [.met], event: "أمطار غزيرة", urgency: .expected, severity: .severe,
                    certainty: .likely, expires: CAPDateTime(now.addingTimeInterval(6 * 3600), offsetSeconds: kuwait),
                    senderName: "إدارة الأرصاد الجوية (تجريبية)",
                    headline: "أمطار غزيرة تصل إلى ٦٠ ملم خلال ثلاث ساعات", area: [area]),
            ])
    }

    static func feed(entries: [String], port: Int) -> String {
        let links = entries.map {
            "<entry><id>urn:demo-met:\($0)</id><title>Heavy rain</title><updated>2026-01-01T00:00:00Z</updated>"
                + "<link rel=\"alternate\" type=\"application/cap+xml\" href=\"http://127.0.0.1:\(port)/\($0).xml\"/></entry>"
        }
        return #"<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">"#
            + "<id>urn:demo-met</id><title>Demo meteorological service</title><updated>2026-01-01T00:00:00Z</updated>"
            + links.joined() + "</feed>"
    }
}
