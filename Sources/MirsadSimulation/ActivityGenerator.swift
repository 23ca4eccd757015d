import Foundation
import Logging
import MirsadDomain
import MirsadGeo
import MirsadGeodesy

/// Makes the demo city live: calls arrive at realistic daily rates, the generator dispatches
/// the nearest capable units across sectors, units drive there, work, clear and return to
/// base, all through the platform's own commands and AVL reports.
///
/// The stream of decisions is deterministic for a seed; `speed` runs simulated time faster
/// than the wall clock. Units and incidents that people change through the API are adopted:
/// a unit a dispatcher assigns by hand drives to its incident too.
public actor ActivityGenerator {
    public struct Settings: Sendable {
        public var seed: UInt64
        /// Simulated seconds per real second.
        public var speed: Double
        /// Scales every call rate (1 = the catalogue's daily rates).
        public var callRateFactor: Double
        /// Real seconds between steps.
        public var step: Duration

        public init(seed: UInt64, speed: Double = 1, callRateFactor: Double = 1, step: Duration = .milliseconds(250)) {
            self.seed = seed
            self.speed = max(speed, 0.01)
            self.callRateFactor = callRateFactor
            self.step = step
        }
    }

    private let world: JurisdictionIndex
    private let settings: Settings
    private let sink: any ActivitySink
    /// Roads to drive on (units drive straight where there are none yet, and at sea).
    private let roadsProvider: @Sendable () -> RoutingEngine?
    private var roads: RoutingEngine? { roadsProvider() }
    private let logger: Logger
    private var random: SeededRandom
    private var calls: SeededRandom
    private let specs: [String: DemoCatalog.TypeSpec]

    private var units: [UUID: SimUnit] = [:]
    private var incidents: [UUID: SimIncident] = [:]
    private var agenda = Agenda()
    private var simNow: Date
    private var nextCall: Date
    private var lastSync = Date.distantPast
    private var pendingPositions: [UUID: UnitPosition] = [:]
    /// Recent crimes of the repeating types, so some new ones strike again close by.
    private var recentCrimes: [String: [(at: Date, location: Coordinate)]] = [:]

    public private(set) var stats = Stats()

    public struct Stats: Sendable {
        public var callsCreated = 0
        public var dispatches = 0
        public var rejected = 0
    }

    static let callTaker = Actor(username: "calltaker", role: .callTaker, sector: "operations")
    static let dispatcher = Actor(username: "dispatcher", role: .dispatcher, sector: "operations")

    public init(
        world: Jurisdiction, settings: Settings, sink: any ActivitySink,
        roads: @escaping @Sendable () -> RoutingEngine? = { nil }, start: Date = Date(), logger: Logger
    ) {
        self.roadsProvider = roads
        self.world = JurisdictionIndex(world)
        self.settings = settings
        self.sink = sink
        self.logger = logger
        random = SeededRandom.derive(settings.seed, "activity")
        calls = SeededRandom.derive(settings.seed, "calls")
        specs = Dictionary(DemoCatalog.types.map { ($0.type.code, $0) }, uniquingKeysWith: { a, _ in a })
        simNow = start
        nextCall = start
    }

    /// Runs until the task is cancelled.
    public func run() async {
        var lastReal = ContinuousClock.now
        await sync()
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.step)
            let now = ContinuousClock.now
            let elapsed = now - lastReal
            lastReal = now
            await advance(by: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }

    /// Moves simulated time forward by `realSeconds` × speed, doing everything that falls due.
    public func advance(by realSeconds: Double) async {
        await advance(to: simNow.addingTimeInterval(realSeconds * settings.speed))
    }

    /// Plays the time from the generator's start up to `end` as fast as the platform takes
    /// it, so a demo opens on a day in progress: calls waiting, units on their way and on
    /// scene. Does nothing when the platform already has open incidents (a restarted demo).
    /// Returns the calls it made, or nil when it did not play anything in.
    @discardableResult
    public func warmUp(until end: Date, step: TimeInterval = 10) async -> Int? {
        guard simNow < end, settings.callRateFactor > 0, let open = try? await sink.openIncidents(), open.isEmpty
        else {
            simNow = max(simNow, end)
            nextCall = max(nextCall, end)
            return nil
        }
        let before = stats.callsCreated
        await sync()
        while simNow < end, !Task.isCancelled {
            await advance(to: min(end, simNow.addingTimeInterval(step)))
        }
        return stats.callsCreated - before
    }

    private func advance(to target: Date) async {
        if target.timeIntervalSince(lastSync) >= 15 * max(1, settings.speed) { await sync() }
        while nextCall <= target {
            simNow = nextCall
            await newCall()
            nextCall = simNow.addingTimeInterval(callGap(at: simNow))
        }
        while let due = agenda.popDue(before: target) {
            simNow = max(simNow, due.at)
            await perform(due.action)
        }
        let homecomings = move(to: target)
        simNow = target
        for unitId in homecomings {
            await command(.changeUnitStatus(unitId: unitId, to: .available, reason: nil), as: Self.dispatcher)
        }
        await flushPositions()
    }

    // MARK: Calls

    /// Seconds until the next call: Poisson arrivals whose rate follows the day (quiet before
    /// dawn, busiest in the evening).
    private func callGap(at date: Date) -> TimeInterval {
        let daily = DemoCatalog.types.reduce(0) { $0 + $1.dailyRate } * settings.callRateFactor
        let hour = Double(Calendar(identifier: .gregorian).component(.hour, from: date.addingTimeInterval(3 * 3600)))
        let diurnal = 0.55 + 0.9 * max(0, sin((hour - 6) / 24 * 2 * .pi)) + (hour >= 18 && hour <= 23 ? 0.3 : 0)
        return calls.exponential(mean: 86_400 / max(daily * diurnal, 1))
    }

    private func newCall() async {
        let spec = DemoCatalog.types[calls.weightedIndex(DemoCatalog.types.map(\.dailyRate))]
        let location = repeatLocation(of: spec.type.code) ?? callLocation(atSea: spec.atSea)
        let priority = spec.type.defaultPriority
        let create = CreateIncident(
            type: spec.type.code, location: location, address: address(near: location),
            caller: Caller(
                name: nil, phone: "+965 5\(String(format: "%07d", calls.next() % 10_000_000))",
                language: calls.unit() < 0.6 ? "ar" : "en"),
            narrative: "\(spec.type.name.en) reported by caller (demo)", priority: priority)
        do {
            let incident = try await sink.createIncident(create, as: Self.callTaker)
            stats.callsCreated += 1
            incidents[incident.id] = SimIncident(id: incident.id, spec: spec, location: location)
            if incident.possibleDuplicateOf == nil {
                // Urgent calls go out within a minute; routine ones wait in the queue for a few.
                let wait = priority <= 2 ? 20 + random.unit() * 50 : 60 + random.unit() * 420
                agenda.add(simNow.addingTimeInterval(wait), .dispatch(incident.id, attempt: 0))
            } else {
                // A second call about the same event: a real dispatcher would merge, the demo just closes it out.
                agenda.add(simNow.addingTimeInterval(120), .cancel(incident.id, reason: "duplicate call"))
            }
        } catch {
            stats.rejected += 1
            logger.debug("demo call refused: \(error)")
        }
    }

    private func callLocation(atSea: Bool) -> Coordinate {
        if atSea {
            let lat = 29.12 + calls.unit() * 0.3
            return Coordinate(lat: lat, lon: DemoWorld.coastLongitude(atLatitude: lat) + 0.01 + calls.unit() * 0.08)
        }
        // Governorates weighted towards the dense centre.
        let weights = [3.0, 2.5, 2.0, 1.8, 1.2, 0.6]
        let governorate = DemoWorld.governorates[calls.weightedIndex(weights)]
        var point = DemoWorld.jitter(governorate.center, metres: 2500, &calls)
        if DemoWorld.isAtSea(point) { point.lon = DemoWorld.coastLongitude(atLatitude: point.lat) - 0.005 }
        return point
    }

    /// For crimes that repeat: sometimes a spot within ~150 m of one of the type's crimes of
    /// the last two weeks (the near-repeat pattern burglaries show in real data).
    private func repeatLocation(of type: String) -> Coordinate? {
        guard let share = DemoCatalog.repeatingCrimes[type] else { return nil }
        var recent = (recentCrimes[type] ?? []).filter { simNow.timeIntervalSince($0.at) < 14 * 86_400 }
        defer { recentCrimes[type] = Array(recent.suffix(50)) }
        var location: Coordinate?
        if !recent.isEmpty, calls.unit() < share {
            let earlier = recent[Int(calls.next() % UInt64(recent.count))]
            location = DemoWorld.jitter(earlier.location, metres: 100, &calls)
        }
        let chosen = location ?? callLocation(atSea: false)
        recent.append((simNow, chosen))
        return chosen
    }

    private func address(near point: Coordinate) -> String {
        let block = 1 + Int(abs(point.lat * 1000).truncatingRemainder(dividingBy: 12))
        let street = 1 + Int(abs(point.lon * 1000).truncatingRemainder(dividingBy: 40))
        return "Block \(block), Street \(street)"
    }

    // MARK: Actions

    private func perform(_ action: Agenda.Action) async {
        switch action {
        case .dispatch(let id, let attempt): await dispatch(id, attempt: attempt)
        case .depart(let unitId): await setStatus(unitId, .enRoute)
        case .arrive(let unitId): await arrive(unitId)
        case .clear(let unitId): await clear(unitId)
        case .close(let id): await closeIncident(id)
        case .cancel(let id, let reason):
            await command(.changeIncidentStatus(incidentId: id, to: .cancelled, reason: reason), as: Self.dispatcher)
            incidents[id] = nil
        }
    }

    /// Takes the platform's recommendation (response plan, fastest units by road) the way a
    /// dispatcher accepting it would; boats go to sea, land units stay ashore.
    private func dispatch(_ id: UUID, attempt: Int) async {
        guard let incident = incidents[id] else { return }
        let recommended = (try? await sink.recommend(for: id)) ?? []
        let chosen = recommended.filter { unitId in
            guard let unit = units[unitId] else { return false }
            return unit.isFree && unit.isBoat == incident.spec.atSea
        }
        guard !chosen.isEmpty else {
            if attempt < 20 {
                agenda.add(simNow.addingTimeInterval(90), .dispatch(id, attempt: attempt + 1))
            } else {
                agenda.add(simNow, .cancel(id, reason: "no unit available"))
            }
            return
        }
        guard await command(.assignUnits(incidentId: id, unitIds: chosen), as: Self.dispatcher) else {
            agenda.add(simNow.addingTimeInterval(60), .dispatch(id, attempt: attempt + 1))
            return
        }
        stats.dispatches += 1
        for unitId in chosen {
            units[unitId]?.task = .assigned(incident: id, target: incident.location)
            units[unitId]?.status = .dispatched
            agenda.add(simNow.addingTimeInterval(10 + random.unit() * 40), .depart(unitId))
        }
        incidents[id]?.units = Set(chosen)
    }

    private func setStatus(_ unitId: UUID, _ status: UnitStatus) async {
        guard let unit = units[unitId], case .assigned(_, let target) = unit.task else { return }
        if await command(.changeUnitStatus(unitId: unitId, to: status, reason: nil), as: Self.dispatcher) {
            units[unitId]?.status = status
            if status == .enRoute { units[unitId]?.route = route(from: unit.position, to: target, boat: unit.isBoat) }
        }
    }

    /// The road route between two points, when both are near roads and the unit drives.
    private func route(from: Coordinate, to: Coordinate, boat: Bool) -> Route? {
        guard !boat, let roads,
            let source = roads.snap(GeoCoordinate(latitude: from.lat, longitude: from.lon)),
            let target = roads.snap(GeoCoordinate(latitude: to.lat, longitude: to.lon))
        else { return nil }
        return roads.route(from: source, to: target)
    }

    private func arrive(_ unitId: UUID) async {
        guard let unit = units[unitId], case .assigned(let incidentId, let target) = unit.task else { return }
        units[unitId]?.task = .onScene(incident: incidentId, at: target)
        if await command(.changeUnitStatus(unitId: unitId, to: .onScene, reason: nil), as: Self.dispatcher) {
            units[unitId]?.status = .onScene
        }
        let minutes = incidents[incidentId]?.spec.onSceneMinutes ?? 30
        agenda.add(simNow.addingTimeInterval(minutes * 60 * (0.6 + 0.8 * random.unit())), .clear(unitId))
    }

    private func clear(_ unitId: UUID) async {
        guard let unit = units[unitId], case .onScene(let incidentId, _) = unit.task else { return }
        _ = await command(.changeUnitStatus(unitId: unitId, to: .returning, reason: nil), as: Self.dispatcher)
        units[unitId]?.status = .returning
        units[unitId]?.task = .returning(target: unit.home)
        units[unitId]?.route = route(from: unit.position, to: unit.home, boat: unit.isBoat)
        incidents[incidentId]?.units.remove(unitId)
        if incidents[incidentId]?.units.isEmpty == true {
            agenda.add(simNow.addingTimeInterval(60 + random.unit() * 240), .close(incidentId))
        }
    }

    private func closeIncident(_ id: UUID) async {
        _ = await command(.changeIncidentStatus(incidentId: id, to: .closed, reason: "completed"), as: Self.dispatcher)
        incidents[id] = nil
    }

    @discardableResult
    private func command(_ command: Command, as actor: Actor) async -> Bool {
        do {
            try await sink.perform(command, as: actor)
            return true
        } catch {
            stats.rejected += 1
            logger.debug("demo command refused: \(error)")
            return false
        }
    }

    // MARK: Movement

    /// Drives every moving unit; returns the units that reached their home station.
    private func move(to target: Date) -> [UUID] {
        let seconds = target.timeIntervalSince(simNow)
        guard seconds > 0 else { return [] }
        var arrivals: [UUID] = []
        var homecomings: [UUID] = []
        for (id, unit) in units {
            var unit = unit
            switch unit.task {
            case .assigned(_, let destination) where unit.status == .enRoute:
                if unit.drive(towards: destination, seconds: seconds, speedFactor: speedFactor(unit)) {
                    arrivals.append(id)
                }
            case .returning(let home):
                if unit.drive(towards: home, seconds: seconds, speedFactor: 1) {
                    unit.task = .idle
                    unit.status = .available
                    homecomings.append(id)
                }
            case .idle where unit.wanders:
                unit.wander(seconds: seconds, &random)
            default:
                break
            }
            units[id] = unit
            if unit.moved(since: unit.lastReportedAt, now: target) || target.timeIntervalSince(unit.lastReportedAt) > 60
            {
                pendingPositions[id] = UnitPosition(
                    unitId: id, lat: unit.position.lat, lon: unit.position.lon, at: target,
                    speed: unit.currentSpeed, heading: unit.heading)
                units[id]?.lastReportedAt = target
                units[id]?.lastReported = unit.position
            }
        }
        for id in arrivals { agenda.add(target, .arrive(id)) }
        return homecomings
    }

    private func speedFactor(_ unit: SimUnit) -> Double {
        world.jurisdiction.speedFactors[unit.definition.type] ?? 1
    }

    private func flushPositions() async {
        guard !pendingPositions.isEmpty else { return }
        let batch = Array(pendingPositions.values)
        pendingPositions.removeAll()
        do { try await sink.report(batch) } catch { logger.debug("demo positions refused: \(error)") }
    }

    // MARK: Reconciling with the platform

    /// Takes the platform's view as the truth: units freed or assigned by people are adopted,
    /// incidents created by people get dispatched.
    private func sync() async {
        lastSync = simNow
        guard let current = try? await sink.currentUnits(), let open = try? await sink.openIncidents() else { return }
        let openByID = Dictionary(open.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (state, position) in current {
            guard let definition = world.units[state.id], let station = world.stations[definition.homeStation] else {
                continue
            }
            var unit =
                units[state.id]
                ?? SimUnit(
                    definition: definition, home: station.location,
                    position: position ?? station.location, at: simNow)
            unit.status = state.status
            if state.status.isCommitted, let incidentId = state.incidentId, let incident = openByID[incidentId] {
                switch (unit.task, state.status) {
                case (.assigned(let known, _), _) where known == incidentId: break
                case (.onScene(let known, _), _) where known == incidentId: break
                case (_, .onScene):
                    unit.task = .onScene(incident: incidentId, at: incident.location)
                    agenda.add(simNow.addingTimeInterval(600), .clear(state.id))
                default:
                    unit.task = .assigned(incident: incidentId, target: incident.location)
                    if state.status == .dispatched { agenda.add(simNow.addingTimeInterval(15), .depart(state.id)) }
                }
                if incidents[incidentId] == nil {
                    incidents[incidentId] = SimIncident(
                        id: incidentId, spec: spec(for: incident), location: incident.location)
                }
                incidents[incidentId]?.units.insert(state.id)
            } else if state.status == .returning {
                if case .returning = unit.task {} else { unit.task = .returning(target: unit.home) }
            } else if !state.status.isCommitted {
                unit.task = .idle
            }
            units[state.id] = unit
        }
        for incident in open where incidents[incident.id] == nil && incident.status == .received {
            incidents[incident.id] = SimIncident(
                id: incident.id, spec: spec(for: incident), location: incident.location)
            agenda.add(simNow.addingTimeInterval(60), .dispatch(incident.id, attempt: 0))
        }
    }

    private func spec(for incident: Incident) -> DemoCatalog.TypeSpec {
        specs[incident.type]
            ?? DemoCatalog.TypeSpec(
                type: world.incidentTypes[incident.type] ?? DemoCatalog.types[0].type, dailyRate: 0, onSceneMinutes: 30,
                atSea: DemoWorld.isAtSea(incident.location))
    }
}

extension ActivityGenerator {
    /// Debug view for tests: units the generator believes are on a task.
    public var busyUnits: Int { units.values.filter { !$0.isFree }.count }
}
