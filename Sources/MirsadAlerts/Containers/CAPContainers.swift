/// The kinds of document that carry CAP alerts.
public enum CAPContainerKind: String, Sendable {
    case alert, edxlDistribution = "EDXL-DE", atom = "Atom", rss = "RSS"
}

/// Finds the alerts an envelope or feed carries: EDXL-DE 1.0 (`contentObject/xmlContent/
/// embeddedXMLContent`), Atom (`entry/content`) and RSS 2.0 (`item`), and the links of entries
/// that point to an alert instead of carrying it (as most public feeds do).
enum CAPContainers {
    static let edxlNamespace = "urn:oasis:names:tc:emergency:EDXL:DE:1.0"
    static let atomNamespace = "http://www.w3.org/2005/Atom"

    static func extract(from root: XMLTreeElement) -> (
        kind: CAPContainerKind?, alerts: [XMLTreeElement], links: [String]
    ) {
        if root.name == "alert" && CAPVersion(namespace: root.namespace) != nil { return (.alert, [root], []) }
        if root.name == "EDXLDistribution" && root.namespace == edxlNamespace {
            return (.edxlDistribution, alerts(in: root), [])
        }
        if root.name == "feed" && root.namespace == atomNamespace {
            var found: [XMLTreeElement] = []
            var links: [String] = []
            for entry in root.elements where entry.name == "entry" && entry.namespace == atomNamespace {
                let carried = alerts(in: entry)
                found += carried
                if carried.isEmpty, let link = atomLink(of: entry) { links.append(link) }
            }
            return (.atom, found, links)
        }
        if root.name == "rss" && root.namespace == nil {
            var found: [XMLTreeElement] = []
            var links: [String] = []
            for channel in root.elements where channel.name == "channel" {
                for item in channel.elements where item.name == "item" {
                    let carried = alerts(in: item)
                    found += carried
                    if carried.isEmpty, let link = item.elements.first(where: { $0.name == "link" }) {
                        links.append(link.text.trimmingXMLWhitespace())
                    }
                }
            }
            return (.rss, found, links)
        }
        return (nil, [], [])
    }

    /// Every CAP `alert` below an element, not looking inside an alert once found.
    private static func alerts(in element: XMLTreeElement) -> [XMLTreeElement] {
        var found: [XMLTreeElement] = []
        for child in element.elements {
            if child.name == "alert" && CAPVersion(namespace: child.namespace) != nil {
                found.append(child)
            } else {
                found += alerts(in: child)
            }
        }
        return found
    }

    /// The entry's alternate link (or its only link): where the alert itself is published.
    private static func atomLink(of entry: XMLTreeElement) -> String? {
        let links = entry.elements.filter { $0.name == "link" && $0.namespace == atomNamespace }
        let attribute = { (link: XMLTreeElement, name: String) in link.attributes.first { $0.name == name }?.value }
        let chosen =
            links.first { attribute($0, "rel") == nil || attribute($0, "rel") == "alternate" } ?? links.first
        return chosen.flatMap { attribute($0, "href") }
    }
}
