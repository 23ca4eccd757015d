import Foundation
import MirsadGeodesy

/// Text outputs of the analyses: CSV in the column shapes analysts script against, and
/// GeoJSON of grid cells and series members. Pure functions from results to text.
public enum ResultWriters {
    /// `iy,ix,count,value[,p]`, one row per cell, row-major from the south-west corner.
    public static func gridCSV(_ layer: GridLayer) -> String {
        var out = layer.pValues == nil ? "iy,ix,count,value\n" : "iy,ix,count,value,p\n"
        out.reserveCapacity(layer.grid.cellCount * 32)
        for iy in 0..<layer.grid.rows {
            for ix in 0..<layer.grid.columns {
                let id = layer.grid.id(ix: ix, iy: iy)
                out += "\(iy),\(ix),\(layer.counts[id]),\(number(layer.values[id]))"
                if let p = layer.pValues { out += ",\(number(p[id]))" }
                out += "\n"
            }
        }
        return out
    }

    /// `distance_band,time_band,observed,expected,knox_ratio,p`, one row per table cell;
    /// `knox_ratio` is empty where the expected count is zero.
    public static func knoxCSV(_ table: KnoxTest.Table) -> String {
        var out = "distance_band,time_band,observed,expected,knox_ratio,p\n"
        for cell in table.cells {
            out +=
                "\(cell.distanceBand),\(cell.timeBand),\(cell.observed),\(number(cell.expected)),\(cell.knoxRatio.map(number) ?? ""),\(number(cell.p))\n"
        }
        return out
    }

    /// One row per series member:
    /// `series_id,category,size,emerging,first,last,member,id,x,y,time`.
    public static func seriesCSV(_ series: [SeriesDetector.Series], events: [AnalyticEvent]) -> String {
        var out = "series_id,category,size,emerging,first,last,member,id,x,y,time\n"
        let formatter = ISO8601DateFormatter()
        for s in series {
            for (k, index) in s.members.enumerated() {
                let event = events[index]
                out +=
                    "\(s.id),\(csvField(s.category ?? "")),\(s.size),\(s.isEmerging),\(formatter.string(from: s.first)),\(formatter.string(from: s.last)),"
                out +=
                    "\(k + 1),\(csvField(event.id ?? "")),\(number(event.position.x)),\(number(event.position.y)),\(event.time.map { formatter.string(from: $0) } ?? "")\n"
            }
        }
        return out
    }

    /// A FeatureCollection with one Polygon per cell (skipping cells with no events and a
    /// zero value unless `includeEmpty`). Coordinates are WGS84 longitude/latitude when the
    /// grid's system can be inverted (UTM), otherwise the grid's planar metres with a legacy
    /// `crs` member naming it.
    public static func gridGeoJSON(_ layer: GridLayer, includeEmpty: Bool = false) -> String {
        let grid = layer.grid
        let geographic = grid.crs.geographic(PlanarPoint(x: grid.originX, y: grid.originY)) != nil
        var out = "{\"type\":\"FeatureCollection\""
        if !geographic, let epsg = grid.crs.epsg {
            out += ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::\(epsg)\"}}"
        }
        out +=
            ",\"properties\":{\"measure\":\(jsonString(layer.measure)),\"cellSize\":\(number(grid.cellSize)),\"columns\":\(grid.columns),\"rows\":\(grid.rows)}"
        out += ",\"features\":["
        var first = true
        let extraKeys = layer.extras.keys.sorted()
        for iy in 0..<grid.rows {
            for ix in 0..<grid.columns {
                let id = grid.id(ix: ix, iy: iy)
                if !includeEmpty, layer.counts[id] == 0, layer.values[id] == 0 { continue }
                let x0 = grid.originX + Double(ix) * grid.cellSize, y0 = grid.originY + Double(iy) * grid.cellSize
                let corners = [
                    (x0, y0), (x0 + grid.cellSize, y0), (x0 + grid.cellSize, y0 + grid.cellSize),
                    (x0, y0 + grid.cellSize), (x0, y0),
                ]
                let ring = corners.map { corner -> String in
                    let p = PlanarPoint(x: corner.0, y: corner.1)
                    if geographic, let g = grid.crs.geographic(p) {
                        return "[\(String(format: "%.7f", g.longitude)),\(String(format: "%.7f", g.latitude))]"
                    }
                    return "[\(number(p.x)),\(number(p.y))]"
                }.joined(separator: ",")
                out += first ? "" : ","
                first = false
                out +=
                    "{\"type\":\"Feature\",\"id\":\(id),\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]},\"properties\":{"
                out += "\"iy\":\(iy),\"ix\":\(ix),\"count\":\(layer.counts[id]),\"value\":\(json(layer.values[id]))"
                if let p = layer.pValues { out += ",\"p\":\(json(p[id]))" }
                for key in extraKeys { out += ",\(jsonString(key)):\(json(layer.extras[key]?[id] ?? .nan))" }
                out += "}}"
            }
        }
        out += "]}\n"
        return out
    }

    /// Series members as Points, with their series' properties.
    public static func seriesGeoJSON(_ series: [SeriesDetector.Series], events: [AnalyticEvent], crs: CoordinateSystem)
        -> String
    {
        let formatter = ISO8601DateFormatter()
        var features: [String] = []
        for s in series {
            for index in s.members {
                let event = events[index]
                let coordinates: String
                if let g = crs.geographic(event.position), crs != .wgs84 {
                    coordinates = "[\(String(format: "%.7f", g.longitude)),\(String(format: "%.7f", g.latitude))]"
                } else {
                    coordinates = "[\(number(event.position.x)),\(number(event.position.y))]"
                }
                features.append(
                    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":\(coordinates)},\"properties\":{\"series\":\(s.id),\"size\":\(s.size),\"emerging\":\(s.isEmerging),\"id\":\(jsonString(event.id ?? "")),\"category\":\(jsonString(event.category ?? "")),\"time\":\(jsonString(event.time.map { formatter.string(from: $0) } ?? ""))}}"
                )
            }
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}\n"
    }

    /// A number for people: integers without a decimal point, others as Swift prints them.
    public static func format(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : number(value)
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
    }

    static func json(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
