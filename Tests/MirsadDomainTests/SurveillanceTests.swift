import Foundation
import MirsadDomain
import Testing

/// The pure rules of cameras and sensors: what a camera's picture covers, the alarm's
/// hysteresis, and a jurisdiction file's cameras and sensors refused naming the bad field.
@Suite("Cameras and sensors, the rules")
struct SurveillanceTests {
    static let camera = Camera(
        id: "c", name: LocalizedName(en: "C", ar: "ك"), location: Coordinate(lat: 29.37, lon: 47.98), sector: "traffic",
        heading: 350, fieldOfView: 40, range: 500, streamURL: "rtsp://cam.example/c")

    /// A point `meters` away at `bearing` degrees from the camera (small distances, flat earth).
    static func point(_ meters: Double, bearing: Double) -> Coordinate {
        let rad = bearing * .pi / 180
        return Coordinate(
            lat: 29.37 + meters * cos(rad) / 111_195,
            lon: 47.98 + meters * sin(rad) / (111_195 * cos(29.37 * .pi / 180)))
    }

    @Test("a camera sees within its range and half its field of view either side of its heading, across north")
    func coverage() throws {
        let ahead = try #require(Self.camera.sighting(of: Self.point(300, bearing: 355)))
        #expect(abs(ahead.meters - 300) < 2 && abs(ahead.offAxis - 5) < 0.5)
        #expect(Self.camera.sighting(of: Self.point(300, bearing: 8)) != nil, "10° off axis, across north")
        #expect(Self.camera.sighting(of: Self.point(300, bearing: 15)) == nil, "25° off a 40° picture")
        #expect(Self.camera.sighting(of: Self.point(300, bearing: 170)) == nil, "behind it")
        #expect(Self.camera.sighting(of: Self.point(600, bearing: 350)) == nil, "beyond its range")
        #expect(Self.camera.sighting(of: Coordinate(lat: 29.37, lon: 47.98)) != nil, "right under it")
        var dome = Self.camera
        dome.id = "d"
        dome.fieldOfView = 360
        #expect(dome.sighting(of: Self.point(300, bearing: 170)) != nil)
        let both = Camera.seeing(Self.point(200, bearing: 352), among: [dome, Self.camera])
        #expect(both.map(\.cameraId) == ["c", "d"], "equally near: by id")
    }

    static let gauge = Sensor(
        id: "g", name: LocalizedName(en: "G", ar: "م"), kind: .floodGauge, location: Coordinate(lat: 29.37, lon: 47.98),
        governorate: "capital", sector: "fire", unit: "cm", alarmAbove: 30, clearBelow: 10)

    /// The domain fixtures' city with two governorates, two cameras, two sensors and a plan.
    static var jurisdiction: Jurisdiction {
        var jurisdiction = Fixtures.jurisdiction
        jurisdiction.governorates = [
            Governorate(
                id: "capital", name: LocalizedName(en: "Capital", ar: "العاصمة"), center: Fixtures.jurisdiction.center),
            Governorate(
                id: "coast", name: LocalizedName(en: "Coast", ar: "الساحل"), center: Coordinate(lat: 29.3, lon: 48.05)),
        ]
        var dome = camera
        dome.id = "d"
        dome.fieldOfView = 360
        jurisdiction.cameras = [camera, dome]
        var panel = gauge
        panel.id = "p"
        panel.kind = .fireAlarm
        panel.alarmAbove = 0.5
        panel.clearBelow = 0.5
        jurisdiction.sensors = [gauge, panel]
        jurisdiction.playbooks = [
            Playbook(
                id: "flood", version: 1, scenario: .heavyRain, name: LocalizedName(en: "Flood", ar: "سيول"),
                triggers: [PlaybookTrigger(sensor: .init(kinds: [.floodGauge]))],
                tasks: [
                    PlaybookTask(
                        id: "pumps", phase: "prepare", sector: "fire",
                        title: LocalizedName(en: "Pumps", ar: "مضخات"), deadlineMinutes: 30)
                ])
        ]
        return jurisdiction
    }

