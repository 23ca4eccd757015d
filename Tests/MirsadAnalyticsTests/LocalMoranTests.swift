import Foundation
import MirsadAnalytics
import Testing

@Suite("Local Moran's I")
struct LocalMoranTests {
    @Test("matches esda Moran_Local (I, EI, VI, z, quadrant) to 1e-9", arguments: LocalMoran.Transformation.allCases)
    func matchesEsda(transformation: LocalMoran.Transformation) throws {
        let result = try LocalMoran.compute(
            values: MoranFixture.counts, rows: MoranFixture.rows, columns: MoranFixture.columns,
            options: .init(contiguity: .queen, transformation: transformation))
        let row = transformation == .rowStandardized
        let i = row ? MoranFixture.rowStandardizedI : MoranFixture.binaryI
        let ei = row ? MoranFixture.rowStandardizedEI : MoranFixture.binaryEI
        let vi = row ? MoranFixture.rowStandardizedVI : MoranFixture.binaryVI
        let z = row ? MoranFixture.rowStandardizedZ : MoranFixture.binaryZ
        let q = row ? MoranFixture.rowStandardizedQuadrant : MoranFixture.binaryQuadrant
        for k in i.indices {
            #expect(abs(result.i[k] - i[k]) <= 1e-9)
            #expect(abs(result.expected[k] - ei[k]) <= 1e-9)
            #expect(abs(result.variance[k] - vi[k]) <= 1e-9)
            #expect(abs(result.z[k] - z[k]) <= 1e-9)
        }
        #expect(result.quadrant == q)
    }

    @Test("permutation p-values agree with esda's 9,999-permutation p_sim within Monte-Carlo error")
    func permutationSemanticsMatchEsda() throws {
        let moran = try LocalMoran.compute(
            values: MoranFixture.counts, rows: MoranFixture.rows, columns: MoranFixture.columns,
            options: .init(permutations: 9_999, seed: 3))
        let gi = try GetisOrd.giStar(
            values: MoranFixture.counts, rows: MoranFixture.rows, columns: MoranFixture.columns,
            options: .init(permutations: 9_999, seed: 3))
        for (ours, theirs) in [
            (try #require(moran.pValues), MoranFixture.rowStandardizedPSim9999),
            (try #require(gi.pValues), MoranFixture.giStarPSim9999),
        ] {
            for k in ours.indices {
                // Both are binomial estimates from 9,999 draws: 5 combined standard errors.
                let p = max(theirs[k], 1e-4)
                let tolerance = 5 * (2 * p * (1 - p) / 9_999).squareRoot() + 2e-4
                #expect(abs(ours[k] - theirs[k]) <= tolerance, "cell \(k): \(ours[k]) vs \(theirs[k])")
            }
        }
        for k in gi.z.indices { #expect(abs(gi.z[k] - MoranFixture.giStarZ[k]) <= 1e-9) }
    }
}
