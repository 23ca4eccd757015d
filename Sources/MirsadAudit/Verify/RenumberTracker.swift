/// Compares the entry number a row is stored under with the one written inside its content,
/// and reports runs of rows shifted by the same offset as one finding.
struct RenumberTracker: Sendable {
    private var run: (start: UInt64, last: UInt64, offset: Int64)?

    mutating func observe(stored: UInt64, declared: UInt64?, into findings: inout FindingCollector) {
        guard let declared, declared != stored else {
            flush(into: &findings)
            return
        }
        let offset = Int64(bitPattern: declared &- stored)
        if let current = run, current.offset == offset, stored == current.last &+ 1 {
            run = (current.start, stored, offset)
        } else {
            flush(into: &findings)
            run = (stored, stored, offset)
        }
    }

    mutating func flush(into findings: inout FindingCollector) {
        if let current = run {
            findings.add(.renumbered(sequences: current.start...current.last, offset: current.offset))
            run = nil
        }
    }
}
