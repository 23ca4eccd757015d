/// What a user does in the operations room. Function-level rules key off the role; what they
/// may see keys off their sector.
public enum Role: String, Codable, CaseIterable, Sendable {
    case callTaker, dispatcher, supervisor, analyst, sectorLiaison, admin, publicInformation, citizen
    /// Runs a shelter (Civil Defense staff, municipal volunteers): registers evacuees and sees
    /// shelters, but not the incident picture.
    case shelterStaff
}
