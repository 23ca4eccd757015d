import Foundation

/// Local Moran's I (Anselin 1995) on a grid, as PySAL esda's `Moran_Local`:
/// values standardised by the population standard deviation, neighbours by queen or rook
/// contiguity *without* the cell itself, row-standardised weights by default.
///
///     Iᵢ = (n − 1) · zᵢ · Σⱼ wᵢⱼ zⱼ / Σₖ zₖ²
///
/// Analytic moments under total randomisation (esda's `EI`, `VI`, after Sokal et al. 1998)
/// give a z-score; conditional permutations give folded pseudo p-values; the quadrant is
/// 1 high-high, 2 low-high, 3 low-low, 4 high-low.
public enum LocalMoran {
    public enum Transformation: String, Codable, Sendable, CaseIterable {
        /// Row-standardised (esda "r", its default): each neighbour weighs 1/cardinality.
        case rowStandardized = "r"
        /// Binary (esda "b"): each neighbour weighs 1.
        case binary = "b"
    }

    public struct Options: Codable, Sendable, Equatable {
        public var contiguity: LatticeWeights.Contiguity
        public var transformation: Transformation
        public var permutations: Int
        public var seed: UInt64

        public init(
            contiguity: LatticeWeights.Contiguity = .queen, transformation: Transformation = .rowStandardized,
            permutations: Int = 0, seed: UInt64 = 12345
        ) {
            self.contiguity = contiguity
            self.transformation = transformation
            self.permutations = permutations
            self.seed = seed
        }
    }

    public struct Result: Sendable, Equatable {
        public let i: [Double]
        /// Expected Iᵢ under total randomisation.
        public let expected: [Double]
        /// Variance of Iᵢ under total randomisation.
        public let variance: [Double]
        /// (Iᵢ − E) / √V.
        public let z: [Double]
        /// 1 HH, 2 LH, 3 LL, 4 HL.
        public let quadrant: [Int]
        public let pValues: [Double]?
    }

    public static func compute(values y: [Double], rows: Int, columns: Int, options: Options = Options())
        throws(AnalyticsError) -> Result
    {
        guard rows > 0, columns > 0, y.count == rows * columns else {
            throw .invalidField("values", "expected \(rows * columns) cell values, got \(y.count)")
        }
        guard y.count >= 3 else { throw .invalidField("cell", "local Moran needs at least 3 cells") }
        guard (0...GetisOrd.maximumPermutations).contains(options.permutations) else {
            throw .invalidField("permutations", "must be 0...\(GetisOrd.maximumPermutations)")
        }
        let count = y.count
        let n = Double(count)
        var mean = 0.0
        for value in y {
            guard value.isFinite else { throw .invalidField("values", "cell values must be finite") }
            mean += value
        }
        mean /= n
        var sumSquares = 0.0
        for value in y { sumSquares += (value - mean) * (value - mean) }
        let std = (sumSquares / n).squareRoot()
        guard std > 0 else { throw .invalidField("values", "all cells hold the same value, Moran's I is undefined") }
        let z = y.map { ($0 - mean) / std }
        var den = 0.0, fourth = 0.0
        for value in z {
            den += value * value
            fourth += value * value * value * value
        }
        let weights = LatticeWeights(rows: rows, columns: columns, contiguity: options.contiguity)
        let m2 = den / n
        let b2 = (fourth / n) / (m2 * m2)
        var localI = [Double](repeating: 0, count: count)
        var expected = [Double](repeating: 0, count: count)
        var variance = [Double](repeating: 0, count: count)
        var zScores = [Double](repeating: 0, count: count)
        var quadrant = [Int](repeating: 0, count: count)
        let n1 = n - 1
        for i in 0..<count {
            let cardinality = weights.cardinality(i)
            let weight = weight(options.transformation, cardinality: cardinality)
            var lag = 0.0
            for k in weights.offsets[i]..<weights.offsets[i + 1] { lag += weight * z[weights.neighbours[k]] }
            localI[i] = n1 * z[i] * lag / den
            let wi = weight * Double(cardinality)
            let wi2 = weight * weight * Double(cardinality)
            expected[i] = -wi / n1
            var v = wi2 * (n - b2) / n1
            v += (wi * wi - wi2) * (2 * b2 - n) / (n1 * (n - 2))
            v -= (-wi / n1) * (-wi / n1)
            variance[i] = v
            zScores[i] = v > 0 ? (localI[i] - expected[i]) / v.squareRoot() : 0
            let high = z[i] > 0, lagHigh = lag > 0
            quadrant[i] = high ? (lagHigh ? 1 : 4) : (lagHigh ? 2 : 3)
        }
        var pValues: [Double]?
        if options.permutations > 0 {
            pValues = permutationPValues(z: z, den: den, observed: localI, weights: weights, options: options)
        }
        return Result(
            i: localI, expected: expected, variance: variance, z: zScores, quadrant: quadrant, pValues: pValues)
    }

    @inline(__always)
    private static func weight(_ transformation: Transformation, cardinality: Int) -> Double {
        switch transformation {
        case .rowStandardized: cardinality > 0 ? 1 / Double(cardinality) : 0
        case .binary: 1
        }
    }

    private static func permutationPValues(
        z: [Double], den: Double, observed: [Double], weights: LatticeWeights, options: Options
    ) -> [Double] {
        let table = ConditionalPermutationTable(
            siteCount: z.count, width: weights.maximumCardinality, permutations: options.permutations,
            seed: options.seed)
        let permutations = options.permutations
        let scaling = Double(z.count - 1) / den
        let transformation = options.transformation
        let chunks = Parallel.ranges(count: z.count, chunks: Parallel.chunkCount(for: z.count, minimumPerChunk: 512))
        let parts = Parallel.map(chunks: chunks.count) { chunk -> [Double] in
            var out: [Double] = []
            out.reserveCapacity(chunks[chunk].count)
            z.withUnsafeBufferPointer { values in
                table.draws.withUnsafeBufferPointer { draws in
                    for i in chunks[chunk] {
                        let cardinality = weights.cardinality(i)
                        let w = weight(transformation, cardinality: cardinality)
                        let factor = values[i] * scaling * w
                        var larger = 0
                        for r in 0..<permutations {
                            var lag = 0.0
                            let row = r * table.width
                            for k in 0..<cardinality {
                                var index = Int(draws[row + k])
                                if index >= i { index += 1 }
                                lag += values[index]
                            }
                            if factor * lag >= observed[i] { larger += 1 }
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
