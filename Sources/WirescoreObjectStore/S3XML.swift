/// The few pieces of S3's XML answers wirescore reads: list results, an upload id, an error's
/// code and message. The answers are flat and machine-made, so elements are found by name
/// rather than through a full XML parser (which would need libxml2 in this module).
enum S3XML {
    /// The text of every `<name>...</name>` element, entity-decoded, in document order.
    static func values(of name: String, in text: String) -> [String] {
        var found: [String] = []
        let open = "<\(name)>", close = "</\(name)>"
        var rest = text[...]
        while let start = rest.range(of: open) {
            guard let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) else { break }
            found.append(decode(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    static func value(of name: String, in text: String) -> String? { values(of: name, in: text).first }

    /// Each `<Contents>` block of a ListObjectsV2 answer as (key, size, etag).
    static func listedObjects(in text: String) -> [S3Object] {
        values(of: "Contents", in: text).compactMap { block in
            guard let key = value(of: "Key", in: block) else { return nil }
            return S3Object(key: key, size: value(of: "Size", in: block).flatMap { Int($0) } ?? 0,
                            etag: value(of: "ETag", in: block) ?? "")
        }
    }

    /// Replaces the five predefined entities and numeric character references.
    static func decode(_ raw: Substring) -> String {
        guard raw.contains("&") else { return String(raw) }
        var out = ""
        var index = raw.startIndex
        while index < raw.endIndex {
            let character = raw[index]
            guard character == "&", let semicolon = raw[index...].firstIndex(of: ";") else {
                out.append(character)
                index = raw.index(after: index)
                continue
            }
            let entity = raw[raw.index(after: index)..<semicolon]
            var scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.unicodeScalars.append(scalar)
                index = raw.index(after: semicolon)
            } else {
                out.append(character)
                index = raw.index(after: index)
            }
        }
        return out
    }

    /// Escapes text for an XML element (the part ETags of a multipart completion).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// One object of a listing.
public struct S3Object: Sendable, Equatable {
    public var key: String
    public var size: Int
    /// Changes when the object is replaced (how `tail --follow` tells a rewritten day).
    public var etag: String
}
