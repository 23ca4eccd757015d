/// The enumerations of CAP 1.2, spelled as the standard spells them (they are the raw values).

public enum CAPStatus: String, Sendable, Codable, CaseIterable {
    case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft"
}

public enum CAPMessageType: String, Sendable, Codable, CaseIterable {
    case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error"

    /// Every type but a first alert refers to earlier messages.
    public var needsReferences: Bool { self != .alert }
}

public enum CAPScope: String, Sendable, Codable, CaseIterable {
    case `public` = "Public", restricted = "Restricted", `private` = "Private"
}

public enum CAPCategory: String, Sendable, Codable, CaseIterable {
    case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue", fire = "Fire"
    case health = "Health", env = "Env", transport = "Transport", infra = "Infra", cbrne = "CBRNE"
    case other = "Other"
}

public enum CAPResponseType: String, Sendable, Codable, CaseIterable {
    case shelter = "Shelter", evacuate = "Evacuate", prepare = "Prepare", execute = "Execute", avoid = "Avoid"
    case monitor = "Monitor", assess = "Assess", allClear = "AllClear", none = "None"
}

public enum CAPUrgency: String, Sendable, Codable, CaseIterable {
    case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown"
}

public enum CAPSeverity: String, Sendable, Codable, CaseIterable {
    case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown"

    /// Extreme first: for ordering and for triggers ("at least Severe").
    public var rank: Int {
        switch self {
        case .extreme: 4
        case .severe: 3
        case .moderate: 2
        case .minor: 1
        case .unknown: 0
        }
    }
}

public enum CAPCertainty: String, Sendable, Codable, CaseIterable {
    case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely"
    case unknown = "Unknown"
}

/// The CAP versions Mirsad reads. It writes 1.2 only.
public enum CAPVersion: String, Sendable, Codable {
    case v1_1 = "1.1", v1_2 = "1.2"

    public var namespace: String {
        switch self {
        case .v1_1: "urn:oasis:names:tc:emergency:cap:1.1"
        case .v1_2: "urn:oasis:names:tc:emergency:cap:1.2"
        }
    }

    public init?(namespace: String?) {
        switch namespace {
        case CAPVersion.v1_2.namespace: self = .v1_2
        case CAPVersion.v1_1.namespace: self = .v1_1
        default: return nil
        }
    }

    /// The XML Signature namespace, whose elements may close an alert.
    public static let signatureNamespace = "http://www.w3.org/2000/09/xmldsig#"
}
