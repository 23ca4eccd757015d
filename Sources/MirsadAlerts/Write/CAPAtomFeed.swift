import Foundation

/// An Atom 1.0 feed (RFC 4287) of CAP alerts, each entry linking to the alert's own document,
/// as public warning feeds publish them. `CAPReader.readFile` reads such a feed back (its links).
public struct CAPAtomFeed: Sendable {
    public struct Entry: Sendable {
        /// The alert's document, absolute or relative to the feed.
        public var link: String
        public var alert: CAPAlert

        public init(link: String, alert: CAPAlert) {
            self.link = link
            self.alert = alert
        }
    }

    /// A stable URI naming the feed (RFC 4287 `atom:id`).
    public var id: String
    public var title: String
    /// The feed's own address.
    public var selfLink: String
    public var author: String
    public var updated: Date
    public var entries: [Entry]

    public init(id: String, title: String, selfLink: String, author: String, updated: Date, entries: [Entry]) {
        self.id = id
        self.title = title
        self.selfLink = selfLink
        self.author = author
        self.updated = updated
        self.entries = entries
    }

    public var xml: String {
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += #"<feed xmlns="http://www.w3.org/2005/Atom">"# + "\n"
        out += "  <id>\(XMLEscaping.text(id))</id>\n"
        out += "  <title>\(XMLEscaping.text(title))</title>\n"
        out += "  <updated>\(Self.rfc3339(updated))</updated>\n"
        out += "  <author><name>\(XMLEscaping.text(author))</name></author>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLEscaping.attribute(selfLink))\"/>\n"
        for entry in entries {
            let alert = entry.alert
            let info = alert.info.first { $0.effectiveLanguage.hasPrefix("en") } ?? alert.info.first
            let title = info?.headline ?? info?.event ?? alert.identifier
            out += "  <entry>\n"
            out += "    <id>\(XMLEscaping.text(Self.entryID(alert)))</id>\n"
            out += "    <title>\(XMLEscaping.text(title))</title>\n"
            out += "    <updated>\(Self.rfc3339(alert.sent.date))</updated>\n"
            out +=
                "    <link rel=\"alternate\" type=\"application/cap+xml\" href=\"\(XMLEscaping.attribute(entry.link))\"/>\n"
            if let info {
                // Atom allows one summary; the alert itself carries every language.
                let summary = [info.event, info.headline ?? "", info.severity.rawValue].filter { !$0.isEmpty }
                    .joined(separator: " — ")
                out +=
                    "    <summary xml:lang=\"\(XMLEscaping.attribute(info.effectiveLanguage))\">\(XMLEscaping.text(summary))</summary>\n"
            }
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// A tag URI per message (RFC 4151 style), stable across feed renderings.
    static func entryID(_ alert: CAPAlert) -> String {
        "urn:cap:\(alert.sender):\(alert.identifier)"
    }

    static func rfc3339(_ date: Date) -> String {
        CAPDateTime(date).text.replacingOccurrences(of: "-00:00", with: "Z")
    }
}
