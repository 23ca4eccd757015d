/// A short readable account of a message, for `mirsad cap show` and logs: who sent what, when,
/// for whom, and each language's headline, event, urgency/severity/certainty, timing and areas.
public enum CAPSummary {
    public static func text(_ alert: CAPAlert) -> String {
        var lines = [
            "\(alert.msgType.rawValue) \(alert.identifier) from \(alert.sender)",
            "  sent \(alert.sent.text) · \(alert.status.rawValue) · scope \(alert.scope.rawValue)",
        ]
        if let restriction = alert.restriction, !restriction.isEmpty { lines.append("  restriction: \(restriction)") }
        if let addresses = alert.addresses, !addresses.isEmpty { lines.append("  addresses: \(addresses)") }
        if let references = alert.references, !references.isEmpty {
            let count = (try? CAPReference.parseList(references).get().count) ?? 0
            lines.append("  refers to \(count) earlier message\(count == 1 ? "" : "s"): \(references)")
        }
        if let note = alert.note, !note.isEmpty { lines.append("  note: \(oneLine(note))") }
        for info in alert.info {
            lines.append("")
            lines.append("[\(info.effectiveLanguage)] \(info.headline.map(oneLine) ?? info.event)")
            lines.append("  event: \(info.event) (\(info.category.map(\.rawValue).joined(separator: ", ")))")
            lines.append(
                "  urgency \(info.urgency.rawValue) · severity \(info.severity.rawValue) · certainty \(info.certainty.rawValue)"
            )
            if !info.responseType.isEmpty {
                lines.append("  response: \(info.responseType.map(\.rawValue).joined(separator: ", "))")
            }
            let times = [("effective", info.effective), ("onset", info.onset), ("expires", info.expires)]
                .compactMap { name, time in time.map { "\(name) \($0.text)" } }
            if !times.isEmpty { lines.append("  " + times.joined(separator: " · ")) }
            if let instruction = info.instruction { lines.append("  do: \(oneLine(instruction))") }
            if let sender = info.senderName { lines.append("  from: \(oneLine(sender))") }
            for area in info.area {
                var shapes: [String] = []
                if !area.polygon.isEmpty { shapes.append("\(area.polygon.count) polygon(s)") }
                if !area.circle.isEmpty { shapes.append("\(area.circle.count) circle(s)") }
                if !area.geocode.isEmpty {
                    shapes.append(area.geocode.map { "\($0.valueName) \($0.value)" }.joined(separator: ", "))
                }
                lines.append(
                    "  area: \(oneLine(area.areaDesc))" + (shapes.isEmpty ? "" : " — " + shapes.joined(separator: "; "))
                )
            }
            if !info.resource.isEmpty {
                lines.append(
                    "  resources: "
                        + info.resource.map { "\($0.resourceDesc) (\($0.mimeType))" }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Collapses line breaks and runs of spaces (bulletins are wrapped at 70 columns).
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isXMLWhitespace }).joined(separator: " ")
    }
}
