import ArgumentParser
import Foundation
import MirsadAlerts

/// `mirsad cap validate|show|convert`: Common Alerting Protocol messages from the command line.
struct CAPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cap", abstract: "Validate, show, convert or verify CAP 1.2 alert messages (XML or JSON).",
        subcommands: [Validate.self, Show.self, Convert.self, CAPVerifyCommand.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check CAP files against the CAP 1.2 schema and the standard's rules.",
            discussion: "A file may be a CAP alert (XML or JSON), an EDXL-DE envelope, or an Atom or RSS feed; "
                + "every alert it carries is checked. Each problem is printed as FILE:LINE: error|warning: "
                + "ELEMENT: message. Exit status 0 only when every file is valid CAP 1.2 (CAP 1.1 is read, "
                + "with a warning, but is not 1.2).")
        @Argument(help: "The files to check.") var files: [String]

        func run() throws {
            var allValid = true
            for file in files {
                let outcome = CAPFileInput.read(file)
                for line in outcome.report(file: file) { print(line) }
                allValid = allValid && outcome.isValidCAP12
            }
            if !allValid { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a readable summary of each alert in a CAP file, and any problems found.")
        @Argument(help: "A CAP alert (XML or JSON), EDXL-DE envelope or Atom/RSS feed.") var file: String

        func run() throws {
            let outcome = CAPFileInput.read(file)
            let alerts = outcome.readings.compactMap(\.alert)
            for (i, alert) in alerts.enumerated() {
                if i > 0 { print("") }
                print(CAPSummary.text(alert), terminator: "")
            }
            let problems = outcome.issueLines(file: file)
            if !problems.isEmpty {
                if !alerts.isEmpty { print("") }
                for line in problems { print(line) }
            }
            if alerts.isEmpty { throw ExitCode(1) }
        }
    }

    struct Convert: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case json, xml }

        static let configuration = CommandConfiguration(
            abstract: "Convert a CAP alert between XML and JSON; XML is always written as CAP 1.2.",
            discussion: "The alert must be valid (CAP 1.1 is accepted and comes out as 1.2); otherwise nothing "
                + "is written and the problems are printed.")
        @Option(help: "The format to write.") var to: Format
        @Option(name: .shortAndLong, help: "Write here instead of to standard output.") var output: String?
        @Argument(help: "A CAP alert in XML or JSON.") var file: String

        func run() throws {
            let outcome = CAPFileInput.read(file)
            let problems = outcome.issueLines(file: file, errorsOnly: true)
            guard problems.isEmpty, outcome.readings.count == 1, let alert = outcome.readings[0].alert else {
                for line in problems { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                if outcome.readings.count > 1 {
                    throw CommandFailure("\(file) carries \(outcome.readings.count) alerts; convert reads one")
                }
                throw CommandFailure("\(file): not converted (\(problems.isEmpty ? "no alert found" : "invalid"))")
            }
            let text =
                to == .xml ? Data(CAPWriter.xml(alert).utf8) : CAPJSON.encode(alert) + Data("\n".utf8)
            if let output {
                do { try text.write(to: URL(fileURLWithPath: output)) } catch {
                    throw CommandFailure("--output: cannot write \(output): \(error.localizedDescription)")
                }
            } else {
                FileHandle.standardOutput.write(text)
            }
        }
    }
}

/// A CAP file read for the command line: XML of any kind Mirsad reads, or a JSON alert.
struct CAPFileInput {
    var readings: [CAPReading] = []
    var fileIssues: [CAPIssue] = []
    var kind: String?
    var links: [String] = []

    static func read(_ path: String) -> CAPFileInput {
        guard let data = FileManager.default.contents(atPath: path) else {
            return CAPFileInput(fileIssues: [CAPIssue(.error, "file", line: nil, "cannot be read")])
        }
        if data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            return CAPFileInput(readings: [CAPJSON.read(data)], kind: "JSON alert")
        }
        let file = CAPReader.readFile(data)
        return CAPFileInput(
            readings: file.readings, fileIssues: file.issues, kind: file.kind?.rawValue, links: file.links)
    }

    var isValidCAP12: Bool { fileIssues.isEmpty && !readings.isEmpty && readings.allSatisfy(\.isValidCAP12) }

    /// `FILE:LINE: severity: element: message`, prefixed with the alert's number when there are several.
    func issueLines(file: String, errorsOnly: Bool = false) -> [String] {
        func line(_ issue: CAPIssue, alert: Int?) -> String {
            let place = issue.line.map { "\(file):\($0):" } ?? "\(file):"
            let which = alert.map { " alert \($0):" } ?? ""
            return "\(place)\(which) \(issue.severity.rawValue): \(issue.path): \(issue.message)"
        }
        var lines = fileIssues.map { line($0, alert: nil) }
        for (i, reading) in readings.enumerated() {
            for issue in reading.issues where !errorsOnly || issue.severity == .error {
                lines.append(line(issue, alert: readings.count > 1 ? i + 1 : nil))
            }
        }
        return lines
    }

    func report(file: String) -> [String] {
        var verdict: String
        if isValidCAP12 {
            verdict = "valid CAP 1.2"
        } else if !readings.isEmpty && readings.allSatisfy(\.isValid) {
            verdict = "valid CAP 1.1, not CAP 1.2 (mirsad cap convert --to xml writes it as 1.2)"
        } else {
            verdict = "invalid"
        }
        if let kind, kind != CAPContainerKind.alert.rawValue {
            verdict +=
                " (\(kind) carrying \(readings.count) alert\(readings.count == 1 ? "" : "s")"
                + (links.isEmpty ? ")" : ", linking to \(links.count) more)")
        }
        return ["\(file): \(verdict)"] + issueLines(file: file)
    }
}
