import Foundation
import MirsadDomain
import MirsadGeo
import Synchronization

extension RoutingService {
    /// Travel estimates from each origin to each destination (rows follow `origins`, columns
    /// `destinations`): by road where both ends lie on the network and a route exists, by
    /// straight line otherwise. Each destination's cost field is built once per metric and
    /// kept (`destinationFields`), so an origin costs a snap and a look-up per destination.
    func estimates(from origins: [Coordinate], to destinations: [Coordinate]) -> [[TravelEstimate]] {
        guard !origins.isEmpty, !destinations.isEmpty else { return origins.map { _ in [] } }
        let straight = origins.map { origin in destinations.map { Self.straightLine(origin, $0, factor: 1) } }
        guard let engine else { return straight }
        let fields = destinationFields(destinations, engine: engine)
        let present = fields.enumerated().compactMap { k, field in field.map { (k, $0) } }
        let presentFields = present.map(\.1)
        let rows = ResultSlots<[TravelEstimate]>(count: origins.count)
        let chunks = min(origins.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for i in stride(from: chunk, to: origins.count, by: chunks) {
                var row = straight[i]
                if let origin = snap(origins[i]) {
                    for (j, estimate) in engine.travel(from: origin, to: presentFields).enumerated() {
                        if let estimate { row[present[j].0] = estimate }
                    }
                }
                rows.set(i, row)
            }
        }
        return rows.values().enumerated().map { $0.element ?? straight[$0.offset] }
    }

    /// The cost fields of `destinations` (nil where one is off the network), from the cache
    /// when still current, the missing ones built in parallel.
    func destinationFields(_ destinations: [Coordinate], engine: RoutingEngine) -> [DestinationField?] {
        let cached = fieldCache.withLock { cache in
            destinations.map { cache[$0].flatMap { engine.isCurrent($0) ? $0 : nil } }
        }
        let missing = destinations.indices.filter { cached[$0] == nil }
        guard !missing.isEmpty else { return cached }
        let built = ResultSlots<DestinationField>(count: missing.count)
        DispatchQueue.concurrentPerform(iterations: missing.count) { j in
            if let location = snap(destinations[missing[j]]), let field = engine.destinationField(location) {
                built.set(j, field)
            }
        }
        var result = cached
        let fresh = built.values()
        fieldCache.withLock { cache in
            // A field is eight bytes a road node: keep at most what a country's shelters need.
            let limit = max(16, Self.fieldCacheBytes / max(1, engine.routingNodeCount * 8))
            if cache.count + missing.count > limit { cache.removeAll() }
            for (j, i) in missing.enumerated() {
                result[i] = fresh[j]
                if let field = fresh[j] { cache[destinations[i]] = field }
            }
        }
        return result
    }
}
