/// A CAP 1.2 alert message: every element of the standard, in its order.
///
/// Free-text and list elements keep their text exactly as given (white space included), so a
/// message read and written again says the same thing. JSON uses the element names as keys.
public struct CAPAlert: Sendable, Equatable, Codable {
    public var identifier: String
    public var sender: String
    public var sent: CAPDateTime
    public var status: CAPStatus
    public var msgType: CAPMessageType
    public var source: String?
    public var scope: CAPScope
    public var restriction: String?
    /// Space-separated recipients; a name with spaces is in double quotes.
    public var addresses: String?
    public var code: [String]
    public var note: String?
    /// Space-separated `sender,identifier,sent` of the earlier messages this one refers to.
    public var references: String?
    public var incidents: String?
    public var info: [CAPInfo]
    /// XML Signature elements closing the alert, kept as written (canonical form) so a
    /// signature read is a signature written.
    public var signatures: [String]

    public init(
        identifier: String, sender: String, sent: CAPDateTime, status: CAPStatus, msgType: CAPMessageType,
        source: String? = nil, scope: CAPScope, restriction: String? = nil, addresses: String? = nil,
        code: [String] = [], note: String? = nil, references: String? = nil, incidents: String? = nil,
        info: [CAPInfo] = [], signatures: [String] = []
    ) {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.status = status
        self.msgType = msgType
        self.source = source
        self.scope = scope
        self.restriction = restriction
        self.addresses = addresses
        self.code = code
        self.note = note
        self.references = references
        self.incidents = incidents
        self.info = info
        self.signatures = signatures
    }

    enum CodingKeys: String, CodingKey {
        case identifier, sender, sent, status, msgType, source, scope, restriction, addresses, code, note, references,
            incidents, info, signatures
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identifier = try c.decode(String.self, forKey: .identifier)
        sender = try c.decode(String.self, forKey: .sender)
        sent = try c.decode(CAPDateTime.self, forKey: .sent)
        status = try c.decode(CAPStatus.self, forKey: .status)
        msgType = try c.decode(CAPMessageType.self, forKey: .msgType)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        scope = try c.decode(CAPScope.self, forKey: .scope)
        restriction = try c.decodeIfPresent(String.self, forKey: .restriction)
        addresses = try c.decodeIfPresent(String.self, forKey: .addresses)
        code = try c.decodeIfPresent([String].self, forKey: .code) ?? []
        note = try c.decodeIfPresent(String.self, forKey: .note)
        references = try c.decodeIfPresent(String.self, forKey: .references)
        incidents = try c.decodeIfPresent(String.self, forKey: .incidents)
        info = try c.decodeIfPresent([CAPInfo].self, forKey: .info) ?? []
        signatures = try c.decodeIfPresent([String].self, forKey: .signatures) ?? []
    }

    /// Empty lists are left out, as absent elements are in XML.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(identifier, forKey: .identifier)
        try c.encode(sender, forKey: .sender)
        try c.encode(sent, forKey: .sent)
        try c.encode(status, forKey: .status)
        try c.encode(msgType, forKey: .msgType)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encode(scope, forKey: .scope)
        try c.encodeIfPresent(restriction, forKey: .restriction)
        try c.encodeIfPresent(addresses, forKey: .addresses)
        if !code.isEmpty { try c.encode(code, forKey: .code) }
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(references, forKey: .references)
        try c.encodeIfPresent(incidents, forKey: .incidents)
        if !info.isEmpty { try c.encode(info, forKey: .info) }
        if !signatures.isEmpty { try c.encode(signatures, forKey: .signatures) }
    }

    /// This message as others refer to it: `sender,identifier,sent`.
    public var referenceKey: CAPReference { CAPReference(sender: sender, identifier: identifier, sent: sent) }
}

/// One entry of `references`: the message another one updates, cancels or acknowledges.
public struct CAPReference: Sendable, Hashable, CustomStringConvertible {
    public var sender: String
    public var identifier: String
    public var sent: CAPDateTime

    public init(sender: String, identifier: String, sent: CAPDateTime) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
    }

    public var description: String { "\(sender),\(identifier),\(sent.text)" }

    /// Parses the space-separated entries of `references`; a failure names the first bad entry.
    public static func parseList(_ text: String) -> Result<[CAPReference], CAPReferenceError> {
        var list: [CAPReference] = []
        for entry in text.split(whereSeparator: { $0.isXMLWhitespace }) {
            let parts = entry.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                return .failure(CAPReferenceError(entry: String(entry), reason: "is not sender,identifier,sent"))
            }
            guard let sent = CAPDateTime(String(parts[2])) else {
                return .failure(
                    CAPReferenceError(entry: String(entry), reason: "has a sent time that is not a CAP date-time"))
            }
            list.append(CAPReference(sender: String(parts[0]), identifier: String(parts[1]), sent: sent))
        }
        return .success(list)
    }
}

public struct CAPReferenceError: Error, Sendable, Equatable {
    public let entry: String
    public let reason: String
}
