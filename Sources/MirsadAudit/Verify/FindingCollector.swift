/// Collects findings up to a cap and counts the rest, so a wholesale rewrite of a million
/// entries cannot exhaust memory.
struct FindingCollector: Sendable {
    let limit: Int
    private(set) var findings: [AuditFinding] = []
    private(set) var suppressed = 0

    init(limit: Int) { self.limit = limit }

    mutating func add(_ finding: AuditFinding) {
        if findings.count < limit {
            findings.append(finding)
        } else {
            suppressed += 1
        }
    }
}
