/// Binary contiguity between the cells of a regular grid, stored as compressed rows.
///
/// Queen neighbours share an edge or a corner (up to 8), rook neighbours an edge (up to 4);
/// cells on the border have fewer. The self-link is kept apart (`includesSelf`) because Gi*
/// counts it while local Moran's I does not — as in PySAL's `lat2W` plus `fill_diagonal`.
public struct LatticeWeights: Sendable, Equatable {
    public enum Contiguity: String, Codable, Sendable, CaseIterable {
        case queen
        case rook
    }

    public let rows: Int
    public let columns: Int
    public let contiguity: Contiguity
    /// `neighbours[offsets[i]..<offsets[i+1]]` are the neighbours of cell i (self excluded).
    public let offsets: [Int]
    public let neighbours: [Int]

    public init(rows: Int, columns: Int, contiguity: Contiguity) {
        self.rows = rows
        self.columns = columns
        self.contiguity = contiguity
        var offsets = [0]
        var neighbours: [Int] = []
        offsets.reserveCapacity(rows * columns + 1)
        neighbours.reserveCapacity(rows * columns * (contiguity == .queen ? 8 : 4))
        let steps: [(Int, Int)] =
            contiguity == .queen
            ? [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
            : [(-1, 0), (0, -1), (0, 1), (1, 0)]
        for iy in 0..<rows {
            for ix in 0..<columns {
                for (dy, dx) in steps {
                    let ny = iy + dy, nx = ix + dx
                    if ny >= 0, ny < rows, nx >= 0, nx < columns {
                        neighbours.append(ny * columns + nx)
                    }
                }
                offsets.append(neighbours.count)
            }
        }
        self.offsets = offsets
        self.neighbours = neighbours
    }

    public var count: Int { rows * columns }

    /// Number of neighbours of cell i, self excluded.
    @inline(__always) public func cardinality(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// Largest neighbour count.
    public var maximumCardinality: Int {
        (0..<count).reduce(0) { max($0, cardinality($1)) }
    }
}
