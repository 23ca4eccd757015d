import Foundation

/// Why a `.mroads` file could not be loaded.
public enum RoadNetworkFileError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case io(String)
    case notARoadNetworkFile
    case unsupportedVersion(UInt32)
    case truncated(expectedBytes: Int, actualBytes: Int)
    case checksumMismatch
    case missingSection(String)
    case invalidSection(String, String)
    case inconsistent(String)

    public var description: String {
        switch self {
        case .io(let m): "cannot access the road network file: \(m)"
        case .notARoadNetworkFile: "not a Mirsad road network (.mroads) file: wrong magic bytes"
        case .unsupportedVersion(let v):
            "unsupported .mroads format version \(v) (this build reads version \(RoadNetworkFile.version)); "
                + "import the extract again with `mirsad roads import`"
        case .truncated(let expected, let actual):
            "truncated .mroads file: \(actual) bytes, header declares \(expected)"
        case .checksumMismatch: "corrupt .mroads file: checksum mismatch"
        case .missingSection(let s): "corrupt .mroads file: section \(s) is missing"
        case .invalidSection(let s, let why): "corrupt .mroads file: section \(s) \(why)"
        case .inconsistent(let why): "corrupt .mroads file: \(why)"
        }
    }

    public var errorDescription: String? { description }
}

/// The stored arrays of a hierarchy (everything else is derived when loading).
struct ContractionHierarchyParts {
    var rank: [UInt32]
    var firstUp: [UInt32]
    var upHead: [UInt32]
}

/// The `.mroads` binary format: a 32-byte header (magic `MROADS\r\n`, format version,
/// section count, payload length, 64-bit payload checksum) followed by typed little-endian
/// sections (tag, element size, element count, data padded to 8 bytes). Loading is one read,
/// one checksum pass and bulk copies; every index is validated before use.
public enum RoadNetworkFile {
    /// Format version written by this build (2: the hierarchy is over the turns, and the turn
    /// rules and forbidden turns are stored; 3: forbidden turns are arcs of the hierarchy, and
    /// each carries the kind of restriction that forbids it).
    public static let version: UInt32 = 3
    static let magic: [UInt8] = Array("MROADS\r\n".utf8)
    static let headerSize = 32

    enum Tag: UInt32, CaseIterable {
        case latE7 = 1
        case lonE7
        case firstOut
        case head
        case timeMs
        case lengthDm
        case roadClass
        case rank
        case firstUp
        case upHead
        case metadata
        case turnRules
        case forbiddenTurns
        case forbiddenTurnKinds
        case viaWayRestrictions

        var name: String { "\(self)" }
    }

    // MARK: Writing

    /// Serializes a network (with optional free-text metadata such as the source file).
    public static func encode(_ network: RoadNetwork, metadata: String = "") -> Data {
        let h = network.hierarchy
        return encode(
            graph: network.graph, turns: network.turns,
            parts: ContractionHierarchyParts(rank: h.rank, firstUp: h.firstUp, upHead: h.upHead), metadata: metadata)
    }

