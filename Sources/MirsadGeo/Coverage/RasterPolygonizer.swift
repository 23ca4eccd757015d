/// Turns a set of filled grid cells into polygons (outer rings with holes) by tracing the
/// boundary between filled and empty cells. Diagonal-only contacts are kept apart, so every
/// ring is simple. Used to draw isochrones as areas.
struct RasterPolygonizer {
    let columns: Int
    let rows: Int
    private(set) var filled: [Bool]

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        filled = [Bool](repeating: false, count: columns * rows)
    }

    mutating func fill(column: Int, row: Int) {
        guard column >= 0, column < columns, row >= 0, row < rows else { return }
        filled[row * columns + column] = true
    }

    /// Fills enclosed empty regions of at most `maxCells` cells (city blocks between reached
    /// roads), keeping larger gaps such as parks or rivers as holes.
    mutating func fillHoles(upTo maxCells: Int) {
        var seen = [Bool](repeating: false, count: columns * rows)
        var stack: [Int] = []
        for start in 0..<(columns * rows) where !filled[start] && !seen[start] {
            var region: [Int] = []
            var touchesBorder = false
            seen[start] = true
            stack.append(start)
            while let i = stack.popLast() {
                region.append(i)
                let c = i % columns
                let r = i / columns
                if c == 0 || r == 0 || c == columns - 1 || r == rows - 1 { touchesBorder = true }
                for (dc, dr) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                    let nc = c + dc
                    let nr = r + dr
                    guard nc >= 0, nc < columns, nr >= 0, nr < rows else { continue }
                    let j = nr * columns + nc
                    if !filled[j] && !seen[j] {
                        seen[j] = true
                        stack.append(j)
                    }
                }
            }
            if !touchesBorder && region.count <= maxCells {
                for i in region { filled[i] = true }
            }
        }
    }

    func isFilled(_ c: Int, _ r: Int) -> Bool {
        c >= 0 && c < columns && r >= 0 && r < rows && filled[r * columns + c]
    }

    /// A lattice point (cell corners): x in 0...columns, y in 0...rows.
    struct Point: Hashable {
        var x: Int
        var y: Int
    }

    /// Polygons in lattice coordinates: each is (outer ring counter-clockwise, holes).
    func polygons() -> [(outer: [Point], holes: [[Point]])] {
        // Directed boundary edges with the filled cell on the left.
        var outgoing: [Point: [Point]] = [:]
        for r in 0..<rows {
            for c in 0..<columns where filled[r * columns + c] {
                if !isFilled(c, r - 1) { outgoing[Point(x: c, y: r), default: []].append(Point(x: c + 1, y: r)) }
                if !isFilled(c + 1, r) {
                    outgoing[Point(x: c + 1, y: r), default: []].append(Point(x: c + 1, y: r + 1))
                }
                if !isFilled(c, r + 1) {
                    outgoing[Point(x: c + 1, y: r + 1), default: []].append(Point(x: c, y: r + 1))
                }
                if !isFilled(c - 1, r) { outgoing[Point(x: c, y: r + 1), default: []].append(Point(x: c, y: r)) }
            }
        }
        var rings: [[Point]] = []
        let starts = outgoing.keys.sorted { $0.y != $1.y ? $0.y < $1.y : $0.x < $1.x }
        for start in starts {
            while let firstNext = outgoing[start]?.first {
                var ring = [start]
                remove(&outgoing, from: start, to: firstNext)
                var previous = start
                var current = firstNext
                while current != start {
                    ring.append(current)
                    guard let options = outgoing[current], !options.isEmpty else { break }
                    let next = choose(options, arrivingFrom: previous, at: current)
                    remove(&outgoing, from: current, to: next)
                    previous = current
                    current = next
                }
                rings.append(simplify(ring))
            }
        }
        // Counter-clockwise rings are outer boundaries, clockwise ones are holes.
        var outers: [[Point]] = []
        var holes: [[Point]] = []
        for ring in rings where ring.count >= 4 {
            if signedArea(ring) > 0 { outers.append(ring) } else { holes.append(ring) }
        }
        var result = outers.map { (outer: $0, holes: [[Point]]()) }
        for hole in holes {
            // The smallest outer ring containing a point next to the hole's first vertex.
            let probe = (Double(hole[0].x) + 0.5, Double(hole[0].y) + 0.5)
            var bestIndex: Int?
            var bestArea = Double.infinity
            for (i, outer) in outers.enumerated() where contains(outer, probe) {
                let area = signedArea(outer)
                if area < bestArea {
                    bestArea = area
                    bestIndex = i
                }
            }
            if let bestIndex { result[bestIndex].holes.append(hole) }
        }
        return result
    }

    /// At a pinch vertex prefer the left turn, then straight, then right: diagonal cells stay
    /// in separate rings.
    private func choose(_ options: [Point], arrivingFrom previous: Point, at current: Point) -> Point {
        if options.count == 1 { return options[0] }
        let dx = current.x - previous.x
        let dy = current.y - previous.y
        func score(_ p: Point) -> Int {
            let ox = p.x - current.x
            let oy = p.y - current.y
            let cross = dx * oy - dy * ox
            if cross > 0 { return 0 }  // left
            if cross == 0 { return 1 }  // straight
            return 2  // right
        }
        return options.min { score($0) < score($1) }!
    }

    private func remove(_ outgoing: inout [Point: [Point]], from: Point, to: Point) {
        guard var list = outgoing[from], let i = list.firstIndex(of: to) else { return }
        list.remove(at: i)
        outgoing[from] = list.isEmpty ? nil : list
    }

    /// Drops vertices in the middle of straight runs.
    private func simplify(_ ring: [Point]) -> [Point] {
        guard ring.count > 3 else { return ring }
        var out: [Point] = []
        for i in 0..<ring.count {
            let a = ring[(i + ring.count - 1) % ring.count]
            let b = ring[i]
            let c = ring[(i + 1) % ring.count]
            if (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) != 0 { out.append(b) }
        }
        return out
    }

    private func signedArea(_ ring: [Point]) -> Double {
        var area = 0
        for i in 0..<ring.count {
            let a = ring[i]
            let b = ring[(i + 1) % ring.count]
            area += a.x * b.y - b.x * a.y
        }
        return Double(area) / 2
    }

    private func contains(_ ring: [Point], _ p: (Double, Double)) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = (Double(ring[i].x), Double(ring[i].y))
            let b = (Double(ring[j].x), Double(ring[j].y))
            if (a.1 > p.1) != (b.1 > p.1) {
                let x = (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0
                if p.0 < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}
