import WirescoreCore

/// Reads one `inspect text` input line, `{"id": ..., "text": "...", "target"?: "..."}`, straight
/// from its bytes.
///
/// A whole-process profile of `inspect text` had general JSON parsing (a dictionary per line)
/// and tree serialisation at a third of the run, so the command's common case skips both. Only
/// flat objects are read here: a nested value, a duplicate of a known key, a malformed string or
/// anything unexpected returns nil and the caller takes its general path, so no line is handled
/// worse than by a full JSON parser.
public struct InspectTextInput {
    /// The id as given: a string, an integer, another number, or null (absent or any other type).
    public enum ID: Equatable, Sendable { case string(String), int(Int), double(Double), null }

    public var id: ID = .null
    public var text: String?
    public var target: String?

    /// Parses `line`; nil when it is not a flat JSON object this reader handles (the caller then
    /// falls back to a full parser) or has no "text" string.
    public static func parse(_ line: UnsafeRawBufferPointer) -> InspectTextInput? {
        guard let parsed = parseLine(line) else { return nil }
        var input = parsed.input
        if let ascii = parsed.asciiText { input.text = String(decoding: ascii, as: UTF8.self) }
        return input
    }

    /// ``parse(_:)`` that leaves a text of plain ASCII (no escapes) as its bytes in `line`:
    /// `asciiText` is then set and `input.text` nil. The caller can analyse the bytes without
    /// making a String of them.
    public static func parseLine(_ line: UnsafeRawBufferPointer) -> (input: InspectTextInput, asciiText: UnsafeRawBufferPointer?)? {
        var r = Reader(bytes: line)
        var out = InspectTextInput()
        var asciiText: UnsafeRawBufferPointer?
        r.skipSpace()
        guard r.take(0x7B) else { return nil }   // {
        r.skipSpace()
        if r.take(0x7D) { return nil }            // {} has no text
        var seen = 0
        while true {
            r.skipSpace()
            guard let key = r.keyKind() else { return nil }
            r.skipSpace()
            guard r.take(0x3A) else { return nil }   // :
            r.skipSpace()
            let bit = 1 << key.rawValue
            if seen & bit != 0, key != .other { return nil }
            seen |= bit
            switch key {
            case .id:
                guard let v = r.idValue() else { return nil }
                out.id = v
            case .text, .target:
                guard r.peek() == 0x22 else {
                    if key == .text { return nil }
                    guard r.skipScalar() else { return nil }
                    break
                }
                if key == .text, let raw = r.plainASCIIString() {
                    asciiText = raw
                    break
                }
                guard let s = r.string() else { return nil }
                if key == .text { out.text = s } else { out.target = s }
            case .other:
                guard r.skipScalar() else { return nil }
            }
            r.skipSpace()
            if r.take(0x2C) { continue }                 // ,
            guard r.take(0x7D) else { return nil }       // }
            r.skipSpace()
            guard r.atEnd, out.text != nil || asciiText != nil else { return nil }
            return (out, asciiText)
        }
    }

