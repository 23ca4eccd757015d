import Foundation

/// An emergency plan that runs itself: for a scenario (heavy rain, a major fire, ...), what
/// starts it and which tasks each sector receives, with deadlines. Versioned data, loaded with
/// the jurisdiction (`playbooks`) or from `mirsad serve --playbooks DIR`.
public struct Playbook: Codable, Hashable, Sendable, Identifiable {
    public enum Scenario: String, Codable, Hashable, Sendable, CaseIterable {
        case heavyRain, majorFire, sandstorm, earthquake, maritimeIncident, massGathering, other
    }

    public var id: String
    public var version: Int
    public var scenario: Scenario
    public var name: LocalizedName
    /// Preparedness advice for the public, in both languages.
    public var advice: LocalizedName?
    public var triggers: [PlaybookTrigger]
    public var tasks: [PlaybookTask]
    /// Roads to close (or slow) in routing while the operation runs: flood-prone underpasses.
    public var closures: [PlaybookClosure]
    /// The public warning drafted when the operation starts; it waits for approval.
    public var publicAlert: PlaybookAlertTemplate?
    /// Governorates whose listed shelters open when the operation starts.
    public var openShelters: [String]

    public init(
        id: String, version: Int, scenario: Scenario, name: LocalizedName, advice: LocalizedName? = nil,
        triggers: [PlaybookTrigger], tasks: [PlaybookTask], closures: [PlaybookClosure] = [],
        publicAlert: PlaybookAlertTemplate? = nil, openShelters: [String] = []
    ) {
        self.openShelters = openShelters
        self.closures = closures
        self.publicAlert = publicAlert
        self.id = id
        self.version = version
        self.scenario = scenario
        self.name = name
        self.advice = advice
        self.triggers = triggers
        self.tasks = tasks
    }

    enum CodingKeys: String, CodingKey {
        case id, version, scenario, name, advice, triggers, tasks, closures, publicAlert, openShelters
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        version = try c.decode(Int.self, forKey: .version)
        scenario = try c.decode(Scenario.self, forKey: .scenario)
        name = try c.decode(LocalizedName.self, forKey: .name)
        advice = try c.decodeIfPresent(LocalizedName.self, forKey: .advice)
        triggers = try c.decodeIfPresent([PlaybookTrigger].self, forKey: .triggers) ?? []
        tasks = try c.decode([PlaybookTask].self, forKey: .tasks)
        closures = try c.decodeIfPresent([PlaybookClosure].self, forKey: .closures) ?? []
        publicAlert = try c.decodeIfPresent(PlaybookAlertTemplate.self, forKey: .publicAlert)
        openShelters = try c.decodeIfPresent([String].self, forKey: .openShelters) ?? []
    }

    /// Checks the plan against the jurisdiction, naming the first bad field (`playbooks[2].tasks[0].sector`).
    public func validate(catalog: JurisdictionIndex, field: String) throws(DomainError) {
        try validate(
            sectors: Set(catalog.sectors.keys), incidentTypes: Set(catalog.incidentTypes.keys),
            governorates: Set(catalog.governorates.keys), field: field)
        for (i, closure) in closures.enumerated() {
            do {
                _ = try RoadClosureDecider.validated(closure.command(operation: UUID()))
            } catch {
                throw .invalidField(field: "\(field).closures[\(i)].\(error.field ?? "id")", reason: error.message)
            }
        }
        if let publicAlert {
            let reference = Date(timeIntervalSince1970: 0)
            do {
                _ = try PublicAlertRules.validated(
                    publicAlert.content(from: reference), catalog: catalog, now: reference)
            } catch {
                throw .invalidField(field: "\(field).publicAlert.\(error.field ?? "")", reason: error.message)
            }
        }
    }

