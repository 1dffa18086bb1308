import WirescoreXML

/// Chooses the character encoding of a feed the way Python feedparser does (RFC 3023 rules).
///
/// HTTP `charset` wins for `application/*xml` types, `text/*xml` types default to US-ASCII,
/// and documents without a Content-Type use their BOM or XML declaration, else UTF-8.
struct FeedEncoding: Equatable {
    /// The encoding reported in ``FeedDocument/encoding``.
    var reported: String
    /// The encoding libxml2 must be told to use (nil: let it read the BOM / declaration).
    var override: String?
    /// Why the document is suspect as to its encoding or media type (sets bozo).
    var problem: String?

    static func decide(_ data: [UInt8], contentType: String?) -> FeedEncoding {
        let bom = bomEncoding(data)
        let declared = declaredEncoding(data).map(normalize)
        var mime = ""
        var charset: String?
        if let contentType {
            let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
            mime = parts.first.map { trim(String($0)).lowercased() } ?? ""
            for param in parts.dropFirst() {
                guard let eq = param.firstIndex(of: "=") else { continue }
                let key = trim(String(param[..<eq])).lowercased()
                guard key == "charset" else { continue }
                var value = trim(String(param[param.index(after: eq)...]))
                value = String(value.filter { $0 != "\"" && $0 != "'" })
                value = trim(value)
                if !value.isEmpty { charset = normalize(value) }
            }
        }
        let isApplicationXML = mime == "application/xml" || mime == "application/xml-dtd"
            || mime == "application/xml-external-parsed-entity"
            || (mime.hasPrefix("application/") && mime.hasSuffix("+xml"))
        let isTextXML = mime == "text/xml" || mime == "text/xml-external-parsed-entity"
            || (mime.hasPrefix("text/") && mime.hasSuffix("+xml"))
        var result: FeedEncoding
        if contentType == nil || mime.isEmpty {
            let enc = declared ?? bom ?? "utf-8"
            result = FeedEncoding(reported: enc, override: nil, problem: nil)
        } else if isApplicationXML {
            if let charset {
                result = FeedEncoding(reported: charset, override: charset, problem: nil)
            } else {
                result = FeedEncoding(reported: declared ?? bom ?? "utf-8", override: nil, problem: nil)
            }
        } else if isTextXML {
            let enc = charset ?? "us-ascii"
            result = FeedEncoding(reported: enc, override: enc, problem: nil)
        } else {
            let enc = charset ?? declared ?? bom ?? "utf-8"
            result = FeedEncoding(reported: enc, override: charset,
                                  problem: "document served as \(mime), not an XML media type")
        }
        // UTF-16/32 are recognised from the bytes themselves; name the byte order.
        if let wide = wideEncoding(data) {
            result.reported = wide
        }
        if result.reported == "us-ascii" {
            // ASCII is a subset of what the document declares: decode with that; fall back when
            // the bytes are not ASCII at all, as feedparser does.
            if data.contains(where: { $0 >= 0x80 }) {
                let fallback = declared ?? bom ?? (HTMLCharset.isValidUTF8(data) ? "utf-8" : "windows-1252")
                result.reported = fallback
                result.override = fallback
                // Read anyway, but the server's answer was wrong: feedparser's
                // CharacterEncodingOverride.
                result.problem = result.problem ?? "document served as US-ASCII but has non-ASCII bytes; read as \(fallback)"
            } else {
                result.override = nil
            }
        }
        // Decode explicitly only with evidence (charset, declaration, BOM or byte pattern);
        // otherwise libxml2's own detection (EBCDIC, UCS-4) is better than a guess.
        let evidence = charset != nil || declared != nil || bom != nil || wideEncoding(data) != nil
        if result.override != nil || (evidence && result.reported != "us-ascii") {
            result.override = decoderName(result.reported)
        }
        // Nothing declared and the bytes are not UTF-8 (nor the windows-1252 an undeclared
        // text/xml falls back to): a legacy encoding guessed from the bytes, as feedparser asks
        // chardet. Suspect by definition, so the document is bozo.
        let undeclared = charset == nil && declared == nil && bom == nil && wideEncoding(data) == nil
        if undeclared, result.reported == "utf-8" || result.reported == "windows-1252", !HTMLCharset.isValidUTF8(data),
           let guess = LegacyCharsetGuesser.guess(data) {
            result.reported = guess.name
            result.override = guess.decoder
            result.problem = result.problem ?? "no encoding declared and the bytes are not UTF-8; read as \(guess.name), guessed from the bytes"
        }
        return result
    }

    /// The name libxml2 decodes with: ISO-8859-1 documents are read as windows-1252, whose
    /// extra printable characters (curly quotes) are what such feeds actually contain.
    static func decoderName(_ name: String) -> String {
        switch name {
        case "iso-8859-1", "latin-1", "latin1", "iso8859-1", "iso_8859-1": return "windows-1252"
        case "utf-16": return "utf-16le"
        default: return iconvAlias(name) ?? name
        }
    }

    /// Python codec names that iconv knows under another name (feeds declare what Python
    /// accepts): Mac Central European, and IBM039, which Python reads as EBCDIC code page 037.
    static func iconvAlias(_ name: String) -> String? {
        switch name.lowercased() {
        case "maclatin2", "mac-latin2", "mac_latin2", "maccentraleurope", "mac_centeuro": return "MAC-CENTRALEUROPE"
        case "ibm039", "cp039", "ibm-039": return "IBM037"
        default: return nil
        }
    }

