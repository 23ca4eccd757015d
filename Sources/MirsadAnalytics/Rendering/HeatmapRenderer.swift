import Foundation

/// Draws any grid layer as a heat map with a title, a colour legend and a scale bar, as PNG
/// (self-contained, no dependencies) or SVG (vector, real text, cells merged into runs).
/// North is up: the grid's top row is the northernmost.
public struct HeatmapRenderer: Sendable {
    /// Pixels per grid cell; nil picks one giving a map about 900 pixels across.
    public var pixelsPerCell: Int?
    /// Title shown above the map; defaults to the layer's measure.
    public var title: String?

    public init(pixelsPerCell: Int? = nil, title: String? = nil) {
        self.pixelsPerCell = pixelsPerCell
        self.title = title
    }

    /// Largest image drawn, in pixels.
    public static let maximumPixels = 40_000_000

    struct Layout {
        let cell: Int
        let margin = 16
        let titleHeight: Int
        let mapWidth: Int
        let mapHeight: Int
        let legendWidth = 110
        let scaleHeight = 40
        var width: Int { margin + mapWidth + margin + legendWidth }
        var height: Int { margin + titleHeight + mapHeight + scaleHeight }
        var mapX: Int { margin }
        var mapY: Int { margin + titleHeight }
        var legendX: Int { margin + mapWidth + margin }
        var legendBarHeight: Int { max(80, min(mapHeight, 300)) }
    }

    func layout(_ grid: GridSpec) throws(AnalyticsError) -> Layout {
        let cell = pixelsPerCell ?? max(1, min(8, 900 / max(grid.columns, grid.rows)))
        guard cell >= 1, cell <= 64 else { throw .invalidField("pixelsPerCell", "must be 1...64") }
        let layout = Layout(cell: cell, titleHeight: 28, mapWidth: grid.columns * cell, mapHeight: grid.rows * cell)
        guard layout.width * layout.height <= Self.maximumPixels else {
            throw .limitExceeded("out", "a \(grid.columns)×\(grid.rows) grid is too large to draw; use a larger cell")
        }
        return layout
    }

    // MARK: PNG

    public func png(_ layer: GridLayer) throws(AnalyticsError) -> Data {
        let grid = layer.grid
        let layout = try layout(grid)
        let ramp = ColourRamp(for: layer)
        let ink = RGBA(33, 33, 33)
        var canvas = Canvas(width: layout.width, height: layout.height, background: RGBA(255, 255, 255))
        BitmapFont.draw(
            title ?? layer.measure, x: layout.margin, y: layout.margin, scale: 2, colour: ink, into: &canvas)
        for iy in 0..<grid.rows {
            let y = layout.mapY + (grid.rows - 1 - iy) * layout.cell
            for ix in 0..<grid.columns {
                let colour = ramp.colour(layer.values[grid.id(ix: ix, iy: iy)])
                canvas.fill(
                    x: layout.mapX + ix * layout.cell, y: y, width: layout.cell, height: layout.cell, colour: colour)
            }
        }
        // Map frame.
        canvas.fill(x: layout.mapX - 1, y: layout.mapY - 1, width: layout.mapWidth + 2, height: 1, colour: ink)
        canvas.fill(
            x: layout.mapX - 1, y: layout.mapY + layout.mapHeight, width: layout.mapWidth + 2, height: 1, colour: ink)
        canvas.fill(x: layout.mapX - 1, y: layout.mapY - 1, width: 1, height: layout.mapHeight + 2, colour: ink)
        canvas.fill(
            x: layout.mapX + layout.mapWidth, y: layout.mapY - 1, width: 1, height: layout.mapHeight + 2, colour: ink)
        // Legend: colour bar, top = maximum.
        let barX = layout.legendX, barY = layout.mapY, barHeight = layout.legendBarHeight
        for row in 0..<barHeight {
            let t = 1 - Double(row) / Double(max(barHeight - 1, 1))
            canvas.fill(x: barX, y: barY + row, width: 18, height: 1, colour: ramp.colour(at: t))
        }
        for (t, value) in [(1.0, ramp.maximum), (0.5, (ramp.minimum + ramp.maximum) / 2), (0.0, ramp.minimum)] {
            let y = barY + Int((1 - t) * Double(barHeight - 1))
            canvas.fill(x: barX + 18, y: y, width: 4, height: 1, colour: ink)
            BitmapFont.draw(
                ColourRamp.label(value), x: barX + 25, y: max(layout.mapY, y - 3), scale: 1, colour: ink, into: &canvas)
        }
        // Scale bar under the map.
        let target = Double(layout.mapWidth) / 4 / Double(layout.cell) * grid.cellSize
        let (metres, label) = ScaleBar.length(near: target)
        let barPixels = max(1, Int((metres / grid.cellSize * Double(layout.cell)).rounded()))
        let scaleY = layout.mapY + layout.mapHeight + 14
        canvas.fill(x: layout.mapX, y: scaleY, width: barPixels, height: 3, colour: ink)
        canvas.fill(x: layout.mapX, y: scaleY - 4, width: 1, height: 7, colour: ink)
        canvas.fill(x: layout.mapX + barPixels - 1, y: scaleY - 4, width: 1, height: 7, colour: ink)
        BitmapFont.draw(label, x: layout.mapX + barPixels + 8, y: scaleY - 2, scale: 1, colour: ink, into: &canvas)
        return try PNGEncoder.encode(width: canvas.width, height: canvas.height, rgba: canvas.pixels)
    }