    /// The checks that need only names: sectors, incident types, governorates.
    public func validate(sectors: Set<String>, incidentTypes: Set<String>, governorates: Set<String>, field: String)
        throws(DomainError)
    {
        guard id.range(of: #"^[a-z0-9][a-z0-9-]{0,63}$"#, options: .regularExpression) != nil else {
            throw .invalidField(field: "\(field).id", reason: "1-64 characters of a-z, 0-9 and '-'")
        }
        guard version >= 1 else { throw .invalidField(field: "\(field).version", reason: "must be at least 1") }
        guard !tasks.isEmpty else { throw .invalidField(field: "\(field).tasks", reason: "a plan needs tasks") }
        var taskIDs = Set<String>()
        for (i, task) in tasks.enumerated() {
            let at = "\(field).tasks[\(i)]"
            guard taskIDs.insert(task.id).inserted, !task.id.isEmpty else {
                throw .invalidField(field: "\(at).id", reason: "empty or used twice in the plan")
            }
            guard sectors.contains(task.sector) else {
                throw .invalidField(field: "\(at).sector", reason: "unknown sector '\(task.sector)'")
            }
            guard (1...10_080).contains(task.deadlineMinutes) else {
                throw .invalidField(field: "\(at).deadlineMinutes", reason: "between 1 and 10080 (a week)")
            }
            guard !task.title.en.isEmpty, !task.title.ar.isEmpty else {
                throw .invalidField(field: "\(at).title", reason: "needs both an English and an Arabic title")
            }
        }
        for (i, trigger) in triggers.enumerated() {
            let at = "\(field).triggers[\(i)]"
            for (j, type) in trigger.incidentTypes.enumerated() where !incidentTypes.contains(type) {
                throw .invalidField(field: "\(at).incidentTypes[\(j)]", reason: "unknown incident type '\(type)'")
            }
            if let cap = trigger.cap {
                guard !cap.events.isEmpty else {
                    throw .invalidField(field: "\(at).cap.events", reason: "name at least one CAP event")
                }
                guard PlaybookTrigger.severityRank(cap.minimumSeverity) != nil else {
                    throw .invalidField(
                        field: "\(at).cap.minimumSeverity", reason: "one of Extreme, Severe, Moderate, Minor, Unknown")
                }
                for (j, id) in cap.governorates.enumerated() where !governorates.contains(id) {
                    throw .invalidField(field: "\(at).cap.governorates[\(j)]", reason: "unknown governorate '\(id)'")
                }
            }
            if let sensor = trigger.sensor {
                guard !sensor.kinds.isEmpty else {
                    throw .invalidField(field: "\(at).sensor.kinds", reason: "name at least one sensor kind")
                }
                for (j, id) in sensor.governorates.enumerated() where !governorates.contains(id) {
                    throw .invalidField(field: "\(at).sensor.governorates[\(j)]", reason: "unknown governorate '\(id)'")
                }
            }
            guard trigger.cap != nil || !trigger.incidentTypes.isEmpty || trigger.sensor != nil else {
                throw .invalidField(
                    field: at, reason: "give cap, incidentTypes or sensor (manual activation needs no trigger)")
            }
        }
        for (i, id) in openShelters.enumerated() where !governorates.contains(id) {
            throw .invalidField(field: "\(field).openShelters[\(i)]", reason: "unknown governorate '\(id)'")
        }
    }
}

/// What starts a plan by itself (it can always be activated by hand): an incoming CAP warning
/// of one of `cap.events` at least as severe as `cap.minimumSeverity` (and, if listed, for one
/// of `cap.governorates`), a new incident of one of `incidentTypes`, or a sensor of one of
/// `sensor.kinds` going into alarm.
public struct PlaybookTrigger: Codable, Hashable, Sendable {
    public struct CAPCondition: Codable, Hashable, Sendable {
        /// Matched without regard to case against each info block's event and event codes.
        public var events: [String]
        public var minimumSeverity: String
        public var governorates: [String]

        public init(events: [String], minimumSeverity: String, governorates: [String] = []) {
            self.events = events
            self.minimumSeverity = minimumSeverity
            self.governorates = governorates
        }

