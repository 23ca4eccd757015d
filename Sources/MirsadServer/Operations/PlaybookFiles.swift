import Foundation
import MirsadDomain
import Yams

/// Reads the emergency plans of `mirsad serve --playbooks DIR`: one playbook per `.json`,
/// `.yaml` or `.yml` file, read in file-name order. A file that does not read is refused with
/// its name and the line (syntax) or field path (content) at fault; nothing is loaded then.
public enum PlaybookFiles {
    public static func load(directory: String) throws -> [Playbook] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw JurisdictionFile.LoadError(description: "\(directory): cannot list the directory")
        }
        var playbooks: [Playbook] = []
        for name in names {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            let kind = url.pathExtension.lowercased()
            guard ["json", "yaml", "yml"].contains(kind) else { continue }
            let path = url.path
            do {
                let data = try Data(contentsOf: url)
                playbooks.append(
                    kind == "json"
                        ? try MirsadJSON.decoder().decode(Playbook.self, from: data)
                        : try YAMLDecoder().decode(Playbook.self, from: data))
            } catch let error as DecodingError {
                throw JurisdictionFile.LoadError(description: "\(path): \(JurisdictionFile.describe(error))")
            } catch {
                throw JurisdictionFile.LoadError(description: "\(path): \(error)")
            }
        }
        guard !playbooks.isEmpty else {
            throw JurisdictionFile.LoadError(description: "\(directory): no .json, .yaml or .yml playbook in it")
        }
        return playbooks
    }

    /// The jurisdiction with these plans in place of its own, validated whole.
    public static func replacing(_ playbooks: [Playbook], in jurisdiction: Jurisdiction, directory: String) throws
        -> Jurisdiction
    {
        var updated = jurisdiction
        updated.playbooks = playbooks
        do { try updated.validate() } catch {
            throw JurisdictionFile.LoadError(description: "\(directory): \(error.message)")
        }
        try checkAlertVocabulary(updated, source: directory)
        return updated
    }

    /// The CAP words of each plan's public warning, against the standard's lists (the domain
    /// keeps them as text, so the server checks them when the plans are loaded).
    static func checkAlertVocabulary(_ jurisdiction: Jurisdiction, source: String) throws {
        for (i, playbook) in jurisdiction.playbooks.enumerated() {
            guard let template = playbook.publicAlert else { continue }
            do { try PublicAlertCAP.checkVocabulary(template.content(from: Date())) } catch let problem as Problem {
                throw JurisdictionFile.LoadError(
                    description:
                        "\(source): playbooks[\(i)].publicAlert.\(problem.field ?? ""): \(problem.detail ?? problem.title)"
                )
            }
        }
    }
}
