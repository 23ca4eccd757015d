import Foundation
import Testing

@testable import MirsadServer

/// Frames produced by pymavlink 2.4 (sysid 1, compid 1, seq 0) and the values they carry.
private enum MAVLinkVectors {
    static let globalPosition = bytes(
        "fd1c0000000101210000e8030000a0818111c02a991c50c30000409c00006400ceff0000282371be")
    static let heartbeat = bytes("fd090000000101000000000000000203510403e71e")
    static let sysStatus = bytes(
        "fd1f00000001010100000000000000000000000000000000b83d00000000000000000000000000004cb7e3")
    /// GLOBAL_POSITION_INT with heading 0: MAVLink 2 trimmed its four trailing zero bytes (vz, hdg).
    static let truncatedGlobalPosition = bytes(
        "fd180000000101210000e8030000a0818111c02a991c50c30000409c00006400ceffe1bd")

    static let globalPositionMessage = MAVLinkGlobalPosition(
        timeBootMs: 1000, latitudeE7: 293_700_000, longitudeE7: 479_800_000, altitudeMillimetres: 50_000,
        relativeAltitudeMillimetres: 40_000, velocityNorth: 100, velocityEast: -50, velocityDown: 0,
        headingCentidegrees: 9000)
    static let heartbeatMessage = MAVLinkHeartbeat(
        customMode: 0, type: 2, autopilot: 3, baseMode: 0x51, systemStatus: 4, mavlinkVersion: 3)
    static let sysStatusMessage = MAVLinkSysStatus(
        voltageBattery: 15_800, currentBattery: 0, batteryRemaining: 76)

    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    /// The first frame found in `datagram`, decoded.
    static func message(in datagram: [UInt8]) -> MAVLinkMessage? {
        var parser = MAVLinkParser()
        return parser.frames(in: datagram).first.flatMap { MAVLinkMessage(frame: $0) }
    }

    /// A MAVLink 2 frame built by hand, for header variations the encoder does not write.
    static func v2Frame(
        incompatFlags: UInt8, messageID: UInt8, payload: [UInt8], crcExtra: UInt8, signature: [UInt8] = []
    ) -> [UInt8] {
        var frame: [UInt8] = [0xFD, UInt8(payload.count), incompatFlags, 0, 7, 1, 1, messageID, 0, 0] + payload
        var crc = X25CRC(frame[1...])
        crc.add(crcExtra)
        frame += [UInt8(crc.value & 0xFF), UInt8(crc.value >> 8)]
        return frame + signature
    }
}

@Suite("MAVLink 2 codec")
struct MAVLinkCodecTests {
    @Test("The checksum is CRC-16/MCRF4XX")
    func checksum() {
        #expect(X25CRC().value == 0xFFFF)
        #expect(X25CRC(Array("123456789".utf8)).value == 0x6F91)
    }

    @Test("A GLOBAL_POSITION_INT frame decodes to its fields")
    func globalPositionDecodes() throws {
        var parser = MAVLinkParser()
        let frames = parser.frames(in: MAVLinkVectors.globalPosition)
        let frame = try #require(frames.first)
        #expect(frames.count == 1)
        #expect(frame.version == 2)
        #expect(frame.sequence == 0)
        #expect(frame.systemID == 1)
        #expect(frame.componentID == 1)
        #expect(frame.messageID == 33)
        #expect(!frame.isSigned)
        guard case .globalPosition(let position) = MAVLinkMessage(frame: frame) else {
            Issue.record("not a GLOBAL_POSITION_INT")
            return
        }
        #expect(position == MAVLinkVectors.globalPositionMessage)
        #expect(position.timeBootMs == 1000)
        #expect(position.latitude == 29.37)
        #expect(position.longitude == 47.98)
        #expect(position.altitude == 50)
        #expect(position.relativeAltitude == 40)
        #expect(position.velocityNorth == 100)
        #expect(position.velocityEast == -50)
        #expect(position.velocityDown == 0)
        #expect(abs(position.groundSpeed - 12_500.0.squareRoot() / 100) < 1e-12)
        #expect(position.heading == 90)
    }

    @Test("A HEARTBEAT frame decodes to its fields")
    func heartbeatDecodes() {
        guard case .heartbeat(let heartbeat) = MAVLinkVectors.message(in: MAVLinkVectors.heartbeat) else {
            Issue.record("not a HEARTBEAT")
            return
        }
        #expect(heartbeat == MAVLinkVectors.heartbeatMessage)
        #expect(heartbeat.customMode == 0)
        #expect(heartbeat.type == 2)
        #expect(heartbeat.autopilot == 3)
        #expect(heartbeat.baseMode == 0x51)
        #expect(!heartbeat.isArmed)
        #expect(heartbeat.state == .active)
        #expect(heartbeat.mavlinkVersion == 3)
    }

