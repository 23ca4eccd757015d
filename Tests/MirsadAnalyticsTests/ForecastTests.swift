import Foundation
import MirsadAnalytics
import MirsadGeodesy
import MirsadTestSupport
import Testing

@Suite("Self-exciting forecast and hot-spot evaluation")
struct ForecastTests {
    /// Simulates the model by its branching structure: background events uniform over a
    /// 5 km square, each with Poisson(θ) children after Exp(ω) days, displaced N(0, σ²).
    static func simulate(
        theta: Double, omega: Double, sigma: Double, backgroundPerDay: Double, days: Double, seed: UInt64
    ) -> [AnalyticEvent] {
        var rng = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        func normal() -> Double { (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * .pi * uniform()) }
        func poisson(_ mean: Double) -> Int {
            // Knuth's method, in pieces of at most 20 so exp(−mean) does not underflow.
            var total = 0
            var remaining = mean
            while remaining > 0 {
                let piece = min(remaining, 20)
                remaining -= piece
                var k = 0, p = 1.0
                let limit = exp(-piece)
                repeat { k += 1; p *= uniform() } while p > limit
                total += k - 1
            }
            return total
        }
        var pending: [(Double, PlanarPoint)] = []
        for _ in 0..<poisson(backgroundPerDay * days) {
            pending.append((uniform() * days, PlanarPoint(x: 1_000 + uniform() * 5_000, y: 1_000 + uniform() * 5_000)))
        }
        var all: [(Double, PlanarPoint)] = []
        while let (t, p) = pending.popLast() {
            all.append((t, p))
            for _ in 0..<poisson(theta) {
                let child = t - log(max(uniform(), 1e-300)) / omega
                if child < days {
                    pending.append((child, PlanarPoint(x: p.x + sigma * normal(), y: p.y + sigma * normal())))
                }
            }
        }
        return all.map {
            AnalyticEvent(position: $0.1, time: Date(timeIntervalSince1970: 1_262_304_000 + $0.0 * 86_400))
        }
    }

    @Test("EM recovers the parameters of a simulated process")
    func recoversSimulatedParameters() throws {
        let events = Self.simulate(theta: 0.4, omega: 0.2, sigma: 150, backgroundPerDay: 6, days: 240, seed: 11)
        #expect(events.count > 2_000)
        let grid = try GridSpec(originX: 0, originY: 0, cellSize: 250, columns: 28, rows: 28, crs: .planar(epsg: nil))
        let end = Date(timeIntervalSince1970: 1_262_304_000 + 240 * 86_400)
        // A wide variable-bandwidth background (k = 50) suits the uniform simulated background;
        // narrower backgrounds absorb some offspring and bias θ low.
        let model = try SelfExcitingModel.fit(
            events, grid: grid, end: end, options: .init(minimumSigma: 10, backgroundNeighbours: 50))
        #expect(abs(model.theta - 0.4) < 0.08, "θ = \(model.theta)")
        #expect(abs(model.omega - 0.2) / 0.2 < 0.25, "ω = \(model.omega)")
        #expect(abs(model.sigma - 150) / 150 < 0.15, "σ = \(model.sigma)")
        // The forecast is an expected count: its total is background plus expected offspring.
        let forecast = try model.forecast(history: events, from: end, horizonDays: 7)
        let background = model.background.reduce(0, +) * 7
        #expect(forecast.reduce(0, +) > background)
        #expect(abs(background - 6 * 7) / (6 * 7) < 0.2, "background \(background) per week")
    }

    @Test("hot-spot scores: PAI, PEI* and the tie rule on a hand-made week")
    func scoreDefinitions() throws {
        // 10 cells, 20% coverage → 2 flagged. Crimes: cell 3 has 2, cell 7 has 1.
        let score: [Double] = [0, 5, 1, 5, 0, 0, 0, 4, 0, 0]
        let tie: [Double] = [0, 1, 0, 2, 0, 0, 0, 0, 0, 0]
        let actual = [0, 0, 0, 2, 0, 0, 0, 1, 0, 0]
        let s = try HotspotScore.evaluate(
            score: score, tieBreak: tie, actual: actual, area: Array(0..<10), coverage: 0.2)
        #expect(s.flaggedCells == 2 && s.hits == 2 && s.crimes == 3)  // cells 3 and 1 (tie broken by cell 3's history)
        #expect(abs(s.pai - (2.0 / 3) / 0.2) < 1e-12)
        #expect(s.bestHits == 3 && s.bestCells == 2)
        #expect(abs(s.peiStar - 2.0 / 3) < 1e-12)
        // 50% coverage: 5 flagged but only 2 cells had crime, so PAI* uses a* = 2.
        let wide = try HotspotScore.evaluate(
            score: score, tieBreak: tie, actual: actual, area: Array(0..<10), coverage: 0.5)
        #expect(wide.bestCells == 2 && wide.hits == 3)
        #expect(abs(wide.peiStar - (1.0 / 0.5) / (1.0 / 0.2)) < 1e-12)
        #expect(throws: AnalyticsError.self) {
            try HotspotScore.evaluate(score: score, actual: actual, area: [], coverage: 0.1)
        }
    }

    @Test(
        "Houston burglary baselines reproduce the issue's PAI 10.6 / 11.7 at 1% and 5.5 / 5.9 at 5%",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func houstonBaselines() throws {
        let houston = try #require(HoustonData.loaded)
        let burglary = houston.events.filter { $0.category == "burglary" }
        let area = Set(
            houston.events.compactMap { e in
                houston.grid.cell(containing: e.position).map { houston.grid.id(ix: $0.ix, iy: $0.iy) }
            }
        ).sorted()
        #expect(area.count == 11_704)
        let report = try RollingEvaluation.run(
            burglary, grid: houston.grid, area: area, options: .init(methods: [.priorWeeks(4), .allPrior]))
        #expect(report.testStarts.count == 30)
        let expected: [(RollingEvaluation.Method, Double, Double)] = [
            (.priorWeeks(4), 0.01, 10.6), (.allPrior, 0.01, 11.7), (.priorWeeks(4), 0.05, 5.5), (.allPrior, 0.05, 5.9),
        ]
        for (method, coverage, pai) in expected {
            let summary = try #require(report.summary(method, coverage: coverage))
            #expect(abs(summary.pai - pai) <= 0.06, "\(method) at \(coverage): \(summary.pai)")
            #expect(summary.peiStar > 0 && summary.peiStar < 1)
        }
    }

    @Test("bad forecast parameters name their field")
    func rejectsBadOptions() throws {
        let grid = try GridSpec(originX: 0, originY: 0, cellSize: 100, columns: 5, rows: 5, crs: .planar(epsg: nil))
        let events = [AnalyticEvent(position: .init(x: 50, y: 50), time: Date(timeIntervalSince1970: 0))]
        #expect(throws: AnalyticsError.emptyInput("the forecast needs at least two dated events inside the grid")) {
            try SelfExcitingModel.fit(events, grid: grid)
        }
        #expect(throws: AnalyticsError.invalidField("minimumSigma", "must be positive metres")) {
            try SelfExcitingModel.fit(events, grid: grid, options: .init(minimumSigma: 0))
        }
        #expect(throws: AnalyticsError.invalidField("points[0].time", "the forecast needs a time for every event")) {
            try SelfExcitingModel.fit([AnalyticEvent(position: .init(x: 1, y: 1))], grid: grid)
        }
    }
}
