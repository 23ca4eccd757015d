/// Conditional randomisation as PySAL esda does it: one table of `permutations` draws of
/// `maxCardinality` distinct indices from the n − 1 *other* sites, shared by every site i
/// (index k ≥ i is read as k + 1 so site i never draws itself). The pseudo p-value is folded
/// ("directed"): with `larger` simulated statistics ≥ the observed one,
/// `p = (min(larger, permutations − larger) + 1) / (permutations + 1)`.
struct ConditionalPermutationTable: Sendable {
    let permutations: Int
    let width: Int
    /// Row-major `permutations × width` draws from `0..<(n-1)`.
    let draws: [Int32]

    init(siteCount n: Int, width: Int, permutations: Int, seed: UInt64) {
        self.permutations = permutations
        self.width = width
        var generator = SeededGenerator(seed: seed)
        var draws = [Int32](repeating: 0, count: permutations * width)
        var chosen = Set<Int>()
        chosen.reserveCapacity(width * 2)
        let pool = n - 1
        for r in 0..<permutations {
            chosen.removeAll(keepingCapacity: true)
            var k = 0
            if width >= pool {
                // Degenerate tiny lattices: take every other site in random order.
                var all = Array(0..<pool)
                all.shuffle(using: &generator)
                for j in 0..<width { draws[r * width + j] = Int32(j < pool ? all[j] : all[j % max(pool, 1)]) }
                continue
            }
            while k < width {
                let candidate = generator.below(pool)
                if chosen.insert(candidate).inserted {
                    draws[r * width + k] = Int32(candidate)
                    k += 1
                }
            }
        }
        self.draws = draws
    }

    /// The folded pseudo p-value for `larger` simulated values ≥ the observed one.
    static func foldedPValue(larger: Int, permutations: Int) -> Double {
        let extreme = min(larger, permutations - larger)
        return Double(extreme + 1) / Double(permutations + 1)
    }
}
