/// Serialises ``JSONValue`` to compact UTF-8 JSON, one record per line friendly.
///
/// Strings are escaped per RFC 8259; U+2028/U+2029 are escaped too so that a line-oriented
/// reader (jq, `tail -F`, JavaScript) never sees a line break inside a record. Doubles are
/// written with Swift's shortest round-trip representation; non-finite doubles become null.
public struct JSONWriter: Sendable {
    public private(set) var output: String = ""

    public init() { output.reserveCapacity(1024) }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: output += "null"
        case let .bool(b): output += b ? "true" : "false"
        case let .int(i): output += String(i)
        case let .double(d): writeDouble(d)
        case let .string(s): writeString(s)
        case let .array(items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item)
            }
            output += "]"
        case let .object(pairs):
            output += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output += "," }
                writeString(pair.0)
                output += ":"
                write(pair.1)
            }
            output += "}"
        }
    }

    private mutating func writeDouble(_ d: Double) {
        guard d.isFinite else { output += "null"; return }
        if d == d.rounded(), abs(d) < 1e15 {
            output += String(Int(d))
            if d == 0, d.sign == .minus { return }
            return
        }
        output += "\(d)"
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")

    public mutating func writeString(_ s: String) {
        output += "\""
        var needsEscape = false
        for unit in s.utf8 where unit < 0x20 || unit == 0x22 || unit == 0x5C || unit == 0xE2 {
            needsEscape = true
            break
        }
        if !needsEscape {
            output += s
            output += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    output += "\\u00"
                    output.append(Self.hexDigits[Int(scalar.value >> 4)])
                    output.append(Self.hexDigits[Int(scalar.value & 0xF)])
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
