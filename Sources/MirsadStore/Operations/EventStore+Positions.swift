import Foundation
import MirsadDomain

/// The result of an AVL batch.
public struct PositionIngestResult: Sendable, Equatable {
    public var accepted: Int
    /// Units whose latest position changed.
    public var units: Int
    /// Reports stored in the sampled track.
    public var trackPoints: Int

    public init(accepted: Int, units: Int, trackPoints: Int) {
        self.accepted = accepted
        self.units = units
        self.trackPoints = trackPoints
    }
}

extension EventStore {
    /// The most reports one request may carry.
    public static let maxPositionsPerBatch = 10_000

    /// Stores a batch of AVL reports: the newest per unit becomes its latest position, and a
    /// sample goes into the track. Positions are telemetry, not events: they do not enter the
    /// log (the live feed carries them coalesced).
    public func ingestPositions(_ positions: [UnitPosition]) async throws -> PositionIngestResult {
        guard positions.count <= Self.maxPositionsPerBatch else {
            throw DomainError.invalidField(
                field: "positions", reason: "at most \(Self.maxPositionsPerBatch) positions per request")
        }
        guard let catalog = catalog else {
            throw StoreError.invalidConfiguration("no jurisdiction loaded")
        }
        for (i, position) in positions.enumerated() {
            guard catalog.units[position.unitId] != nil else {
                throw DomainError.invalidField(
                    field: "positions[\(i)].unitId", reason: "unknown unit \(position.unitId)")
            }
            _ = try position.coordinate.validated(field: "positions[\(i)]")
        }
        let byUnit = Dictionary(grouping: positions, by: \.unitId).mapValues { $0.sorted { $0.at < $1.at } }
        let sampler = writer.sampler
        return try await writer.submit { tx in
            var trackPoints = 0
            for (_, reports) in byUnit {
                guard let latest = reports.last else { continue }
                let track = sampler.samples(
                    of: reports, after: tx.staged.trackPoints.last { $0.unitId == latest.unitId })
                tx.stagePosition(latest: latest, track: track)
                trackPoints += track.count
            }
            return PositionIngestResult(accepted: positions.count, units: byUnit.count, trackPoints: trackPoints)
        }
    }
}
