import Foundation
import MirsadDomain
import Yams

/// Reads a jurisdiction from a `.json`, `.yaml` or `.yml` file and validates it whole, with
/// errors that name the file, the line where the syntax broke, or the path of the bad field.
public enum JurisdictionFile {
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func load(path: String) throws -> Jurisdiction {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoadError(description: "\(path): cannot read the file (\(error.localizedDescription))")
        }
        let isYAML = ["yaml", "yml"].contains(url.pathExtension.lowercased())
        let jurisdiction: Jurisdiction
        do {
            if isYAML {
                jurisdiction = try YAMLDecoder().decode(Jurisdiction.self, from: data)
            } else {
                jurisdiction = try MirsadJSON.decoder().decode(Jurisdiction.self, from: data)
            }
        } catch let error as DecodingError {
            throw LoadError(description: "\(path): \(describe(error))")
        } catch let error as YamlError {
            throw LoadError(description: "\(path): \(error)")
        } catch {
            throw LoadError(description: "\(path): \(error)")
        }
        do {
            try jurisdiction.validate()
        } catch {
            throw LoadError(description: "\(path): \(error.message)")
        }
        try PlaybookFiles.checkAlertVocabulary(jurisdiction, source: path)
        return jurisdiction
    }

    /// Writes a jurisdiction as pretty JSON (for `mirsad jurisdiction export`).
    public static func json(_ jurisdiction: Jurisdiction) throws -> Data {
        let encoder = MirsadJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return try encoder.encode(jurisdiction)
    }

    static func describe(_ error: DecodingError) -> String {
        // Syntax errors carry the parser's own error, which says where (line and column).
        if case .dataCorrupted(let context) = error, let underlying = context.underlyingError {
            return "\(context.debugDescription) \(underlying)"
        }
        let problem = StrictJSON.problem(for: error)
        return problem.detail ?? problem.title
    }
}
