/// Where land meets water, for the console's map: the shore as lines and the water as
/// polygons. Optional in a jurisdiction file (an inland city has none).
public struct Shoreline: Codable, Hashable, Sendable {
    /// The shore, each line from one end to the other.
    public var lines: [[Coordinate]]
    /// Sea, lakes and bays, each an outer ring (not closed: the last point joins the first).
    public var water: [[Coordinate]]

    public init(lines: [[Coordinate]], water: [[Coordinate]]) {
        self.lines = lines
        self.water = water
    }

    func validate(field: String) throws(DomainError) {
        for (i, line) in lines.enumerated() {
            guard line.count >= 2 else {
                throw .invalidField(field: "\(field).lines[\(i)]", reason: "needs at least two points")
            }
            for (j, point) in line.enumerated() { _ = try point.validated(field: "\(field).lines[\(i)][\(j)]") }
        }
        for (i, ring) in water.enumerated() {
            guard ring.count >= 3 else {
                throw .invalidField(field: "\(field).water[\(i)]", reason: "needs at least three points")
            }
            for (j, point) in ring.enumerated() { _ = try point.validated(field: "\(field).water[\(i)][\(j)]") }
        }
    }
}