        enum CodingKeys: String, CodingKey { case events, minimumSeverity, governorates }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            events = try c.decode([String].self, forKey: .events)
            minimumSeverity = try c.decodeIfPresent(String.self, forKey: .minimumSeverity) ?? "Moderate"
            governorates = try c.decodeIfPresent([String].self, forKey: .governorates) ?? []
        }
    }

    /// A sensor alarm that starts the plan: of these kinds, in these governorates (any when empty).
    public struct SensorCondition: Codable, Hashable, Sendable {
        public var kinds: [Sensor.Kind]
        public var governorates: [String]

        public init(kinds: [Sensor.Kind], governorates: [String] = []) {
            self.kinds = kinds
            self.governorates = governorates
        }

        enum CodingKeys: String, CodingKey { case kinds, governorates }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kinds = try c.decode([Sensor.Kind].self, forKey: .kinds)
            governorates = try c.decodeIfPresent([String].self, forKey: .governorates) ?? []
        }
    }

    public var cap: CAPCondition?
    public var incidentTypes: [String]
    public var sensor: SensorCondition?

    public init(cap: CAPCondition? = nil, incidentTypes: [String] = [], sensor: SensorCondition? = nil) {
        self.cap = cap
        self.incidentTypes = incidentTypes
        self.sensor = sensor
    }

    enum CodingKeys: String, CodingKey { case cap, incidentTypes, sensor }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cap = try c.decodeIfPresent(CAPCondition.self, forKey: .cap)
        incidentTypes = try c.decodeIfPresent([String].self, forKey: .incidentTypes) ?? []
        sensor = try c.decodeIfPresent(SensorCondition.self, forKey: .sensor)
    }

    /// Whether a sensor alarm starts the plan.
    public func matches(_ alarm: SensorChanged) -> Bool {
        guard let sensor, alarm.change == .alarm, sensor.kinds.contains(alarm.kind) else { return false }
        return sensor.governorates.isEmpty || alarm.governorate.map(sensor.governorates.contains) == true
    }

    static func severityRank(_ severity: String) -> Int? {
        ["Unknown": 0, "Minor": 1, "Moderate": 2, "Severe": 3, "Extreme": 4][severity]
    }

    /// Whether an incoming warning starts the plan.
    public func matches(_ warning: ExternalWarning) -> Bool {
        guard let cap, warning.isActive(at: warning.receivedAt) else { return false }
        let wanted = Set(cap.events.map { $0.lowercased() })
        let said = warning.infos.flatMap { [$0.event] + $0.eventCodes.map(\.value) }.map { $0.lowercased() }
        guard said.contains(where: wanted.contains) else { return false }
        guard (Self.severityRank(warning.severity) ?? 0) >= (Self.severityRank(cap.minimumSeverity) ?? 0) else {
            return false
        }
        return cap.governorates.isEmpty || !Set(cap.governorates).isDisjoint(with: warning.governorates)
    }
}

/// One task of a plan: which sector does it, and how soon after activation it is due.
public struct PlaybookTask: Codable, Hashable, Sendable {
    public var id: String
    public var phase: String
    public var sector: String
    public var title: LocalizedName
    public var deadlineMinutes: Int

    public init(id: String, phase: String, sector: String, title: LocalizedName, deadlineMinutes: Int) {
        self.id = id
        self.phase = phase
        self.sector = sector
        self.title = title
        self.deadlineMinutes = deadlineMinutes
    }
}

/// A stretch of road a plan closes while its operation runs (and opens again when it is stood
/// down). Its routing id is derived from the operation, so every instance applies it once.
public struct PlaybookClosure: Codable, Hashable, Sendable {
    public var id: String
    public var polygon: [Coordinate]
    public var slowdownFactor: Double?
    public var reason: String

    public init(id: String, polygon: [Coordinate], slowdownFactor: Double? = nil, reason: String) {
        self.id = id
        self.polygon = polygon
        self.slowdownFactor = slowdownFactor
        self.reason = reason
    }

    public static func closureID(_ id: String, operation: UUID) -> String {
        "op-\(operation.uuidString.prefix(8).lowercased())-\(id)"
    }

    public func command(operation: UUID) -> RoadClosureCommand {
        .add(
            id: Self.closureID(id, operation: operation), polygon: polygon, slowdownFactor: slowdownFactor,
            reason: reason)
    }
}

/// A public warning as a plan carries it: the content without a date, expiring a number of
/// hours after the operation starts.
public struct PlaybookAlertTemplate: Codable, Hashable, Sendable {
    public var event: LocalizedName
    public var headline: LocalizedName
    public var description: LocalizedName
    public var instruction: LocalizedName?
    public var categories: [String]
    public var responseTypes: [String]
    public var urgency: String
    public var severity: String
    public var certainty: String
    public var expiresInHours: Double
    public var areas: [PublicAlertArea]

    public init(
        event: LocalizedName, headline: LocalizedName, description: LocalizedName, instruction: LocalizedName? = nil,
        categories: [String], responseTypes: [String] = [], urgency: String, severity: String, certainty: String,
        expiresInHours: Double, areas: [PublicAlertArea]
    ) {
        self.event = event
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.categories = categories
        self.responseTypes = responseTypes
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.expiresInHours = expiresInHours
        self.areas = areas
    }

    public func content(from start: Date) -> PublicAlertContent {
        PublicAlertContent(
            event: event, headline: headline, description: description, instruction: instruction,
            categories: categories, responseTypes: responseTypes, urgency: urgency, severity: severity,
            certainty: certainty, expires: start.addingTimeInterval(expiresInHours * 3600), areas: areas)
    }
}
