import Foundation
import MirsadDomain
import MirsadGeo
import MirsadGeodesy

/// What the generator knows about one unit: where it is and what it is doing.
struct SimUnit: Sendable {
    enum Task: Sendable {
        case idle
        case assigned(incident: UUID, target: Coordinate)
        case onScene(incident: UUID, at: Coordinate)
        case returning(target: Coordinate)
    }

    let definition: UnitDefinition
    let home: Coordinate
    var position: Coordinate
    var status: UnitStatus = .available
    var task: Task = .idle
    var heading: Double?
    var currentSpeed: Double?
    var lastReported: Coordinate
    var lastReportedAt: Date
    /// Where an idle patrol drifts to.
    var wanderTarget: Coordinate?
    /// The road route being driven, and how far along it (seconds of its timing).
    /// A new route is driven from its start.
    var route: Route? { didSet { routeElapsed = 0 } }
    var routeElapsed: Double = 0

    init(definition: UnitDefinition, home: Coordinate, position: Coordinate, at: Date) {
        self.definition = definition
        self.home = home
        self.position = position
        lastReported = position
        lastReportedAt = at.addingTimeInterval(-3600)
    }

    var id: UUID { definition.id }

    var isFree: Bool {
        switch task {
        case .idle, .returning: status.isAssignable
        default: false
        }
    }

    /// Patrol cars cruise their area while free; other units wait at their station.
    var wanders: Bool { ["patrol-car", "traffic-car", "border-patrol"].contains(definition.type) }

    var isBoat: Bool { definition.type.hasSuffix("boat") }

    /// Cruising speed in metres per second (emergency driving in a city; boats on open water).
    var speed: Double {
        switch definition.type {
        case "rescue-boat", "coastal-patrol-boat": 14
        case "fire-engine", "ladder-truck", "hazmat-unit", "rescue-truck", "pump-unit": 11
        default: 13
        }
    }

    /// Follows the road route when there is one, else moves straight towards `target`; true
    /// when it has arrived.
    mutating func drive(towards target: Coordinate, seconds: Double, speedFactor: Double) -> Bool {
        if let route {
            routeElapsed += seconds * speedFactor
            let previous = position
            if routeElapsed >= route.seconds {
                position = target
                currentSpeed = 0
                self.route = nil
                return true
            }
            let point = route.position(afterSeconds: routeElapsed)
            position = Coordinate(lat: point.latitude, lon: point.longitude)
            heading = Self.bearing(from: previous, to: position)
            currentSpeed = previous.distance(to: position) / max(seconds, 0.001)
            return false
        }
        return driveStraight(towards: target, seconds: seconds)
    }

    private mutating func driveStraight(towards target: Coordinate, seconds: Double) -> Bool {
        let distance = position.distance(to: target)
        let step = speed * seconds
        heading = Self.bearing(from: position, to: target)
        if distance <= max(step, 25) {
            position = target
            currentSpeed = 0
            return true
        }
        position = position.interpolated(to: target, fraction: step / distance)
        currentSpeed = speed
        return false
    }

    /// Slow drift around the home station within ~2 km.
    mutating func wander(seconds: Double, _ random: inout SeededRandom) {
        if wanderTarget == nil || position.distance(to: wanderTarget!) < 30 {
            wanderTarget = DemoWorld.jitter(home, metres: 1500, &random)
            if let target = wanderTarget, DemoWorld.isAtSea(target) { wanderTarget = home }
        }
        let target = wanderTarget!
        let distance = position.distance(to: target)
        let step = 6 * seconds
        heading = Self.bearing(from: position, to: target)
        currentSpeed = 6
        position = distance <= step ? target : position.interpolated(to: target, fraction: step / distance)
    }

    func moved(since: Date, now: Date) -> Bool {
        now.timeIntervalSince(since) >= 2 && position.distance(to: lastReported) > 5
    }

    static func bearing(from a: Coordinate, to b: Coordinate) -> Double {
        let phi1 = a.lat * .pi / 180, phi2 = b.lat * .pi / 180, dLambda = (b.lon - a.lon) * .pi / 180
        let y = sin(dLambda) * cos(phi2)
        let x = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(dLambda)
        return (atan2(y, x) * 180 / .pi + 360).truncatingRemainder(dividingBy: 360)
    }
}

/// An incident the generator is working.
struct SimIncident: Sendable {
    let id: UUID
    let spec: DemoCatalog.TypeSpec
    let location: Coordinate
    var units: Set<UUID> = []
}

/// Things due at a simulated time, earliest first (ties in insertion order, for determinism).
struct Agenda: Sendable {
    enum Action: Sendable {
        case dispatch(UUID, attempt: Int)
        case depart(UUID)
        case arrive(UUID)
        case clear(UUID)
        case close(UUID)
        case cancel(UUID, reason: String)
    }

    private struct Entry: Sendable {
        let at: Date
        let order: Int
        let action: Action
    }

    private var entries: [Entry] = []
    private var counter = 0

    mutating func add(_ at: Date, _ action: Action) {
        counter += 1
        let entry = Entry(at: at, order: counter, action: action)
        let index = entries.firstIndex { ($0.at, $0.order) > (entry.at, entry.order) } ?? entries.endIndex
        entries.insert(entry, at: index)
    }

    mutating func popDue(before limit: Date) -> (at: Date, action: Action)? {
        guard let first = entries.first, first.at <= limit else { return nil }
        entries.removeFirst()
        return (first.at, first.action)
    }

    var count: Int { entries.count }
}