    static func encode(
        graph g: RoadGraph, turns: TurnGraph, parts h: ContractionHierarchyParts, metadata: String
    ) -> Data {
        var payload = Data()
        var sections: UInt32 = 0
        func append<T>(_ tag: Tag, _ values: [T]) {
            var header = Data()
            withUnsafeBytes(of: tag.rawValue.littleEndian) { header.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(MemoryLayout<T>.size).littleEndian) { header.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt64(values.count).littleEndian) { header.append(contentsOf: $0) }
            payload.append(header)
            values.withUnsafeBytes { payload.append(contentsOf: $0) }
            let padding = (8 - payload.count % 8) % 8
            payload.append(contentsOf: [UInt8](repeating: 0, count: padding))
            sections += 1
        }
        append(.latE7, g.latE7)
        append(.lonE7, g.lonE7)
        append(.firstOut, g.firstOut)
        append(.head, g.head)
        append(.timeMs, g.timeMs)
        append(.lengthDm, g.lengthDm)
        append(.roadClass, g.roadClass)
        append(.rank, h.rank)
        append(.firstUp, h.firstUp)
        append(.upHead, h.upHead)
        append(.metadata, Array(metadata.utf8))
        append(.turnRules, TurnRulesCoding.encode(turns.rules).map(\.bitPattern))
        append(.forbiddenTurns, turns.restrictions.map(\.turn.packed))
        append(.forbiddenTurnKinds, turns.restrictions.map(\.restriction.code))
        append(.viaWayRestrictions, ViaWayCoding.encode(turns.viaWay))
        var out = Data(magic)
        withUnsafeBytes(of: version.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: sections.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { out.append(contentsOf: $0) }
        let checksum = payload.withUnsafeBytes { Checksum64.hash($0) }
        withUnsafeBytes(of: checksum.littleEndian) { out.append(contentsOf: $0) }
        out.append(payload)
        return out
    }

    /// Writes a network atomically.
    public static func write(_ network: RoadNetwork, to url: URL, metadata: String = "") throws {
        try encode(network, metadata: metadata).write(to: url, options: .atomic)
    }

    // MARK: Reading

    /// Reads and validates a `.mroads` file.
    public static func read(from url: URL) throws(RoadNetworkFileError) -> RoadNetwork {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io("\(url.path): \(error.localizedDescription)")
        }
        return try decode(data).network
    }

