import Foundation
import MirsadDomain

/// The demo city's cameras and sensors: traffic cameras on the flood-prone underpasses of the
/// heavy-rain plan and at the main junctions, square cameras of Public Security, a port camera
/// of Border and Coastal Security; a flood gauge in each underpass (their alarm starts the flood
/// plan), fire alarm panels at two towers and a wind gauge in the desert for sandstorms.
enum DemoSurveillance {
    static let cameras: [Camera] = [
        camera("cam-asima-underpass", "Al-Asima underpass", "نفق العاصمة", 29.3712, 47.9700, "traffic", 180, 70, 400),
        camera(
            "cam-nakheel-underpass", "Al-Nakheel underpass", "نفق النخيل", 29.2812, 47.9100, "traffic", 180, 70, 400),
        camera(
            "cam-asima-ring", "Al-Asima ring road junction", "تقاطع الدائري بالعاصمة", 29.3600, 47.9850, "traffic", 90,
            90, 600),
        camera("cam-rimal-junction", "Al-Rimal junction", "تقاطع الرمال", 29.2200, 47.9800, "traffic", 0, 360, 300),
        camera(
            "cam-asima-square", "Al-Asima main square", "الساحة الرئيسية بالعاصمة", 29.3750, 47.9650, "public-security",
            45, 100, 250),
        camera("cam-bahr-souq", "Al-Bahr souq", "سوق البحر", 29.3300, 48.0250, "public-security", 270, 120, 200),
        camera(
            "cam-marsa-port", "Al-Marsa port gate", "بوابة ميناء المرسى", 29.1700, 48.0900, "border-coastal", 110, 80,
            1200),
    ]

    static let sensors: [Sensor] = [
        Sensor(
            id: "gauge-asima-underpass",
            name: LocalizedName(en: "Al-Asima underpass flood gauge", ar: "مقياس منسوب المياه في نفق العاصمة"),
            kind: .floodGauge, location: Coordinate(lat: 29.3700, lon: 47.9700), governorate: "asima",
            sector: "civil-defense", unit: "cm", alarmAbove: 30, clearBelow: 10),
        Sensor(
            id: "gauge-nakheel-underpass",
            name: LocalizedName(en: "Al-Nakheel underpass flood gauge", ar: "مقياس منسوب المياه في نفق النخيل"),
            kind: .floodGauge, location: Coordinate(lat: 29.2800, lon: 47.9100), governorate: "nakheel",
            sector: "civil-defense", unit: "cm", alarmAbove: 30, clearBelow: 10),
        Sensor(
            id: "fire-panel-bahr-tower",
            name: LocalizedName(en: "Al-Bahr tower fire alarm panel", ar: "لوحة إنذار الحريق في برج البحر"),
            kind: .fireAlarm, location: Coordinate(lat: 29.3350, lon: 48.0200), governorate: "bahr",
            sector: "firefighting", unit: "state", alarmAbove: 0.5),
        Sensor(
            id: "fire-panel-asima-mall",
            name: LocalizedName(en: "Al-Asima mall fire alarm panel", ar: "لوحة إنذار الحريق في مجمع العاصمة"),
            kind: .fireAlarm, location: Coordinate(lat: 29.3650, lon: 47.9780), governorate: "asima",
            sector: "firefighting", unit: "state", alarmAbove: 0.5),
        Sensor(
            id: "wind-sahra", name: LocalizedName(en: "Al-Sahra wind gauge", ar: "مقياس سرعة الرياح في الصحراء"),
            kind: .windGauge, location: Coordinate(lat: 29.2900, lon: 47.7900), governorate: "sahra",
            sector: "civil-defense", unit: "m/s", alarmAbove: 15, clearBelow: 10),
    ]

    private static func camera(
        _ id: String, _ en: String, _ ar: String, _ lat: Double, _ lon: Double, _ sector: String, _ heading: Double,
        _ fieldOfView: Double, _ range: Double
    ) -> Camera {
        Camera(
            id: id, name: LocalizedName(en: "\(en) camera", ar: "كاميرا \(ar)"),
            location: Coordinate(lat: lat, lon: lon),
            sector: sector, heading: heading, fieldOfView: fieldOfView, range: range,
            streamURL: "rtsp://video.khaleej.demo.mirsad.example/\(id)")
    }
}
