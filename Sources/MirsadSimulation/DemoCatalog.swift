import MirsadDomain

/// The fixed parts of the demo jurisdiction: the ten sectors of a Ministry of Interior and an
/// incident-type catalogue with response plans. Stations and units are generated per seed.
public enum DemoCatalog {
    /// With the response time each aims at (coverage is measured against it).
    public static let sectors: [Sector] = [
        Sector(
            id: "public-security", name: LocalizedName(en: "Public Security", ar: "الأمن العام"),
            targetResponseMinutes: 10),
        Sector(id: "traffic", name: LocalizedName(en: "Traffic", ar: "المرور"), targetResponseMinutes: 10),
        Sector(
            id: "residency-affairs", name: LocalizedName(en: "Residency Affairs", ar: "شؤون الإقامة"),
            targetResponseMinutes: 30),
        Sector(
            id: "border-coastal", name: LocalizedName(en: "Border and Coastal Security", ar: "أمن الحدود والسواحل"),
            targetResponseMinutes: 20),
        Sector(
            id: "criminal-security", name: LocalizedName(en: "Criminal Security", ar: "الأمن الجنائي"),
            targetResponseMinutes: 15),
        Sector(id: "operations", name: LocalizedName(en: "Operations", ar: "العمليات"), targetResponseMinutes: 10),
        Sector(
            id: "civil-defense", name: LocalizedName(en: "Civil Defense", ar: "الدفاع المدني"),
            targetResponseMinutes: 10),
        Sector(id: "firefighting", name: LocalizedName(en: "Firefighting", ar: "الإطفاء"), targetResponseMinutes: 8),
        Sector(
            id: "maritime-rescue", name: LocalizedName(en: "Maritime Rescue", ar: "الإنقاذ البحري"),
            targetResponseMinutes: 15),
        Sector(
            id: "security-information",
            name: LocalizedName(en: "Security Information Systems", ar: "نظم المعلومات الأمنية"),
            targetResponseMinutes: 30),
    ]

    /// One catalogue entry plus how often the demo generates it (calls per day).
    /// Crime types that strike again close by (near repeats, series), and how often a new
    /// call of the type is such a repeat; the early-warning analytics watch these types.
    public static let repeatingCrimes: [String: Double] = [
        "CRM-BURGLARY": 0.35, "CRM-VEHICLE-THEFT": 0.25, "CRM-ROBBERY": 0.2,
    ]

    public struct TypeSpec: Sendable {
        public let type: IncidentType
        public let dailyRate: Double
        /// Minutes a unit typically spends on scene.
        public let onSceneMinutes: Double
        /// Happens at sea (placed off the coast).
        public let atSea: Bool
    }

    static func type(
        _ code: String, _ en: String, _ ar: String, priority: Int, owner: String, needs: [String],
        plan: [(String, Int)] = [], restricted: [String] = [], rate: Double, onScene: Double, atSea: Bool = false
    ) -> TypeSpec {
        TypeSpec(
            type: IncidentType(
                code: code, name: LocalizedName(en: en, ar: ar), defaultPriority: priority, owningSector: owner,
                requiredCapabilities: needs,
                responsePlan: plan.map { ResponseRequirement(capability: $0.0, count: $0.1) },
                restrictedFields: restricted),
            dailyRate: rate, onSceneMinutes: onScene, atSea: atSea)
    }