    @Test("A SYS_STATUS frame decodes to its fields")
    func sysStatusDecodes() {
        guard case .sysStatus(let status) = MAVLinkVectors.message(in: MAVLinkVectors.sysStatus) else {
            Issue.record("not a SYS_STATUS")
            return
        }
        #expect(status == MAVLinkVectors.sysStatusMessage)
        #expect(status.sensorsPresent == 0)
        #expect(status.sensorsEnabled == 0)
        #expect(status.sensorsHealth == 0)
        #expect(status.load == 0)
        #expect(status.voltageBattery == 15_800)
        #expect(status.batteryVolts == 15.8)
        #expect(status.currentBattery == 0)
        #expect(status.batteryAmperes == 0)
        #expect(status.dropRateComm == 0)
        #expect(status.errorsComm == 0)
        #expect(status.errorsCount1 == 0 && status.errorsCount4 == 0)
        #expect(status.batteryRemaining == 76)
    }

    @Test("SYS_STATUS unknown values decode as nil")
    func sysStatusUnknowns() {
        let unknown = MAVLinkSysStatus(voltageBattery: nil, currentBattery: nil, batteryRemaining: nil)
        let payload = unknown.payload
        #expect(payload[14] == 0xFF && payload[15] == 0xFF)
        #expect(payload[16] == 0xFF && payload[17] == 0xFF)
        #expect(payload[30] == 0xFF)
        #expect(MAVLinkSysStatus(payload: payload) == unknown)
        #expect(unknown.batteryVolts == nil)
    }

    @Test("An unknown heading decodes as nil")
    func unknownHeading() {
        var position = MAVLinkVectors.globalPositionMessage
        position.headingCentidegrees = nil
        let decoded = MAVLinkGlobalPosition(payload: position.payload)
        #expect(decoded.headingCentidegrees == nil)
        #expect(decoded.heading == nil)
    }

    @Test("A payload trimmed of trailing zeros is zero-extended to the full message")
    func truncatedPayload() throws {
        var parser = MAVLinkParser()
        let frame = try #require(parser.frames(in: MAVLinkVectors.truncatedGlobalPosition).first)
        #expect(frame.payload.count == 28)
        var expected = MAVLinkVectors.globalPositionMessage
        expected.headingCentidegrees = 0
        #expect(MAVLinkMessage(frame: frame) == .globalPosition(expected))
        guard case .globalPosition(let position) = MAVLinkMessage(frame: frame) else { return }
        #expect(position.velocityDown == 0)
        #expect(position.heading == 0)
    }

    @Test("The encoder reproduces each pymavlink frame byte for byte")
    func encoderMatchesPymavlink() {
        var truncated = MAVLinkVectors.globalPositionMessage
        truncated.headingCentidegrees = 0
        let cases: [(MAVLinkMessage, [UInt8])] = [
            (.globalPosition(MAVLinkVectors.globalPositionMessage), MAVLinkVectors.globalPosition),
            (.heartbeat(MAVLinkVectors.heartbeatMessage), MAVLinkVectors.heartbeat),
            (.sysStatus(MAVLinkVectors.sysStatusMessage), MAVLinkVectors.sysStatus),
            (.globalPosition(truncated), MAVLinkVectors.truncatedGlobalPosition),
        ]
        for (message, expected) in cases {
            var encoder = MAVLinkEncoder(systemID: 1, componentID: 1, sequence: 0)
            #expect(encoder.frame(message) == expected)
            #expect(encoder.sequence == 1)
        }
    }

    @Test("The encoder's sequence number wraps after 255")
    func sequenceWraps() {
        var encoder = MAVLinkEncoder(systemID: 9, componentID: 1, sequence: 255)
        let first = encoder.frame(.heartbeat(MAVLinkVectors.heartbeatMessage))
        let second = encoder.frame(.heartbeat(MAVLinkVectors.heartbeatMessage))
        var parser = MAVLinkParser()
        #expect(parser.frames(in: first + second).map(\.sequence) == [255, 0])
    }

    @Test("A frame with a flipped payload byte is rejected and counted")
    func flippedByte() {
        var corrupt = MAVLinkVectors.globalPosition
        corrupt[14] ^= 0x01
        var parser = MAVLinkParser()
        #expect(parser.frames(in: corrupt).isEmpty)
        #expect(parser.rejected == 1)
        #expect(parser.unknown == 0)
    }

