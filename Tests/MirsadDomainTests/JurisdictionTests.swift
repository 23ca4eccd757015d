import Foundation
import MirsadDomain
import Testing

@Suite("Jurisdiction files")
struct JurisdictionTests {
    @Test("a valid jurisdiction passes and round-trips through JSON with stable unit ids")
    func roundTrip() throws {
        try Fixtures.jurisdiction.validate()
        let data = try MirsadJSON.encoder().encode(Fixtures.jurisdiction)
        let decoded = try MirsadJSON.decoder().decode(Jurisdiction.self, from: data)
        #expect(decoded == Fixtures.jurisdiction)
        #expect(StableID.unit(callSign: "E1") == Fixtures.e1)
        #expect(StableID.unit(callSign: "E1") != StableID.unit(callSign: "E2"))
    }

    @Test("bad references are reported with the path of the field")
    func badReferences() throws {
        var bad = Fixtures.jurisdiction
        bad.units[1].homeStation = "NOWHERE"
        #expect(throws: DomainError.invalidField(field: "units[1].homeStation", reason: "unknown station 'NOWHERE'")) {
            try bad.validate()
        }
        bad = Fixtures.jurisdiction
        bad.incidentTypes[2].defaultPriority = 7
        #expect(throws: DomainError.invalidField(field: "incidentTypes[2].defaultPriority", reason: "must be 1 to 4")) {
            try bad.validate()
        }
        bad = Fixtures.jurisdiction
        bad.units.append(bad.units[0])
        #expect(throws: DomainError.invalidField(field: "units[3].callSign", reason: "duplicate 'E1'")) {
            try bad.validate()
        }
        bad = Fixtures.jurisdiction
        bad.stations[0].location = Coordinate(lat: 95, lon: 0)
        #expect(
            throws: DomainError.invalidField(
                field: "stations[0].location.lat",
                reason: "latitude must be between -90 and 90")
        ) {
            try bad.validate()
        }
    }

    @Test("turn restriction exemptions name OSM restriction values, and round-trip")
    func turnRestrictionExemptions() throws {
        var j = Fixtures.jurisdiction
        j.turnRestrictionExemptions = ["ambulance": ["no_left_turn", "no_u_turn"], "engine": ["*"]]
        try j.validate()
        let decoded = try MirsadJSON.decoder().decode(Jurisdiction.self, from: try MirsadJSON.encoder().encode(j))
        #expect(decoded.turnRestrictionExemptions == j.turnRestrictionExemptions)
        j.turnRestrictionExemptions["ambulance"] = ["no_left_turn", "no_left_turns"]
        let known = Jurisdiction.turnRestrictionNames.joined(separator: ", ")
        #expect(
            throws: DomainError.invalidField(
                field: "turnRestrictionExemptions.ambulance[1]", reason: "'no_left_turns' is not one of \(known), or *")
        ) { try j.validate() }
        #expect(known.hasPrefix("no_left_turn, no_right_turn"))
        // A file without the field obeys every restriction.
        let plain = try MirsadJSON.decoder().decode(
            Jurisdiction.self, from: try MirsadJSON.encoder().encode(Fixtures.jurisdiction))
        #expect(plain.turnRestrictionExemptions.isEmpty)
    }

    @Test("the family defaults to the code prefix")
    func family() {
        #expect(IncidentType.defaultFamily(of: "FIRE-STRUCTURE") == "FIRE")
        #expect(IncidentType.defaultFamily(of: "MED.CARDIAC") == "MED")
        #expect(IncidentType.defaultFamily(of: "ROBBERY") == "ROBBERY")
    }
}
