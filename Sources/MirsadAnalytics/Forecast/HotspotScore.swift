import Foundation

/// How well a ranking of cells caught the crimes of one forecast period, at one coverage.
///
/// - hit rate n/N: share of the period's crimes inside the flagged cells;
/// - PAI (Chainey et al. 2008) = (n/N) / (a/A), with a flagged cells out of A in the study area;
/// - PEI* (Hunt 2016; White, Hunt & Green 2023) = PAI / PAI*, where PAI* = (n*/N) / (a*/A)
///   uses the best possible a cells (n* the crimes in the a cells that had most) and
///   a* = min(a, number of cells that had any crime) — a perfect forecaster would not flag
///   empty cells, so the ideal is judged on the area it really needs.
public struct HotspotScore: Codable, Sendable, Equatable {
    /// Fraction of the study area flagged (0.01 = 1%).
    public let coverage: Double
    /// a: cells flagged, ⌈coverage · A⌉.
    public let flaggedCells: Int
    /// A: cells in the study area.
    public let areaCells: Int
    /// n: crimes in flagged cells.
    public let hits: Int
    /// N: crimes in the study area.
    public let crimes: Int
    /// n*: crimes in the a best cells.
    public let bestHits: Int
    /// a*: min(a, cells with any crime).
    public let bestCells: Int

    public var hitRate: Double { crimes > 0 ? Double(hits) / Double(crimes) : 0 }
    public var pai: Double { crimes > 0 ? hitRate / (Double(flaggedCells) / Double(areaCells)) : 0 }
    public var paiStar: Double {
        crimes > 0 && bestCells > 0 ? (Double(bestHits) / Double(crimes)) / (Double(bestCells) / Double(areaCells)) : 0
    }
    public var peiStar: Double { paiStar > 0 ? pai / paiStar : 0 }

    /// Scores a ranking: cells of `area` ordered by `score` descending, ties broken by
    /// `tieBreak` descending (e.g. long-term counts), then by cell id.
    public static func evaluate(
        score: [Double], tieBreak: [Double]? = nil, actual: [Int], area: [Int], coverage: Double
    ) throws(AnalyticsError) -> HotspotScore {
        guard coverage > 0, coverage <= 1 else { throw .invalidField("coverage", "must be in (0, 1], got \(coverage)") }
        guard !area.isEmpty else { throw .emptyInput("the study area has no cells") }
        let flagged = min(area.count, Int((coverage * Double(area.count) - 1e-9).rounded(.up)))
        let ranked = area.sorted { a, b in
            if score[a] != score[b] { return score[a] > score[b] }
            if let tieBreak, tieBreak[a] != tieBreak[b] { return tieBreak[a] > tieBreak[b] }
            return a < b
        }
        let hits = ranked.prefix(flagged).reduce(0) { $0 + actual[$1] }
        let crimes = area.reduce(0) { $0 + actual[$1] }
        let best = area.map { actual[$0] }.sorted(by: >)
        let bestHits = best.prefix(flagged).reduce(0, +)
        let withCrime = best.prefix { $0 > 0 }.count
        return HotspotScore(
            coverage: coverage, flaggedCells: flagged, areaCells: area.count, hits: hits, crimes: crimes,
            bestHits: bestHits, bestCells: min(flagged, withCrime))
    }
}
