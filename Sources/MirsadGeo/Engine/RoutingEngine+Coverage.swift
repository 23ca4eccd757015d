import Foundation
import MirsadGeodesy

extension RoutingEngine {
    /// The coverage model of the current metric, restricted to segments whose midpoint lies
    /// in `sector` (the whole network when nil).
    public func coverageModel(sector: GeoPolygon? = nil) -> CoverageModel {
        let m = currentMetric
        let planar = sector.map { PlanarPolygon($0, projection: snapIndex.projection) }
        return CoverageModel(graph: graph, edgeCost: m.roadCost) { s in
            guard let planar else { return true }
            let e = Int(graph.segmentEdge[s])
            let a = Int(graph.tail[e])
            let b = Int(graph.head[e])
            let mid = PlanarPoint(
                x: (snapIndex.nodeX[a] + snapIndex.nodeX[b]) / 2, y: (snapIndex.nodeY[a] + snapIndex.nodeY[b]) / 2)
            return planar.contains(mid)
        }
    }

    /// Free-flow-scaled travel seconds from (outbound) or to (inbound) a location for every
    /// road-graph node, `.infinity` where unreachable. One PHAST sweep.
    public func reachField(_ location: SnappedLocation, direction: IsochroneDirection = .outbound) -> ReachField {
        let m = currentMetric
        return ReachField(seconds: reachSeconds([location], direction: direction, metric: m))
    }

    func reachSeconds(_ locations: [SnappedLocation], direction: IsochroneDirection, metric m: CCHMetric) -> [Float] {
        let outbound = direction == .outbound
        let checkedLocations = locations.compactMap(checked)
        let seeds = checkedLocations.flatMap {
            outbound ? $0.sourceSeeds(self, metric: m) : $0.targetSeeds(self, metric: m)
        }
        let byRank = workspaces.withWorkspace { w in
            Phast.distances(from: seeds, outward: outbound, hierarchy: hierarchy, metric: m, workspace: w)
        }
        // A routing node is a road edge reached at its head. Outbound, a road node is reached
        // as soon as any edge into it is; inbound, a trip from a road node starts along any
        // edge out of it.
        var cost = [PackedCost](repeating: Cost.infinity, count: graph.nodeCount)
        let rank = hierarchy.rank
        for v in 0..<graph.nodeCount {
            var best = Cost.infinity
            if outbound {
                for node in turns.nodes(into: v) { best = min(best, byRank[Int(rank[Int(node)])]) }
            } else {
                for b in Int(graph.firstOut[v])..<Int(graph.firstOut[v + 1]) {
                    let c = byRank[Int(rank[b])]
                    if c < Cost.infinity, m.roadCost[b] < Cost.infinity { best = min(best, m.roadCost[b] &+ c) }
                }
            }
            cost[v] = best
        }
        // The locations' own junctions, and inbound the ends a location is reached from
        // without a turn.
        for location in checkedLocations {
            if let v = location.junction(in: graph) {
                cost[v] = 0
                continue
            }
            guard !outbound else { continue }
            let (first, second) = location.ends(in: graph)
            for (v, edge, share) in [
                (first, location.forwardEdge, location.fraction),
                (second, location.backwardEdge, 1 - location.fraction),
            ] where edge != .max {
                cost[v] = min(cost[v], Cost.fraction(m.roadCost[Int(edge)], share))
            }
        }
        return cost.map { $0 < Cost.infinity ? Float(Cost.seconds($0)) : .infinity }
    }

    /// Share of road length (in `sector`, or everywhere) that at least one of `units` reaches
    /// within `withinSeconds`, with each unit's speed factor. One PHAST sweep per distinct
    /// speed factor.
    public func coverage(of units: [FleetMember], withinSeconds: Double, sector: GeoPolygon? = nil) -> CoverageReport {
        let model = coverageModel(sector: sector)
        let (labels, factors) = combinedLabels(units, metric: currentMetric)
        let covered = model.coveredMeters(labels: labels, factors: factors, threshold: withinSeconds)
        return CoverageReport(coveredMeters: covered, totalMeters: model.totalMeters, targetSeconds: withinSeconds)
    }

    /// Per node: the smallest effective arrival time over all units and that unit's factor.
    func combinedLabels(_ units: [FleetMember], metric m: CCHMetric) -> ([Double], [Double]) {
        var labels = [Double](repeating: .infinity, count: graph.nodeCount)
        var factors = [Double](repeating: 1, count: graph.nodeCount)
        let groups = Dictionary(grouping: units, by: \.speedFactor)
        for factor in groups.keys.sorted() {
            let field = reachSeconds(groups[factor]!.map(\.location), direction: .outbound, metric: m)
            for v in 0..<graph.nodeCount {
                let t = Double(field[v]) / factor
                if t < labels[v] {
                    labels[v] = t
                    factors[v] = factor
                }
            }
        }
        return (labels, factors)
    }

    /// The isochrone of a point: reached road pieces and their area outline. The area is the
    /// union of raster cells touched by reached roads, with enclosed gaps under 0.25 km²
    /// (blocks between streets) filled in.
    public func isochrone(
        from location: SnappedLocation, withinSeconds: Double, direction: IsochroneDirection = .outbound,
        speedFactor: Double = 1, cellSizeMeters: Double = 100
    ) -> Isochrone {
        let m = currentMetric
        let model = CoverageModel(graph: graph, edgeCost: m.roadCost) { _ in true }
        let field = reachSeconds([location], direction: direction, metric: m)
        let factor = speedFactor.isFinite && speedFactor > 0 ? speedFactor : 1
        let geometry = reachGeometry(
            model: model, threshold: withinSeconds, inbound: direction == .inbound, cellSize: cellSizeMeters,
            collectUnreached: false
        ) { v in (Double(field[v]) / factor, factor) }
        return Isochrone(
            direction: direction, seconds: withinSeconds, reachedMeters: geometry.reachedMeters,
            roads: geometry.reached, areas: geometry.areas, cellSizeMeters: geometry.cellSize)
    }