    /// Decodes and validates bytes produced by `encode`.
    public static func decode(_ data: Data) throws(RoadNetworkFileError) -> (network: RoadNetwork, metadata: String) {
        guard data.count >= magic.count, Array(data.prefix(magic.count)) == magic else { throw .notARoadNetworkFile }
        guard data.count >= headerSize else { throw .truncated(expectedBytes: headerSize, actualBytes: data.count) }
        let result: Result<(RoadNetwork, String), RoadNetworkFileError> = data.withUnsafeBytes { raw in
            do throws(RoadNetworkFileError) {
                return .success(try decode(raw))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func decode(_ raw: UnsafeRawBufferPointer) throws(RoadNetworkFileError) -> (RoadNetwork, String) {
        let fileVersion = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard fileVersion == version else { throw .unsupportedVersion(fileVersion) }
        let sectionCount = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        let payloadLength = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        let checksum = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        guard payloadLength <= UInt64(Int.max - headerSize) else { throw .inconsistent("payload length overflows") }
        let expected = headerSize + Int(payloadLength)
        guard raw.count >= expected else { throw .truncated(expectedBytes: expected, actualBytes: raw.count) }
        guard raw.count == expected else {
            throw .inconsistent("\(raw.count - expected) trailing bytes after the payload")
        }
        let payload = UnsafeRawBufferPointer(rebasing: raw[headerSize..<expected])
        guard Checksum64.hash(payload) == checksum else { throw .checksumMismatch }

        var sections: [UInt32: (size: Int, count: Int, bytes: UnsafeRawBufferPointer)] = [:]
        var offset = 0
        for _ in 0..<sectionCount {
            guard payload.count - offset >= 16 else { throw .inconsistent("section header past the end") }
            let tag = UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let size = Int(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
            let count64 = UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            offset += 16
            let (bytes64, overflow) = count64.multipliedReportingOverflow(by: UInt64(size))
            guard !overflow, bytes64 <= UInt64(payload.count - offset) else {
                throw .inconsistent("section \(tag) runs past the end")
            }
            let bytes = Int(bytes64)
            guard sections[tag] == nil else { throw .inconsistent("section \(tag) appears twice") }
            sections[tag] = (size, Int(count64), UnsafeRawBufferPointer(rebasing: payload[offset..<(offset + bytes)]))
            offset += bytes
            offset += (8 - offset % 8) % 8
            guard offset <= payload.count else { throw .inconsistent("section \(tag) padding runs past the end") }
        }
        func array<T: FixedWidthInteger>(_ tag: Tag, _: T.Type) throws(RoadNetworkFileError) -> [T] {
            guard let s = sections[tag.rawValue] else { throw .missingSection(tag.name) }
            guard s.size == MemoryLayout<T>.size else {
                throw .invalidSection(tag.name, "has element size \(s.size), expected \(MemoryLayout<T>.size)")
            }
            return [T](unsafeUninitializedCapacity: s.count) { buffer, initialized in
                if s.count > 0 {
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: s.bytes)
                }
                initialized = s.count
            }.map { T(littleEndian: $0) }
        }
        let lat = try array(.latE7, Int32.self)
        let lon = try array(.lonE7, Int32.self)
        let firstOut = try array(.firstOut, UInt32.self)
        let head = try array(.head, UInt32.self)
        let timeMs = try array(.timeMs, UInt32.self)
        let lengthDm = try array(.lengthDm, UInt32.self)
        let roadClass = try array(.roadClass, UInt8.self)
        let rank = try array(.rank, UInt32.self)
        let firstUp = try array(.firstUp, UInt32.self)
        let upHead = try array(.upHead, UInt32.self)
        let metadata = String(decoding: try array(.metadata, UInt8.self), as: UTF8.self)
        guard let rules = TurnRulesCoding.decode(try array(.turnRules, UInt64.self).map(Double.init(bitPattern:)))
        else { throw .invalidSection("turnRules", "is not a turn model") }
        let forbidden = try array(.forbiddenTurns, UInt64.self)
        let kinds = try array(.forbiddenTurnKinds, UInt8.self)
        guard kinds.count == forbidden.count else {
            throw .inconsistent("forbiddenTurns and forbiddenTurnKinds differ in length")
        }

        let n = lat.count
        let m = head.count
        guard n > 0, lon.count == n else { throw .invalidSection("lonE7", "does not match latE7") }
        guard lat.allSatisfy({ abs($0) <= 900_000_000 }), lon.allSatisfy({ abs($0) <= 1_800_000_000 }) else {
            throw .invalidSection("latE7/lonE7", "holds a coordinate out of range")
        }
        guard firstOut.count == n + 1, firstOut[0] == 0, Int(firstOut[n]) == m else {
            throw .invalidSection("firstOut", "is not an offset array for \(n) nodes and \(m) edges")
        }
        guard timeMs.count == m, lengthDm.count == m, roadClass.count == m else {
            throw .inconsistent("edge attribute sections differ in length")
        }
        for v in 0..<n {
            guard firstOut[v] <= firstOut[v + 1] else { throw .invalidSection("firstOut", "is not monotonic") }
            var previous: Int64 = -1
            for e in Int(firstOut[v])..<Int(firstOut[v + 1]) {
                let h = head[e]
                guard Int(h) < n, Int64(h) > previous, Int(h) != v else {
                    throw .invalidSection("head", "has an out-of-range, repeated or looping edge at node \(v)")
                }
                previous = Int64(h)
            }
        }
        let graph = RoadGraph(
            latE7: lat, lonE7: lon, firstOut: firstOut, head: head, timeMs: timeMs, lengthDm: lengthDm,
            roadClass: roadClass)
        var restrictions: [RestrictedTurn] = []
        restrictions.reserveCapacity(forbidden.count)
        for (key, code) in zip(forbidden, kinds) {
            let pair = TurnPair(packed: key)
            guard pair.from < m, pair.to < m, head[pair.from] == graph.tail[pair.to] else {
                throw .invalidSection("forbiddenTurns", "holds a turn between edges that do not meet")
            }
            guard let kind = TurnRestriction(code: code) else {
                throw .invalidSection("forbiddenTurnKinds", "holds an unknown restriction kind \(code)")
            }
            restrictions.append(RestrictedTurn(pair, kind))
        }
        let viaWay = try ViaWayCoding.decode(try array(.viaWayRestrictions, UInt32.self), graph: graph)
        let turns = TurnGraph(road: graph, rules: rules, restrictions: restrictions, viaWay: viaWay)
        guard
            let hierarchy = ContractionHierarchy(graph: turns.routing, rank: rank, firstUp: firstUp, upHead: upHead)
        else {
            throw .inconsistent("the contraction hierarchy does not fit the turns")
        }
        guard CCHMetric.isChordal(hierarchy) else { throw .inconsistent("the contraction hierarchy is not chordal") }
        return (RoadNetwork(graph: graph, turns: turns, hierarchy: hierarchy), metadata)
    }
}

/// Via-way restrictions as one list of numbers for the `.mroads` file: per restriction its
/// kind, its rule, the length and edges of its path, the number and edges of its `to`.
enum ViaWayCoding {
    static func encode(_ restrictions: [ViaWayRestriction]) -> [UInt32] {
        var out: [UInt32] = []
        for r in restrictions {
            out += [UInt32(r.restriction.code), UInt32(r.rule.rawValue), UInt32(r.path.count)]
            out += r.path.map(UInt32.init)
            out.append(UInt32(r.to.count))
            out += r.to.map(UInt32.init)
        }
        return out
    }

    static func decode(_ values: [UInt32], graph: RoadGraph) throws(RoadNetworkFileError) -> [ViaWayRestriction] {
        func fail(_ why: String) -> RoadNetworkFileError { .invalidSection("viaWayRestrictions", why) }
        var result: [ViaWayRestriction] = []
        var i = 0
        func take(_ count: Int) throws(RoadNetworkFileError) -> ArraySlice<UInt32> {
            guard count >= 0, i + count <= values.count else { throw fail("ends inside a restriction") }
            defer { i += count }
            return values[i..<(i + count)]
        }
        while i < values.count {
            let head = try take(3)
            guard let kind = TurnRestriction(code: UInt8(truncatingIfNeeded: head[head.startIndex])),
                head[head.startIndex] <= UInt32(UInt8.max),
                let rule = ViaWayRestriction.Rule(rawValue: UInt8(truncatingIfNeeded: head[head.startIndex + 1])),
                head[head.startIndex + 1] <= 1
            else { throw fail("holds an unknown kind or rule") }
            let path = try take(Int(head[head.startIndex + 2])).map(Int.init)
            let toCount = try take(1)
            let to = try take(Int(toCount[toCount.startIndex])).map(Int.init)
            let m = graph.edgeCount
            guard path.count >= 2, !to.isEmpty, (path + to).allSatisfy({ $0 < m }) else {
                throw fail("holds a path or target that is not on the graph")
            }
            for (a, b) in zip(path, path.dropFirst()) where graph.head[a] != graph.tail[b] {
                throw fail("holds a path whose edges do not follow each other")
            }
            guard to.allSatisfy({ graph.tail[$0] == graph.head[path.last!] }) else {
                throw fail("holds a target edge that does not leave the end of its path")
            }
            result.append(ViaWayRestriction(path: path, to: to, rule: rule, restriction: kind))
        }
        return result
    }
}

/// Turn rules as a fixed list of numbers for the `.mroads` file.
enum TurnRulesCoding {
    static func encode(_ r: TurnRules) -> [Double] {
        [
            r.uTurns == .anywhere ? 0 : 1, r.turnPenaltySeconds, r.turnBias, r.uTurnPenaltySeconds,
            r.leftHandDriving ? 1 : 0,
        ]
    }

    static func decode(_ v: [Double]) -> TurnRules? {
        guard v.count == 5, v.allSatisfy(\.isFinite), v[0] == 0 || v[0] == 1, v[4] == 0 || v[4] == 1,
            v[1] >= 0, v[2] > 0, v[3] >= 0
        else { return nil }
        return TurnRules(
            uTurns: v[0] == 0 ? .anywhere : .deadEndsOnly, turnPenaltySeconds: v[1], turnBias: v[2],
            uTurnPenaltySeconds: v[3], leftHandDriving: v[4] == 1)
    }
}
