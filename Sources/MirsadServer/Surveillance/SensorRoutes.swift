import Foundation
import Hummingbird
import Logging
import MirsadDomain
import MirsadStore

struct SensorReadingsBody: StrictBody {
    struct Reading: Decodable, Sendable {
        var sensorId: String
        var value: Double
        var at: Date?
    }
    var readings: [Reading]
    static let shape = JSONShape.documented("post", "/v1/sensors/readings")
}

/// A sensor on the common picture with its latest reading.
struct SensorView: Encodable, Sendable {
    var sensor: Sensor
    var state: SensorState?
    /// Seconds since the latest reading was measured.
    var readingAgeSeconds: Double?
}

struct SensorList: Encodable, Sendable { var sensors: [SensorView] }

/// `/v1/sensors`: flood gauges, fire alarm panels and other sensors with their latest reading
/// and alarm state, for everyone on the common picture; readings come in from the sensor's own
/// sector (a gauge gateway's account) or oversight. Crossing a threshold is an event on the
/// live feed and can start an emergency plan.
struct SensorRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("sensors", use: list)
        group.get("sensors/:id", use: show)
        group.post("sensors/readings", use: readings)
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        let catalog = try services.catalog()
        let states = try await services.store.sensorStates()
        let now = services.clock.now()
        return try JSONReply(
            SensorList(sensors: catalog.jurisdiction.sensors.map { view($0, states[$0.id], now: now) }))
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        try context.requirePrincipal().actor.require(.readOperations)
        let id = try context.parameters.require("id")
        guard let sensor = try services.catalog().sensors[id] else {
            throw Problem.from(DomainError.notFound(kind: "sensor", id: id))
        }
        let states = try await services.store.sensorStates()
        return try JSONReply(view(sensor, states[id], now: services.clock.now()))
    }

    @Sendable func readings(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        try actor.require(.reportReadings)
        let body = try StrictJSON.decode(
            SensorReadingsBody.self, from: try await StrictJSON.body(of: request, limit: services.limits.positionsBody))
        let now = services.clock.now()
        let readings = body.readings.map { SensorReading(sensorId: $0.sensorId, value: $0.value, at: $0.at ?? now) }
        let result = try await services.store.ingest(readings, actor: actor)
        for change in result.changes { services.logger.notice("\(change.change.eventType): \(change.summary)") }
        return try JSONReply(result, status: .accepted)
    }

    private func view(_ sensor: Sensor, _ state: SensorState?, now: Date) -> SensorView {
        SensorView(sensor: sensor, state: state, readingAgeSeconds: state.map { max(0, now.timeIntervalSince($0.at)) })
    }
}
