import Foundation
import MirsadDomain

/// The demo city's UAS geographical zones (no-fly zones for drones), published the way a civil aviation
/// authority publishes them: an ED-269 `UASZoneList`, read with `UASZoneImport` like any imported file.
///
/// Seven zones, all clear of the governorate centres where incidents happen: the international airport in the
/// south-west between Al-Rimal and Al-Sahra (a prohibited perimeter round the runway inside a 5 km control zone
/// that needs approval below 2,000 ft), a palace on the northern coast, a refinery on the coast north of
/// Al-Marsa, a military base north of Al-Sahra, the commercial port south of Al-Bahr and the central prison
/// between Al-Nakheel and Al-Rimal. `XKH` is a user-assigned ISO 3166 code, since the city is fictional.
public enum DemoAirspace {
    /// The zones as ED-269 JSON. Names are `English / Arabic`, which the importer splits.
    public static let ed269JSON = """
        {
          "formatVersion": "1.0.0",
          "createdAt": "2026-01-01T00:00:00Z",
          "UASZoneList": [
            {
              "identifier": "KHJAPT1",
              "country": "XKH",
              "name": "Al-Khaleej International Airport / مطار الخليج الدولي",
              "type": "COMMON",
              "restriction": "PROHIBITED",
              "reason": ["AIR_TRAFFIC"],
              "message": "No drone flights over the airport. Violations are reported to the Airport Police.",
              "applicability": [{"permanent": "YES", "startDateTime": null, "endDateTime": null}],
              "zoneAuthority": [
                {
                  "name": "General Directorate of Civil Aviation (demo)",
                  "service": "UAS Office",
                  "email": "uas@dgca.khaleej.demo.mirsad.example",
                  "contactName": null,
                  "siteURL": "https://dgca.khaleej.demo.mirsad.example/uas",
                  "phone": null,
                  "purpose": "INFORMATION",
                  "intervalBefore": null
                }
              ],
              "geometry": [
                {
                  "uomDimensions": "M",
                  "lowerLimit": "0",
                  "lowerVerticalReference": "AGL",
                  "upperLimit": null,
                  "upperVerticalReference": "AGL",
                  "horizontalProjection": {
                    "type": "Polygon",
                    "coordinates": [
                      [
                        [47.87145, 29.19004],
                        [47.84915, 29.17880],
                        [47.82854, 29.20996],
                        [47.85085, 29.22120],
                        [47.87145, 29.19004]
                      ]
                    ]
                  }
                }
              ]
            },
            {
              "identifier": "KHJAPT2",
              "country": "XKH",
              "name": "Al-Khaleej Airport Control Zone / منطقة مراقبة مطار الخليج",
              "type": "COMMON",
              "restriction": "REQ_AUTHORISATION",
              "reason": ["AIR_TRAFFIC"],
              "message": "Flights below 2,000 ft within 5 km of the airport need approval from Al-Khaleej Approach.",
              "applicability": [{"permanent": "YES", "startDateTime": null, "endDateTime": null}],
              "zoneAuthority": [
                {
                  "name": "Al-Khaleej Approach (demo)",
                  "service": "Air Traffic Services",
                  "email": "approach@dgca.khaleej.demo.mirsad.example",
                  "contactName": null,
                  "siteURL": "https://dgca.khaleej.demo.mirsad.example/uas/approval",
                  "phone": null,
                  "purpose": "AUTHORIZATION",
                  "intervalBefore": "P02DT00H"
                }
              ],
              "geometry": [
                {
                  "uomDimensions": "FT",
                  "lowerLimit": 0,
                  "lowerVerticalReference": "AGL",
                  "upperLimit": 2000,
                  "upperVerticalReference": "AGL",
                  "horizontalProjection": {"type": "Circle", "center": [47.85, 29.20], "radius": 5000}
                }
              ]
            },
            {
              "identifier": "KHJPAL1",
              "country": "XKH",
              "name": "Al-Salam Palace / قصر السلام",
              "type": "COMMON",
              "restriction": "PROHIBITED",
              "reason": ["SENSITIVE"],
              "message": "No drone flights over the palace grounds.",
              "applicability": [{"permanent": "YES", "startDateTime": null, "endDateTime": null}],
              "zoneAuthority": [
                {
                  "name": "Amiri Guard (demo)",
                  "service": "Security Office",
                  "email": "security@guard.khaleej.demo.mirsad.example",
                  "contactName": null,
                  "siteURL": null,
                  "phone": null,
                  "purpose": "INFORMATION",
                  "intervalBefore": null
                }
              ],
              "geometry": [
                {
                  "uomDimensions": "M",
                  "lowerLimit": 0,
                  "lowerVerticalReference": "AGL",
                  "upperLimit": null,
                  "upperVerticalReference": "AGL",
                  "horizontalProjection": {"type": "Circle", "center": [48.045, 29.385], "radius": 800}
                }
              ]
            },
            {
              "identifier": "KHJREF1",
              "country": "XKH",
              "name": "Ras Al-Marsa Refinery / مصفاة رأس المرسى",
              "type": "COMMON",
              "restriction": "PROHIBITED",
              "reason": ["SENSITIVE"],
              "message": "Critical oil infrastructure: no drone flights. Violations go to the Oil Security Police.",
              "applicability": [{"permanent": "YES", "startDateTime": null, "endDateTime": null}],
              "zoneAuthority": [
                {
                  "name": "National Oil Company (demo)",
                  "service": "Refinery Security",
                  "email": "security@refinery.khaleej.demo.mirsad.example",
                  "contactName": null,
                  "siteURL": null,
                  "phone": null,
                  "purpose": "INFORMATION",
                  "intervalBefore": null
                }
              ],
              "geometry": [
                {
                  "uomDimensions": "M",
                  "lowerLimit": 0,
                  "lowerVerticalReference": "AGL",
                  "upperLimit": 300,
                  "upperVerticalReference": "AMSL",
                  "horizontalProjection": {
                    "type": "Polygon",
                    "coordinates": [
                      [
                        [48.070, 29.242],
                        [48.097, 29.242],
                        [48.104, 29.228],
                        [48.104, 29.212],
                        [48.074, 29.212],
                        [48.066, 29.226],
                        [48.070, 29.242]
                      ]
                    ]
                  }
                }
              ]
            },
            {
              "identifier": "KHJMIL1",
              "country": "XKH",
              "name": "Al-Sahra Military Base / قاعدة الصحراء العسكرية",
              "type": "COMMON",
              "restriction": "PROHIBITED",
              "reason": ["SENSITIVE"],
              "message": "Military area: no drone flights.",
              "applicability": [{"permanent": "YES", "startDateTime": null, "endDateTime": null}],
              "zoneAuthority": [
                {
                  "name": "Ministry of Defence (demo)",
                  "service": "Base Security",
                  "email": "security@mod.khaleej.demo.mirsad.example",
                  "contactName": null,
                  "siteURL": null,
                  "phone": null,
                  "purpose": "INFORMATION",
                  "intervalBefore": null
                }
              ],
              "geometry": [
                {
                  "uomDimensions": "M",
                  "lowerLimit": 0,
                  "lowerVerticalReference": "AGL",
                  "upperLimit": null,
                  "upperVerticalReference": "AGL",
                  "horizontalProjection": {
                    "type": "Polygon",
                    "coordinates": [
                      [
                        [47.790, 29.360],
                        [47.815, 29.360],
                        [47.822, 29.348],
                        [47.815, 29.333],
                        [47.785, 29.333],
                        [47.780, 29.347],
                        [47.790, 29.360]
                      ]
                    ]
                  }
                }
              ]
            },
            {
              "identifier": "KHJPRT1",
              "country": "XKH",
              "name": "Al-Khaleej Commercial Port / ميناء الخليج التجاري",
              "type": "COMMON",
              "restriction": "REQ_AUTHORISATION",
              "reason": ["SENSITIVE"],
              "message": "Drone flights over the port below 120 m need the approval of the Port Authority.",
              "applicability": [{"permanent": "YES", "startDateTime": null, "endDateTime": null}],
              "zoneAuthority": [
                {
                  "name": "Ports Authority (demo)",
                  "service": "Harbour Master",
                  "email": "harbourmaster@ports.khaleej.demo.mirsad.example",
                  "contactName": null,
                  "siteURL": "https://ports.khaleej.demo.mirsad.example/drones",
                  "phone": null,
                  "purpose": "AUTHORIZATION",
                  "intervalBefore": "P01DT00H"
                }
              ],
              "geometry": [
                {
                  "uomDimensions": "M",
                  "lowerLimit": 0,
                  "lowerVerticalReference": "AGL",
                  "upperLimit": 120,
                  "upperVerticalReference": "AGL",
                  "horizontalProjection": {
                    "type": "Polygon",
                    "coordinates": [
                      [
                        [48.052, 29.312],
                        [48.078, 29.312],
                        [48.095, 29.305],
                        [48.098, 29.288],
                        [48.070, 29.286],
                        [48.055, 29.295],
                        [48.052, 29.312]
                      ]
                    ]
                  }
                }
              ]
            },
            {
              "identifier": "KHJPRS1",
              "country": "XKH",
              "name": "Central Prison / السجن المركزي",
              "type": "COMMON",
              "restriction": "PROHIBITED",
              "reason": ["SENSITIVE"],
              "message": "No drone flights over the prison.",
              "applicability": [{"permanent": "YES", "startDateTime": null, "endDateTime": null}],
              "zoneAuthority": [
                {
                  "name": "General Directorate of Prisons (demo)",
                  "service": "Prison Security",
                  "email": "security@prisons.khaleej.demo.mirsad.example",
                  "contactName": null,
                  "siteURL": null,
                  "phone": null,
                  "purpose": "INFORMATION",
                  "intervalBefore": null
                }
              ],
              "geometry": [
                {
                  "uomDimensions": "M",
                  "lowerLimit": 0,
                  "lowerVerticalReference": "AGL",
                  "upperLimit": null,
                  "upperVerticalReference": "AGL",
                  "horizontalProjection": {"type": "Circle", "center": [47.93, 29.245], "radius": 500}
                }
              ]
            }
          ]
        }
        """

    /// The zones, parsed from `ed269JSON` once.
    public static func zones() -> [UASZone] { parsed }

    private static let parsed: [UASZone] = {
        do {
            return try UASZoneImport.zones(from: Data(ed269JSON.utf8))
        } catch {
            // The text is a constant: a failure is a mistake in this file, which the tests catch.
            fatalError("the demo airspace does not parse: \(error)")
        }
    }()
}
