import Foundation
import MirsadAnalytics
import MirsadTestSupport
import Testing

@Suite("Getis-Ord Gi*")
struct GetisOrdTests {
    @Test(
        "Houston 250 m grid matches esda 2.9.0 to 1e-9 in every cell",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func matchesEsdaReference() throws {
        let houston = try #require(HoustonData.loaded)
        #expect(houston.events.count == 86_072)
        let grid = houston.grid
        #expect(grid.columns == 302 && grid.rows == 290)
        let counts = grid.counts(of: houston.events.map(\.position))
        let result = try GetisOrd.giStar(values: counts.map(Double.init), rows: grid.rows, columns: grid.columns)
        let reference = try HoustonData.giStarReference()
        #expect(reference.count == grid.cellCount)
        var worst = 0.0
        var countMismatches = 0
        var above = 0
        for row in reference {
            let id = grid.id(ix: row.ix, iy: row.iy)
            if counts[id] != row.count { countMismatches += 1 }
            worst = max(worst, abs(result.z[id] - row.z))
            if result.z[id] > 1.96 { above += 1 }
        }
        #expect(countMismatches == 0)
        #expect(worst <= 1e-9)
        #expect(above == 5_077)
        let top = try #require(result.z.indices.max { result.z[$0] < result.z[$1] })
        #expect(top == grid.id(ix: 183, iy: 108))
        #expect(abs(result.z[top] - 41.349) < 1e-3)
    }

    @Test("rook weights and a hand-computed 3×3 lattice")
    func handComputed() throws {
        // One event in the centre of a 3×3 grid: with queen weights every cell sees it.
        var values = [Double](repeating: 0, count: 9)
        values[4] = 1
        let queen = try GetisOrd.giStar(values: values, rows: 3, columns: 3)
        #expect(queen.g.allSatisfy { $0 == 1 })
        let rook = try GetisOrd.giStar(values: values, rows: 3, columns: 3, options: .init(contiguity: .rook))
        #expect(rook.g[0] == 0 && rook.g[1] == 1 && rook.g[4] == 1)
        // Centre cell, rook: c = 5, n = 9, ȳ = 1/9, s² = 1/9 − 1/81.
        let n = 9.0, c = 5.0, mean = 1.0 / 9, variance = 1.0 / 9 - mean * mean
        let expectedZ = (1 - c / n) / (c * (n - c) / (n - 1) / (n * n) * variance / (mean * mean)).squareRoot()
        #expect(abs(rook.z[4] - expectedZ) < 1e-12)
    }

    @Test("permutation p-values are seeded, folded and flag the Houston peak")
    func permutations() throws {
        var values = [Double](repeating: 0, count: 20 * 20)
        for (ix, iy) in [(9, 9), (10, 9), (9, 10), (10, 10), (11, 10), (10, 11)] { values[iy * 20 + ix] = 12 }
        for k in stride(from: 0, to: 400, by: 37) { values[k] += 1 }
        let options = GetisOrd.Options(permutations: 999, seed: 7)
        let a = try GetisOrd.giStar(values: values, rows: 20, columns: 20, options: options)
        let b = try GetisOrd.giStar(values: values, rows: 20, columns: 20, options: options)
        #expect(a.pValues == b.pValues)
        let p = try #require(a.pValues)
        #expect(p[10 * 20 + 10] == 0.001)
        #expect(p.allSatisfy { $0 > 0 && $0 <= 0.501 })
        let other = try GetisOrd.giStar(
            values: values, rows: 20, columns: 20, options: .init(permutations: 999, seed: 8))
        #expect(other.pValues != a.pValues)
    }

    @Test("degenerate input is rejected with the field name")
    func rejectsDegenerate() {
        #expect(throws: AnalyticsError.emptyInput("all cells are zero, Gi* is undefined")) {
            try GetisOrd.giStar(values: [0, 0, 0, 0], rows: 2, columns: 2)
        }
        #expect(throws: AnalyticsError.invalidField("values", "expected 6 cell values, got 4")) {
            try GetisOrd.giStar(values: [1, 0, 0, 0], rows: 2, columns: 3)
        }
        #expect(throws: AnalyticsError.invalidField("values", "all cells hold the same value, Gi* is undefined")) {
            try GetisOrd.giStar(values: [2, 2, 2, 2], rows: 2, columns: 2)
        }
    }
}