    public static let types: [TypeSpec] = [
        type(
            "PS-DISTURBANCE", "Public disturbance", "إخلال بالأمن العام", priority: 3, owner: "public-security",
            needs: ["patrol"], rate: 140, onScene: 20),
        type(
            "PS-ASSAULT", "Assault", "اعتداء", priority: 2, owner: "public-security", needs: ["patrol"],
            plan: [("patrol", 2)], restricted: ["caller"], rate: 45, onScene: 35),
        type(
            "PS-SUSPICIOUS", "Suspicious person or vehicle", "اشتباه بشخص أو مركبة", priority: 3,
            owner: "public-security", needs: ["patrol"], rate: 90, onScene: 15),
        type(
            "PS-MISSING", "Missing person", "شخص مفقود", priority: 2, owner: "public-security", needs: ["patrol"],
            plan: [("patrol", 2)], restricted: ["caller"], rate: 8, onScene: 60),
        type(
            "PS-NOISE", "Noise complaint", "إزعاج", priority: 4, owner: "public-security", needs: ["patrol"],
            rate: 110, onScene: 10),
        type(
            "TRF-ACCIDENT", "Traffic accident", "حادث مروري", priority: 2, owner: "traffic",
            needs: ["traffic-patrol"], rate: 260, onScene: 30),
        type(
            "TRF-ACCIDENT-INJURY", "Traffic accident with injuries", "حادث مروري مع إصابات", priority: 1,
            owner: "traffic", needs: ["traffic-patrol", "rescue"], plan: [("traffic-patrol", 2), ("rescue", 1)],
            rate: 40, onScene: 45),
        type(
            "TRF-HAZARD", "Road hazard", "عائق على الطريق", priority: 3, owner: "traffic", needs: ["traffic-patrol"],
            rate: 70, onScene: 20),
        type(
            "TRF-RECKLESS", "Reckless driving", "قيادة متهورة", priority: 3, owner: "traffic",
            needs: ["traffic-patrol"], rate: 60, onScene: 15),
        type(
            "CRM-BURGLARY", "Burglary", "سرقة منزل", priority: 3, owner: "criminal-security",
            needs: ["investigation"], restricted: ["narrative", "caller"], rate: 35, onScene: 50),
        type(
            "CRM-ROBBERY", "Robbery", "سطو", priority: 1, owner: "criminal-security",
            needs: ["patrol", "investigation"], plan: [("patrol", 2), ("investigation", 1)],
            restricted: ["narrative", "caller"], rate: 6, onScene: 60),
        type(
            "CRM-VEHICLE-THEFT", "Vehicle theft", "سرقة مركبة", priority: 3, owner: "criminal-security",
            needs: ["investigation"], restricted: ["narrative"], rate: 18, onScene: 30),
        type(
            "CRM-NARCOTICS", "Narcotics report", "بلاغ مخدرات", priority: 3, owner: "criminal-security",
            needs: ["investigation"], restricted: ["narrative", "caller"], rate: 10, onScene: 40),
        type(
            "FIRE-STRUCTURE", "Structure fire", "حريق مبنى", priority: 1, owner: "firefighting",
            needs: ["engine", "ladder", "patrol"], plan: [("engine", 2), ("ladder", 1), ("patrol", 1)],
            rate: 12, onScene: 70),
        type(
            "FIRE-VEHICLE", "Vehicle fire", "حريق مركبة", priority: 2, owner: "firefighting", needs: ["engine"],
            rate: 18, onScene: 25),
        type(
            "FIRE-WASTE", "Waste or brush fire", "حريق نفايات أو أعشاب", priority: 3, owner: "firefighting",
            needs: ["engine"], rate: 15, onScene: 30),
        type(
            "FIRE-HAZMAT", "Hazardous materials", "مواد خطرة", priority: 1, owner: "firefighting",
            needs: ["hazmat", "engine", "patrol"], plan: [("hazmat", 1), ("engine", 1), ("patrol", 1)],
            rate: 2, onScene: 90),
        type(
            "FIRE-ALARM", "Fire alarm", "إنذار حريق", priority: 3, owner: "firefighting", needs: ["engine"],
            rate: 25, onScene: 15),
        type(
            "CD-FLOOD", "Flooding", "تجمع مياه الأمطار", priority: 2, owner: "civil-defense",
            needs: ["pump", "rescue"],
            plan: [("pump", 1), ("rescue", 1)], rate: 4, onScene: 80),
        type(
            "CD-COLLAPSE", "Structural collapse", "انهيار مبنى", priority: 1, owner: "civil-defense",
            needs: ["rescue", "engine", "patrol"], plan: [("rescue", 2), ("engine", 1), ("patrol", 1)],
            rate: 1, onScene: 120),
        type(
            "CD-SANDSTORM", "Sandstorm damage", "أضرار عاصفة رملية", priority: 3, owner: "civil-defense",
            needs: ["rescue"], rate: 3, onScene: 40),
        type(
            "CD-SHELTER", "Shelter request", "طلب إيواء", priority: 3, owner: "civil-defense", needs: ["shelter"],
            rate: 2, onScene: 60),
        type(
            "SEA-DISTRESS", "Vessel in distress", "سفينة في خطر", priority: 1, owner: "maritime-rescue",
            needs: ["rescue-boat", "patrol"], plan: [("rescue-boat", 1), ("patrol", 1)], rate: 3, onScene: 60,
            atSea: true),
        type(
            "SEA-DROWNING", "Drowning", "غرق", priority: 1, owner: "maritime-rescue", needs: ["rescue-boat"],
            rate: 2, onScene: 45, atSea: true),
        type(
            "BRD-INFILTRATION", "Border infiltration", "تسلل حدودي", priority: 2, owner: "border-coastal",
            needs: ["border-patrol"], plan: [("border-patrol", 2)], restricted: ["narrative"], rate: 2, onScene: 60),
        type(
            "BRD-SMUGGLING", "Smuggling by sea", "تهريب بحري", priority: 2, owner: "border-coastal",
            needs: ["coastal-patrol"], restricted: ["narrative", "caller"], rate: 2, onScene: 60, atSea: true),
        type(
            "RES-VIOLATION", "Residency violation", "مخالفة إقامة", priority: 4, owner: "residency-affairs",
            needs: ["inspection"], rate: 20, onScene: 30),
        type(
            "RES-ABSCONDING", "Absconding worker report", "بلاغ تغيب عامل", priority: 4, owner: "residency-affairs",
            needs: ["inspection"], restricted: ["caller"], rate: 15, onScene: 20),
        type(
            "SIS-CYBER", "Cyber incident", "حادث سيبراني", priority: 3, owner: "security-information",
            needs: ["cyber"], restricted: ["narrative"], rate: 3, onScene: 90),
        type(
            "SIS-OUTAGE", "Critical systems outage", "تعطل أنظمة حيوية", priority: 2, owner: "security-information",
            needs: ["cyber"], rate: 1, onScene: 120),
        type(
            "OPS-MAJOR", "Major incident coordination", "تنسيق حادث كبير", priority: 1, owner: "operations",
            needs: ["command"], rate: 0.5, onScene: 180),
    ]

    public static var incidentTypes: [IncidentType] { types.map(\.type) }
}
