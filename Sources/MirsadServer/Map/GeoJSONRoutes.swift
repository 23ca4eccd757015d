import Foundation
import Hummingbird
import MirsadDomain
import MirsadGeodesy
import MirsadStore

/// `GET /v1/geojson/{layer}`: incidents, units, shelters, public alerts, cameras or sensors as a GeoJSON
/// FeatureCollection for GIS tools. Each layer is exactly what the caller's list route shows
/// (same permission, same need-to-know filtering, restricted fields already removed); a
/// feature's properties are that object's API fields without its place, which is the geometry.
struct GeoJSONRoutes {
    let services: AppServices

    static let layers = ["incidents", "units", "shelters", "alerts", "cameras", "sensors"]

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("geojson/{layer}", use: layer)
    }

    @Sendable func layer(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        let name = try context.parameters.require("layer")
        let features: [GeoJSONFeature]
        switch name {
        case "incidents":
            try principal.actor.require(.readOperations)
            var query = IncidentQuery()
            let scope = request.uri.queryParameters["scope"].map(String.init) ?? "open"
            guard let value = IncidentQuery.Scope(rawValue: scope) else {
                throw Problem.invalidField("scope", "must be open or all")
            }
            query.scope = value
            query.limit = 1000
            let incidents = try await IncidentRoutes(services: services).visibleIncidents(query, to: principal)
            features = try incidents.map { incident in
                try feature(
                    incident.id.uuidString, incident, dropping: ["location", "notes", "assignmentHistory"],
                    .point(incident.location))
            }
        case "units":
            try principal.actor.require(.readOperations)
            let views = try await UnitRoutes(services: services).visible(
                try await services.store.units(), to: principal)
            features = try views.compactMap { view in
                guard let position = view.position else { return nil }
                return try feature(
                    view.unit.id.uuidString, view.unit, dropping: [],
                    .point(Coordinate(lat: position.lat, lon: position.lon)),
                    adding: ["reportedAt": .string(MirsadJSON.formatTimestamp(position.at))])
            }
        case "shelters":
            try principal.actor.require(.readShelters)
            features = try await services.store.shelters().map { shelter in
                try feature(shelter.site.id, ShelterView(shelter: shelter), dropping: [], .point(shelter.site.location))
            }
        case "alerts":
            try principal.actor.require(.readOperations)
            let catalog = try services.catalog()
            let policy = AccessPolicy(catalog: catalog)
            let now = services.clock.now()
            features = try await services.store.publicAlerts().filter { policy.canSee($0, principal.actor) }.map {
                alert in
                try feature(
                    alert.id.uuidString, PublicAlertView(alert: alert, now: now), dropping: [],
                    .multiPolygon(Self.rings(of: alert.content.areas, catalog: catalog)))
            }
        case "cameras":
            try principal.actor.require(.readOperations)
            let catalog = try services.catalog()
            let policy = AccessPolicy(catalog: catalog)
            features = try catalog.jurisdiction.cameras.map { camera in
                try feature(
                    camera.id, CameraView(camera, canWatch: policy.canWatch(camera, principal.actor)),
                    dropping: ["location"], .point(camera.location))
            }
        case "sensors":
            try principal.actor.require(.readOperations)
            let states = try await services.store.sensorStates()
            let now = services.clock.now()
            features = try services.catalog().jurisdiction.sensors.map { sensor in
                try feature(
                    sensor.id,
                    SensorView(
                        sensor: sensor, state: states[sensor.id],
                        readingAgeSeconds: states[sensor.id].map { max(0, now.timeIntervalSince($0.at)) }),
                    dropping: [], .point(sensor.location))
            }
        default:
            throw Problem.invalidField("layer", "one of \(Self.layers.joined(separator: ", "))")
        }
        return try JSONReply(GeoJSONFeatureCollection(features: features))
    }

    /// The object's API fields as properties, less the ones the geometry stands for.
    private func feature(
        _ id: String, _ value: some Encodable, dropping: Set<String>, _ geometry: GeoJSONGeometry,
        adding: [String: JSONValue] = [:]
    ) throws -> GeoJSONFeature {
        guard case .object(var properties) = try JSONValue(encoding: value) else {
            return GeoJSONFeature(id: id, properties: adding, geometry: geometry)
        }
        for key in dropping { properties[key] = nil }
        properties.merge(adding) { $1 }
        return GeoJSONFeature(id: id, properties: properties, geometry: geometry)
    }

    /// An alert's areas as polygons: its own rings, circles as 32-gons round them, and the
    /// outlines of the governorates it names (those that have one).
    static func rings(of areas: [PublicAlertArea], catalog: JurisdictionIndex) -> [[Coordinate]] {
        var rings: [[Coordinate]] = []
        for area in areas {
            rings += area.polygons
            rings += area.circles.map {
                GeoPolygon.circle(center: $0.center.geo, radiusMeters: $0.radiusKm * 1000).outer.map(Coordinate.init)
            }
            rings += area.governorates.compactMap { catalog.governorates[$0]?.boundary }
        }
        return rings
    }
}
