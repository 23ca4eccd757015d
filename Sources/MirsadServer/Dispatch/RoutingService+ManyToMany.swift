import Foundation
import MirsadDomain
import MirsadGeo

extension RoutingService {
    /// Travel estimates from each origin to each destination (rows follow `origins`, columns
    /// `destinations`): by road where both ends lie on the network and a route exists, by
    /// straight line otherwise. The destinations are prepared once; origins are spread over
    /// the cores, so a thousand origins against a few dozen places stay well under a frame.
    func estimates(from origins: [Coordinate], to destinations: [Coordinate]) -> [[TravelEstimate]] {
        guard !origins.isEmpty, !destinations.isEmpty else { return origins.map { _ in [] } }
        @Sendable func straight(_ i: Int) -> [TravelEstimate] {
            destinations.map { Self.straightLine(origins[i], $0, factor: 1) }
        }
        guard let engine else { return origins.indices.map(straight) }
        let snapped = destinations.map(snap)
        let members = snapped.enumerated().compactMap { k, location in
            location.map { FleetMember(id: String(k), location: $0) }
        }
        let fleet = engine.prepareFleet(members, direction: .fromQuery)
        let columns = members.map { Int($0.id)! }
        let rows = ResultSlots<[TravelEstimate]>(count: origins.count)
        let chunks = min(origins.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for i in stride(from: chunk, to: origins.count, by: chunks) {
                var row = straight(i)
                if let origin = snap(origins[i]) {
                    for (k, estimate) in engine.travel(fleet: fleet, query: origin).enumerated() {
                        if let estimate { row[columns[k]] = estimate }
                    }
                }
                rows.set(i, row)
            }
        }
        return rows.values().map { $0 ?? [] }
    }
}
