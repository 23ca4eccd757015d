import Foundation
import MirsadTestSupport
import Testing

/// The console in a real browser: `Tests/browser/console_test.py` drives headless Chromium
/// through Selenium against a `mirsad demo` of the binary under test. It runs when
/// `MIRSAD_TEST_BROWSER_PYTHON` names a Python with selenium (`.ci/run` sets one up with
/// Debian's chromium and chromium-driver); otherwise it says why it skipped.
@Suite("The console in Chromium")
struct BrowserConsoleTests {
    @Test("call-taker to dispatcher, live; a cut connection loses nothing; Arabic is right to left; need-to-know holds")
    func console() async throws {
        guard let python = ProcessInfo.processInfo.environment["MIRSAD_TEST_BROWSER_PYTHON"] else {
            print("SKIP: MIRSAD_TEST_BROWSER_PYTHON is not set; the browser tests did not run (bash .ci/run sets it)")
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let result = try await ChildProcess.run(
            python,
            [
                root.appendingPathComponent("Tests/browser/console_test.py").path, "--mirsad",
                try MirsadProcess.binaryPath(),
                "--artifacts", root.appendingPathComponent(".ci/artifacts").path,
            ], directory: root, mergingErrors: true)
        let text = result.output
        #expect(result.succeeded, Comment(rawValue: text))
        #expect(!text.contains("SKIP"), "the browser tests ran: \(text.suffix(400))")
    }
}
