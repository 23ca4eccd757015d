import Foundation

/// What the codec needs to know about one MAVLink message: its id, the CRC_EXTRA byte that
/// seeds its checksum (a hash of the message's definition, so sender and receiver agree on the
/// layout) and its payload length.
///
/// This table is the one place those numbers live; the parser checks frames with it and the
/// encoder seals them with it.
public struct MAVLinkMessageSpec: Sendable, Equatable {
    /// The message id.
    public let id: UInt32
    /// The byte folded into the checksum after the payload.
    public let crcExtra: UInt8
    /// The payload length this codec decodes: the base fields, without MAVLink 2 extensions.
    public let length: Int

    /// HEARTBEAT (#0).
    public static let heartbeat = MAVLinkMessageSpec(id: 0, crcExtra: 50, length: 9)
    /// SYS_STATUS (#1); its MAVLink 2 extensions (up to 43 bytes) are carried but not decoded.
    public static let sysStatus = MAVLinkMessageSpec(id: 1, crcExtra: 124, length: 31)
    /// GLOBAL_POSITION_INT (#33).
    public static let globalPosition = MAVLinkMessageSpec(id: 33, crcExtra: 104, length: 28)

    /// The spec of message `id`, or nil when this codec does not know it (and so cannot check
    /// its checksum).
    public static func spec(for id: UInt32) -> MAVLinkMessageSpec? {
        switch id {
        case heartbeat.id: heartbeat
        case sysStatus.id: sysStatus
        case globalPosition.id: globalPosition
        default: nil
        }
    }
}

/// A message a drone sends us, decoded from its frame.
public enum MAVLinkMessage: Sendable, Equatable {
    case heartbeat(MAVLinkHeartbeat)
    case sysStatus(MAVLinkSysStatus)
    case globalPosition(MAVLinkGlobalPosition)

    /// Decodes `frame`, or nil when its message is not one of these.
    public init?(frame: MAVLinkFrame) {
        switch frame.messageID {
        case MAVLinkHeartbeat.spec.id: self = .heartbeat(MAVLinkHeartbeat(payload: frame.payload))
        case MAVLinkSysStatus.spec.id: self = .sysStatus(MAVLinkSysStatus(payload: frame.payload))
        case MAVLinkGlobalPosition.spec.id: self = .globalPosition(MAVLinkGlobalPosition(payload: frame.payload))
        default: return nil
        }
    }

    /// The message's id.
    public var messageID: UInt32 {
        switch self {
        case .heartbeat: MAVLinkHeartbeat.spec.id
        case .sysStatus: MAVLinkSysStatus.spec.id
        case .globalPosition: MAVLinkGlobalPosition.spec.id
        }
    }

    /// The message's full-length payload (before MAVLink 2 trims its trailing zeros).
    public var payload: [UInt8] {
        switch self {
        case .heartbeat(let message): message.payload
        case .sysStatus(let message): message.payload
        case .globalPosition(let message): message.payload
        }
    }
}

// MARK: - HEARTBEAT

/// MAV_STATE: where the vehicle is in its life cycle.
public enum MAVLinkSystemState: UInt8, Sendable, Equatable, CaseIterable {
    case uninitialised = 0
    case booting = 1
    case calibrating = 2
    case standby = 3
    case active = 4
    case critical = 5
    case emergency = 6
    case powerOff = 7
    case flightTermination = 8
}

/// HEARTBEAT (#0): the vehicle is alive, what it is and what state it is in. Sent about once a
/// second; a drone whose heartbeats stop has lost its link.
public struct MAVLinkHeartbeat: Sendable, Equatable {
    /// The message's spec.
    public static let spec = MAVLinkMessageSpec.heartbeat
    /// The `base_mode` bit set while the motors are armed (MAV_MODE_FLAG_SAFETY_ARMED).
    public static let armedFlag: UInt8 = 0x80

