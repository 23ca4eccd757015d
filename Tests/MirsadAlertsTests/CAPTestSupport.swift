import Foundation
import MirsadAlerts
import MirsadGeodesy
import MirsadTestSupport

/// The shared CAP files and what each is: valid CAP 1.2, valid CAP 1.1, or to be rejected.
enum CAPFiles {
    static let valid12 = [
        "oasis-cap12-appendix-a1.xml", "oasis-cap12-appendix-a2.xml", "oasis-cap12-appendix-a3.xml",
        "oasis-cap12-appendix-a4.xml", "google-australia.cap", "google-canada.cap",
    ]
    static let valid11 = ["google-earthquake.cap", "google-weather.cap", "google-no_optional_fields.cap"]

    static func data(_ name: String) throws -> Data {
        guard let url = SharedData.file("cap/\(name)") else { throw CAPTestError.missing(name) }
        return try Data(contentsOf: url)
    }

    static var schema: URL? { SharedData.file("cap/cap12.xsd") }
}

enum CAPTestError: Error { case missing(String) }

/// A bilingual alert as the ministry would issue it: Arabic (Kuwait) and English, a polygon and
/// a circle, event codes, instructions and expiry.
enum BilingualAlert {
    static let arabicHeadline = "تحذير من أمطار غزيرة وسيول في محافظة الأحمدي"
    static let arabicInstruction =
        "ابتعدوا عن الأنفاق والطرق المنخفضة، ولا تعبروا مجاري السيول.\nاتصلوا بـ 112 عند الطوارئ."

    static func make() -> CAPAlert {
        let sent = CAPDateTime(Date(timeIntervalSince1970: 1_796_200_000), offsetSeconds: 3 * 3600)
        let expires = CAPDateTime(Date(timeIntervalSince1970: 1_796_221_600), offsetSeconds: 3 * 3600)
        let area = CAPArea(
            areaDesc: "Ahmadi Governorate",
            polygon: [
                CAPPolygon(points: [
                    .init(latitude: 29.05, longitude: 48.05), .init(latitude: 29.05, longitude: 48.20),
                    .init(latitude: 28.95, longitude: 48.20), .init(latitude: 28.95, longitude: 48.05),
                ])
            ],
            circle: [CAPCircle(center: .init(latitude: 29.0769, longitude: 48.0838), radiusKilometres: 2.5)],
            geocode: [CAPNamedValue(valueName: "KW-governorate", value: "AH")])
        var arabicArea = area
        arabicArea.areaDesc = "محافظة الأحمدي"
        func info(_ language: String, _ event: String, _ headline: String, _ instruction: String, _ area: CAPArea)
            -> CAPInfo
        {
            CAPInfo(
                language: language, category: [.met, .safety], event: event, responseType: [.avoid, .monitor],
                urgency: .expected, severity: .severe, certainty: .likely,
                eventCode: [CAPNamedValue(valueName: "SAME", value: "FFW")], effective: sent, expires: expires,
                senderName: language == "ar-KW"
                    ? "وزارة الداخلية - الإدارة العامة للدفاع المدني" : "Ministry of Interior",
                headline: headline, instruction: instruction, area: [area])
        }
        return CAPAlert(
            identifier: "KW-MOI-2026-0001", sender: "alerts@moi.gov.kw", sent: sent, status: .actual, msgType: .alert,
            scope: .public,
            info: [
                info("ar-KW", "سيول", arabicHeadline, arabicInstruction, arabicArea),
                info(
                    "en-US", "Flash flood", "Heavy rain and flash floods in Ahmadi Governorate",
                    "Keep away from underpasses and low roads.\nCall 112 in an emergency.", area),
            ])
    }
}

extension String {
    var data: Data { Data(utf8) }
}
