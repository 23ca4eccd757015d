import Foundation
import MirsadAlerts
import MirsadDomain
import MirsadGeodesy

/// Reads another agency's CAP alert as the operations room needs it: the governorates of the
/// jurisdiction it touches, and whether it concerns the jurisdiction at all.
enum ExternalWarningMapper {
    /// How far from the jurisdiction's centre an area still concerns it when the jurisdiction
    /// has no governorates to test against.
    static let nearbyMetres = 50_000.0

    static func warning(from alert: CAPAlert, source: String, catalog: JurisdictionIndex, now: Date)
        -> (warning: ExternalWarning, concernsJurisdiction: Bool)
    {
        let areas = alert.info.first?.area ?? []
        let mapped = areas.map { area in
            ExternalWarningArea(
                description: area.areaDesc,
                polygons: area.polygon.compactMap { $0.points?.map(Coordinate.init) },
                circles: area.circle.compactMap { circle in
                    circle.reading.map {
                        PublicAlertCircle(center: Coordinate($0.center), radiusKm: $0.radiusKilometres)
                    }
                })
        }
        let geocodes = Set(
            alert.info.flatMap(\.area).flatMap(\.geocode)
                .filter { $0.valueName.lowercased() == PublicAlertCAP.governorateGeocode }.map(\.value))
        let governorates = catalog.jurisdiction.governorates.filter { governorate in
            geocodes.contains(governorate.id) || mapped.contains { touches($0, governorate) }
        }.map(\.id)
        let centre = catalog.jurisdiction.center
        let nearby =
            !governorates.isEmpty
            || mapped.contains { area in
                area.polygons.contains { ring in
                    GeoPolygon(outer: ring.map(\.geo)).contains(centre.geo)
                        || ring.contains { $0.distance(to: centre) <= nearbyMetres }
                }
                    || area.circles.contains { $0.center.distance(to: centre) <= $0.radiusKm * 1000 + nearbyMetres }
            }
        let severities = alert.info.map(\.severity)
        let worst = severities.max { $0.rank < $1.rank } ?? .unknown
        let references = (alert.references.map { (try? CAPReference.parseList($0).get()) ?? [] } ?? [])
        let warning = ExternalWarning(
            sender: alert.sender, identifier: alert.identifier, sent: alert.sent.date, msgType: alert.msgType.rawValue,
            source: source,
            infos: alert.info.map { info in
                ExternalWarningInfo(
                    language: info.effectiveLanguage, event: info.event, headline: info.headline,
                    categories: info.category.map(\.rawValue), urgency: info.urgency.rawValue,
                    severity: info.severity.rawValue, certainty: info.certainty.rawValue,
                    eventCodes: info.eventCode.map { PublicAlertCode(valueName: $0.valueName, value: $0.value) })
            },
            severity: worst.rawValue, expires: alert.info.compactMap(\.expires).map(\.date).max(), areas: mapped,
            governorates: governorates, replaces: references.map { "\($0.sender),\($0.identifier)" },
            receivedAt: now)
        return (warning, nearby)
    }

    /// A governorate is touched when its centre is inside the area or the area reaches into
    /// its boundary.
    static func touches(_ area: ExternalWarningArea, _ governorate: Governorate) -> Bool {
        let centre = governorate.center
        let boundary = governorate.boundary.map { GeoPolygon(outer: $0.map(\.geo)) }
        for ring in area.polygons {
            if GeoPolygon(outer: ring.map(\.geo)).contains(centre.geo) { return true }
            if let boundary, ring.contains(where: { boundary.contains($0.geo) }) { return true }
        }
        for circle in area.circles {
            if circle.center.distance(to: centre) <= circle.radiusKm * 1000 { return true }
            if let boundary, boundary.contains(circle.center.geo) { return true }
        }
        return false
    }
}
