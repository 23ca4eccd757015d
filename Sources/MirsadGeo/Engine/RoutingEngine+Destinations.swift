import Foundation

/// Every routing node's travel cost to one destination (a shelter, a hospital), from one backward
/// PHAST sweep. With the fields of a few destinations, a trip from anywhere costs a snap and
/// a look-up per destination instead of a hierarchy search: the way to answer thousands of
/// origins against a handful of places. A field holds the metric it was built on; rebuild it
/// when `isCurrent` says the roads changed (a closure).
public struct DestinationField: Sendable {
    public let location: SnappedLocation
    let network: UInt64
    let metricVersion: UInt64
    /// Cost from each rank to the destination.
    let costs: [PackedCost]
}

extension RoutingEngine {
    /// The cost field of a destination for the current metric (nil when it is off the network).
    public func destinationField(_ location: SnappedLocation) -> DestinationField? {
        guard let location = checked(location) else { return nil }
        let m = currentMetric
        let seeds = location.targetSeeds(self, metric: m)
        let costs = workspaces.withWorkspace { w in
            Phast.distances(from: seeds, outward: false, hierarchy: hierarchy, metric: m, workspace: w)
        }
        return DestinationField(location: location, network: fingerprint, metricVersion: m.version, costs: costs)
    }

    /// Whether `field` was built on this network under the metric now in force.
    public func isCurrent(_ field: DestinationField) -> Bool {
        field.network == fingerprint && field.metricVersion == currentMetric.version
    }

    /// Travel estimates from `origin` to each field's destination, in order; nil when
    /// unreachable. Fields built under another metric are used as they are (check `isCurrent`).
    public func travel(from origin: SnappedLocation, to fields: [DestinationField]) -> [TravelEstimate?] {
        guard let origin = checked(origin) else { return fields.map { _ in nil } }
        let m = currentMetric
        let seeds = origin.sourceSeeds(self, metric: m)
        return fields.map { field in
            var best = origin.directCost(to: field.location, graph: graph, roadCost: m.roadCost)
            for seed in seeds {
                let through = field.costs[Int(seed.node)]
                if through < Cost.infinity { best = min(best, seed.cost &+ through) }
            }
            return best < Cost.infinity ? TravelEstimate(best) : nil
        }
    }
}
