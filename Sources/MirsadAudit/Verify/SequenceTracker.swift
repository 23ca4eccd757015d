/// Checks that stored entry numbers arrive as `first, first+1, …` and classifies departures:
/// a number that never comes is deleted, one that comes late (within the window) is reordered,
/// one that comes again is inserted.
struct SequenceTracker: Sendable {
    private var expected: UInt64
    private var previous: UInt64?
    private let window: UInt64
    /// Missing numbers not yet given up on, with the leaf position where they went missing.
    private var gaps: [(range: ClosedRange<UInt64>, openedAt: UInt64)] = []
    private var gapHead = 0

    init(firstExpected: UInt64, window: Int) {
        expected = firstExpected
        self.window = UInt64(window)
    }

    mutating func observe(_ sequence: UInt64, position: UInt64, into findings: inout FindingCollector) {
        defer { previous = sequence }
        expireGaps(before: position, into: &findings)
        if sequence == expected {
            expected = sequence &+ 1
        } else if sequence > expected {
            gaps.append((expected...(sequence - 1), position))
            expected = sequence &+ 1
        } else if let index = openGapIndex(containing: sequence) {
            let (range, openedAt) = gaps[index]
            var replacement: [(range: ClosedRange<UInt64>, openedAt: UInt64)] = []
            if range.lowerBound < sequence { replacement.append((range.lowerBound...(sequence - 1), openedAt)) }
            if sequence < range.upperBound { replacement.append(((sequence + 1)...range.upperBound, openedAt)) }
            gaps.replaceSubrange(index...index, with: replacement)
            findings.add(.outOfOrder(sequence: sequence, after: previous ?? sequence))
        } else {
            findings.add(.inserted(sequence: sequence))
        }
    }

    mutating func finish(into findings: inout FindingCollector) {
        expireGaps(before: UInt64.max, into: &findings)
    }

    private func openGapIndex(containing sequence: UInt64) -> Int? {
        var index = gapHead
        while index < gaps.count {
            if gaps[index].range.contains(sequence) { return index }
            index += 1
        }
        return nil
    }

    private mutating func expireGaps(before position: UInt64, into findings: inout FindingCollector) {
        while gapHead < gaps.count, position == UInt64.max || position - gaps[gapHead].openedAt > window {
            findings.add(.deleted(sequences: gaps[gapHead].range))
            gapHead += 1
        }
        if gapHead > 1024, gapHead * 2 > gaps.count {
            gaps.removeFirst(gapHead)
            gapHead = 0
        }
    }
}