    /// A coverage map for a sector: the report, the covered area outline, and the covered and
    /// uncovered road pieces (for drawing what committing units leaves exposed).
    public func coverageMap(
        of units: [FleetMember], withinSeconds: Double, sector: GeoPolygon? = nil, cellSizeMeters: Double = 100
    ) -> CoverageMap {
        let model = coverageModel(sector: sector)
        let (labels, factors) = combinedLabels(units, metric: currentMetric)
        let geometry = reachGeometry(
            model: model, threshold: withinSeconds, inbound: false, cellSize: cellSizeMeters, collectUnreached: true
        ) { v in (labels[v], factors[v]) }
        return CoverageMap(
            report: CoverageReport(
                coveredMeters: geometry.reachedMeters, totalMeters: model.totalMeters, targetSeconds: withinSeconds),
            coveredAreas: geometry.areas, coveredRoads: geometry.reached, uncoveredRoads: geometry.unreached,
            cellSizeMeters: geometry.cellSize)
    }

    struct ReachGeometry {
        var reachedMeters = 0.0
        var reached: [[GeoCoordinate]] = []
        var unreached: [[GeoCoordinate]] = []
        var areas: [GeoPolygon] = []
        var cellSize: Double
    }

    /// Reached (and optionally unreached) road pieces of the model's counted segments, given
    /// each node's label (seconds, speed factor), and the raster outline of the reached ones.
    func reachGeometry(
        model: CoverageModel, threshold: Double, inbound: Bool, cellSize: Double, collectUnreached: Bool,
        label: (Int) -> (Double, Double)
    ) -> ReachGeometry {
        let cell = min(max(cellSize.isFinite ? cellSize : 100, 5), 10_000)
        var result = ReachGeometry(cellSize: cell)
        let projection = snapIndex.projection
        let columns = max(1, Int((Double(snapIndex.columns) * snapIndex.cellSize / cell).rounded(.up)) + 1)
        let rows = max(1, Int((Double(snapIndex.rows) * snapIndex.cellSize / cell).rounded(.up)) + 1)
        var raster = RasterPolygonizer(columns: columns, rows: rows)
        func mark(_ a: PlanarPoint, _ b: PlanarPoint) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let steps = max(1, Int((length / (cell / 2)).rounded(.up)))
            for i in 0...steps {
                let t = Double(i) / Double(steps)
                raster.fill(
                    column: Int(((a.x + (b.x - a.x) * t - snapIndex.originX) / cell).rounded(.down)),
                    row: Int(((a.y + (b.y - a.y) * t - snapIndex.originY) / cell).rounded(.down)))
            }
        }
        for s in 0..<graph.segmentCount where model.length[s] > 0 {
            let u = Int(model.first[s])
            let v = Int(model.second[s])
            let (lu, fu) = label(u)
            let (lv, fv) = label(v)
            let f = model.fraction(
                s, firstLabel: lu, firstFactor: fu, secondLabel: lv, secondFactor: fv, threshold: threshold,
                inbound: inbound)
            let pu = PlanarPoint(x: snapIndex.nodeX[u], y: snapIndex.nodeY[u])
            let pv = PlanarPoint(x: snapIndex.nodeX[v], y: snapIndex.nodeY[v])
            func along(_ t: Double) -> PlanarPoint {
                PlanarPoint(x: pu.x + (pv.x - pu.x) * t, y: pu.y + (pv.y - pu.y) * t)
            }
            result.reachedMeters += f.total * model.length[s]
            if f.total >= 1 {
                result.reached.append([graph.coordinate(of: u), graph.coordinate(of: v)])
                mark(pu, pv)
                continue
            }
            if f.fromFirst > 0 {
                result.reached.append([graph.coordinate(of: u), projection.unproject(along(f.fromFirst))])
                mark(pu, along(f.fromFirst))
            }
            if f.fromSecond > 0 {
                result.reached.append([projection.unproject(along(1 - f.fromSecond)), graph.coordinate(of: v)])
                mark(along(1 - f.fromSecond), pv)
            }
            if collectUnreached {
                let a = f.fromFirst
                let b = 1 - f.fromSecond
                result.unreached.append([
                    a > 0 ? projection.unproject(along(a)) : graph.coordinate(of: u),
                    b < 1 ? projection.unproject(along(b)) : graph.coordinate(of: v),
                ])
            }
        }
        raster.fillHoles(upTo: max(1, Int(250_000 / (cell * cell))))
        func geo(_ p: RasterPolygonizer.Point) -> GeoCoordinate {
            projection.unproject(
                PlanarPoint(x: snapIndex.originX + Double(p.x) * cell, y: snapIndex.originY + Double(p.y) * cell))
        }
        result.areas = raster.polygons().map { polygon in
            GeoPolygon(outer: polygon.outer.map(geo), holes: polygon.holes.map { $0.map(geo) })
        }
        return result
    }
}

/// Travel seconds from (or to) one location for every road-graph node, as used by coverage
/// planning. `Float` keeps a city-sized field at about 1 MB.
public struct ReachField: Sendable {
    public let seconds: [Float]
}
