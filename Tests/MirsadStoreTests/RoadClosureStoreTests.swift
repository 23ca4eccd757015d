import Foundation
import MirsadDomain
import MirsadStore
import MirsadTestSupport
import SQLKit
import Testing

@Suite("Road closures in the store")
struct RoadClosureStoreTests {
    static let square = [
        Coordinate(lat: 29.35, lon: 47.96), Coordinate(lat: 29.38, lon: 47.96), Coordinate(lat: 29.38, lon: 47.99),
    ]

    static func closure(_ id: String, reason: String = "flooded") -> RoadClosureCommand {
        .add(id: id, polygon: square, slowdownFactor: 3, reason: reason)
    }

    @Test(
        "ids are decided in the read model: a second add is a conflict, lifting an unknown id is not found",
        arguments: TestBackend.available)
    func uniqueness(backend: TestBackend) async throws {
        try await backend.withStore { store in
            let added = try await store.execute(Self.closure("flood-1"), actor: dispatcher)
            #expect(added.payload.type == "roads.closureAdded")
            await #expect(throws: DomainError.self) {
                try await store.execute(Self.closure("flood-1"), actor: dispatcher)
            }
            _ = try await store.execute(Self.closure("cordon"), actor: dispatcher)
            let (closures, asOf) = try await store.roadClosures()
            #expect(closures.map(\.id) == ["cordon", "flood-1"])
            #expect(asOf == (try await store.lastEventID()))
            _ = try await store.execute(.lift(id: "flood-1", reason: "drained"), actor: dispatcher)
            await #expect(throws: DomainError.self) {
                try await store.execute(.lift(id: "flood-1", reason: "x"), actor: dispatcher)
            }
            // Lifted, the id is free again.
            _ = try await store.execute(Self.closure("flood-1", reason: "flooded again"), actor: dispatcher)
            #expect(try await store.roadClosures().closures.map(\.reason) == ["flooded", "flooded again"])
            #expect(try await store.checkReadModels().isConsistent)
        }
    }

    @Test(
        "the rules are the routing engine's, and only road managers may close roads", arguments: TestBackend.available)
    func rules(backend: TestBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: DomainError.invalidField(field: "polygon", reason: "needs at least three points")) {
                try await store.execute(
                    .add(id: "x", polygon: Array(Self.square.prefix(2)), slowdownFactor: nil, reason: "r"),
                    actor: dispatcher)
            }
            await #expect(throws: DomainError.self) {
                try await store.execute(
                    .add(id: "x", polygon: Self.square, slowdownFactor: 0.5, reason: "r"), actor: dispatcher)
            }
            await #expect(throws: DomainError.forbidden(reason: "role 'callTaker' may not manageRoadClosures")) {
                try await store.execute(Self.closure("x"), actor: callTaker)
            }
            let closures = try await store.roadClosures().closures
            #expect(closures.isEmpty)
        }
    }

    @Test(
        "store check finds a read model that disagrees with the log, and a rebuild repairs it",
        arguments: TestBackend.available)
    func checkAndRebuild(backend: TestBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.execute(Self.closure("flood-1"), actor: dispatcher)
            _ = try await store.execute(Self.closure("cordon"), actor: dispatcher)
            try await store.backend.withReader { db in
                try await db.delete(from: "road_closures").where("id", .equal, "cordon").run()
            }
            let report = try await store.checkReadModels()
            #expect(report.problems == ["road closure cordon is in force in the log but missing from the read model"])
            #expect(try await store.rebuildReadModels().isConsistent)
            #expect(try await store.roadClosures().closures.map(\.id) == ["cordon", "flood-1"])
        }
    }
}
