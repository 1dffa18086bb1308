/// Where each page lives inside the report folder; ids become safe file names.
enum ReportPaths {
    static func company(_ id: String) -> String { "companies/\(fileName(id)).html" }
    static func story(_ id: String) -> String { "stories/\(fileName(id)).html" }

    /// Letters, digits, '.', '-' and '_' stay; any other byte becomes "~XX" (hex), so
    /// "BRK/B" and "BRK.B" cannot collide and no id can climb out of its folder.
    static func fileName(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: ".") where !out.isEmpty:
                out += "."
            default:
                out += "~" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out.isEmpty ? "~" : out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Small HTML pieces several pages use.
enum Fragments {
    static func pill(_ score: Int?, label: String) -> String {
        "<span class=\"pill \(PageLayout.bandClass(label))\" title=\"\(HTMLEscape.text(label))\">\(score.map(String.init) ?? "–")</span>"
    }

    static func companyLink(_ id: String, name: String, root: String) -> String {
        "<a href=\"\(root)\(ReportPaths.company(id))\">\(HTMLEscape.text(name))</a> <span class=\"muted\">\(HTMLEscape.text(id))</span>"
    }

    static func change(_ delta: Int?) -> String {
        guard let delta else { return "<span class=\"muted\">–</span>" }
        if delta == 0 { return "<span class=\"muted\">0</span>" }
        return "<span class=\"\(delta > 0 ? "up" : "down")\">\(delta > 0 ? "+" : "−")\(abs(delta))</span>"
    }

    /// "2026-11-20 14:05" from an RFC 3339 UTC time.
    static func time(_ rfc3339: String?) -> String {
        guard let rfc3339 else { return "–" }
        return String(rfc3339.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// A link to the article's page on the web (inert text when the URL is not http(s)).
    static func externalLink(_ url: String, text: String) -> String {
        guard let href = HTMLEscape.href(url) else { return HTMLEscape.text(text) }
        return "<a href=\"\(href)\" rel=\"noopener noreferrer\">\(HTMLEscape.text(text))</a>"
    }

    /// How the composite names itself in its summary ("Alpha Score"), else "Alpha".
    static func compositeTitle(_ line: ScoreLine) -> String {
        for marker in [" of ", " unavailable"] {
            if let range = line.summary.range(of: marker) { return String(line.summary[..<range.lowerBound]) }
        }
        return line.composite.prefix(1).uppercased() + line.composite.dropFirst()
    }
}
