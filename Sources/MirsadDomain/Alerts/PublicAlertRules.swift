import Foundation

/// The rules a warning's content keeps whatever the CAP vocabulary: both languages filled in,
/// text an XML document can carry, areas that exist, an expiry in the near future.
public enum PublicAlertRules {
    /// A warning is about the coming hours or days; a month is the longest it may stand.
    public static let longestValidity: TimeInterval = 31 * 24 * 3600
    public static let maximumAreas = 20
    public static let maximumVertices = 500

    /// The content as it will be published (rings closed, text trimmed), or the first field at fault.
    public static func validated(_ content: PublicAlertContent, catalog: JurisdictionIndex, now: Date)
        throws(DomainError) -> PublicAlertContent
    {
        var content = content
        content.event = try text(content.event, "event", limit: 200)
        content.headline = try text(content.headline, "headline", limit: 300)
        content.description = try text(content.description, "description", limit: 8000)
        if let instruction = content.instruction {
            content.instruction = try text(instruction, "instruction", limit: 4000)
        }
        guard !content.categories.isEmpty else {
            throw .invalidField(field: "categories", reason: "name at least one CAP category (e.g. Met, Fire, Safety)")
        }
        for (i, code) in content.eventCodes.enumerated() {
            _ = try plain(code.valueName, "eventCodes[\(i)].valueName", limit: 100)
            _ = try plain(code.value, "eventCodes[\(i)].value", limit: 200)
        }
        if let web = content.web { content.web = try plain(web, "web", limit: 500) }
        if let contact = content.contact { content.contact = try plain(contact, "contact", limit: 500) }
        guard content.expires > now else { throw .invalidField(field: "expires", reason: "must be in the future") }
        guard content.expires.timeIntervalSince(now) <= longestValidity else {
            throw .invalidField(field: "expires", reason: "at most 31 days ahead")
        }
        if let onset = content.onset, onset >= content.expires {
            throw .invalidField(field: "onset", reason: "must come before expires")
        }
        guard !content.areas.isEmpty else { throw .invalidField(field: "areas", reason: "name at least one area") }
        guard content.areas.count <= maximumAreas else {
            throw .invalidField(field: "areas", reason: "at most \(maximumAreas) areas")
        }
        for i in content.areas.indices {
            content.areas[i] = try area(content.areas[i], "areas[\(i)]", catalog: catalog)
        }
        return content
    }

    private static func area(_ area: PublicAlertArea, _ field: String, catalog: JurisdictionIndex)
        throws(DomainError) -> PublicAlertArea
    {
        var area = area
        guard !(area.polygons.isEmpty && area.circles.isEmpty && area.governorates.isEmpty) else {
            throw .invalidField(field: field, reason: "give a polygon, a circle or a governorate")
        }
        if let description = area.description {
            area.description = try text(description, "\(field).description", limit: 500)
        } else if area.governorates.isEmpty {
            throw .invalidField(field: "\(field).description", reason: "describe the area in both languages")
        }
        for (g, id) in area.governorates.enumerated() where catalog.governorates[id] == nil {
            throw .invalidField(
                field: "\(field).governorates[\(g)]",
                reason:
                    "unknown governorate '\(id)' (known: \(catalog.governorates.keys.sorted().joined(separator: ", ")))"
            )
        }
        for p in area.polygons.indices {
            area.polygons[p] = try ring(area.polygons[p], "\(field).polygons[\(p)]")
        }
        for (c, circle) in area.circles.enumerated() {
            _ = try circle.center.validated(field: "\(field).circles[\(c)].center")
            guard circle.radiusKm.isFinite, circle.radiusKm > 0, circle.radiusKm <= 500 else {
                throw .invalidField(field: "\(field).circles[\(c)].radiusKm", reason: "must be above 0 and at most 500")
            }
        }
        return area
    }

    /// A closed ring: CAP wants at least four points with the last equal to the first.
    private static func ring(_ points: [Coordinate], _ field: String) throws(DomainError) -> [Coordinate] {
        for (i, point) in points.enumerated() { _ = try point.validated(field: "\(field)[\(i)]") }
        var ring = points
        if let first = ring.first, ring.count > 1, ring.last != first { ring.append(first) }
        guard Set(ring.map { "\($0.lat),\($0.lon)" }).count >= 3, ring.count >= 4 else {
            throw .invalidField(field: field, reason: "needs at least three distinct points")
        }
        guard ring.count <= maximumVertices else {
            throw .invalidField(field: field, reason: "at most \(maximumVertices) points")
        }
        return ring
    }

    private static func text(_ name: LocalizedName, _ field: String, limit: Int) throws(DomainError) -> LocalizedName {
        LocalizedName(
            en: try plain(name.en, "\(field).en", limit: limit, required: true),
            ar: try plain(name.ar, "\(field).ar", limit: limit, required: true))
    }

    /// Trimmed text without the control characters XML 1.0 cannot carry.
    static func plain(_ text: String, _ field: String, limit: Int, required: Bool = true) throws(DomainError)
        -> String
    {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty { throw .invalidField(field: field, reason: "must not be empty") }
        guard trimmed.count <= limit else { throw .invalidField(field: field, reason: "at most \(limit) characters") }
        let forbidden = trimmed.unicodeScalars.first {
            ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || (0xFFFE...0xFFFF).contains($0.value)
        }
        if let forbidden {
            throw .invalidField(
                field: field,
                reason: "contains the control character U+\(String(forbidden.value, radix: 16, uppercase: true))")
        }
        return trimmed
    }
}