    @Test("the alarm is raised once above the threshold and ends once below the clearing level")
    func hysteresis() throws {
        let catalog = JurisdictionIndex(Self.jurisdiction)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var state: SensorState?
        var changes: [String] = []
        for (i, value) in [5.0, 30, 31, 45, 20, 10, 9.9, 35].enumerated() {
            let decision = try SensorDecider.decide(
                SensorReading(sensorId: "g", value: value, at: start + Double(i)), state: state, now: start + 60,
                actor: .system, catalog: catalog, field: "r")
            let next: SensorState = try #require(decision.state)
            state = next
            changes.append(decision.change.map { "\($0.change.rawValue)@\(value)" } ?? "-")
        }
        #expect(changes == ["-", "-", "alarm@31.0", "-", "-", "-", "normal@9.9", "alarm@35.0"])
        #expect(state?.alarm == true && state?.peak == 35 && state?.alarmSince == start + 7)
        let late = try SensorDecider.decide(
            SensorReading(sensorId: "g", value: 0, at: start), state: state, now: start + 60, actor: .system,
            catalog: catalog, field: "r")
        #expect(late.state == nil && late.change == nil, "an older reading never replaces a newer one")
        let liaison = Actor(username: "l", role: .sectorLiaison, sector: "fire")
        for actor in [liaison, Fixtures.trafficDispatcher] {
            #expect(throws: DomainError.self, "\(actor.username) may not relay the gauge") {
                try SensorDecider.decide(
                    SensorReading(sensorId: "g", value: 1, at: start), state: nil, now: start, actor: actor,
                    catalog: catalog, field: "r")
            }
        }
        #expect(
            try SensorDecider.decide(
                SensorReading(sensorId: "g", value: 1, at: start), state: nil, now: start,
                actor: Fixtures.fireDispatcher, catalog: catalog, field: "r"
            ).state?.value == 1, "the gauge's own sector relays it")
    }

    @Test("a plan's sensor trigger matches alarms of its kinds in its governorates only")
    func trigger() {
        let trigger = PlaybookTrigger(sensor: .init(kinds: [.floodGauge], governorates: ["capital"]))
        let reading = SensorReading(sensorId: "g", value: 40, at: Date())
        #expect(trigger.matches(SensorChanged(change: .alarm, sensor: Self.gauge, reading: reading)))
        #expect(!trigger.matches(SensorChanged(change: .normal, sensor: Self.gauge, reading: reading)))
        var elsewhere = Self.gauge
        elsewhere.governorate = "coast"
        #expect(!trigger.matches(SensorChanged(change: .alarm, sensor: elsewhere, reading: reading)))
        var panel = Self.gauge
        panel.kind = .fireAlarm
        #expect(!trigger.matches(SensorChanged(change: .alarm, sensor: panel, reading: reading)))
    }

    @Test("a jurisdiction's bad camera or sensor is refused naming the field")
    func validation() {
        func refusal(_ change: (inout Jurisdiction) -> Void) -> String? {
            var jurisdiction = Self.jurisdiction
            change(&jurisdiction)
            do {
                try jurisdiction.validate()
                return nil
            } catch {
                return error.field
            }
        }
        #expect(refusal { _ in } == nil)
        #expect(refusal { $0.cameras[1].heading = 360 } == "cameras[1].heading")
        #expect(refusal { $0.cameras[0].fieldOfView = 0 } == "cameras[0].fieldOfView")
        #expect(refusal { $0.cameras[0].streamURL = "javascript:alert(1)" } == "cameras[0].streamURL")
        #expect(refusal { $0.cameras[0].sector = "nobody" } == "cameras[0].sector")
        #expect(refusal { $0.cameras[1].id = $0.cameras[0].id } == "cameras[1].id")
        #expect(refusal { $0.sensors[0].clearBelow = 31 } == "sensors[0].clearBelow")
        #expect(refusal { $0.sensors[1].governorate = "atlantis" } == "sensors[1].governorate")
        #expect(
            refusal { $0.playbooks[0].triggers = [PlaybookTrigger(sensor: .init(kinds: []))] }
                == "playbooks[0].triggers[0].sensor.kinds")
    }
}
