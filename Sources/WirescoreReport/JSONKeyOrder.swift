import Foundation

/// The key order of one JSON object inside a line, which `JSONSerialization` forgets.
///
/// Score lines list their signals in the composite's order (momentum, value, quality,
/// sentiment) and the panel shows them in that order; dictionaries from Foundation do not
/// keep it. This scans the compact line wirescore wrote, without building values.
enum JSONKeyOrder {
    /// The keys of the object that is the value of the first `"key":` in `line`, in order;
    /// empty when the key is absent or the line is malformed there.
    static func keys(ofObjectNamed key: String, in line: Substring) -> [String] {
        keys(ofObjectNamed: key, in: Data(line.utf8))
    }

    static func keys(ofObjectNamed key: String, in line: Data) -> [String] {
        let needle = Array("\"\(key)\":".utf8)
        return line.withUnsafeBytes { raw in scan(raw.bindMemory(to: UInt8.self), needle) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> [String] {
        guard let first = needle.first, needle.count <= bytes.count else { return [] }
        var start: Int?
        var p = 0
        while p <= bytes.count - needle.count {
            if bytes[p] == first {
                var k = 1
                while k < needle.count, bytes[p + k] == needle[k] { k += 1 }
                if k == needle.count { start = p; break }
            }
            p += 1
        }
        guard let start else { return [] }
        var i = start + needle.count
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return [] }
        var depth = 0
        var keys: [String] = []
        var expectKey = false
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectKey = c == UInt8(ascii: "{") && depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return keys }
            case UInt8(ascii: ","):
                expectKey = depth == 1
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                if expectKey, depth == 1 {
                    keys.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<min(j, bytes.count)]), as: UTF8.self))
                    expectKey = false
                }
                i = j
            default:
                break
            }
            i += 1
        }
        return keys
    }
}

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
