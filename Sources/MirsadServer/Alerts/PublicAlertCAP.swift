import Foundation
import MirsadAlerts
import MirsadDomain
import MirsadGeodesy

/// A public warning as a CAP 1.2 message: one `ar-KW` and one `en-US` info block, times in the
/// jurisdiction's local offset, areas as polygons, circles and governorate geocodes. The same
/// alert always gives the same bytes, so a signature made at any time stays valid.
enum PublicAlertCAP {
    static let languages: [(code: String, pick: @Sendable (LocalizedName) -> String)] = [
        ("ar-KW", { $0.ar }), ("en-US", { $0.en }),
    ]
    /// The geocode name under which a jurisdiction's governorate ids are given.
    static let governorateGeocode = "governorate"

    static func alert(_ alert: PublicAlert, catalog: JurisdictionIndex) -> CAPAlert {
        let settings = catalog.publicAlerts
        let timeZone = TimeZone(identifier: catalog.jurisdiction.timeZone) ?? .gmt
        func time(_ date: Date) -> CAPDateTime { CAPDateTime(date, offsetSeconds: timeZone.secondsFromGMT(for: date)) }
        let references = alert.references.map {
            CAPReference(sender: settings.sender, identifier: $0.identifier, sent: time($0.sent)).description
        }
        let content = alert.content
        let info = languages.map { code, pick in
            CAPInfo(
                language: code,
                category: content.categories.compactMap(CAPCategory.init(rawValue:)),
                event: pick(content.event),
                responseType: content.responseTypes.compactMap(CAPResponseType.init(rawValue:)),
                urgency: CAPUrgency(rawValue: content.urgency) ?? .unknown,
                severity: CAPSeverity(rawValue: content.severity) ?? .unknown,
                certainty: CAPCertainty(rawValue: content.certainty) ?? .unknown,
                eventCode: content.eventCodes.map { CAPNamedValue(valueName: $0.valueName, value: $0.value) },
                onset: content.onset.map(time), expires: time(content.expires), senderName: pick(settings.senderName),
                headline: pick(content.headline), description: pick(content.description),
                instruction: content.instruction.map(pick), web: content.web, contact: content.contact,
                area: content.areas.map { area($0, catalog: catalog, pick: pick) })
        }
        return CAPAlert(
            identifier: alert.identifier, sender: settings.sender, sent: time(alert.sentAt ?? alert.draftedAt),
            // Until approved it is only a draft: a preview says so itself.
            status: alert.wasPublished ? .actual : .draft,
            msgType: alert.kind == .alert ? .alert : alert.kind == .update ? .update : .cancel,
            scope: .public, note: alert.note, references: references.isEmpty ? nil : references.joined(separator: " "),
            info: info)
    }

    private static func area(
        _ area: PublicAlertArea, catalog: JurisdictionIndex, pick: (LocalizedName) -> String
    ) -> CAPArea {
        let governorates = area.governorates.compactMap { catalog.governorates[$0] }
        let names = governorates.map { pick($0.name) }
        let separator = pick(LocalizedName(en: ", ", ar: "، "))
        return CAPArea(
            areaDesc: area.description.map(pick) ?? names.joined(separator: separator),
            polygon: area.polygons.map { CAPPolygon(points: $0.map(\.geo)) }
                + governorates.compactMap { $0.boundary.map { CAPPolygon(points: $0.map(\.geo)) } },
            circle: area.circles.map { CAPCircle(center: $0.center.geo, radiusKilometres: $0.radiusKm) },
            geocode: governorates.map { CAPNamedValue(valueName: governorateGeocode, value: $0.id) })
    }

    static func xml(_ alert: PublicAlert, catalog: JurisdictionIndex) -> String {
        CAPWriter.xml(Self.alert(alert, catalog: catalog))
    }

    /// The CAP words the content uses, checked against the standard's enumerations (the domain
    /// keeps them as text); the first wrong one is named.
    static func checkVocabulary(_ content: PublicAlertContent) throws {
        func check<E: RawRepresentable & CaseIterable>(_ values: [String], _ field: String, _ type: E.Type)
            throws where E.RawValue == String
        {
            for (i, value) in values.enumerated() where E(rawValue: value) == nil {
                let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
                throw Problem.invalidField(
                    values.count == 1 && !field.hasSuffix("s") ? field : "\(field)[\(i)]",
                    "'\(value)' is not one of \(allowed)")
            }
        }
        try check(content.categories, "categories", CAPCategory.self)
        try check(content.responseTypes, "responseTypes", CAPResponseType.self)
        try check([content.urgency], "urgency", CAPUrgency.self)
        try check([content.severity], "severity", CAPSeverity.self)
        try check([content.certainty], "certainty", CAPCertainty.self)
    }

    /// The message as the CAP engine reads it back must be valid CAP 1.2; anything it finds is
    /// refused before a draft is recorded (the first error, naming its element).
    static func checkReadsBack(_ alert: PublicAlert, catalog: JurisdictionIndex) throws {
        let reading = CAPReader.read(Data(xml(alert, catalog: catalog).utf8))
        if let error = reading.errors.first ?? (reading.isValidCAP12 ? nil : reading.issues.first) {
            throw Problem.invalidField(error.path, error.message)
        }
    }
}
