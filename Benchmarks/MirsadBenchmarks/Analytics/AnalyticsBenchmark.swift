import ArgumentParser
import Foundation
import MirsadAnalytics

/// `mirsad-bench analytics`: the analytics engine on the real Houston and Chicago data, with
/// the Python peers (PySAL esda, scikit-learn, numpy, pointpats) run in the same process
/// session so the figures are side by side. Build and run in release.
struct AnalyticsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics",
        abstract:
            "Benchmark Gi*, local Moran, KDE, Knox and the self-exciting forecast against esda, scikit-learn, numpy and pointpats."
    )

    @Option(help: "The shared data directory (default: $MIRSAD_SHARED_DATA or ../shared/data).")
    var data: String?

    @Option(help: "Python interpreter for the peers.")
    var python: String = "python3"

    @Option(help: "Folder of the peer scripts.")
    var scripts: String = "scripts/peers/analytics"

    @Flag(name: .customLong("no-peers"), help: "Run the Swift side only.")
    var noPeers = false

    @Option(
        name: .customLong("kde-peer-row-stride"),
        help: "Evaluate scikit-learn on every N-th grid row and scale its time (1 = the full 500×500, about 100 s).")
    var kdePeerRowStride: Int = 1

    @Option(help: "Timed repetitions of each Swift figure (the median is reported).")
    var repeats: Int = 5

    @Flag(
        name: .customLong("skip-evaluation"), help: "Skip the 30-week rolling forecast evaluation (the slowest part).")
    var skipEvaluation = false

    func run() async throws {
        guard let directory = AnalyticsBenchmarkData.locate(data) else {
            throw ValidationError("shared data not found: pass --data or set MIRSAD_SHARED_DATA")
        }
        let peers =
            noPeers
            ? nil : AnalyticsPythonPeer(python: python, scripts: URL(fileURLWithPath: scripts).standardizedFileURL)
        let data = try AnalyticsBenchmarkData(directory: directory)
        var report = AnalyticsReport()
        print(
            "Mirsad analytics benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, data \(directory.path)"
        )
        print(
            String(
                format:
                    "Houston: %d events in the reference box, %d×%d cells of 250 m (loaded and projected in %.2f s)",
                data.houston.count, data.houstonGrid.columns, data.houstonGrid.rows, data.houstonLoadSeconds))
        try await giStar(data, peers, &report)
        try await moran(data, peers, &report)
        try await kde(data, peers, &report)
        try await knox(data, peers, &report)
        try forecast(data, &report)
        report.print()
    }

    private func median(_ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let clock = ContinuousClock()
            let start = clock.now
            try body()
            times.append((clock.now - start).analyticsSeconds)
        }
        return times.sorted()[times.count / 2]
    }

    // MARK: Gi*

    private func giStar(_ data: AnalyticsBenchmarkData, _ peers: AnalyticsPythonPeer?, _ report: inout AnalyticsReport)
        async throws
    {
        print("\n== Getis-Ord Gi*, queen incl. self, Houston 250 m")
        let grid = data.houstonGrid
        let points = data.houston.map(\.position)
        var result: GetisOrd.Result?
        let seconds = try median {
            let counts = grid.counts(of: points).map(Double.init)
            result = try GetisOrd.giStar(values: counts, rows: grid.rows, columns: grid.columns)
        }
        let reference = try data.giStarReference()
        let z = result?.z ?? []
        let worst = zip(z, reference).map { abs($0 - $1) }.max() ?? .nan
        print(
            String(
                format: "  Swift: %.4f s (counting + weights + z), max |z − esda reference| = %.1e, cells z > 1.96: %d",
                seconds, worst, z.filter { $0 > 1.96 }.count))
        var permutationSeconds = 0.0
        let clock = ContinuousClock()
        let counts = grid.counts(of: points).map(Double.init)
        permutationSeconds = try clock.measure {
            _ = try GetisOrd.giStar(
                values: counts, rows: grid.rows, columns: grid.columns, options: .init(permutations: 999, seed: 1))
        }.analyticsSeconds
        print(String(format: "  Swift: %.2f s with 999 conditional permutations", permutationSeconds))
        var peerText = "skipped"
        var peerPermutations = "skipped"
        if let peers {
            switch await peers.run(
                script: "gistar_esda.py", arguments: [data.directory.path, "999"],
                needs: ["esda", "libpysal", "pyproj"], install: "esda libpysal pyproj")
            {
            case .figures(let f):
                let g = f["gistar_seconds"] as? Double ?? .nan, w = f["weights_seconds"] as? Double ?? .nan
                let p = f["permutation_seconds"] as? Double ?? .nan
                print(
                    String(
                        format:
                            "  esda: %.2f s (+ %.2f s weights), max |z − reference| = %.1e; 999 permutations %.2f s",
                        g, w, f["max_abs_diff"] as? Double ?? .nan, p))
                peerText = String(format: "%.2f s (+%.2f s weights)", g, w)
                peerPermutations = String(format: "%.2f s", p)
            case .skipped(let why):
                print("  esda: \(why)")
            }
        }
        report.add(
            "Gi* analytic, Houston 250 m (87,580 cells)", target: "≤ 0.1 s, identical z",
            swift: String(format: "%.4f s, max |Δz| %.0e", seconds, worst), peer: "esda \(peerText)")
        report.add(
            "Gi* 999 permutations", target: "—", swift: String(format: "%.2f s", permutationSeconds),
            peer: "esda \(peerPermutations)")
    }

    // MARK: Local Moran

    private func moran(_ data: AnalyticsBenchmarkData, _ peers: AnalyticsPythonPeer?, _ report: inout AnalyticsReport)
        async throws
    {
        print("\n== Local Moran's I, queen, row-standardised, Houston 250 m")
        let grid = data.houstonGrid
        let counts = grid.counts(of: data.houston.map(\.position)).map(Double.init)
        let analytic = try median { _ = try LocalMoran.compute(values: counts, rows: grid.rows, columns: grid.columns) }
        let clock = ContinuousClock()
        var result: LocalMoran.Result?
        let permuted = try clock.measure {
            result = try LocalMoran.compute(
                values: counts, rows: grid.rows, columns: grid.columns, options: .init(permutations: 999, seed: 1))
        }.analyticsSeconds
        let hh =
            result.map { r in r.quadrant.indices.filter { r.quadrant[$0] == 1 && (r.pValues?[$0] ?? 1) <= 0.05 }.count }
            ?? 0
        print(
            String(
                format: "  Swift: analytic %.4f s, 999 permutations %.2f s, significant high-high cells %d", analytic,
                permuted, hh))
        var peerText = "skipped"
        if let peers {
            switch await peers.run(
                script: "moran_esda.py", arguments: [data.directory.path], needs: ["esda", "libpysal", "pyproj"],
                install: "esda libpysal pyproj")
            {
            case .figures(let f):
                let a = f["analytic_seconds"] as? Double ?? .nan, p = f["permutation_seconds"] as? Double ?? .nan
                print(
                    String(
                        format: "  esda: analytic %.2f s, 999 permutations %.2f s, significant high-high cells %d", a,
                        p, f["significant_hh"] as? Int ?? -1))
                peerText = String(format: "%.2f s / %.2f s", a, p)
            case .skipped(let why):
                print("  esda: \(why)")
            }
        }
        report.add(
            "Local Moran analytic / 999 permutations", target: "—",
            swift: String(format: "%.4f s / %.2f s", analytic, permuted), peer: "esda \(peerText)")
    }

    // MARK: KDE

    private func kde(_ data: AnalyticsBenchmarkData, _ peers: AnalyticsPythonPeer?, _ report: inout AnalyticsReport)
        async throws
    {
        print("\n== Gaussian KDE, bandwidth 300 m, 500×500 grid over Houston (rtol 1e-3)")
        let points = data.houston.map(\.position)
        let grid = try GridSpec.fitting(points, columns: 500, rows: 500, crs: data.houstonGrid.crs)
        let options = KernelDensity.Options(kernel: .gaussian, bandwidth: 300, relativeTolerance: 1e-3)
        var values: [Double] = []
        var statistics = KernelDensity.Statistics()
        let seconds = try median {
            (values, statistics) = try KernelDensity.estimateWithStatistics(points, grid: grid, options: options)
        }
        // Exact check on a deterministic sample of cells (brute force over all points).
        var generator = SeededGenerator(seed: 5)
        var worst = 0.0
        for _ in 0..<400 {
            let id = generator.below(grid.cellCount)
            let exact = KernelDensity.exactDensity(
                at: grid.centre(ix: id % grid.columns, iy: id / grid.columns), points: points, options: options)
            if exact > 0 { worst = max(worst, abs(values[id] - exact) / exact) }
        }
        print(
            String(
                format:
                    "  Swift: %.3f s (cell %.1f m; %d cells by windows, %d summed exactly far from the data); max relative error on 400 sampled cells %.1e",
                seconds, grid.cellSize, statistics.windowCells, statistics.exactCells, worst))
        var peerText = "skipped"
        if let peers {
            switch await peers.run(
                script: "kde_sklearn.py", arguments: [data.directory.path, "300", String(kdePeerRowStride)],
                needs: ["sklearn", "pyproj"], install: "scikit-learn pyproj")
            {
            case .figures(let f):
                let s = f["seconds"] as? Double ?? .nan
                var agreement = 0.0
                for probe in f["probes"] as? [[Any]] ?? [] {
                    if probe.count == 3, let iy = probe[0] as? Int, let ix = probe[1] as? Int,
                        let theirs = probe[2] as? Double, theirs > 0
                    {
                        agreement = max(agreement, abs(values[grid.id(ix: ix, iy: iy)] - theirs) / theirs)
                    }
                }
                let scaled =
                    kdePeerRowStride > 1
                    ? String(format: " (measured on every %dth row, scaled)", kdePeerRowStride) : ""
                print(
                    String(
                        format:
                            "  scikit-learn KernelDensity(rtol=1e-3): %.1f s%@; largest relative difference from Swift at 6 probe cells %.1e",
                        s, scaled, agreement))
                peerText = String(format: "scikit-learn %.1f s", s)
            case .skipped(let why):
                print("  scikit-learn: \(why)")
            }
        }
        report.add(
            "KDE 500×500, h = 300 m, rtol 1e-3", target: "≤ 1 s",
            swift: String(format: "%.3f s, max rel. err %.0e", seconds, worst), peer: peerText)
    }

    // MARK: Knox

    private func knox(_ data: AnalyticsBenchmarkData, _ peers: AnalyticsPythonPeer?, _ report: inout AnalyticsReport)
        async throws
    {
        print(
            "\n== Knox table, 999 permutations, Chicago burglary 2015-12-31..2016-01-31 (200 m × 3, 7 days × 3, Manhattan, single precision)"
        )
        let events = try data.chicagoBurglary(before: "2016-02-01")
        let options = KnoxTest.Options(
            distanceBand: 200, distanceBands: 3, timeBand: 7, timeBands: 3, metric: .manhattan, permutations: 999,
            seed: 1)
        var table: KnoxTest.Table?
        let seconds = try median { table = try KnoxTest.analyze(events, options: options) }
        let observed = table?.cells.map(\.observed) ?? []
        print(String(format: "  Swift: %.3f s for %d events (%d pairs)", seconds, events.count, table?.pairCount ?? 0))
        // NRC reproduction timing on its own example.
        let arson = try data.chicagoArson()
        let nrcSeconds = try median {
            _ = try KnoxTest.analyze(
                arson,
                options: .init(
                    distanceBand: 200, distanceBands: 3, timeBand: 1, timeBands: 3, permutations: 99, seed: 1))
        }
        print(String(format: "  Swift: NRC example (522 arsons, 99 permutations) %.4f s", nrcSeconds))
        var peerText = "skipped"
        if let peers {
            switch await peers.run(
                script: "knox_peers.py", arguments: [data.directory.path, "200", "3", "7", "3"], needs: ["numpy"],
                install: "numpy pointpats")
            {
            case .figures(let f):
                let s = f["numpy_seconds"] as? Double ?? .nan
                let same = (f["observed"] as? [Int]) == observed
                print(
                    String(
                        format:
                            "  numpy (vectorised, all pairs per permutation): %.2f s; observed table identical to Swift: %@",
                        s, same ? "yes" : "NO"))
                if let p = f["pointpats_seconds"] as? Double {
                    print(String(format: "  pointpats knox (one δ = 200 m, τ = 7 d cell, 999 permutations): %.2f s", p))
                } else if let error = f["pointpats_error"] as? String {
                    print("  pointpats: \(error)")
                }
                peerText = String(format: "numpy %.2f s", s)
            case .skipped(let why):
                print("  numpy: \(why)")
            }
        }
        report.add(
            "Knox 999 permutations, 970 events", target: "≤ 1 s", swift: String(format: "%.3f s", seconds),
            peer: peerText)
    }

    // MARK: Forecast

    private func forecast(_ data: AnalyticsBenchmarkData, _ report: inout AnalyticsReport) throws {
        print("\n== Self-exciting forecast, Houston burglary, 250 m cells")
        let grid = data.houstonGrid
        let burglary = data.houston.filter { $0.category == "burglary" }
        let clock = ContinuousClock()
        var model: SelfExcitingModel?
        let fitSeconds = try clock.measure { model = try SelfExcitingModel.fit(burglary, grid: grid) }.analyticsSeconds
        if let m = model {
            print(
                String(
                    format:
                        "  fit on %d burglaries (Jan–Aug 2010): %.2f s, θ = %.3f, 1/ω = %.1f days, σ = %.0f m, background share %.0f%%, %d iterations",
                    m.eventCount, fitSeconds, m.theta, 1 / m.omega, m.sigma, m.backgroundShare * 100, m.iterations))
        }
        report.add(
            "Forecast fit, Houston burglary Jan–Aug 2010", target: "≤ 10 s",
            swift: String(format: "%.2f s", fitSeconds), peer: "—")
        guard !skipEvaluation else { return }
        let area = Set(
            data.houston.compactMap { e in grid.cell(containing: e.position).map { grid.id(ix: $0.ix, iy: $0.iy) } }
        ).sorted()
        print("  rolling one-week-ahead evaluation, last 30 weeks, study area = \(area.count) cells with any incident")
        print(
            "  " + "method".padding(toLength: 46, withPad: " ", startingAt: 0)
                + " coverage  hit rate    PAI   PEI*   (pooled hit rate and PAI; PEI* mean of weeks)")
        let variants: [(String, SelfExcitingModel.Options)] = [
            ("self-exciting (default)", .init()),
            ("self-exciting, Mohler k-NN background (k=15)", .init(backgroundNeighbours: 15)),
            ("self-exciting, same-cell trigger", .init(trigger: .sameCell)),
            // Uses the width cross-validation picks on the *whole* history, test weeks included:
            // shown for transparency, not a fair forecast.
            ("self-exciting, smoothing 0.5 cell (hindsight)", .init(backgroundSmoothingCells: 0.5)),
        ]
        var baselinesPrinted = false
        for (name, options) in variants {
            let methods: [RollingEvaluation.Method] =
                baselinesPrinted ? [.selfExciting] : [.selfExciting, .priorWeeks(4), .allPrior]
            let result = try RollingEvaluation.run(
                burglary, grid: grid, area: area, options: .init(methods: methods, model: options))
            for summary in result.summaries {
                let label = summary.method == .selfExciting ? name : summary.method.description
                print(
                    "  " + label.padding(toLength: 46, withPad: " ", startingAt: 0)
                        + String(
                            format: " %5.0f%%   %7.3f  %6.2f  %5.3f", summary.coverage * 100, summary.hitRate,
                            summary.pai, summary.peiStar))
                if summary.method != .selfExciting || name == variants[0].0 {
                    report.add(
                        "PAI \(Int(summary.coverage * 100))% — \(label)",
                        target: summary.method == .selfExciting
                            ? "beat best baseline"
                            : "issue: \(summary.method == .allPrior ? (summary.coverage < 0.02 ? "11.7" : "5.9") : (summary.coverage < 0.02 ? "10.6" : "5.5"))",
                        swift: String(
                            format: "PAI %.2f, PEI* %.3f, hit %.3f", summary.pai, summary.peiStar, summary.hitRate),
                        peer: "—")
                }
            }
            print(String(format: "  (%@: %.1f s of fitting over 30 weeks)", name as NSString, result.fittingSeconds))
            baselinesPrinted = true
        }
        // A second city, where the hyper-parameters were first explored.
        let chicago = try data.chicagoBurglary()
        let chicagoGrid = try GridSpec.covering(chicago.map(\.position), cellSize: 250, crs: .planar(epsg: 26971))
        let chicagoArea = Set(
            chicago.compactMap { e in
                chicagoGrid.cell(containing: e.position).map { chicagoGrid.id(ix: $0.ix, iy: $0.iy) }
            }
        ).sorted()
        let chicagoResult = try RollingEvaluation.run(chicago, grid: chicagoGrid, area: chicagoArea, options: .init())
        print("  Chicago burglary 2016, last 30 weeks, \(chicagoArea.count) cells with any burglary:")
        for summary in chicagoResult.summaries {
            let label = "Chicago " + summary.method.description
            print(
                "  " + label.padding(toLength: 46, withPad: " ", startingAt: 0)
                    + String(
                        format: " %5.0f%%   %7.3f  %6.2f  %5.3f", summary.coverage * 100, summary.hitRate, summary.pai,
                        summary.peiStar))
            report.add(
                "Chicago PAI \(Int(summary.coverage * 100))% — \(summary.method)",
                target: summary.method == .selfExciting ? "beat best baseline" : "—",
                swift: String(format: "PAI %.2f, PEI* %.3f", summary.pai, summary.peiStar), peer: "—")
        }
    }
}

/// The closing side-by-side table.
struct AnalyticsReport {
    private var rows: [(String, String, String, String)] = []

    mutating func add(_ figure: String, target: String, swift: String, peer: String) {
        rows.append((figure, target, swift, peer))
    }

    func print() {
        Swift.print("\n| figure | target | Swift (MirsadAnalytics) | peer |")
        Swift.print("|---|---|---|---|")
        for row in rows { Swift.print("| \(row.0) | \(row.1) | \(row.2) | \(row.3) |") }
    }
}
