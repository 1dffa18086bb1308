import Foundation

/// An article line without the value of its `text` key, which the report never shows.
///
/// Main text is most of an article line's bytes when the pipeline keeps it (`include_text`),
/// and parsing it only to throw it away would dominate a large report. A raw `"text":"` can
/// only be structure (a quote inside a JSON string is escaped), so cutting from there to the
/// string's closing quote leaves valid JSON with `"text":""`.
enum ArticleText {
    static func stripped(_ line: Data) -> Data {
        let needle = Array(#""text":""#.utf8)
        return line.withUnsafeBytes { raw -> Data in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard needle.count <= bytes.count else { return line }
            var p = 0
            while p <= bytes.count - needle.count {
                if bytes[p] == needle[0] {
                    var k = 1
                    while k < needle.count, bytes[p + k] == needle[k] { k += 1 }
                    if k == needle.count { break }
                }
                p += 1
            }
            guard p <= bytes.count - needle.count else { return line }
            let valueStart = p + needle.count
            var j = valueStart
            while j < bytes.count, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
            guard j < bytes.count else { return line }
            var out = Data(capacity: bytes.count - (j - valueStart))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<valueStart]))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[j...]))
            return out
        }
    }
}
