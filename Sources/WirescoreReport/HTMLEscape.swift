/// Text made safe for HTML element content and quoted attribute values.
///
/// Titles, evidence sentences and URLs come from the web; every one passes through here
/// before it reaches a page, so a headline can never open a tag or end an attribute.
public enum HTMLEscape {
    public static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // C0 controls other than tab and line breaks are not allowed in HTML text.
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URL for an `href`: only http(s) links (and relative ones wirescore writes) are kept
    /// live; `javascript:`, `data:` and the rest become inert text.
    public static func href(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return text(url)
    }
}
