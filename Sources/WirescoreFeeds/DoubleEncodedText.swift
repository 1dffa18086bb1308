import WirescoreXML

/// Undoes UTF-8 text that was read as windows-1252 (or Latin-1) and encoded as UTF-8 again
/// somewhere upstream: "â€¦" for "…", "Ã©" for "é", "Â£" for "£", common in feeds assembled
/// by CMS plugins. Python feedparser repairs every element of a UTF-8 feed the same way.
///
/// The repair is taken only when it is unambiguous: every non-ASCII character of the text maps
/// back to one windows-1252 byte, and those bytes are valid UTF-8 as a whole. Text that really
/// is accented ("café", "Öl", "¡Olé!") has bytes that are not valid UTF-8 and stays as it is.
enum DoubleEncodedText {
    /// The repaired text, or nil when `text` is not double-encoded.
    static func repaired(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var sawHigh = false
        for scalar in text.unicodeScalars {
            guard let byte = Windows1252.byte(for: scalar) else { return nil }
            if byte >= 0x80 { sawHigh = true }
            bytes.append(byte)
        }
        guard sawHigh else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Repairs the document's text fields in place (titles, subtitle, summaries, contents,
    /// authors). ASCII-only fields, nearly all of them, cost one byte scan.
    static func repair(_ doc: inout FeedDocument) {
        func fix(_ s: inout String?) { if var u = s { fix(&u); s = u } }
        func fix(_ p: inout FeedPerson?) { if var person = p { fix(&person.name); p = person } }
        func fix(_ s: inout String) {
            guard s.utf8.contains(where: { $0 >= 0x80 }), let r = repaired(s) else { return }
            s = r
        }
        fix(&doc.feed.title)
        if var detail = doc.feed.titleDetail { fix(&detail.value); doc.feed.titleDetail = detail }
        fix(&doc.feed.subtitle)
        fix(&doc.feed.summary)
        fix(&doc.feed.author)
        fix(&doc.feed.authorDetail)
        for i in doc.entries.indices {
            fix(&doc.entries[i].title)
            fix(&doc.entries[i].summary)
            fix(&doc.entries[i].author)
            fix(&doc.entries[i].authorDetail)
            for k in doc.entries[i].content.indices { fix(&doc.entries[i].content[k].value) }
        }
    }
}