    /// UTF-32 bytes (no BOM) as UTF-8; a unit that is no Unicode scalar becomes U+FFFD, and
    /// trailing bytes short of a unit are dropped.
    ///
    /// libxml2 2.9 fails on UTF-32LE input (its UCS-4 detection and the iconv decoder disagree
    /// and it stops at the first unit), so wide documents are decoded here and parsed as UTF-8.
    static func utf32ToUTF8(_ d: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(d.count / 4 + 16)
        var i = d.startIndex
        while i + 4 <= d.endIndex {
            let v: UInt32 = littleEndian
                ? UInt32(d[i]) | UInt32(d[i + 1]) << 8 | UInt32(d[i + 2]) << 16 | UInt32(d[i + 3]) << 24
                : UInt32(d[i + 3]) | UInt32(d[i + 2]) << 8 | UInt32(d[i + 1]) << 16 | UInt32(d[i]) << 24
            XMLEntities.appendUTF8(Unicode.Scalar(v) ?? "\u{FFFD}", to: &out)
            i += 4
        }
        return out
    }

    /// The byte length of a BOM to skip when an explicit encoding is passed to libxml2.
    static func bomLength(_ d: [UInt8]) -> Int {
        switch bomEncoding(d) {
        case "utf-32be"?, "utf-32le"?: return 4
        case "utf-8"?: return 3
        case "utf-16be"?, "utf-16le"?: return 2
        default: return 0
        }
    }

    /// UTF-16 or UTF-32 with explicit byte order, from a BOM or the bytes of `<?`/`<`.
    static func wideEncoding(_ d: [UInt8]) -> String? {
        if let bom = bomEncoding(d), bom != "utf-8" { return bom }
        guard d.count >= 4 else { return nil }
        switch (d[0], d[1], d[2], d[3]) {
        case (0x00, 0x00, 0x00, 0x3C): return "utf-32be"
        case (0x3C, 0x00, 0x00, 0x00): return "utf-32le"
        case (0x00, 0x3C, 0x00, _): return "utf-16be"
        case (0x3C, 0x00, _, 0x00): return "utf-16le"
        default: return nil
        }
    }

    static func normalize(_ name: String) -> String {
        let lower = trim(name).lowercased()
        switch lower {
        case "gb2312", "gb_2312-80", "x-gbk", "gbk": return "gb18030"
        case "utf8": return "utf-8"
        default: return lower
        }
    }

    static func trim(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" || f == "\r" || f == "\n" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" || l == "\r" || l == "\n" { sub.removeLast() }
        return String(sub)
    }

    static func bomEncoding(_ d: [UInt8]) -> String? {
        if d.count >= 4, d[0] == 0x00, d[1] == 0x00, d[2] == 0xFE, d[3] == 0xFF { return "utf-32be" }
        if d.count >= 4, d[0] == 0xFF, d[1] == 0xFE, d[2] == 0x00, d[3] == 0x00 { return "utf-32le" }
        if d.count >= 3, d[0] == 0xEF, d[1] == 0xBB, d[2] == 0xBF { return "utf-8" }
        if d.count >= 2, d[0] == 0xFE, d[1] == 0xFF { return "utf-16be" }
        if d.count >= 2, d[0] == 0xFF, d[1] == 0xFE { return "utf-16le" }
        return nil
    }

    /// The `encoding` pseudo-attribute of the XML declaration, read in ASCII or UTF-16/32.
    static func declaredEncoding(_ d: [UInt8]) -> String? {
        var start = 0
        var stride = 1
        var phase = 0
        if d.count >= 3, d[0] == 0xEF, d[1] == 0xBB, d[2] == 0xBF { start = 3 }
        else if d.count >= 4, d[0] == 0x00, d[1] == 0x00, d[2] == 0xFE, d[3] == 0xFF { start = 4; stride = 4; phase = 3 }
        else if d.count >= 4, d[0] == 0xFF, d[1] == 0xFE, d[2] == 0x00, d[3] == 0x00 { start = 4; stride = 4 }
        else if d.count >= 2, d[0] == 0xFE, d[1] == 0xFF { start = 2; stride = 2; phase = 1 }
        else if d.count >= 2, d[0] == 0xFF, d[1] == 0xFE { start = 2; stride = 2 }
        else if d.count >= 4, d[0] == 0x00, d[1] == 0x3C, d[2] == 0x00, d[3] == 0x3F { stride = 2; phase = 1 }
        else if d.count >= 4, d[0] == 0x3C, d[1] == 0x00, d[2] == 0x3F, d[3] == 0x00 { stride = 2 }
        var ascii: [UInt8] = []
        var i = start + phase
        while i < d.count, ascii.count < 200 {
            ascii.append(d[i])
            if ascii.count >= 2, ascii[ascii.count - 2] == UInt8(ascii: "?"), ascii[ascii.count - 1] == UInt8(ascii: ">") { break }
            i += stride
        }
        guard ascii.count > 5, ascii.starts(with: Array("<?xml".utf8)) else { return nil }
        let decl = String(decoding: ascii, as: UTF8.self)
        guard let range = decl.range(of: "encoding") else { return nil }
        var rest = decl[range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        let name = String(rest[..<close])
        return name.isEmpty ? nil : name
    }
}
