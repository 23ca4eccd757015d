import Foundation
import MirsadGeodesy

/// Decides, when an incident is created, whether it makes a near-repeat zone or an emerging
/// series, and returns the alerts (possibly none). A pure value: the platform keeps the
/// recent incidents and the per-family profiles, and calls `alerts(for:recent:)` on every new
/// incident; nothing here does I/O or keeps state between calls.
///
/// - Near repeat: at least `minimumPriors` earlier incidents of the same family within
///   `radiusMetres` and `windowDays`, *and* the family's history shows that band to be
///   over-represented (Knox ratio ≥ `minimumKnoxRatio` with p ≤ `maximumPValue`). The band
///   is the one of the closest prior incident. Without a profile for the family no
///   near-repeat alert is raised unless `requireProfile` is false.
/// - Emerging series: ST-DBSCAN over the family's incidents of the last `lookbackDays`
///   (new incident included) puts the new incident in a cluster of at least
///   `minimumMembers`.
public struct EarlyWarningDetector: Codable, Sendable, Equatable {
    public struct NearRepeatRule: Codable, Sendable, Equatable {
        public var enabled: Bool
        public var radiusMetres: Double
        public var windowDays: Double
        public var minimumPriors: Int
        public var minimumKnoxRatio: Double
        public var maximumPValue: Double
        public var requireProfile: Bool
        /// A Knox ratio at least this high (with p ≤ 0.01) makes the alert `high`.
        public var highKnoxRatio: Double

        public init(
            enabled: Bool = true, radiusMetres: Double = 200, windowDays: Double = 14, minimumPriors: Int = 1,
            minimumKnoxRatio: Double = 1.2, maximumPValue: Double = 0.05, requireProfile: Bool = true,
            highKnoxRatio: Double = 2
        ) {
            self.enabled = enabled
            self.radiusMetres = radiusMetres
            self.windowDays = windowDays
            self.minimumPriors = minimumPriors
            self.minimumKnoxRatio = minimumKnoxRatio
            self.maximumPValue = maximumPValue
            self.requireProfile = requireProfile
            self.highKnoxRatio = highKnoxRatio
        }
    }

    public struct SeriesRule: Codable, Sendable, Equatable {
        public var enabled: Bool
        public var spatialRadius: Double
        public var temporalWindowDays: Double
        public var minimumMembers: Int
        public var lookbackDays: Double
        /// A series at least this large is `high`.
        public var highMembers: Int

        public init(
            enabled: Bool = true, spatialRadius: Double = 400, temporalWindowDays: Double = 14, minimumMembers: Int = 4,
            lookbackDays: Double = 60, highMembers: Int = 8
        ) {
            self.enabled = enabled
            self.spatialRadius = spatialRadius
            self.temporalWindowDays = temporalWindowDays
            self.minimumMembers = minimumMembers
            self.lookbackDays = lookbackDays
            self.highMembers = highMembers
        }
    }

    public var nearRepeat: NearRepeatRule
    public var series: SeriesRule
    /// Knox profiles by family (see `buildProfiles`).
    public var profiles: [String: NearRepeatProfile]
    /// Display names of families in both languages; the raw family is used when absent.
    public var familyNames: [String: LocalizedText]
    /// UTM zone for geographic locations; nil takes the new incident's zone.
    public var zone: UTMZone?

    public init(
        nearRepeat: NearRepeatRule = .init(), series: SeriesRule = .init(), profiles: [String: NearRepeatProfile] = [:],
        familyNames: [String: LocalizedText] = [:], zone: UTMZone? = nil
    ) {
        self.nearRepeat = nearRepeat
        self.series = series
        self.profiles = profiles
        self.familyNames = familyNames
        self.zone = zone
    }

    /// Checks the rules' numbers; the server calls it when loading a configuration.
    public func validate() throws(AnalyticsError) {
        guard nearRepeat.radiusMetres > 0, nearRepeat.radiusMetres.isFinite else {
            throw .invalidField("nearRepeat.radiusMetres", "must be positive")
        }
        guard nearRepeat.windowDays > 0, nearRepeat.windowDays.isFinite else {
            throw .invalidField("nearRepeat.windowDays", "must be positive")
        }
        guard nearRepeat.minimumPriors >= 1 else {
            throw .invalidField("nearRepeat.minimumPriors", "must be at least 1")
        }
        guard (0...1).contains(nearRepeat.maximumPValue) else {
            throw .invalidField("nearRepeat.maximumPValue", "must be in [0, 1]")
        }
        guard series.spatialRadius > 0, series.temporalWindowDays > 0, series.lookbackDays > 0 else {
            throw .invalidField("series", "radius, window and lookback must be positive")
        }
        guard series.minimumMembers >= 2 else { throw .invalidField("series.minimumMembers", "must be at least 2") }
    }

