import Foundation

/// Getis-Ord Gi* hot-spot statistic on a grid, computed as PySAL esda's
/// `G_Local(y, w, star=True, transform='B')` with binary queen/rook contiguity *including the
/// cell itself*:
///
///     G*ᵢ = Σⱼ wᵢⱼ yⱼ / Σⱼ yⱼ,  E = cᵢ/n,
///     V = cᵢ(n − cᵢ)/(n − 1) · 1/n² · s²/ȳ²   (s² the population variance),
///     zᵢ = (G*ᵢ − E) / √V
///
/// with cᵢ the number of cells in the neighbourhood including i. Optional pseudo p-values come
/// from conditional permutation with a seed (see `ConditionalPermutationTable`).
public enum GetisOrd {
    public struct Options: Codable, Sendable, Equatable {
        public var contiguity: LatticeWeights.Contiguity
        /// 0 for analytic z only; esda's default is 999.
        public var permutations: Int
        public var seed: UInt64

        public init(contiguity: LatticeWeights.Contiguity = .queen, permutations: Int = 0, seed: UInt64 = 12345) {
            self.contiguity = contiguity
            self.permutations = permutations
            self.seed = seed
        }
    }

    public struct Result: Sendable, Equatable {
        /// G*ᵢ per cell.
        public let g: [Double]
        /// Analytic z-scores per cell.
        public let z: [Double]
        /// Folded pseudo p-values, when permutations were requested.
        public let pValues: [Double]?
    }

    /// Largest permutation count accepted (bounds the work a request can ask for).
    public static let maximumPermutations = 99_999

    /// Gi* for values laid out row-major on a `rows × columns` grid.
    public static func giStar(values y: [Double], rows: Int, columns: Int, options: Options = Options())
        throws(AnalyticsError) -> Result
    {
        guard rows > 0, columns > 0, y.count == rows * columns else {
            throw .invalidField("values", "expected \(rows * columns) cell values, got \(y.count)")
        }
        guard y.count >= 3 else { throw .invalidField("cell", "Gi* needs at least 3 cells") }
        guard (0...maximumPermutations).contains(options.permutations) else {
            throw .invalidField("permutations", "must be 0...\(maximumPermutations)")
        }
        let n = Double(y.count)
        var sum = 0.0, sumSquares = 0.0
        for value in y {
            guard value.isFinite else { throw .invalidField("values", "cell values must be finite") }
            sum += value
            sumSquares += value * value
        }
        guard sum != 0 else { throw .emptyInput("all cells are zero, Gi* is undefined") }
        let mean = sum / n
        let variance = sumSquares / n - mean * mean
        guard variance > 0 else { throw .invalidField("values", "all cells hold the same value, Gi* is undefined") }

        let weights = LatticeWeights(rows: rows, columns: columns, contiguity: options.contiguity)
        var g = [Double](repeating: 0, count: y.count)
        var z = [Double](repeating: 0, count: y.count)
        var neighbourhoodSums = [Double](repeating: 0, count: y.count)
        let ratio = variance / (mean * mean)
        for i in 0..<y.count {
            var local = y[i]
            for k in weights.offsets[i]..<weights.offsets[i + 1] { local += y[weights.neighbours[k]] }
            neighbourhoodSums[i] = local
            let statistic = local / sum
            let cardinality = Double(weights.cardinality(i) + 1)
            let expected = cardinality / n
            var expectedVariance = cardinality * (n - cardinality)
            expectedVariance /= n - 1
            expectedVariance *= 1 / (n * n)
            expectedVariance *= ratio
            g[i] = statistic
            z[i] = (statistic - expected) / expectedVariance.squareRoot()
        }
        var pValues: [Double]?
        if options.permutations > 0 {
            pValues = permutationPValues(y: y, weights: weights, observedSums: neighbourhoodSums, options: options)
        }
        return Result(g: g, z: z, pValues: pValues)
    }

    private static func permutationPValues(
        y: [Double], weights: LatticeWeights, observedSums: [Double], options: Options
    ) -> [Double] {
        let table = ConditionalPermutationTable(
            siteCount: y.count, width: weights.maximumCardinality, permutations: options.permutations,
            seed: options.seed)
        let permutations = options.permutations
        let chunks = Parallel.ranges(count: y.count, chunks: Parallel.chunkCount(for: y.count, minimumPerChunk: 512))
        let parts = Parallel.map(chunks: chunks.count) { chunk -> [Double] in
            var out: [Double] = []
            out.reserveCapacity(chunks[chunk].count)
            y.withUnsafeBufferPointer { values in
                table.draws.withUnsafeBufferPointer { draws in
                    for i in chunks[chunk] {
                        let cardinality = weights.cardinality(i)
                        let observed = observedSums[i]
                        var larger = 0
                        for r in 0..<permutations {
                            var simulated = values[i]
                            let row = r * table.width
                            for k in 0..<cardinality {
                                var index = Int(draws[row + k])
                                if index >= i { index += 1 }
                                simulated += values[index]
                            }
                            if simulated >= observed { larger += 1 }
                        }
                        out.append(ConditionalPermutationTable.foldedPValue(larger: larger, permutations: permutations))
                    }
                }
            }
            return out
        }
        return parts.flatMap { $0 }
    }
}
