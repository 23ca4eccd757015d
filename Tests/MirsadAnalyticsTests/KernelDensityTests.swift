import Foundation
import MirsadAnalytics
import MirsadGeodesy
import MirsadTestSupport
import Testing

@Suite("Kernel density")
struct KernelDensityTests {
    /// Largest relative error of the engine against brute force over every cell.
    static func worstRelativeError(points: [PlanarPoint], grid: GridSpec, options: KernelDensity.Options) throws -> (
        Double, KernelDensity.Statistics
    ) {
        let (values, statistics) = try KernelDensity.estimateWithStatistics(points, grid: grid, options: options)
        var worst = 0.0
        for iy in 0..<grid.rows {
            for ix in 0..<grid.columns {
                let exact = KernelDensity.exactDensity(
                    at: grid.centre(ix: ix, iy: iy), points: points, options: options)
                let value = values[grid.id(ix: ix, iy: iy)]
                if exact == 0 {
                    #expect(value == 0)
                } else {
                    worst = max(worst, abs(value - exact) / exact)
                }
            }
        }
        return (worst, statistics)
    }

    static func houstonSample(stride step: Int) throws -> [PlanarPoint] {
        let houston = try #require(HoustonData.loaded)
        return Swift.stride(from: 0, to: houston.events.count, by: step).map { houston.events[$0].position }
    }

    @Test(
        "Gaussian: city-wide grid with far, empty cells stays within 1e-3 of the exact sum",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func gaussianCityWide() throws {
        let points = try Self.houstonSample(stride: 29)
        let grid = try GridSpec.fitting(points, columns: 70, rows: 70, crs: .planar(epsg: nil))
        let (worst, statistics) = try Self.worstRelativeError(
            points: points, grid: grid, options: .init(kernel: .gaussian, bandwidth: 300))
        #expect(worst <= 1e-3)
        // Both the window and the exact path were exercised.
        #expect(statistics.windowCells > 0 && statistics.exactCells > 0)
    }

    @Test(
        "Gaussian: fine cells in a dense district stay within 1e-3",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func gaussianDense() throws {
        let all = try Self.houstonSample(stride: 3)
        let centre = PlanarPoint(x: 271_000, y: 3_294_000)
        let points = all.filter { abs($0.x - centre.x) < 6_000 && abs($0.y - centre.y) < 6_000 }
        #expect(points.count > 1_000)
        let grid = try GridSpec(
            originX: centre.x - 5_000, originY: centre.y - 5_000, cellSize: 125, columns: 80, rows: 80,
            crs: .planar(epsg: nil))
        let (worst, statistics) = try Self.worstRelativeError(
            points: points, grid: grid, options: .init(kernel: .gaussian, bandwidth: 300))
        #expect(worst <= 1e-3)
        #expect(statistics.windowCells > statistics.exactCells)
    }

    @Test(
        "Quartic kernel equals the exact sum",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.absentMessage)))
    func quartic() throws {
        let points = try Self.houstonSample(stride: 11)
        let grid = try GridSpec.fitting(points, columns: 90, rows: 90, crs: .planar(epsg: nil))
        let (worst, _) = try Self.worstRelativeError(
            points: points, grid: grid, options: .init(kernel: .quartic, bandwidth: 1_500))
        #expect(worst <= 1e-12)
    }

    @Test("a single point integrates to one event over the plane")
    func integratesToOne() throws {
        let point = PlanarPoint(x: 1_000, y: 1_000)
        let grid = try GridSpec(originX: 0, originY: 0, cellSize: 20, columns: 100, rows: 100, crs: .planar(epsg: nil))
        for kernel in KernelDensity.Kernel.allCases {
            let values = try KernelDensity.estimate([point], grid: grid, options: .init(kernel: kernel, bandwidth: 200))
            let total = values.reduce(0, +) * 20 * 20 / 1_000_000
            #expect(abs(total - 1) < 1e-3)
        }
    }

    @Test("weights scale the density and bad parameters name their field")
    func weightsAndErrors() throws {
        let points = [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 300, y: 100)]
        let grid = try GridSpec(
            originX: -500, originY: -500, cellSize: 50, columns: 20, rows: 20, crs: .planar(epsg: nil))
        let single = try KernelDensity.estimate(points, grid: grid, options: .init(bandwidth: 150))
        let doubled = try KernelDensity.estimate(points, weights: [2, 2], grid: grid, options: .init(bandwidth: 150))
        for k in single.indices { #expect(abs(doubled[k] - 2 * single[k]) <= 1e-12 * max(1, single[k])) }
        #expect(throws: AnalyticsError.invalidField("bandwidth", "must be a positive number of metres, got 0.0")) {
            try KernelDensity.estimate(points, grid: grid, options: .init(bandwidth: 0))
        }
        #expect(throws: AnalyticsError.invalidField("weights[1]", "weights must be finite and non-negative")) {
            try KernelDensity.estimate(points, weights: [1, -1], grid: grid, options: .init(bandwidth: 100))
        }
    }
}