    /// The autopilot's own flight mode, meaningful only for its autopilot type.
    public var customMode: UInt32
    /// MAV_TYPE, e.g. 2 for a quadrotor.
    public var type: UInt8
    /// MAV_AUTOPILOT, e.g. 3 for ArduPilot, 12 for PX4.
    public var autopilot: UInt8
    /// MAV_MODE_FLAG bits.
    public var baseMode: UInt8
    /// MAV_STATE as sent; see ``state`` for the named value.
    public var systemStatus: UInt8
    /// The MAVLink protocol version of the sender (3 for MAVLink 1 and 2 alike).
    public var mavlinkVersion: UInt8

    public init(
        customMode: UInt32 = 0, type: UInt8, autopilot: UInt8, baseMode: UInt8, systemStatus: UInt8,
        mavlinkVersion: UInt8 = 3
    ) {
        self.customMode = customMode
        self.type = type
        self.autopilot = autopilot
        self.baseMode = baseMode
        self.systemStatus = systemStatus
        self.mavlinkVersion = mavlinkVersion
    }

    /// Decodes a payload; missing trailing bytes read as zero.
    public init(payload: [UInt8]) {
        let reader = MAVLinkPayloadReader(payload)
        self.init(
            customMode: reader.u32(at: 0), type: reader.u8(at: 4), autopilot: reader.u8(at: 5),
            baseMode: reader.u8(at: 6), systemStatus: reader.u8(at: 7), mavlinkVersion: reader.u8(at: 8))
    }

    /// Whether the motors are armed.
    public var isArmed: Bool { baseMode & Self.armedFlag != 0 }

    /// The system status, or nil for a value MAV_STATE does not define.
    public var state: MAVLinkSystemState? { MAVLinkSystemState(rawValue: systemStatus) }

    /// The full-length payload.
    public var payload: [UInt8] {
        var writer = MAVLinkPayloadWriter(length: Self.spec.length)
        writer.put(customMode, at: 0)
        writer.put(type, at: 4)
        writer.put(autopilot, at: 5)
        writer.put(baseMode, at: 6)
        writer.put(systemStatus, at: 7)
        writer.put(mavlinkVersion, at: 8)
        return writer.bytes
    }
}

// MARK: - SYS_STATUS

/// SYS_STATUS (#1): sensor health, link quality and, what we read it for, the battery.
public struct MAVLinkSysStatus: Sendable, Equatable {
    /// The message's spec.
    public static let spec = MAVLinkMessageSpec.sysStatus

    /// MAV_SYS_STATUS_SENSOR bits: sensors fitted.
    public var sensorsPresent: UInt32
    /// MAV_SYS_STATUS_SENSOR bits: sensors enabled.
    public var sensorsEnabled: UInt32
    /// MAV_SYS_STATUS_SENSOR bits: sensors healthy.
    public var sensorsHealth: UInt32
    /// Main loop load, in tenths of a percent.
    public var load: UInt16
    /// Battery voltage in millivolts, nil when the vehicle does not know it.
    public var voltageBattery: UInt16?
    /// Battery current in centiamperes, nil when the vehicle does not know it.
    public var currentBattery: Int16?
    /// Packets dropped on the link, in hundredths of a percent.
    public var dropRateComm: UInt16
    /// Communication errors.
    public var errorsComm: UInt16
    /// Autopilot-specific error counters.
    public var errorsCount1: UInt16
    public var errorsCount2: UInt16
    public var errorsCount3: UInt16
    public var errorsCount4: UInt16
    /// Battery left, in percent, nil when the vehicle does not know it.
    public var batteryRemaining: Int8?

    public init(
        sensorsPresent: UInt32 = 0, sensorsEnabled: UInt32 = 0, sensorsHealth: UInt32 = 0, load: UInt16 = 0,
        voltageBattery: UInt16?, currentBattery: Int16?, dropRateComm: UInt16 = 0, errorsComm: UInt16 = 0,
        errorsCount1: UInt16 = 0, errorsCount2: UInt16 = 0, errorsCount3: UInt16 = 0, errorsCount4: UInt16 = 0,
        batteryRemaining: Int8?
    ) {
        self.sensorsPresent = sensorsPresent
        self.sensorsEnabled = sensorsEnabled
        self.sensorsHealth = sensorsHealth
        self.load = load
        self.voltageBattery = voltageBattery
        self.currentBattery = currentBattery
        self.dropRateComm = dropRateComm
        self.errorsComm = errorsComm
        self.errorsCount1 = errorsCount1
        self.errorsCount2 = errorsCount2
        self.errorsCount3 = errorsCount3
        self.errorsCount4 = errorsCount4
        self.batteryRemaining = batteryRemaining
    }