    enum Key: Int { case id, text, target, other }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        var atEnd: Bool { position >= bytes.count }
        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while position < bytes.count {
                let c = bytes[position]
                guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
                position += 1
            }
        }

        mutating func take(_ b: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == b else { return false }
            position += 1
            return true
        }

        /// A key; only plain (unescaped) keys are recognised as id/text/target.
        mutating func keyKind() -> Key? {
            guard take(0x22) else { return nil }
            let start = position
            while position < bytes.count, bytes[position] != 0x22 {
                if bytes[position] == 0x5C || bytes[position] < 0x20 { return nil }
                position += 1
            }
            guard position < bytes.count else { return nil }
            let k = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
            position += 1
            if Self.equal(k, "id") { return .id }
            if Self.equal(k, "text") { return .text }
            if Self.equal(k, "target") { return .target }
            return .other
        }

        static func equal(_ a: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
            guard a.count == s.utf8CodeUnitCount else { return false }
            for i in 0..<a.count where a[i] != s.utf8Start[i] { return false }
            return true
        }

        mutating func literal(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard position + n <= bytes.count, Self.equal(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]), s) else { return false }
            position += n
            return true
        }

        /// Skips a string, number, true, false or null; false for anything else.
        mutating func skipScalar() -> Bool {
            switch peek() {
            case 0x22?: return string() != nil
            case 0x74?: return literal("true")
            case 0x66?: return literal("false")
            case 0x6E?: return literal("null")
            default: return number() != nil
            }
        }

        mutating func idValue() -> ID? {
            switch peek() {
            case 0x22?: return string().map(ID.string)
            case 0x74?: return literal("true") ? .null : nil
            case 0x66?: return literal("false") ? .null : nil
            case 0x6E?: return literal("null") ? .null : nil
            default:
                guard let (v, isInteger) = number() else { return nil }
                return isInteger && abs(v) < 9e15 ? .int(Int(v)) : .double(v)
            }
        }

        mutating func number() -> (Double, Bool)? {
            let start = position
            var isInteger = true
            while position < bytes.count {
                let c = bytes[position]
                if (c >= 0x30 && c <= 0x39) || c == 0x2D {
                    position += 1
                } else if c == 0x2E || c == 0x65 || c == 0x45 || c == 0x2B {
                    isInteger = false; position += 1
                } else {
                    break
                }
            }
            guard position > start else { return nil }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard let v = Double(text), v.isFinite else { return nil }
            return (v, isInteger)
        }

        /// The bytes of a JSON string of printable ASCII without escapes, or nil (and the position
        /// unchanged) for any other string.
        mutating func plainASCIIString() -> UnsafeRawBufferPointer? {
            let open = position
            guard take(0x22) else { return nil }
            let start = position
            skipPlainASCII()
            while position < bytes.count {
                let c = bytes[position]
                if c == 0x22 {
                    position += 1
                    return UnsafeRawBufferPointer(rebasing: bytes[start..<(position - 1)])
                }
                guard c &- 0x20 < 0x60, c != 0x5C else { break }
                position += 1
            }
            position = open
            return nil
        }

        /// A JSON string; nil on malformed escapes, control characters or invalid UTF-8.
        mutating func string() -> String? {
            guard take(0x22) else { return nil }
            let start = position
            // Fast path: no escapes. ASCII needs no validation (the generic validating
            // initialiser showed in profiles), so note whether any byte is not ASCII.
            var ascii = true
            skipPlainASCII()
            while position < bytes.count {
                let c = bytes[position]
                if c &- 0x20 < 0x60 {          // printable ASCII
                    if c == 0x22 || c == 0x5C { break }
                } else if c >= 0x80 {
                    ascii = false
                } else {
                    return nil                 // control character
                }
                position += 1
            }
            guard position < bytes.count else { return nil }
            if bytes[position] == 0x22 {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
            }
            var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let c = bytes[position]
                position += 1
                if c == 0x22 { return String(validating: out, as: UTF8.self) }
                guard c == 0x5C else {
                    guard c >= 0x20 else { return nil }
                    out.append(c)
                    continue
                }
                guard JSONEscape.decode(bytes, at: &position, into: &out) else { return nil }
            }
            return nil
        }

        /// Advances eight bytes at a time past printable ASCII other than `"` and `\\` (the body
        /// of almost every text). The byte loop after it handles whatever stops this one;
        /// scanning strings byte by byte showed in profiles.
        @inline(__always) mutating func skipPlainASCII() {
            guard let base = bytes.baseAddress else { return }
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while position + 8 <= bytes.count {
                let x = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                // A byte's high bit is set in `bad` when it is a quote, a backslash, below 0x20
                // or not ASCII (the classic "has a zero byte" test, per condition).
                let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
                let bad = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (x &- ones &* 0x20) | x
                if bad & highs != 0 { return }
                position += 8
            }
        }
    }
}

extension InspectTextInput.ID {
    /// The id as the answer line carries it: as given, null when absent or of another type.
    func write(to w: inout JSONByteWriter) {
        switch self {
        case let .string(s): w.string(s)
        case let .int(i): w.int(i)
        case let .double(d): w.double(d)
        case .null: w.null()
        }
    }
}