    /// Builds Knox profiles for every family with at least `minimumEvents` incidents.
    public static func buildProfiles(
        history: [IncidentObservation], zone: UTMZone? = nil, minimumEvents: Int = 30,
        permutations: Int = 199, seed: UInt64 = 2024, now: Date = Date()
    ) throws(AnalyticsError) -> [String: NearRepeatProfile] {
        guard let first = history.first else { return [:] }
        let resolver = PositionResolver(zone: zone, reference: first.location)
        var byFamily: [String: [AnalyticEvent]] = [:]
        for incident in history {
            byFamily[incident.family, default: []].append(
                AnalyticEvent(id: incident.id, position: resolver.planar(incident.location), time: incident.time))
        }
        var profiles: [String: NearRepeatProfile] = [:]
        for (family, events) in byFamily where events.count >= minimumEvents {
            profiles[family] = try NearRepeatProfile.build(
                family: family, events: events, permutations: permutations, seed: seed, now: now)
        }
        return profiles
    }

    /// The alerts a new incident raises, given the recent incidents (any family, any order;
    /// the new incident itself may or may not be among them).
    public func alerts(for incident: IncidentObservation, recent: [IncidentObservation]) -> [AnalyticAlert] {
        let resolver = PositionResolver(zone: zone, reference: incident.location)
        let here = resolver.planar(incident.location)
        let sameFamily = recent.filter { $0.family == incident.family && $0.id != incident.id }
        var alerts: [AnalyticAlert] = []
        if nearRepeat.enabled, let alert = nearRepeatAlert(incident, at: here, others: sameFamily, resolver: resolver) {
            alerts.append(alert)
        }
        if series.enabled, let alert = seriesAlert(incident, at: here, others: sameFamily, resolver: resolver) {
            alerts.append(alert)
        }
        return alerts
    }

    private func name(_ family: String) -> LocalizedText {
        familyNames[family] ?? LocalizedText(english: family, arabic: family)
    }

    private func nearRepeatAlert(
        _ incident: IncidentObservation, at here: PlanarPoint, others: [IncidentObservation], resolver: PositionResolver
    ) -> AnalyticAlert? {
        let window = nearRepeat.windowDays * 86_400
        var members: [AnalyticAlert.Member] = []
        for other in others {
            let gap = incident.time.timeIntervalSince(other.time)
            guard gap >= 0, gap <= window else { continue }
            let distance = resolver.planar(other.location).euclideanDistance(to: here)
            guard distance <= nearRepeat.radiusMetres else { continue }
            members.append(.init(id: other.id, time: other.time, distanceMetres: distance, hoursBefore: gap / 3_600))
        }
        guard members.count >= nearRepeat.minimumPriors else { return nil }
        members.sort {
            $0.distanceMetres != $1.distanceMetres
                ? $0.distanceMetres < $1.distanceMetres : $0.hoursBefore < $1.hoursBefore
        }
        let closest = members[0]
        var ratio: Double?
        var pValue: Double?
        var bandText = ""
        if let profile = profiles[incident.family] {
            let days = incident.time.utcDayNumber - closest.time.utcDayNumber
            guard let cell = profile.cell(distance: closest.distanceMetres, days: days), let knox = cell.knoxRatio
            else { return nil }
            guard knox >= nearRepeat.minimumKnoxRatio, cell.p <= nearRepeat.maximumPValue else { return nil }
            ratio = knox
            pValue = cell.p
            bandText = "\(profile.table.distanceLabel(cell.distanceBand)), \(profile.table.timeLabel(cell.timeBand))"
        } else if nearRepeat.requireProfile {
            return nil
        }
        let high = (ratio ?? 0) >= nearRepeat.highKnoxRatio && (pValue ?? 1) <= 0.01
        let family = name(incident.family)
        let metres = Int(closest.distanceMetres.rounded())
        let days = String(format: "%.1f", closest.hoursBefore / 24)
        var english =
            "Near-repeat risk: \(family.english) \(metres) m and \(days) days from \(members.count) earlier \(family.english) incident(s)"
        var arabic =
            "خطر تكرار قريب: \(family.arabic) على بعد \(metres) م و\(days) يوم من \(members.count) حادثة سابقة من النوع نفسه"
        if let ratio {
            english += String(format: "; history shows %.1f× the expected repeats at %@", ratio, bandText)
            arabic += String(format: "؛ يظهر السجل %.1f ضعف التكرار المتوقع ضمن %@", ratio, bandText)
        }
        return AnalyticAlert(
            id: "nearRepeat:\(incident.id)", kind: .nearRepeat, level: high ? .high : .elevated,
            family: incident.family,
            incidentId: incident.id, sector: incident.sector, raisedAt: incident.time, members: members,
            score: ratio ?? Double(members.count), pValue: pValue, radiusMetres: nearRepeat.radiusMetres,
            windowDays: nearRepeat.windowDays, seriesKey: nil, summary: LocalizedText(english: english, arabic: arabic))
    }

