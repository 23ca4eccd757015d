import Foundation
import MirsadAnalytics
import MirsadGeodesy
import Testing

@Suite("Heat maps, GeoJSON and CSV")
struct RenderingTests {
    /// Reads back a PNG written with stored deflate blocks: checks every chunk CRC and the
    /// zlib Adler-32, and returns width, height and the RGBA rows.
    static func decode(_ png: Data) throws -> (Int, Int, [UInt8]) {
        let bytes = [UInt8](png)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func u32(_ i: Int) -> Int {
            Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
        }
        var offset = 8
        var width = 0, height = 0
        var zlib: [UInt8] = []
        var sawEnd = false
        while offset < bytes.count {
            let length = u32(offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let crc = UInt32(u32(offset + 8 + length))
            #expect(crc == Self.crc32(Array(bytes[(offset + 4)..<(offset + 8)]) + body), "CRC of \(type)")
            if type == "IHDR" {
                width = Int(body[0]) << 24 | Int(body[1]) << 16 | Int(body[2]) << 8 | Int(body[3])
                height = Int(body[4]) << 24 | Int(body[5]) << 16 | Int(body[6]) << 8 | Int(body[7])
                #expect(body[8] == 8 && body[9] == 6)
            } else if type == "IDAT" {
                zlib += body
            } else if type == "IEND" {
                sawEnd = true
            }
            offset += 12 + length
        }
        #expect(sawEnd)
        // Stored blocks: BFINAL/BTYPE byte, LEN, NLEN, data.
        var raw: [UInt8] = []
        var p = 2
        while true {
            let header = zlib[p]
            #expect(header & 0b110 == 0)
            let len = Int(zlib[p + 1]) | Int(zlib[p + 2]) << 8
            let nlen = Int(zlib[p + 3]) | Int(zlib[p + 4]) << 8
            #expect(len == (~nlen & 0xFFFF))
            raw += zlib[(p + 5)..<(p + 5 + len)]
            p += 5 + len
            if header & 1 == 1 { break }
        }
        let adler = UInt32(zlib[p]) << 24 | UInt32(zlib[p + 1]) << 16 | UInt32(zlib[p + 2]) << 8 | UInt32(zlib[p + 3])
        #expect(adler == Self.adler32(raw))
        var rgba: [UInt8] = []
        for row in 0..<height {
            let start = row * (width * 4 + 1)
            #expect(raw[start] == 0)
            rgba += raw[(start + 1)..<(start + 1 + width * 4)]
        }
        return (width, height, rgba)
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static func layer(scale: GridLayer.Scale = .sequential) throws -> GridLayer {
        let grid = try GridSpec(
            originX: 264_000, originY: 3_285_000, cellSize: 250, columns: 40, rows: 30,
            crs: .utm(UTMZone(parsing: "15N")))
        var values = [Double](repeating: 0, count: grid.cellCount)
        var counts = [Int](repeating: 0, count: grid.cellCount)
        values[grid.id(ix: 10, iy: 5)] = 100
        counts[grid.id(ix: 10, iy: 5)] = 3
        values[grid.id(ix: 30, iy: 20)] = scale == .diverging ? -50 : 40
        return GridLayer(
            grid: grid, measure: "test density", counts: counts, values: values,
            pValues: [Double](repeating: 0.5, count: grid.cellCount), scale: scale)
    }

    @Test("PNG chunks, CRC-32 and Adler-32 are valid and the hottest cell has the ramp's top colour")
    func png() throws {
        #expect(Self.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        let layer = try Self.layer()
        let png = try HeatmapRenderer(pixelsPerCell: 4).png(layer)
        let (width, height, rgba) = try Self.decode(png)
        #expect(width > 40 * 4 && height > 30 * 4)
        // Map origin: margin 16, title 28; row iy = 5 is drawn (30 − 1 − 5) cells from the top.
        let x = 16 + 10 * 4 + 1, y = 16 + 28 + (30 - 1 - 5) * 4 + 1
        let pixel = Array(rgba[((y * width + x) * 4)..<((y * width + x) * 4 + 3)])
        let top = ColourRamp(for: layer).colour(at: 1)
        #expect(pixel == [top.r, top.g, top.b])
        #expect(throws: AnalyticsError.self) { try HeatmapRenderer(pixelsPerCell: 0).png(layer) }
    }

    @Test("SVG has merged cell runs, a gradient legend and a round scale bar")
    func svg() throws {
        let svg = try HeatmapRenderer(pixelsPerCell: 3, title: "Gi* <hot>").svg(try Self.layer(scale: .diverging))
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("Gi* &lt;hot&gt;"))
        #expect(svg.contains("linearGradient"))
        // 30 rows; most rows are one run, rows 5 and 20 have three.
        let rects = svg.components(separatedBy: "<rect ").count - 1
        #expect(rects == 30 + 4 + 1 + 1 + 1)
        #expect(svg.contains(">2 km<"))
    }

    @Test("GeoJSON cells are WGS84 polygons for UTM grids with the layer's properties")
    func geoJSON() throws {
        let text = ResultWriters.gridGeoJSON(try Self.layer())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        #expect(features.count == 2)
        let first = try #require(features.first)
        let properties = try #require(first["properties"] as? [String: Any])
        #expect(properties["iy"] as? Int == 5 && properties["ix"] as? Int == 10 && properties["count"] as? Int == 3)
        let geometry = try #require(first["geometry"] as? [String: Any])
        let ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
        #expect(ring.count == 5 && ring.first == ring.last)
        #expect(ring.allSatisfy { $0[0] > -95.6 && $0[0] < -95.3 && $0[1] > 29.6 && $0[1] < 29.8 })
        let all = ResultWriters.gridGeoJSON(try Self.layer(), includeEmpty: true)
        #expect(all.components(separatedBy: "\"Feature\"").count - 1 == 1_200)
    }

    @Test("grid and Knox CSV use the documented columns")
    func csv() throws {
        let lines = ResultWriters.gridCSV(try Self.layer()).split(separator: "\n")
        #expect(lines.first == "iy,ix,count,value,p")
        #expect(lines.count == 1 + 1_200)
        #expect(lines[1 + 5 * 40 + 10] == "5,10,3,100.0,0.5")
        let table = try KnoxTest.analyze(
            positions: [.init(x: 0, y: 0), .init(x: 0, y: 0), .init(x: 500, y: 0)], days: [0, 0, 9],
            options: .init(distanceBand: 100, distanceBands: 2, timeBand: 7, timeBands: 1, permutations: 9))
        let knox = ResultWriters.knoxCSV(table).split(separator: "\n")
        #expect(knox.first == "distance_band,time_band,observed,expected,knox_ratio,p")
        #expect(knox.count == 1 + 4 * 2)
        #expect(knox[1].hasPrefix("0,0,1,"))
    }
}
