import MirsadDomain

/// The demo jurisdiction's emergency plans, one per scenario the ministry prepares for. Real
/// deployments load their own (`playbooks` in the jurisdiction file or `serve --playbooks DIR`).
public enum DemoPlaybooks {
    static func task(_ id: String, _ phase: String, _ sector: String, _ en: String, _ ar: String, _ minutes: Int)
        -> PlaybookTask
    {
        PlaybookTask(
            id: id, phase: phase, sector: sector, title: LocalizedName(en: en, ar: ar), deadlineMinutes: minutes)
    }

    /// A small box around an underpass (about 220 m a side).
    static func underpass(_ id: String, lat: Double, lon: Double, _ reason: String) -> PlaybookClosure {
        let d = 0.001
        return PlaybookClosure(
            id: id,
            polygon: [
                Coordinate(lat: lat - d, lon: lon - d), Coordinate(lat: lat + d, lon: lon - d),
                Coordinate(lat: lat + d, lon: lon + d), Coordinate(lat: lat - d, lon: lon + d),
            ], reason: reason)
    }

    public static let all: [Playbook] = [
        Playbook(
            id: "heavy-rain", version: 1, scenario: .heavyRain,
            name: LocalizedName(en: "Heavy rain and flooding", ar: "الأمطار الغزيرة والسيول"),
            advice: LocalizedName(
                en: "Stay away from underpasses and valleys, do not drive through water, keep children indoors.",
                ar: "ابتعدوا عن الأنفاق والأودية، ولا تقودوا في المياه المتجمعة، وأبقوا الأطفال في المنازل."),
            triggers: [
                PlaybookTrigger(
                    cap: .init(events: ["Heavy rain", "Flood", "Flash flood", "Rainfall"], minimumSeverity: "Severe")),
                // An underpass gauge over its threshold starts the plan even before a warning comes.
                PlaybookTrigger(sensor: .init(kinds: [.floodGauge])),
            ],
            tasks: [
                task(
                    "pumps", "prepare", "civil-defense", "Pre-position pumps at flood-prone underpasses",
                    "نشر المضخات عند الأنفاق المعرضة للغرق", 30),
                task(
                    "underpasses", "prepare", "traffic", "Close flood-prone underpasses and set diversions",
                    "إغلاق الأنفاق المعرضة للغرق وتحويل السير", 20),
                task(
                    "patrols", "respond", "public-security", "Patrol low-lying districts and warn residents",
                    "تسيير دوريات في المناطق المنخفضة وتنبيه السكان", 45),
                task(
                    "shelters", "respond", "civil-defense", "Ready temporary shelters", "تجهيز مراكز الإيواء المؤقتة",
                    60),
                task(
                    "boats", "respond", "maritime-rescue", "Stand by boats for rescue in flooded areas",
                    "تجهيز القوارب للإنقاذ في المناطق المغمورة", 60),
            ],
            closures: [
                underpass("asima-underpass", lat: 29.370, lon: 47.970, "Al-Asima underpass flooded"),
                underpass("nakheel-underpass", lat: 29.280, lon: 47.910, "Al-Nakheel underpass flooded"),
            ],
            publicAlert: PlaybookAlertTemplate(
                event: LocalizedName(en: "Heavy rain and flooding", ar: "أمطار غزيرة وسيول"),
                headline: LocalizedName(
                    en: "Heavy rain warning: underpasses closed in Al-Asima and Al-Nakheel",
                    ar: "تحذير من أمطار غزيرة: إغلاق الأنفاق في العاصمة والنخيل"),
                description: LocalizedName(
                    en: "Heavy rain is expected to flood low roads and underpasses in the coming hours.",
                    ar: "يتوقع أن تغمر الأمطار الغزيرة الطرق المنخفضة والأنفاق خلال الساعات القادمة."),
                instruction: LocalizedName(
                    en: "Avoid underpasses and valleys, do not drive through water, call 112 in an emergency.",
                    ar: "تجنبوا الأنفاق والأودية، ولا تقودوا في المياه المتجمعة، واتصلوا بـ ١١٢ عند الطوارئ."),
                categories: ["Met", "Safety"], responseTypes: ["Avoid", "Prepare"], urgency: "Expected",
                severity: "Severe", certainty: "Likely", expiresInHours: 6,
                areas: [PublicAlertArea(governorates: ["asima", "nakheel"])]),
            openShelters: ["asima", "nakheel"]),
        Playbook(
            id: "major-fire", version: 1, scenario: .majorFire,
            name: LocalizedName(en: "Major fire", ar: "حريق كبير"),
            advice: LocalizedName(
                en: "Keep clear of the smoke, close windows, follow the police's directions.",
                ar: "ابتعدوا عن الدخان، وأغلقوا النوافذ، واتبعوا توجيهات الشرطة."),
            triggers: [PlaybookTrigger(incidentTypes: ["OPS-MAJOR"])],
            tasks: [
                task("cordon", "respond", "public-security", "Set an outer cordon", "إقامة طوق أمني خارجي", 15),
                task(
                    "routes", "respond", "traffic", "Clear access routes for fire appliances",
                    "فتح مسارات وصول لآليات الإطفاء", 15),
                task(
                    "evacuate", "respond", "civil-defense", "Evacuate neighbouring buildings", "إخلاء المباني المجاورة",
                    30),
            ]),
        Playbook(
            id: "sandstorm", version: 1, scenario: .sandstorm,
            name: LocalizedName(en: "Sandstorm", ar: "عاصفة رملية"),
            advice: LocalizedName(
                en: "Stay indoors, keep medicines for asthma at hand, drive only if you must.",
                ar: "ابقوا في المنازل، واحتفظوا بأدوية الربو، ولا تقودوا إلا للضرورة."),
            triggers: [
                PlaybookTrigger(
                    cap: .init(events: ["Sandstorm", "Dust storm", "Duststorm"], minimumSeverity: "Moderate"))
            ],
            tasks: [
                task(
                    "highways", "respond", "traffic", "Slow traffic on the highways, close the worst stretches",
                    "تخفيف السرعة على الطرق السريعة وإغلاق أسوأ المقاطع", 20),
                task(
                    "coast", "respond", "border-coastal", "Recall small craft to harbour",
                    "إعادة القوارب الصغيرة إلى الموانئ", 30),
            ]),
        Playbook(
            id: "earthquake", version: 1, scenario: .earthquake,
            name: LocalizedName(en: "Earthquake", ar: "زلزال"),
            advice: LocalizedName(
                en: "After the shaking, leave damaged buildings and keep away from walls and glass.",
                ar: "بعد الهزة غادروا المباني المتضررة وابتعدوا عن الجدران والزجاج."),
            triggers: [PlaybookTrigger(cap: .init(events: ["Earthquake"], minimumSeverity: "Moderate"))],
            tasks: [
                task(
                    "survey", "assess", "civil-defense", "Survey buildings for collapse",
                    "مسح المباني للتحقق من الانهيارات", 30),
                task(
                    "networks", "assess", "security-information", "Check communications and systems",
                    "فحص الاتصالات والأنظمة", 20),
                task(
                    "order", "respond", "public-security", "Keep order around damaged areas",
                    "حفظ النظام حول المناطق المتضررة", 30),
            ]),
        Playbook(
            id: "maritime-incident", version: 1, scenario: .maritimeIncident,
            name: LocalizedName(en: "Maritime incident", ar: "حادث بحري"),
            triggers: [
                PlaybookTrigger(cap: .init(events: ["Storm surge", "High seas", "Marine"], minimumSeverity: "Severe"))
            ],
            tasks: [
                task("search", "respond", "maritime-rescue", "Launch search and rescue", "بدء البحث والإنقاذ", 15),
                task("coastguard", "respond", "border-coastal", "Secure the area at sea", "تأمين المنطقة البحرية", 20),
            ]),
        Playbook(
            id: "mass-gathering", version: 1, scenario: .massGathering,
            name: LocalizedName(en: "Mass gathering", ar: "تجمع حاشد"),
            advice: LocalizedName(
                en: "Use public transport, keep to the marked routes, agree a meeting point with your family.",
                ar: "استخدموا النقل العام، والتزموا بالمسارات المحددة، واتفقوا مع عائلاتكم على نقطة التقاء."),
            triggers: [],
            tasks: [
                task(
                    "crowd", "prepare", "public-security", "Deploy crowd management teams", "نشر فرق إدارة الحشود", 60),
                task(
                    "parking", "prepare", "traffic", "Open park-and-ride and close streets",
                    "تشغيل مواقف التحويل وإغلاق الشوارع", 60),
                task("medical", "prepare", "civil-defense", "Place first-aid points", "إقامة نقاط إسعاف أولي", 90),
            ]),
    ]
}
