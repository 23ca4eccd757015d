import Foundation

/// CAP messages as JSON: the element names as keys (sorted, so the output is stable), repeated
/// elements as arrays and left out when empty, text exactly as in XML. Reading JSON runs the
/// same rules as reading XML; a message names the field.
public enum CAPJSON {
    public static func encode(_ alert: CAPAlert) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a String, an enum or an array of them: encoding cannot fail.
        return (try? encoder.encode(alert)) ?? Data()
    }

    public static func read(_ data: Data) -> CAPReading {
        do {
            let alert = try JSONDecoder().decode(CAPAlert.self, from: data)
            return CAPReading(alert: alert, version: .v1_2, issues: CAPRules.check(alert))
        } catch let error as DecodingError {
            return CAPReading(alert: nil, version: nil, issues: [issue(error)])
        } catch {
            return CAPReading(alert: nil, version: nil, issues: [CAPIssue(.error, "alert", line: nil, "\(error)")])
        }
    }

    private static func issue(_ error: DecodingError) -> CAPIssue {
        func path(_ keys: [any CodingKey]) -> String {
            (["alert"] + keys.map { $0.intValue.map { "[\($0 + 1)]" } ?? "/\($0.stringValue)" }).joined()
                .replacingOccurrences(of: "/[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return CAPIssue(.error, path(context.codingPath + [key]), line: nil, "\"\(key.stringValue)\" is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return CAPIssue(.error, path(context.codingPath), line: nil, "wrong type: \(context.debugDescription)")
        case .dataCorrupted(let context):
            let message =
                context.codingPath.isEmpty
                ? "not JSON: \(context.underlyingError.map { "\($0)" } ?? "")"
                : context.debugDescription
            return CAPIssue(.error, path(context.codingPath), line: nil, message)
        @unknown default:
            return CAPIssue(.error, "alert", line: nil, "\(error)")
        }
    }
}
