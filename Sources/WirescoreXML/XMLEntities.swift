internal import CLibXML2

/// Character and entity reference decoding shared by the XML layer and its clients.
public enum XMLEntities {
    /// The character of an HTML 4 named entity (`eacute` -> "é"), from libxml2's HTML table,
    /// or an XML predefined entity (`apos`).
    public static func htmlEntity(_ name: String) -> Unicode.Scalar? {
        if name == "apos" { return "'" }
        guard !name.isEmpty, name.utf8.count < 32 else { return nil }
        return name.withCString { cName -> Unicode.Scalar? in
            cName.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { p in
                guard let desc = htmlEntityLookup(p) else { return nil }
                return Unicode.Scalar(desc.pointee.value)
            }
        }
    }

    /// Decodes `&#N;`, `&#xH;` and named references (XML predefined and HTML) in UTF-8 bytes;
    /// unknown or malformed references are kept literally.
    public static func decodeAttribute(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            guard b == UInt8(ascii: "&") else { out.append(b); i += 1; continue }
            // Find the terminating ';' within a short window.
            var j = i + 1
            while j < n, j - i < 40, bytes[j] != UInt8(ascii: ";"), bytes[j] != UInt8(ascii: "&") { j += 1 }
            guard j < n, bytes[j] == UInt8(ascii: ";"), j > i + 1 else { out.append(b); i += 1; continue }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
            if let scalar = scalar(forReference: name) {
                appendUTF8(scalar, to: &out)
                i = j + 1
            } else {
                out.append(b); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar for the body of a reference (`#38`, `#x26`, `amp`, `eacute`).
    public static func scalar(forReference name: String) -> Unicode.Scalar? {
        let u = Array(name.utf8)
        guard let first = u.first else { return nil }
        if first == UInt8(ascii: "#") {
            var value: UInt32 = 0
            var k = 1
            var radix: UInt32 = 10
            if u.count > 1, u[1] == UInt8(ascii: "x") || u[1] == UInt8(ascii: "X") { radix = 16; k = 2 }
            guard k < u.count else { return nil }
            while k < u.count {
                let c = u[k]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: d = UInt32(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value &* radix &+ d
                if value > 0x10FFFF { return nil }
                k += 1
            }
            return Unicode.Scalar(value)
        }
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: return htmlEntity(name)
        }
    }

    public static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
