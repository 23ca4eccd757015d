/// One MAVLink frame as it arrived: who sent it, which message it carries and the payload.
///
/// For a message the codec knows, the payload is at least that message's full length: MAVLink 2
/// senders trim trailing zero bytes and the receiver puts them back.
public struct MAVLinkFrame: Sendable, Equatable {
    /// The protocol version of the frame: 1 (start byte `0xFE`) or 2 (`0xFD`).
    public var version: UInt8
    /// The sender's frame counter, which wraps at 255; gaps mean lost frames.
    public var sequence: UInt8
    /// The sending vehicle (MAVLink system id).
    public var systemID: UInt8
    /// The sending part of the vehicle, e.g. 1 for the autopilot.
    public var componentID: UInt8
    /// The message id (MAVLink 1 carries only 0–255).
    public var messageID: UInt32
    /// The message's fields, little-endian.
    public var payload: [UInt8]
    /// Whether the frame carried a MAVLink 2 signature. The signature is not verified here.
    public var isSigned: Bool

    public init(
        version: UInt8 = 2, sequence: UInt8, systemID: UInt8, componentID: UInt8, messageID: UInt32,
        payload: [UInt8], isSigned: Bool = false
    ) {
        self.version = version
        self.sequence = sequence
        self.systemID = systemID
        self.componentID = componentID
        self.messageID = messageID
        self.payload = payload
        self.isSigned = isSigned
    }
}

/// Finds the MAVLink 1 and 2 frames in UDP datagrams.
///
/// Each datagram is read on its own: a frame never spans two. Anything that is not a whole,
/// checked frame is skipped and scanning resumes at the next start byte, so garbage, a
/// corrupted frame or a frame cut short costs only itself.
public struct MAVLinkParser: Sendable {
    /// Frames dropped because they were corrupt (bad checksum), cut short or used incompatible
    /// features (MAVLink 2 incompatibility flags other than signing).
    public private(set) var rejected = 0
    /// Frames dropped because their message is not in ``MAVLinkMessageSpec``, so their checksum
    /// could not be checked.
    public private(set) var unknown = 0

    static let v1Marker: UInt8 = 0xFE
    static let v2Marker: UInt8 = 0xFD
    /// MAVLINK_IFLAG_SIGNED, the only incompatibility flag this parser understands.
    static let signedFlag: UInt8 = 0x01
    static let signatureLength = 13

    public init() {}

    /// Every valid frame in `datagram`, in order.
    public mutating func frames(in datagram: some Collection<UInt8>) -> [MAVLinkFrame] {
        if let found = datagram.withContiguousStorageIfAvailable({ scan($0) }) { return found }
        return Array(datagram).withUnsafeBufferPointer { scan($0) }
    }

    private enum Candidate {
        case frame(MAVLinkFrame, end: Int)
        /// Not a frame; `end` is where it claimed to end, clamped to the datagram.
        case rejected(end: Int)
        case unknown(end: Int)
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [MAVLinkFrame] {
        var found: [MAVLinkFrame] = []
        // A start byte inside a dropped frame's body is usually payload, not a new frame: it is
        // still tried (the dropped frame's length may be the corrupt part), but not counted again.
        var countedUpTo = 0
        var index = 0
        while index < bytes.count {
            let candidate: Candidate
            switch bytes[index] {
            case Self.v2Marker: candidate = Self.v2Frame(in: bytes, at: index)
            case Self.v1Marker: candidate = Self.v1Frame(in: bytes, at: index)
            default:
                index += 1
                continue
            }
            switch candidate {
            case .frame(let frame, let end):
                found.append(frame)
                index = end
                countedUpTo = end
            case .rejected(let end):
                if index >= countedUpTo {
                    rejected += 1
                    countedUpTo = end
                }
                index += 1
            case .unknown(let end):
                if index >= countedUpTo {
                    unknown += 1
                    countedUpTo = end
                }
                index += 1
            }
        }
        return found
    }

