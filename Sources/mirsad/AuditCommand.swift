import ArgumentParser
import Foundation
import MirsadAudit
import MirsadServer
import MirsadStore

/// `mirsad audit verify|export|prune|key`: the tamper-evident audit trail from the outside.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Verify, export or prune the tamper-evident audit trail.",
        subcommands: [Verify.self, Export.self, Prune.self, Key.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit tree from the database and check it against every signed checkpoint.",
            discussion: "Reports, with the entry number, any modified, deleted, inserted or reordered entry, and any "
                + "truncation or rewrite relative to a checkpoint kept elsewhere (--checkpoint). Exit status 1 when "
                + "anything is found.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "A checkpoint file kept by another agency (from `mirsad audit export`).")
        var checkpoint: [String] = []
        @Option(
            help: ArgumentHelp(
                "File holding the audit public key to trust (from `mirsad audit key`), kept outside the database.",
                discussion:
                    "Without it the key stored in the database is used, and whoever rewrote the database may have replaced it."
            ))
        var publicKey: String?

        func run() async throws {
            let files = checkpoint
            var keyText: String?
            if let publicKey {
                do {
                    keyText = try String(contentsOfFile: publicKey, encoding: .utf8).trimmingCharacters(
                        in: .whitespacesAndNewlines)
                } catch {
                    throw CommandFailure("--public-key: cannot read \(publicKey): \(error.localizedDescription)")
                }
            }
            if keyText == nil && files.isEmpty {
                FileHandle.standardError.write(
                    Data(
                        """
                        WARNING: neither --public-key nor --checkpoint was given: this check trusts the key, origin and \
                        pruned prefix stored in the database it checks. Someone who can rewrite the database can make it \
                        verify clean. Give the public key kept outside (mirsad audit key > FILE) and a checkpoint file \
                        another agency keeps (mirsad audit export).

                        """.utf8))
            }
            let givenKey = keyText
            let (report, notes) = try await EventStore.with(try database.location(), logger: CommandLogger.make()) {
                store in
                var notes: [String] = []
                let stored = try await store.readAuditPublicKey()
                if let givenKey, let stored, stored != givenKey {
                    notes.append(
                        "the database's registered audit key is not the one given with --public-key: it was replaced")
                }
                guard let registered = givenKey ?? stored else {
                    throw CommandFailure("no audit key registered in the database and none given with --public-key")
                }
                let key: CheckpointVerifier
                do { key = try CheckpointVerifier(parsing: registered) } catch {
                    throw CommandFailure("--public-key: \(error)")
                }
                var kept = try await store.checkpoints().map {
                    KeptCheckpoint(keeper: .store, location: "audit_checkpoints size \($0.size)", text: $0.note)
                }
                for file in files {
                    do {
                        kept += KeptCheckpoint.external(
                            try CheckpointFileIO.read(from: URL(fileURLWithPath: file)), path: file)
                    } catch {
                        throw CommandFailure("\(file): \(error)")
                    }
                }
                let pruned = try await store.prunedPrefix()
                if let pruned, pruned.firstSequence > 1 {
                    FileHandle.standardError.write(
                        Data(
                            "NOTE: entries 1–\(pruned.firstSequence - 1) were pruned (per the database); their content cannot be checked\n"
                                .utf8))
                }
                var verifier = AuditLogVerifier(
                    checkpoints: kept, key: key,
                    options: AuditVerificationOptions(
                        firstSequence: pruned?.firstSequence ?? 1, expectedOrigin: try await store.readAuditOrigin(),
                        prunedFrontier: pruned?.frontier))
                var after: Int64 = Int64(pruned?.firstSequence ?? 1) - 1
                while true {
                    let page = try await store.auditRecords(after: after, limit: 10_000)
                    guard let last = page.last else { break }
                    for record in page { verifier.consume(record) }
                    after = Int64(last.sequence)
                }
                return (verifier.finish(), notes)
            }
            say(report.summary)
            for note in notes { say("FOUND: " + note) }
            if !report.isClean || !notes.isEmpty { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append the newest signed checkpoint to a file another agency keeps.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The checkpoint file to append to (created if absent).")
        var out: String

        func run() async throws {
            let out = self.out
            let note = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                guard let latest = try await store.latestCheckpoint() else {
                    throw CommandFailure("no checkpoint signed yet (a running server signs them)")
                }
                return latest
            }
            let url = URL(fileURLWithPath: out)
            let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            let record = note.note.hasSuffix("\n") ? note.note + "\n" : note.note + "\n\n"
            guard !existing.contains(note.note) else {
                say("\(out) already holds the checkpoint at size \(note.size)")
                return
            }
            let handle: FileHandle
            if FileManager.default.fileExists(atPath: out) {
                handle = try FileHandle(forWritingTo: url)
                try handle.seekToEnd()
            } else {
                guard FileManager.default.createFile(atPath: out, contents: nil, attributes: [.posixPermissions: 0o600])
                else {
                    throw CommandFailure("cannot create \(out)")
                }
                handle = try FileHandle(forWritingTo: url)
            }
            try handle.write(contentsOf: Data(record.utf8))
            try handle.synchronize()
            try handle.close()
            say("appended the checkpoint at size \(note.size) to \(out)")
        }
    }

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete audit entries older than a date (never younger than 365 days).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Delete entries before this date (YYYY-MM-DD, UTC).")
        var before: String

        func run() async throws {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            guard let date = formatter.date(from: before) else {
                throw ValidationError("--before: expected a date such as 2025-01-31")
            }
            let deleted = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                do {
                    return try await store.pruneAudit(before: date)
                } catch let error as StoreError {
                    throw CommandFailure("--before: \(error)")
                }
            }
            say(
                deleted == 0
                    ? "nothing older than \(before)"
                    : "deleted audit entries 1...\(deleted); the tree over them is kept")
        }
    }

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the public key checkpoints are signed with.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let key = try await EventStore.with(try database.location(), logger: CommandLogger.make()) { store in
                try await store.readAuditPublicKey()
            }
            guard let key else { throw CommandFailure("no audit key registered yet (start a server once)") }
            say(key)
        }
    }
}