    private func seriesAlert(
        _ incident: IncidentObservation, at here: PlanarPoint, others: [IncidentObservation], resolver: PositionResolver
    ) -> AnalyticAlert? {
        let since = incident.time.addingTimeInterval(-series.lookbackDays * 86_400)
        let window = others.filter { $0.time >= since && $0.time <= incident.time }
        guard window.count + 1 >= series.minimumMembers else { return nil }
        var events = window.map {
            AnalyticEvent(id: $0.id, position: resolver.planar($0.location), time: $0.time, category: $0.family)
        }
        events.append(AnalyticEvent(id: incident.id, position: here, time: incident.time, category: incident.family))
        let options = SeriesDetector.Options(
            spatialRadius: series.spatialRadius, temporalWindow: series.temporalWindowDays,
            minimumMembers: series.minimumMembers,
            emergingWithin: series.temporalWindowDays, separateCategories: false)
        guard let found = try? SeriesDetector.detect(events, options: options, reference: incident.time),
            let cluster = found.first(where: { $0.memberIds.contains(incident.id) })
        else { return nil }
        let members = cluster.members.map { index -> AnalyticAlert.Member in
            let event = events[index]
            let time = event.time ?? incident.time
            return .init(
                id: event.id ?? "", time: time, distanceMetres: event.position.euclideanDistance(to: here),
                hoursBefore: incident.time.timeIntervalSince(time) / 3_600)
        }
        let family = name(incident.family)
        let spanDays = String(format: "%.1f", cluster.last.timeIntervalSince(cluster.first) / 86_400)
        let radius = Int(cluster.radius.rounded())
        let english =
            "Emerging series: \(cluster.size) \(family.english) incidents within \(radius) m over \(spanDays) days, the latest \(incident.id)"
        let arabic =
            "سلسلة ناشئة: \(cluster.size) حوادث \(family.arabic) ضمن \(radius) م خلال \(spanDays) يوم، آخرها \(incident.id)"
        return AnalyticAlert(
            id: "emergingSeries:\(incident.id)", kind: .emergingSeries,
            level: cluster.size >= series.highMembers ? .high : .elevated, family: incident.family,
            incidentId: incident.id, sector: incident.sector, raisedAt: incident.time, members: members,
            score: Double(cluster.size), pValue: nil, radiusMetres: series.spatialRadius,
            windowDays: series.temporalWindowDays,
            seriesKey: cluster.memberIds.first, summary: LocalizedText(english: english, arabic: arabic))
    }
}

/// Projects incident locations to one planar frame: geographic ones to a UTM zone (given or
/// that of a reference location), planar ones unchanged.
struct PositionResolver {
    let projection: TransverseMercator?

    init(zone: UTMZone?, reference: IncidentLocation) {
        if let zone {
            projection = TransverseMercator(zone: zone)
        } else if case .geographic(let g) = reference {
            projection = TransverseMercator(zone: UTMZone.containing(g))
        } else {
            projection = nil
        }
    }

    func planar(_ location: IncidentLocation) -> PlanarPoint {
        switch location {
        case .planar(let p): p
        case .geographic(let g):
            (projection ?? TransverseMercator(zone: UTMZone.containing(g))).forward(g)
        }
    }
}
