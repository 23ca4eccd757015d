/// The console's files (`Web/`), embedded into the binary at build time so `mirsad` stays one
/// self-contained file. Each file is named here once; `ConsoleFilesTests` fails when a file
/// in `Web/` is missing from the table.
public enum ConsoleFiles {
    /// The file served at `/`.
    public static let index = "index.html"

    /// File name → its bytes.
    public static let embedded: [String: [UInt8]] = [
        "index.html": PackageResources.index_html,
        "alerts-view.js": PackageResources.alerts_view_js,
        "api.js": PackageResources.api_js,
        "app.js": PackageResources.app_js,
        "call-form.js": PackageResources.call_form_js,
        "card-view.js": PackageResources.card_view_js,
        "console.css": PackageResources.console_css,
        "dom.js": PackageResources.dom_js,
        "feed.js": PackageResources.feed_js,
        "geo.js": PackageResources.geo_js,
        "i18n-ar.js": PackageResources.i18n_ar_js,
        "i18n-en.js": PackageResources.i18n_en_js,
        "i18n.js": PackageResources.i18n_js,
        "map-data.js": PackageResources.map_data_js,
        "map-style.js": PackageResources.map_style_js,
        "map-view.js": PackageResources.map_view_js,
        "queue-view.js": PackageResources.queue_view_js,
        "queue.js": PackageResources.queue_js,
        "store.js": PackageResources.store_js,
        "units-view.js": PackageResources.units_view_js,
    ]

    /// The media type of a console file, by its extension; nil for a kind the console does not serve.
    public static func contentType(of name: String) -> String? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "woff2": return "font/woff2"
        default: return nil
        }
    }
}
