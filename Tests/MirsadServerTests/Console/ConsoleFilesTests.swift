import Foundation
import HTTPTypes
import MirsadConsole
import MirsadServer
import MirsadTestSupport
import Testing

@Suite("The console's files")
struct ConsoleFilesTests {
    /// `Sources/MirsadConsole/Web`, found from this file's place in the repository.
    static let webFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/MirsadConsole/Web")

    @Test("every file of the Web folder is built in, byte for byte, and served with its type")
    func everyFileIsEmbedded() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.webFolder.path).filter {
            !$0.hasPrefix(".")
        }
        #expect(Set(names) == Set(ConsoleFiles.embedded.keys), "ConsoleFiles.embedded lists the Web folder")
        try await ServerHarness.with { _, client in
            for name in names.sorted() {
                let disk = try Data(contentsOf: Self.webFolder.appendingPathComponent(name))
                let same = ConsoleFiles.embedded[name] == [UInt8](disk)
                #expect(same, "\(name) is built in as it is on disk")
                let reply = try await client.call(.get, name == ConsoleFiles.index ? "/" : "/console/\(name)")
                #expect(reply.status == .ok, "\(name)")
                #expect(reply.headers[.contentType] == ConsoleFiles.contentType(of: name), "\(name)")
                #expect(reply.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            }
            for missing in ["/console/nothing.js", "/console/.hidden.js", "/console/..%2Fconsole.js", "/console/x.exe"]
            {
                #expect(try await client.call(.get, missing).status == .notFound, "\(missing)")
            }
        }
    }

    @Test("the console's pure modules pass their Node tests (node --test Tests/console)")
    func nodeTests() async throws {
        let root = Self.webFolder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let tests = root.appendingPathComponent("Tests/console")
        guard let node = Self.executable("node") else {
            print("SKIP: node is not on PATH; the console's Node tests did not run")
            return
        }
        let result = try await ChildProcess.run(
            node.path, ["--test", tests.path], directory: root, mergingErrors: true)
        let text = result.output
        #expect(result.succeeded, Comment(rawValue: text))
        #expect(text.contains("# pass") && !text.contains("# pass 0"), Comment(rawValue: text))
    }

    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
