import MirsadDomain

/// The demo's accounts: one per role worth trying, with passphrases stable for a seed.
public enum DemoUsers {
    public struct Account: Sendable, Hashable {
        public let username: String
        public let password: String
        public let role: Role
        public let sector: String
        /// Administrators' second factor (TOTP secret), stable for the seed.
        public let totpSecret: String?
    }

    static let roster: [(String, Role, String)] = [
        ("admin", .admin, "operations"),
        ("supervisor", .supervisor, "operations"),
        ("dispatcher", .dispatcher, "operations"),
        ("calltaker", .callTaker, "operations"),
        ("fire.dispatcher", .dispatcher, "firefighting"),
        ("traffic.dispatcher", .dispatcher, "traffic"),
        ("cid.analyst", .analyst, "criminal-security"),
        ("coast.liaison", .sectorLiaison, "border-coastal"),
        ("press.officer", .publicInformation, "operations"),
        ("shelter.staff", .shelterStaff, "civil-defense"),
    ]

    static let words = [
        "amber", "falcon", "dune", "harbor", "palm", "pearl", "dhow", "oasis", "sabkha", "coral", "minaret", "zephyr",
        "saffron", "lantern", "anchor", "mirage", "cedar", "gazelle", "tide", "beacon", "compass", "jasmine", "monsoon",
        "sextant",
    ]

    public static func make(seed: UInt64) -> [Account] {
        roster.map { username, role, sector in
            var random = SeededRandom.derive(seed, "user:\(username)")
            let phrase = (0..<3).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: "-")
            let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
            let secret =
                role == .admin
                ? String((0..<20).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) : nil
            return Account(
                username: username, password: "\(phrase)-\(10 + random.next() % 90)", role: role,
                sector: sector, totpSecret: secret)
        }
    }
}
