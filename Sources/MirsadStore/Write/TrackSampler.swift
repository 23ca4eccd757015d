import Foundation
import MirsadDomain
import Synchronization

/// Decides which AVL reports go into the stored track: the first of each unit, then one
/// whenever `interval` has passed or the unit moved `distance` since the last stored point.
/// The latest position is always kept separately; the track is for replay and analysis.
final class TrackSampler: Sendable {
    static let interval: TimeInterval = 10
    static let distance = 100.0

    private let lastStored = Mutex<[UUID: UnitPosition]>([:])

    /// The reports of `positions` (one unit's, time-ordered) worth storing.
    func samples(of positions: [UnitPosition], after staged: UnitPosition?) -> [UnitPosition] {
        var last = staged ?? lastStored.withLock { $0[positions.first?.unitId ?? UUID()] }
        var chosen: [UnitPosition] = []
        for position in positions {
            if let previous = last {
                guard position.at > previous.at else { continue }
                let due =
                    position.at.timeIntervalSince(previous.at) >= Self.interval
                    || position.coordinate.distance(to: previous.coordinate) >= Self.distance
                guard due else { continue }
            }
            chosen.append(position)
            last = position
        }
        return chosen
    }

    /// Remembers what was committed.
    func record(_ stored: [UnitPosition]) {
        guard !stored.isEmpty else { return }
        lastStored.withLock { map in
            for position in stored where (map[position.unitId]?.at ?? .distantPast) < position.at {
                map[position.unitId] = position
            }
        }
    }
}