    /// Decodes the base fields of a payload (extensions are ignored); missing trailing bytes read
    /// as zero.
    public init(payload: [UInt8]) {
        let reader = MAVLinkPayloadReader(payload)
        let voltage = reader.u16(at: 14)
        let current = reader.i16(at: 16)
        let remaining = reader.i8(at: 30)
        self.init(
            sensorsPresent: reader.u32(at: 0), sensorsEnabled: reader.u32(at: 4), sensorsHealth: reader.u32(at: 8),
            load: reader.u16(at: 12), voltageBattery: voltage == .max ? nil : voltage,
            currentBattery: current == -1 ? nil : current, dropRateComm: reader.u16(at: 18),
            errorsComm: reader.u16(at: 20), errorsCount1: reader.u16(at: 22), errorsCount2: reader.u16(at: 24),
            errorsCount3: reader.u16(at: 26), errorsCount4: reader.u16(at: 28),
            batteryRemaining: remaining == -1 ? nil : remaining)
    }

    /// Battery voltage in volts.
    public var batteryVolts: Double? { voltageBattery.map { Double($0) / 1000 } }

    /// Battery current in amperes.
    public var batteryAmperes: Double? { currentBattery.map { Double($0) / 100 } }

    /// The full-length payload of the base fields (no extensions); unknowns are written as the
    /// protocol's "unknown" values.
    public var payload: [UInt8] {
        var writer = MAVLinkPayloadWriter(length: Self.spec.length)
        writer.put(sensorsPresent, at: 0)
        writer.put(sensorsEnabled, at: 4)
        writer.put(sensorsHealth, at: 8)
        writer.put(load, at: 12)
        writer.put(voltageBattery ?? .max, at: 14)
        writer.put(UInt16(bitPattern: currentBattery ?? -1), at: 16)
        writer.put(dropRateComm, at: 18)
        writer.put(errorsComm, at: 20)
        writer.put(errorsCount1, at: 22)
        writer.put(errorsCount2, at: 24)
        writer.put(errorsCount3, at: 26)
        writer.put(errorsCount4, at: 28)
        writer.put(UInt8(bitPattern: batteryRemaining ?? -1), at: 30)
        return writer.bytes
    }
}

// MARK: - GLOBAL_POSITION_INT

/// GLOBAL_POSITION_INT (#33): the fused position, in the wire's integer units.
public struct MAVLinkGlobalPosition: Sendable, Equatable {
    /// The message's spec.
    public static let spec = MAVLinkMessageSpec.globalPosition

    /// Milliseconds since the autopilot booted.
    public var timeBootMs: UInt32
    /// Latitude in degrees × 10⁷.
    public var latitudeE7: Int32
    /// Longitude in degrees × 10⁷.
    public var longitudeE7: Int32
    /// Altitude above mean sea level, in millimetres.
    public var altitudeMillimetres: Int32
    /// Altitude above home, in millimetres.
    public var relativeAltitudeMillimetres: Int32
    /// Ground speed north (`vx`), in centimetres per second.
    public var velocityNorth: Int16
    /// Ground speed east (`vy`), in centimetres per second.
    public var velocityEast: Int16
    /// Speed down (`vz`), in centimetres per second.
    public var velocityDown: Int16
    /// Heading in hundredths of a degree (0 ..< 36000), nil when the vehicle does not know it.
    public var headingCentidegrees: UInt16?

