import Foundation
import Logging
import MirsadDomain
import MirsadStore
import MirsadTestSupport
import Testing

@Suite("What a database error means")
struct ErrorClassificationTests {
    @Test("a damaged SQLite file is named corrupt, not 'retry shortly'")
    func damagedSQLiteFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirsad-corrupt-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.sqlite").path
        let logger = Logger(label: "test")
        try await EventStore.with(.sqlite(path: path), logger: logger) { store in
            try await store.loadJurisdiction(TestJurisdiction.jurisdiction)
        }
        // Keep the 100-byte header, overwrite every page after the first with noise.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        var generator = SystemRandomNumberGenerator()
        try handle.write(
            contentsOf: Data((0..<(Int(size) - 4096)).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        for name in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + name) }

        var classified: StoreError?
        do {
            try await EventStore.with(.sqlite(path: path), logger: logger) { store in
                _ = try await store.events(after: 0, limit: 10_000)
                _ = try await store.checkReadModels()
            }
        } catch {
            classified = StoreError.classify(error)
        }
        let failure = try #require(classified, "reading a damaged file must fail")
        guard case .corrupt = failure else {
            Issue.record("a damaged file was classified as \(failure)")
            return
        }
    }

    @Test("a cancelled request and a store error keep their meaning")
    func others() {
        #expect(StoreError.classify(CancellationError()) == .unavailable("request cancelled"))
        #expect(StoreError.classify(StoreError.corrupt("x")) == .corrupt("x"))
        struct Odd: Error {}
        guard case .writeFailed = StoreError.classify(Odd()) else {
            Issue.record("an unknown error is a failed write")
            return
        }
    }
}

@Suite("PostgreSQL connection settings")
struct PostgresSettingsTests {
    @Test("connect_timeout in the URL sets how long a request waits for a connection")
    func connectTimeout() throws {
        let logger = Logger(label: "test")
        #expect(try PostgresBackend(url: "postgres://u@localhost/db", logger: logger).connectTimeout == .seconds(3))
        let set = try PostgresBackend(url: "postgres://u@localhost/db?connect_timeout=12", logger: logger)
        #expect(set.connectTimeout == .seconds(12))
        for bad in ["abc", "0", "1.5", ""] {
            #expect {
                _ = try PostgresBackend(url: "postgres://u@localhost/db?connect_timeout=\(bad)", logger: logger)
            } throws: { error in
                guard case StoreError.invalidConfiguration(let message) = error else { return false }
                return message.contains("connect_timeout")
            }
        }
    }
}
