/// A user-facing name in both working languages. Every sector, incident type and alert text
/// carries Arabic and English so the console can switch direction without a lookup.
public struct LocalizedName: Codable, Hashable, Sendable {
    public var en: String
    public var ar: String

    public init(en: String, ar: String) {
        self.en = en
        self.ar = ar
    }
}