    @Test("Two frames after leading garbage are both found")
    func garbageThenTwoFrames() {
        // The garbage holds start bytes of both versions: one bogus frame, counted once.
        let datagram = [0x00, 0x55, 0xFD, 0x03, 0xFE] + MAVLinkVectors.globalPosition + MAVLinkVectors.heartbeat
        var parser = MAVLinkParser()
        let frames = parser.frames(in: datagram)
        #expect(frames.map(\.messageID) == [33, 0])
        #expect(MAVLinkMessage(frame: frames[0]) == .globalPosition(MAVLinkVectors.globalPositionMessage))
        #expect(MAVLinkMessage(frame: frames[1]) == .heartbeat(MAVLinkVectors.heartbeatMessage))
        #expect(parser.rejected == 1)
    }

    @Test("Datagrams that are not arrays are read too")
    func otherCollections() {
        let datagram = MAVLinkVectors.heartbeat + MAVLinkVectors.sysStatus
        var parser = MAVLinkParser()
        #expect(parser.frames(in: Data(datagram)).map(\.messageID) == [0, 1])
        #expect(parser.frames(in: datagram.lazy.map { $0 }).map(\.messageID) == [0, 1])
        #expect(parser.frames(in: datagram[21...]).map(\.messageID) == [1])
    }

    @Test("A frame of an unknown message is skipped and counted, and the next frame is found")
    func unknownMessage() {
        // ATTITUDE (#30) is not in the table; its payload holds start bytes that must not count again.
        var encoder = MAVLinkEncoder(systemID: 1, componentID: 1)
        let attitude = encoder.frame(
            messageID: 30, payload: [0xFD, 0x04, 0, 0, 0xFE, 0x02] + Array(repeating: 0x11, count: 22), crcExtra: 39)
        var parser = MAVLinkParser()
        let frames = parser.frames(in: attitude + MAVLinkVectors.heartbeat)
        #expect(frames.map(\.messageID) == [0])
        #expect(parser.unknown == 1)
        #expect(parser.rejected == 0)
    }

    @Test("A signed frame is read")
    func signedFrame() throws {
        let signature: [UInt8] = [0x01] + [0xFD, 0, 0, 0, 0, 0] + Array(repeating: 0xAB, count: 6)
        let signed = MAVLinkVectors.v2Frame(
            incompatFlags: 0x01, messageID: 0, payload: MAVLinkVectors.heartbeatMessage.payload, crcExtra: 50,
            signature: signature)
        var parser = MAVLinkParser()
        let frames = parser.frames(in: signed + MAVLinkVectors.sysStatus)
        let frame = try #require(frames.first)
        #expect(frames.count == 2)
        #expect(frame.isSigned)
        #expect(frame.sequence == 7)
        #expect(MAVLinkMessage(frame: frame) == .heartbeat(MAVLinkVectors.heartbeatMessage))
        #expect(!frames[1].isSigned)
        #expect(parser.rejected == 0)
    }

    @Test("A frame with an incompatibility flag it does not understand is rejected")
    func unknownIncompatFlag() {
        let frame = MAVLinkVectors.v2Frame(
            incompatFlags: 0x02, messageID: 0, payload: MAVLinkVectors.heartbeatMessage.payload, crcExtra: 50)
        var parser = MAVLinkParser()
        #expect(parser.frames(in: frame).isEmpty)
        #expect(parser.rejected == 1)
    }

    @Test("A frame cut short at the end of the datagram is rejected without crashing")
    func cutShort() {
        let whole = MAVLinkVectors.globalPosition
        for length in 1..<whole.count {
            var parser = MAVLinkParser()
            #expect(parser.frames(in: whole[..<length]).isEmpty)
            #expect(parser.rejected == 1)
        }
        var parser = MAVLinkParser()
        let frames = parser.frames(in: MAVLinkVectors.heartbeat + whole.dropLast(3))
        #expect(frames.map(\.messageID) == [0])
        #expect(parser.rejected == 1)
    }

    @Test("A MAVLink 1 HEARTBEAT frame decodes")
    func mavlink1Heartbeat() throws {
        // FE len seq sysid compid msgid payload crc: no flags, one-byte id, no zero trimming.
        let payload = MAVLinkVectors.heartbeatMessage.payload
        var frame: [UInt8] = [0xFE, UInt8(payload.count), 42, 3, 1, 0] + payload
        var crc = X25CRC(frame[1...])
        crc.add(MAVLinkMessageSpec.heartbeat.crcExtra)
        frame += [UInt8(crc.value & 0xFF), UInt8(crc.value >> 8)]
        var parser = MAVLinkParser()
        let decoded = try #require(parser.frames(in: frame).first)
        #expect(decoded.version == 1)
        #expect(decoded.sequence == 42)
        #expect(decoded.systemID == 3)
        #expect(decoded.componentID == 1)
        #expect(MAVLinkMessage(frame: decoded) == .heartbeat(MAVLinkVectors.heartbeatMessage))
    }
}
