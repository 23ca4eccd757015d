import Foundation
import Hummingbird
import MirsadDomain
import MirsadStore

/// A camera as the common picture shows it: where it is and where it looks, never its stream.
struct CameraView: Encodable, Sendable {
    var id: String
    var name: LocalizedName
    var location: Coordinate
    var sector: String
    var heading: Double
    var fieldOfView: Double
    var range: Double
    /// Whether the caller's sector may open the live picture (`GET /v1/cameras/{id}/stream`).
    var canWatch: Bool

    init(_ camera: Camera, canWatch: Bool) {
        id = camera.id
        name = camera.name
        location = camera.location
        sector = camera.sector
        heading = camera.heading
        fieldOfView = camera.fieldOfView
        range = camera.range
        self.canWatch = canWatch
    }
}

struct CameraList: Encodable, Sendable { var cameras: [CameraView] }

struct IncidentCameras: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var camera: CameraView
        var meters: Double
        var bearing: Double
        var offAxis: Double
    }
    var incidentId: UUID
    var cameras: [Item]
}

struct CameraStream: Encodable, Sendable {
    var cameraId: String
    var streamURL: String
}

/// `/v1/cameras`: the camera network on the common picture, the cameras that see an incident,
/// and the live picture's address for the sector that runs a camera (and oversight), read with
/// a stated purpose and audited before it leaves. A camera of another sector answers 404 on the
/// stream route exactly as an absent one does.
struct CameraRoutes {
    let services: AppServices

    func add(to group: RouterGroup<MirsadRequestContext>) {
        group.get("cameras", use: list)
        group.get("cameras/:id", use: show)
        group.get("cameras/:id/stream", use: stream)
        group.get("incidents/:id/cameras", use: seeing)
    }

    @Sendable func list(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        try actor.require(.readOperations)
        let catalog = try services.catalog()
        let policy = AccessPolicy(catalog: catalog)
        return try JSONReply(
            CameraList(
                cameras: catalog.jurisdiction.cameras.map { CameraView($0, canWatch: policy.canWatch($0, actor)) }))
    }

    @Sendable func show(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let actor = try context.requirePrincipal().actor
        try actor.require(.readOperations)
        let catalog = try services.catalog()
        let id = try context.parameters.require("id")
        guard let camera = catalog.cameras[id] else { throw Problem.from(DomainError.notFound(kind: "camera", id: id)) }
        return try JSONReply(CameraView(camera, canWatch: AccessPolicy(catalog: catalog).canWatch(camera, actor)))
    }

    @Sendable func stream(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        try principal.actor.require(.readOperations)
        let catalog = try services.catalog()
        let id = try context.parameters.require("id")
        guard let camera = catalog.cameras[id], AccessPolicy(catalog: catalog).canWatch(camera, principal.actor) else {
            // Absent and another sector's camera take the same path, audit included.
            try await AccessGate(services: services).denied(
                principal, incidentId: nil,
                detail: "\(request.method) \(request.uri.path): no camera \(id) watchable by \(principal.sector)",
                object: "camera:\(id)")
            throw Problem.from(DomainError.notFound(kind: "camera", id: id))
        }
        guard let purpose = try AccessGate.purpose(of: request) else { throw Problem.purposeRequired(["streamURL"]) }
        // Fail closed: if the read cannot be recorded, the address does not leave.
        _ = try await services.store.audit(
            [
                (
                    .securityEvent(
                        SecurityEvent(
                            action: .restrictedRead, outcome: "success", subject: principal.username, purpose: purpose,
                            detail: "\(request.method) \(request.uri.path): camera \(camera.id) stream")),
                    sectors: []
                )
            ],
            actor: principal.actor)
        var reply = try JSONReply(CameraStream(cameraId: camera.id, streamURL: camera.streamURL))
        reply.headers[.cacheControl] = "private, no-store"
        return reply
    }

    /// The cameras whose picture covers the incident's location, nearest first.
    @Sendable func seeing(_ request: Request, context: MirsadRequestContext) async throws -> some ResponseGenerator {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id", as: UUID.self)
        let (incident, _) = try await AccessGate(services: services).read(
            id, request: request, principal: principal, requirePurposeForRestricted: false)
        let catalog = try services.catalog()
        let policy = AccessPolicy(catalog: catalog)
        let items = Camera.seeing(incident.location, among: catalog.jurisdiction.cameras).compactMap { sighting in
            catalog.cameras[sighting.cameraId].map {
                IncidentCameras.Item(
                    camera: CameraView($0, canWatch: policy.canWatch($0, principal.actor)), meters: sighting.meters,
                    bearing: sighting.bearing, offAxis: sighting.offAxis)
            }
        }
        return try JSONReply(IncidentCameras(incidentId: incident.id, cameras: items))
    }
}
