/// One `info` block: the event, its urgency, severity and certainty, and what to do, in one
/// language. A bilingual alert has one block per language.
public struct CAPInfo: Sendable, Equatable, Codable {
    /// An RFC 3066 language tag; absent means `en-US`.
    public var language: String?
    public var category: [CAPCategory]
    public var event: String
    public var responseType: [CAPResponseType]
    public var urgency: CAPUrgency
    public var severity: CAPSeverity
    public var certainty: CAPCertainty
    public var audience: String?
    public var eventCode: [CAPNamedValue]
    public var effective: CAPDateTime?
    public var onset: CAPDateTime?
    public var expires: CAPDateTime?
    public var senderName: String?
    public var headline: String?
    public var description: String?
    public var instruction: String?
    public var web: String?
    public var contact: String?
    public var parameter: [CAPNamedValue]
    public var resource: [CAPResource]
    public var area: [CAPArea]

    public init(
        language: String? = nil, category: [CAPCategory], event: String, responseType: [CAPResponseType] = [],
        urgency: CAPUrgency, severity: CAPSeverity, certainty: CAPCertainty, audience: String? = nil,
        eventCode: [CAPNamedValue] = [], effective: CAPDateTime? = nil, onset: CAPDateTime? = nil,
        expires: CAPDateTime? = nil, senderName: String? = nil, headline: String? = nil,
        description: String? = nil, instruction: String? = nil, web: String? = nil, contact: String? = nil,
        parameter: [CAPNamedValue] = [], resource: [CAPResource] = [], area: [CAPArea] = []
    ) {
        self.language = language
        self.category = category
        self.event = event
        self.responseType = responseType
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.audience = audience
        self.eventCode = eventCode
        self.effective = effective
        self.onset = onset
        self.expires = expires
        self.senderName = senderName
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.web = web
        self.contact = contact
        self.parameter = parameter
        self.resource = resource
        self.area = area
    }

    enum CodingKeys: String, CodingKey {
        case language, category, event, responseType, urgency, severity, certainty, audience, eventCode, effective,
            onset, expires, senderName, headline, description, instruction, web, contact, parameter, resource, area
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        category = try c.decode([CAPCategory].self, forKey: .category)
        event = try c.decode(String.self, forKey: .event)
        responseType = try c.decodeIfPresent([CAPResponseType].self, forKey: .responseType) ?? []
        urgency = try c.decode(CAPUrgency.self, forKey: .urgency)
        severity = try c.decode(CAPSeverity.self, forKey: .severity)
        certainty = try c.decode(CAPCertainty.self, forKey: .certainty)
        audience = try c.decodeIfPresent(String.self, forKey: .audience)
        eventCode = try c.decodeIfPresent([CAPNamedValue].self, forKey: .eventCode) ?? []
        effective = try c.decodeIfPresent(CAPDateTime.self, forKey: .effective)
        onset = try c.decodeIfPresent(CAPDateTime.self, forKey: .onset)
        expires = try c.decodeIfPresent(CAPDateTime.self, forKey: .expires)
        senderName = try c.decodeIfPresent(String.self, forKey: .senderName)
        headline = try c.decodeIfPresent(String.self, forKey: .headline)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        instruction = try c.decodeIfPresent(String.self, forKey: .instruction)
        web = try c.decodeIfPresent(String.self, forKey: .web)
        contact = try c.decodeIfPresent(String.self, forKey: .contact)
        parameter = try c.decodeIfPresent([CAPNamedValue].self, forKey: .parameter) ?? []
        resource = try c.decodeIfPresent([CAPResource].self, forKey: .resource) ?? []
        area = try c.decodeIfPresent([CAPArea].self, forKey: .area) ?? []
    }

    /// Empty lists are left out, as absent elements are in XML.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(language, forKey: .language)
        if !category.isEmpty { try c.encode(category, forKey: .category) }
        try c.encode(event, forKey: .event)
        if !responseType.isEmpty { try c.encode(responseType, forKey: .responseType) }
        try c.encode(urgency, forKey: .urgency)
        try c.encode(severity, forKey: .severity)
        try c.encode(certainty, forKey: .certainty)
        try c.encodeIfPresent(audience, forKey: .audience)
        if !eventCode.isEmpty { try c.encode(eventCode, forKey: .eventCode) }
        try c.encodeIfPresent(effective, forKey: .effective)
        try c.encodeIfPresent(onset, forKey: .onset)
        try c.encodeIfPresent(expires, forKey: .expires)
        try c.encodeIfPresent(senderName, forKey: .senderName)
        try c.encodeIfPresent(headline, forKey: .headline)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(instruction, forKey: .instruction)
        try c.encodeIfPresent(web, forKey: .web)
        try c.encodeIfPresent(contact, forKey: .contact)
        if !parameter.isEmpty { try c.encode(parameter, forKey: .parameter) }
        if !resource.isEmpty { try c.encode(resource, forKey: .resource) }
        if !area.isEmpty { try c.encode(area, forKey: .area) }
    }

    /// The language this block is in: `en-US` when none is given.
    public var effectiveLanguage: String { language ?? "en-US" }
}

/// A `valueName`/`value` pair (event codes, parameters, geocodes).
public struct CAPNamedValue: Sendable, Equatable, Codable {
    public var valueName: String
    public var value: String

    public init(valueName: String, value: String) {
        self.valueName = valueName
        self.value = value
    }
}

/// A file that goes with the message: an image, a map, a recording.
public struct CAPResource: Sendable, Equatable, Codable {
    public var resourceDesc: String
    public var mimeType: String
    /// Bytes, as written (`xs:integer`).
    public var size: String?
    public var uri: String?
    /// The file itself, base64-encoded, for networks that cannot fetch `uri`.
    public var derefUri: String?
    /// SHA-1 of the file, hexadecimal.
    public var digest: String?

    public init(
        resourceDesc: String, mimeType: String, size: String? = nil, uri: String? = nil, derefUri: String? = nil,
        digest: String? = nil
    ) {
        self.resourceDesc = resourceDesc
        self.mimeType = mimeType
        self.size = size
        self.uri = uri
        self.derefUri = derefUri
        self.digest = digest
    }
}