    public init(
        timeBootMs: UInt32, latitudeE7: Int32, longitudeE7: Int32, altitudeMillimetres: Int32,
        relativeAltitudeMillimetres: Int32, velocityNorth: Int16, velocityEast: Int16, velocityDown: Int16,
        headingCentidegrees: UInt16?
    ) {
        self.timeBootMs = timeBootMs
        self.latitudeE7 = latitudeE7
        self.longitudeE7 = longitudeE7
        self.altitudeMillimetres = altitudeMillimetres
        self.relativeAltitudeMillimetres = relativeAltitudeMillimetres
        self.velocityNorth = velocityNorth
        self.velocityEast = velocityEast
        self.velocityDown = velocityDown
        self.headingCentidegrees = headingCentidegrees
    }

    /// Decodes a payload; missing trailing bytes read as zero.
    public init(payload: [UInt8]) {
        let reader = MAVLinkPayloadReader(payload)
        let heading = reader.u16(at: 26)
        self.init(
            timeBootMs: reader.u32(at: 0), latitudeE7: reader.i32(at: 4), longitudeE7: reader.i32(at: 8),
            altitudeMillimetres: reader.i32(at: 12), relativeAltitudeMillimetres: reader.i32(at: 16),
            velocityNorth: reader.i16(at: 20), velocityEast: reader.i16(at: 22), velocityDown: reader.i16(at: 24),
            headingCentidegrees: heading == .max ? nil : heading)
    }

    /// Latitude in degrees.
    public var latitude: Double { Double(latitudeE7) / 1e7 }
    /// Longitude in degrees.
    public var longitude: Double { Double(longitudeE7) / 1e7 }
    /// Altitude above mean sea level, in metres.
    public var altitude: Double { Double(altitudeMillimetres) / 1000 }
    /// Altitude above home, in metres.
    public var relativeAltitude: Double { Double(relativeAltitudeMillimetres) / 1000 }
    /// Horizontal speed over the ground, in metres per second.
    public var groundSpeed: Double { hypot(Double(velocityNorth), Double(velocityEast)) / 100 }
    /// Heading in degrees, nil when unknown.
    public var heading: Double? { headingCentidegrees.map { Double($0) / 100 } }

    /// The full-length payload.
    public var payload: [UInt8] {
        var writer = MAVLinkPayloadWriter(length: Self.spec.length)
        writer.put(timeBootMs, at: 0)
        writer.put(UInt32(bitPattern: latitudeE7), at: 4)
        writer.put(UInt32(bitPattern: longitudeE7), at: 8)
        writer.put(UInt32(bitPattern: altitudeMillimetres), at: 12)
        writer.put(UInt32(bitPattern: relativeAltitudeMillimetres), at: 16)
        writer.put(UInt16(bitPattern: velocityNorth), at: 20)
        writer.put(UInt16(bitPattern: velocityEast), at: 22)
        writer.put(UInt16(bitPattern: velocityDown), at: 24)
        writer.put(headingCentidegrees ?? .max, at: 26)
        return writer.bytes
    }
}

// MARK: - Little-endian fields

/// Reads little-endian fields of a payload. Bytes past its end read as zero: that is what a
/// MAVLink 2 sender trimmed, and it means no payload, however short, is read out of bounds.
struct MAVLinkPayloadReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func u8(at offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }
    func i8(at offset: Int) -> Int8 { Int8(bitPattern: u8(at: offset)) }
    func u16(at offset: Int) -> UInt16 { UInt16(u8(at: offset)) | UInt16(u8(at: offset + 1)) << 8 }
    func i16(at offset: Int) -> Int16 { Int16(bitPattern: u16(at: offset)) }
    func u32(at offset: Int) -> UInt32 { UInt32(u16(at: offset)) | UInt32(u16(at: offset + 2)) << 16 }
    func i32(at offset: Int) -> Int32 { Int32(bitPattern: u32(at: offset)) }
}

/// Writes little-endian fields into a zeroed payload of fixed length.
struct MAVLinkPayloadWriter {
    private(set) var bytes: [UInt8]

    init(length: Int) { bytes = [UInt8](repeating: 0, count: length) }

    mutating func put(_ value: some FixedWidthInteger & UnsignedInteger, at offset: Int) {
        for index in 0..<(value.bitWidth / 8) {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (index * 8))
        }
    }
}