    // MARK: SVG

    public func svg(_ layer: GridLayer) throws(AnalyticsError) -> String {
        let grid = layer.grid
        let layout = try layout(grid)
        let ramp = ColourRamp(for: layer)
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(layout.width)" height="\(layout.height)" viewBox="0 0 \(layout.width) \(layout.height)" font-family="sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(layout.margin)" y="\(layout.margin + 16)" font-size="16" fill="#212121">\(escape(title ?? layer.measure))</text>
            <g shape-rendering="crispEdges">

            """
        // One rect per run of cells sharing a quantised colour.
        for iy in 0..<grid.rows {
            let y = layout.mapY + (grid.rows - 1 - iy) * layout.cell
            var ix = 0
            while ix < grid.columns {
                let level = quantise(ramp.position(layer.values[grid.id(ix: ix, iy: iy)]))
                var end = ix + 1
                while end < grid.columns, quantise(ramp.position(layer.values[grid.id(ix: end, iy: iy)])) == level {
                    end += 1
                }
                let colour = ramp.colour(at: Double(level) / 255)
                out +=
                    "<rect x=\"\(layout.mapX + ix * layout.cell)\" y=\"\(y)\" width=\"\((end - ix) * layout.cell)\" height=\"\(layout.cell)\" fill=\"\(colour.hex)\"/>\n"
                ix = end
            }
        }
        out += "</g>\n"
        out +=
            "<rect x=\"\(layout.mapX)\" y=\"\(layout.mapY)\" width=\"\(layout.mapWidth)\" height=\"\(layout.mapHeight)\" fill=\"none\" stroke=\"#212121\"/>\n"
        // Legend.
        let barHeight = layout.legendBarHeight
        out += "<defs><linearGradient id=\"ramp\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
        for (index, stop) in ramp.stops.enumerated() {
            out += "<stop offset=\"\(Double(index) / Double(ramp.stops.count - 1))\" stop-color=\"\(stop.hex)\"/>"
        }
        out += "</linearGradient></defs>\n"
        out +=
            "<rect x=\"\(layout.legendX)\" y=\"\(layout.mapY)\" width=\"18\" height=\"\(barHeight)\" fill=\"url(#ramp)\" stroke=\"#212121\"/>\n"
        for (t, value) in [(1.0, ramp.maximum), (0.5, (ramp.minimum + ramp.maximum) / 2), (0.0, ramp.minimum)] {
            let y = layout.mapY + Int((1 - t) * Double(barHeight - 1))
            out +=
                "<line x1=\"\(layout.legendX + 18)\" y1=\"\(y)\" x2=\"\(layout.legendX + 22)\" y2=\"\(y)\" stroke=\"#212121\"/>"
            out +=
                "<text x=\"\(layout.legendX + 25)\" y=\"\(y + 4)\" font-size=\"11\" fill=\"#212121\">\(escape(ColourRamp.label(value)))</text>\n"
        }
        // Scale bar.
        let target = Double(layout.mapWidth) / 4 / Double(layout.cell) * grid.cellSize
        let (metres, label) = ScaleBar.length(near: target)
        let barPixels = max(1, Int((metres / grid.cellSize * Double(layout.cell)).rounded()))
        let scaleY = layout.mapY + layout.mapHeight + 16
        out +=
            "<path d=\"M\(layout.mapX) \(scaleY - 4)v8M\(layout.mapX) \(scaleY)h\(barPixels)M\(layout.mapX + barPixels) \(scaleY - 4)v8\" stroke=\"#212121\" stroke-width=\"2\" fill=\"none\"/>"
        out +=
            "<text x=\"\(layout.mapX + barPixels + 8)\" y=\"\(scaleY + 4)\" font-size=\"11\" fill=\"#212121\">\(escape(label))</text>\n"
        out += "</svg>\n"
        return out
    }

    private func quantise(_ t: Double) -> Int { Int((t * 255).rounded()) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
