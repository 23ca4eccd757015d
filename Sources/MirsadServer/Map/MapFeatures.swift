import MirsadDomain

/// The jurisdiction's outlines as GeoJSON for the map: water, the shore, and governorates
/// (those with a boundary), each tagged with `kind`.
enum MapFeatures {
    static func collection(of world: Jurisdiction) -> GeoJSONFeatureCollection {
        var features: [GeoJSONFeature] = []
        let shoreline = world.shoreline ?? Shoreline(lines: [], water: [])
        for ring in shoreline.water {
            features.append(GeoJSONFeature(properties: ["kind": .string("sea")], geometry: .polygon([ring])))
        }
        for line in shoreline.lines {
            features.append(GeoJSONFeature(properties: ["kind": .string("coastline")], geometry: .lineString(line)))
        }
        for governorate in world.governorates {
            guard let boundary = governorate.boundary else { continue }
            features.append(
                GeoJSONFeature(
                    id: governorate.id,
                    properties: [
                        "kind": .string("governorate"), "id": .string(governorate.id),
                        "name": .object(["en": .string(governorate.name.en), "ar": .string(governorate.name.ar)]),
                        "center": .array([.number(governorate.center.lon), .number(governorate.center.lat)]),
                    ], geometry: .polygon([boundary])))
        }
        return GeoJSONFeatureCollection(features: features)
    }

    /// Every place the jurisdiction names, for a map extent when there is no road network.
    static func points(of world: Jurisdiction) -> [Coordinate] {
        [world.center] + world.stations.map(\.location)
            + world.governorates.flatMap { [$0.center] + ($0.boundary ?? []) }
    }
}
