/// One entry of the incident-type catalogue: what a call-taker picks, who owns it, how urgent
/// it is by default and what it needs on scene.
public struct IncidentType: Codable, Hashable, Sendable, Identifiable {
    /// Stable code, e.g. `FIRE-STRUCTURE`.
    public var code: String
    public var name: LocalizedName
    /// Types of one family (e.g. all `FIRE-*`) are compared for possible duplicates.
    public var family: String
    /// 1 is the most urgent, 4 the least.
    public var defaultPriority: Int
    public var owningSector: String
    /// Capabilities the response needs, e.g. `["engine", "ladder"]`.
    public var requiredCapabilities: [String]
    /// How many units of which capability the response plan sends (empty: one per required capability).
    public var responsePlan: [ResponseRequirement]
    /// Incident fields that only entitled sectors may read or write (e.g. `narrative`, `caller`).
    public var restrictedFields: [String]

    public var id: String { code }

    public init(
        code: String, name: LocalizedName, family: String? = nil, defaultPriority: Int, owningSector: String,
        requiredCapabilities: [String], responsePlan: [ResponseRequirement] = [], restrictedFields: [String] = []
    ) {
        self.code = code
        self.name = name
        self.family = family ?? IncidentType.defaultFamily(of: code)
        self.defaultPriority = defaultPriority
        self.owningSector = owningSector
        self.requiredCapabilities = requiredCapabilities
        self.responsePlan = responsePlan
        self.restrictedFields = restrictedFields
    }

    /// The part of the code before the first `-` or `.`: `FIRE-STRUCTURE` → `FIRE`.
    public static func defaultFamily(of code: String) -> String {
        String(code.split(whereSeparator: { $0 == "-" || $0 == "." }).first ?? Substring(code))
    }

    /// The response plan, falling back to one unit per required capability.
    public var effectiveResponsePlan: [ResponseRequirement] {
        responsePlan.isEmpty ? requiredCapabilities.map { ResponseRequirement(capability: $0, count: 1) } : responsePlan
    }

    enum CodingKeys: String, CodingKey {
        case code, name, family, defaultPriority, owningSector, requiredCapabilities, responsePlan, restrictedFields
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code),
            name: try c.decode(LocalizedName.self, forKey: .name),
            family: try c.decodeIfPresent(String.self, forKey: .family),
            defaultPriority: try c.decode(Int.self, forKey: .defaultPriority),
            owningSector: try c.decode(String.self, forKey: .owningSector),
            requiredCapabilities: try c.decodeIfPresent([String].self, forKey: .requiredCapabilities) ?? [],
            responsePlan: try c.decodeIfPresent([ResponseRequirement].self, forKey: .responsePlan) ?? [],
            restrictedFields: try c.decodeIfPresent([String].self, forKey: .restrictedFields) ?? []
        )
    }
}

/// "Send `count` units that have `capability`."
public struct ResponseRequirement: Codable, Hashable, Sendable {
    public var capability: String
    public var count: Int

    public init(capability: String, count: Int) {
        self.capability = capability
        self.count = count
    }
}