    /// MAVLink 2: `FD len incompat compat seq sysid compid msgid[3] payload[len] crc[2] (signature[13])`.
    private static func v2Frame(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Candidate {
        let headerLength = 10
        guard bytes.count - start >= headerLength else { return .rejected(end: bytes.count) }
        let length = Int(bytes[start + 1])
        let incompatFlags = bytes[start + 2]
        let isSigned = incompatFlags & signedFlag != 0
        let end = start + headerLength + length + 2 + (isSigned ? signatureLength : 0)
        guard incompatFlags & ~signedFlag == 0 else { return .rejected(end: min(end, bytes.count)) }
        guard end <= bytes.count else { return .rejected(end: bytes.count) }
        let messageID =
            UInt32(bytes[start + 7]) | UInt32(bytes[start + 8]) << 8 | UInt32(bytes[start + 9]) << 16
        guard let spec = MAVLinkMessageSpec.spec(for: messageID) else { return .unknown(end: end) }
        guard
            let payload = checkedPayload(
                in: bytes, header: start + 1..<start + headerLength, length: length, spec: spec)
        else { return .rejected(end: end) }
        let frame = MAVLinkFrame(
            version: 2, sequence: bytes[start + 4], systemID: bytes[start + 5], componentID: bytes[start + 6],
            messageID: messageID, payload: payload, isSigned: isSigned)
        return .frame(frame, end: end)
    }

    /// MAVLink 1: `FE len seq sysid compid msgid payload[len] crc[2]`.
    private static func v1Frame(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Candidate {
        let headerLength = 6
        guard bytes.count - start >= headerLength else { return .rejected(end: bytes.count) }
        let length = Int(bytes[start + 1])
        let end = start + headerLength + length + 2
        guard end <= bytes.count else { return .rejected(end: bytes.count) }
        let messageID = UInt32(bytes[start + 5])
        guard let spec = MAVLinkMessageSpec.spec(for: messageID) else { return .unknown(end: end) }
        guard
            let payload = checkedPayload(
                in: bytes, header: start + 1..<start + headerLength, length: length, spec: spec)
        else { return .rejected(end: end) }
        let frame = MAVLinkFrame(
            version: 1, sequence: bytes[start + 2], systemID: bytes[start + 3], componentID: bytes[start + 4],
            messageID: messageID, payload: payload, isSigned: false)
        return .frame(frame, end: end)
    }

    /// The payload that follows `header` (the bytes after the start marker), zero-extended to the
    /// message's full length, or nil when the checksum after the payload does not match.
    private static func checkedPayload(
        in bytes: UnsafeBufferPointer<UInt8>, header: Range<Int>, length: Int, spec: MAVLinkMessageSpec
    ) -> [UInt8]? {
        let payloadRange = header.upperBound..<header.upperBound + length
        var crc = X25CRC()
        crc.add(bytes[header.lowerBound..<payloadRange.upperBound])
        crc.add(spec.crcExtra)
        let sent = UInt16(bytes[payloadRange.upperBound]) | UInt16(bytes[payloadRange.upperBound + 1]) << 8
        guard crc.value == sent else { return nil }
        var payload = Array(bytes[payloadRange])
        if payload.count < spec.length {
            payload.append(contentsOf: repeatElement(0, count: spec.length - payload.count))
        }
        return payload
    }
}

/// Writes MAVLink 2 frames from one sender, numbering them.
public struct MAVLinkEncoder: Sendable {
    /// The sequence number of the next frame; it wraps after 255.
    public var sequence: UInt8
    /// The sender's system id.
    public var systemID: UInt8
    /// The sender's component id.
    public var componentID: UInt8

    public init(systemID: UInt8, componentID: UInt8, sequence: UInt8 = 0) {
        self.systemID = systemID
        self.componentID = componentID
        self.sequence = sequence
    }

    /// A frame carrying `message`.
    public mutating func frame(_ message: MAVLinkMessage) -> [UInt8] {
        frame(messageID: message.messageID, payload: message.payload)
    }

    /// A frame carrying `payload` of a message in ``MAVLinkMessageSpec``. Sending a message the
    /// table does not know is a programming error: its checksum could not be sealed.
    public mutating func frame(messageID: UInt32, payload: [UInt8]) -> [UInt8] {
        guard let spec = MAVLinkMessageSpec.spec(for: messageID) else {
            preconditionFailure("MAVLink message \(messageID) has no known CRC_EXTRA")
        }
        return frame(messageID: messageID, payload: payload, crcExtra: spec.crcExtra)
    }

    /// A frame carrying `payload` of message `messageID`, sealed with `crcExtra`; for messages
    /// outside the table.
    public mutating func frame(messageID: UInt32, payload: [UInt8], crcExtra: UInt8) -> [UInt8] {
        precondition(payload.count <= 255, "a MAVLink payload is at most 255 bytes")
        precondition(messageID <= 0xFF_FFFF, "a MAVLink 2 message id is 24 bits")
        // MAVLink 2 trims trailing zeros (keeping one byte); the receiver zero-extends them back.
        var length = payload.count
        while length > 1 && payload[length - 1] == 0 { length -= 1 }
        var bytes: [UInt8] = [
            MAVLinkParser.v2Marker, UInt8(length), 0, 0, sequence, systemID, componentID,
            UInt8(truncatingIfNeeded: messageID), UInt8(truncatingIfNeeded: messageID >> 8),
            UInt8(truncatingIfNeeded: messageID >> 16),
        ]
        bytes.reserveCapacity(bytes.count + length + 2)
        bytes.append(contentsOf: payload[0..<length])
        var crc = X25CRC(bytes[1...])
        crc.add(crcExtra)
        bytes.append(UInt8(truncatingIfNeeded: crc.value))
        bytes.append(UInt8(truncatingIfNeeded: crc.value >> 8))
        sequence &+= 1
        return bytes
    }
}
