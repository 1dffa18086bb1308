import WirescoreXML

/// Turns a feed's HTML-typed text (a title with `&#8217;` or `<b>`) into the plain text that
/// article records carry: tags dropped, character and entity references decoded, whitespace
/// collapsed. `inspect feed` keeps the (sanitised) HTML, as feedparser does.
public enum FeedPlainText {
    public static func from(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                out.append(" ")
                index = html.index(after: close)
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";") {
                let name = String(html[html.index(after: index)..<semicolon])
                if let scalar = XMLEntities.scalar(forReference: name) {
                    out.unicodeScalars.append(scalar)
                    index = html.index(after: semicolon)
                    continue
                }
            }
            out.append(character)
            index = html.index(after: index)
        }
        return collapse(out)
    }

    private static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
