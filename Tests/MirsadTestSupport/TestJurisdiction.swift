import Foundation
import MirsadDomain

/// A small jurisdiction for store and server tests: three sectors, a few units of each.
public enum TestJurisdiction {
    public static let jurisdiction = Jurisdiction(
        name: LocalizedName(en: "Testville", ar: "مدينة الاختبار"),
        timeZone: "Asia/Kuwait",
        center: Coordinate(lat: 29.37, lon: 47.98),
        governorates: [
            Governorate(
                id: "capital", name: LocalizedName(en: "Capital", ar: "العاصمة"),
                center: Coordinate(lat: 29.37, lon: 47.98),
                boundary: [
                    Coordinate(lat: 29.33, lon: 47.93), Coordinate(lat: 29.41, lon: 47.93),
                    Coordinate(lat: 29.41, lon: 48.03), Coordinate(lat: 29.33, lon: 48.03),
                ]),
            Governorate(
                id: "coast", name: LocalizedName(en: "Coast", ar: "الساحل"), center: Coordinate(lat: 29.30, lon: 48.05)),
        ],
        sectors: [
            Sector(id: "firefighting", name: LocalizedName(en: "Firefighting", ar: "الإطفاء")),
            Sector(id: "traffic", name: LocalizedName(en: "Traffic", ar: "المرور")),
            Sector(id: "criminal-security", name: LocalizedName(en: "Criminal Security", ar: "الأمن الجنائي")),
            Sector(id: "operations", name: LocalizedName(en: "Operations", ar: "العمليات")),
        ],
        stations: [
            Station(
                id: "F1", name: LocalizedName(en: "Fire Station 1", ar: "مركز إطفاء ١"), sector: "firefighting",
                location: Coordinate(lat: 29.37, lon: 47.98)),
            Station(
                id: "T1", name: LocalizedName(en: "Traffic Base 1", ar: "قاعدة مرور ١"), sector: "traffic",
                location: Coordinate(lat: 29.36, lon: 47.97)),
            Station(
                id: "C1", name: LocalizedName(en: "CID 1", ar: "مباحث ١"), sector: "criminal-security",
                location: Coordinate(lat: 29.35, lon: 47.99)),
            Station(
                id: "OPS", name: LocalizedName(en: "Operations room", ar: "غرفة العمليات"), sector: "operations",
                location: Coordinate(lat: 29.37, lon: 47.97)),
        ],
        units: (1...4).map {
            UnitDefinition(
                callSign: "E\($0)", sector: "firefighting", type: "fire-engine",
                capabilities: ["engine"], homeStation: "F1")
        }
            + (1...4).map {
                UnitDefinition(
                    callSign: "P\($0)", sector: "traffic", type: "patrol-car",
                    capabilities: ["patrol"], homeStation: "T1")
            }
            + (1...2).map {
                UnitDefinition(
                    callSign: "C\($0)", sector: "criminal-security", type: "cid-car",
                    capabilities: ["investigation"], homeStation: "C1")
            }
            // Drones: a short-legged one of Firefighting, a longer-range one of Traffic.
            + [
                UnitDefinition(
                    callSign: "D1", sector: "firefighting", type: "drone", capabilities: ["drone"], homeStation: "F1",
                    drone: DroneProfile(
                        model: "Quad S", enduranceMinutes: 25, cruiseSpeed: 10, rangeKm: 15,
                        sensors: ["eo", "thermal"],
                        mavlinkSystemId: 1)),
                UnitDefinition(
                    callSign: "D2", sector: "traffic", type: "drone", capabilities: ["drone"], homeStation: "T1",
                    drone: DroneProfile(
                        model: "Wing L", enduranceMinutes: 60, cruiseSpeed: 15, rangeKm: 60, sensors: ["eo"],
                        mavlinkSystemId: 2)),
            ],
        incidentTypes: [
            IncidentType(
                code: "FIRE-STRUCTURE", name: LocalizedName(en: "Structure fire", ar: "حريق مبنى"),
                defaultPriority: 1, owningSector: "firefighting", requiredCapabilities: ["engine", "patrol"],
                responsePlan: [.init(capability: "engine", count: 2), .init(capability: "patrol", count: 1)]),
            IncidentType(
                code: "FIRE-VEHICLE", name: LocalizedName(en: "Vehicle fire", ar: "حريق مركبة"),
                defaultPriority: 2, owningSector: "firefighting", requiredCapabilities: ["engine"]),
            IncidentType(
                code: "TRAFFIC-ACCIDENT", name: LocalizedName(en: "Traffic accident", ar: "حادث مروري"),
                defaultPriority: 2, owningSector: "traffic", requiredCapabilities: ["patrol"]),
            IncidentType(
                code: "CRIME-BURGLARY", name: LocalizedName(en: "Burglary", ar: "سرقة منزل"),
                defaultPriority: 3, owningSector: "criminal-security",
                requiredCapabilities: ["investigation"], restrictedFields: ["narrative", "caller", "notes"]),
        ],
        oversightSectors: ["operations"],
        publicAlerts: PublicAlertSettings(
            sender: "alerts@testville.example",
            senderName: LocalizedName(en: "Testville Ministry", ar: "وزارة مدينة الاختبار"),
            identifierPrefix: "TV"),
        playbooks: [
            Playbook(
                id: "flood", version: 1, scenario: .heavyRain,
                name: LocalizedName(en: "Flooding", ar: "السيول"),
                advice: LocalizedName(en: "Avoid underpasses.", ar: "تجنبوا الأنفاق."),
                triggers: [
                    PlaybookTrigger(cap: .init(events: ["Heavy rain", "Flood"], minimumSeverity: "Severe")),
                    PlaybookTrigger(sensor: .init(kinds: [.floodGauge], governorates: ["capital"])),
                ],
                tasks: [
                    PlaybookTask(
                        id: "pumps", phase: "prepare", sector: "firefighting",
                        title: LocalizedName(en: "Pumps to the underpasses", ar: "المضخات إلى الأنفاق"),
                        deadlineMinutes: 30),
                    PlaybookTask(
                        id: "close-roads", phase: "prepare", sector: "traffic",
                        title: LocalizedName(en: "Close flooded roads", ar: "إغلاق الطرق المغمورة"), deadlineMinutes: 20
                    ),
                ],
                closures: [
                    PlaybookClosure(
                        id: "underpass",
                        polygon: [
                            Coordinate(lat: 29.369, lon: 47.979), Coordinate(lat: 29.371, lon: 47.979),
                            Coordinate(lat: 29.371, lon: 47.981),
                        ], reason: "underpass flooded")
                ],
                publicAlert: PlaybookAlertTemplate(
                    event: LocalizedName(en: "Flooding", ar: "سيول"),
                    headline: LocalizedName(en: "Flooding in the Capital", ar: "سيول في العاصمة"),
                    description: LocalizedName(en: "Roads are flooded.", ar: "الطرق مغمورة."),
                    categories: ["Met"], urgency: "Immediate", severity: "Severe", certainty: "Observed",
                    expiresInHours: 6, areas: [PublicAlertArea(governorates: ["capital"])]),
                openShelters: ["capital"]),
            Playbook(
                id: "drill", version: 2, scenario: .other, name: LocalizedName(en: "Drill", ar: "تمرين"), triggers: [],
                tasks: [
                    PlaybookTask(
                        id: "muster", phase: "respond", sector: "firefighting",
                        title: LocalizedName(en: "Muster", ar: "التجمع"), deadlineMinutes: 10)
                ]),
        ],
        shelters: [
            // Small on purpose: three people fill it.
            ShelterSite(
                id: "hall", name: LocalizedName(en: "Capital Hall", ar: "قاعة العاصمة"),
                location: Coordinate(lat: 29.372, lon: 47.982), governorate: "capital", sector: "firefighting",
                capacity: ShelterCapacity(beds: 3, families: 2), facilities: [.medical, .accessible],
                contacts: [ShelterContact(name: "Hall manager", phone: "+965 2222 0001")]),
            ShelterSite(
                id: "school", name: LocalizedName(en: "Capital School", ar: "مدرسة العاصمة"),
                location: Coordinate(lat: 29.36, lon: 47.97), governorate: "capital", sector: "firefighting",
                capacity: ShelterCapacity(beds: 40, families: 10), facilities: [.familySection]),
            ShelterSite(
                id: "club", name: LocalizedName(en: "Coast Club", ar: "نادي الساحل"),
                location: Coordinate(lat: 29.30, lon: 48.05), governorate: "coast", sector: "traffic",
                capacity: ShelterCapacity(beds: 10, families: 4)),
        ],
        cameras: [
            // A dome at the fire station's junction that sees all round, and Firefighting's own
            // camera at the hall looking south.
            Camera(
                id: "junction", name: LocalizedName(en: "Station junction", ar: "تقاطع المركز"),
                location: Coordinate(lat: 29.37, lon: 47.98), sector: "traffic", heading: 0, fieldOfView: 360,
                range: 300, streamURL: "rtsp://cams.testville.example/junction"),
            Camera(
                id: "depot", name: LocalizedName(en: "Hall forecourt", ar: "ساحة القاعة"),
                location: Coordinate(lat: 29.372, lon: 47.982), sector: "firefighting", heading: 180, fieldOfView: 60,
                range: 500, streamURL: "rtsp://cams.testville.example/depot"),
        ],
        sensors: [
            Sensor(
                id: "gauge", name: LocalizedName(en: "Underpass gauge", ar: "مقياس النفق"), kind: .floodGauge,
                location: Coordinate(lat: 29.37, lon: 47.98), governorate: "capital", sector: "firefighting",
                unit: "cm",
                alarmAbove: 30, clearBelow: 10),
            Sensor(
                id: "panel", name: LocalizedName(en: "Coast Club fire panel", ar: "لوحة حريق نادي الساحل"),
                kind: .fireAlarm, location: Coordinate(lat: 29.30, lon: 48.05), governorate: "coast",
                sector: "traffic", unit: "state", alarmAbove: 0.5),
        ]
    )

    public static func unitID(_ callSign: String) -> UUID { StableID.unit(callSign: callSign) }
}
