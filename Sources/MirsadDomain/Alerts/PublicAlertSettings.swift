import Foundation

/// How a jurisdiction signs its public warnings: the CAP `sender` (an address the public and
/// other agencies recognise, e.g. `alerts@moi.gov.kw`), the name shown with it, and the prefix
/// of every identifier (`KW-MOI-2026-000042`).
public struct PublicAlertSettings: Codable, Hashable, Sendable {
    public var sender: String
    public var senderName: LocalizedName
    public var identifierPrefix: String

    public init(
        sender: String = "public-alerts@mirsad.invalid", senderName: LocalizedName, identifierPrefix: String = "MIRSAD"
    ) {
        self.sender = sender
        self.senderName = senderName
        self.identifierPrefix = identifierPrefix
    }

    /// CAP forbids spaces, commas and `<`/`&` in `sender` and `identifier`.
    func validate() throws(DomainError) {
        let allowed = #"^[A-Za-z0-9@._:/+-]{1,100}$"#
        guard sender.range(of: allowed, options: .regularExpression) != nil else {
            throw .invalidField(
                field: "publicAlerts.sender", reason: "1-100 characters without spaces, commas, '<' or '&'")
        }
        guard identifierPrefix.range(of: #"^[A-Za-z0-9._-]{1,40}$"#, options: .regularExpression) != nil else {
            throw .invalidField(
                field: "publicAlerts.identifierPrefix", reason: "1-40 characters of letters, digits, '.', '_' or '-'")
        }
    }
}
