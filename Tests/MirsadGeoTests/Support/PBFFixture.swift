import Foundation

@testable import MirsadGeo

/// Builds small OSM PBF files in memory (raw, uncompressed blobs) so that the car profile can
/// be checked on hand-made ways with known tags.
struct PBFFixture {
    struct Node {
        var id: Int64
        var lat: Double
        var lon: Double
        var tags: [String: String] = [:]
    }

    struct Way {
        var id: Int64
        var refs: [Int64]
        var tags: [String: String]
    }

    struct Relation {
        enum MemberType: UInt64 { case node = 0, way = 1, relation = 2 }
        var id: Int64
        var members: [(type: MemberType, id: Int64, role: String)]
        var tags: [String: String]
    }

    var nodes: [Node] = []
    var ways: [Way] = []
    var relations: [Relation] = []
    var requiredFeatures = ["OsmSchema-V0.6", "DenseNodes"]

    /// The file bytes, encoded by hand on the protobuf wire format (independently of the
    /// generated decoder it tests).
    func data() -> Data {
        var out = Data()
        var header = ProtoWriter()
        for feature in requiredFeatures { header.string(4, feature) }
        append(type: "OSMHeader", payload: header.bytes, to: &out)
        var strings = [""]
        var index: [String: Int] = ["": 0]
        func sid(_ s: String) -> Int {
            if let i = index[s] { return i }
            strings.append(s)
            index[s] = strings.count - 1
            return strings.count - 1
        }
        var ids: [Int64] = []
        var lats: [Int64] = []
        var lons: [Int64] = []
        var keysVals: [UInt64] = []
        var last = (id: Int64(0), lat: Int64(0), lon: Int64(0))
        for n in nodes {
            let lat = Int64((n.lat * 1e7).rounded())
            let lon = Int64((n.lon * 1e7).rounded())
            ids.append(n.id - last.id)
            lats.append(lat - last.lat)
            lons.append(lon - last.lon)
            last = (n.id, lat, lon)
            for (k, v) in n.tags.sorted(by: { $0.key < $1.key }) {
                keysVals.append(UInt64(sid(k)))
                keysVals.append(UInt64(sid(v)))
            }
            keysVals.append(0)
        }
        var dense = ProtoWriter()
        dense.packedSInt64(1, ids)
        dense.packedSInt64(8, lats)
        dense.packedSInt64(9, lons)
        dense.packedVarint(10, keysVals)
        var nodeGroup = ProtoWriter()
        nodeGroup.message(2, dense)
        var wayGroup = ProtoWriter()
        for w in ways {
            var way = ProtoWriter()
            way.varint(1, UInt64(w.id))
            let sorted = w.tags.sorted(by: { $0.key < $1.key })
            way.packedVarint(2, sorted.map { UInt64(sid($0.key)) })
            way.packedVarint(3, sorted.map { UInt64(sid($0.value)) })
            var previous: Int64 = 0
            way.packedSInt64(
                8,
                w.refs.map { r in
                    defer { previous = r }
                    return r - previous
                })
            wayGroup.message(3, way)
        }
        var relationGroup = ProtoWriter()
        for r in relations {
            var relation = ProtoWriter()
            relation.varint(1, UInt64(r.id))
            let sorted = r.tags.sorted(by: { $0.key < $1.key })
            relation.packedVarint(2, sorted.map { UInt64(sid($0.key)) })
            relation.packedVarint(3, sorted.map { UInt64(sid($0.value)) })
            relation.packedVarint(8, r.members.map { UInt64(sid($0.role)) })
            var previous: Int64 = 0
            relation.packedSInt64(
                9,
                r.members.map { m in
                    defer { previous = m.id }
                    return m.id - previous
                })
            relation.packedVarint(10, r.members.map(\.type.rawValue))
            relationGroup.message(4, relation)
        }
        var table = ProtoWriter()
        for s in strings { table.bytes(1, Data(s.utf8)) }
        var block = ProtoWriter()
        block.message(1, table)
        block.message(2, nodeGroup)
        block.message(2, wayGroup)
        if !relations.isEmpty { block.message(2, relationGroup) }
        append(type: "OSMData", payload: block.bytes, to: &out)
        return out
    }

    private func append(type: String, payload: Data, to out: inout Data) {
        var blob = ProtoWriter()
        blob.bytes(1, payload)
        var header = ProtoWriter()
        header.string(1, type)
        header.varint(3, UInt64(blob.bytes.count))
        var length = UInt32(header.bytes.count).bigEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(header.bytes)
        out.append(blob.bytes)
    }
}

/// Minimal protobuf wire-format writer (varint and length-delimited fields only).
struct ProtoWriter {
    var bytes = Data()

    mutating func rawVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func varint(_ field: Int, _ value: UInt64) {
        rawVarint(UInt64(field << 3))
        rawVarint(value)
    }

    mutating func bytes(_ field: Int, _ data: Data) {
        rawVarint(UInt64(field << 3 | 2))
        rawVarint(UInt64(data.count))
        bytes.append(data)
    }

    mutating func string(_ field: Int, _ s: String) { bytes(field, Data(s.utf8)) }

    mutating func message(_ field: Int, _ m: ProtoWriter) { bytes(field, m.bytes) }

    mutating func packedVarint(_ field: Int, _ values: [UInt64]) {
        guard !values.isEmpty else { return }
        var inner = ProtoWriter()
        for v in values { inner.rawVarint(v) }
        bytes(field, inner.bytes)
    }

    mutating func packedSInt64(_ field: Int, _ values: [Int64]) {
        packedVarint(field, values.map { UInt64(bitPattern: ($0 << 1) ^ ($0 >> 63)) })
    }
}
