/// ``JSONByteWriter``'s bytes written through a pointer into room the caller has reserved, for
/// short lines of a fixed shape on hot paths.
///
/// `inspect text`'s most common answer (a plain id, a score, a label, no entities) is built in a
/// small stack buffer and appended to the output once: eight or so array appends per line, each
/// a call with a uniqueness and capacity check, were 5% of that command's run in profiles.
/// Nothing is bounds-checked: the caller reserves room for its constant text and its values
/// (at most ``JSONByteWriter/maxNumberBytes`` per number). Strings are written only when they
/// need no escape (``plainString(_:)``), so the escaping rule stays ``JSONByteWriter``'s alone.
public struct UnsafeJSONByteWriter {
    /// Where the bytes go: owned and sized by the caller, which must keep it alive while writing.
    public let base: UnsafeMutablePointer<UInt8>
    /// How many bytes have been written at `base`.
    public private(set) var count = 0

    public init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// The bytes written so far.
    public var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always) public mutating func raw(_ text: StaticString) {
        (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    @inline(__always) public mutating func raw(_ byte: UInt8) { base[count] = byte; count += 1 }

    /// `utf8` quoted, when ``JSONByteWriter/needsNoEscape(_:)`` holds for it; false, and
    /// nothing written, otherwise.
    public mutating func plainString(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard JSONByteWriter.needsNoEscape(utf8) else { return false }
        base[count] = 0x22
        if let source = utf8.baseAddress { (base + count + 1).update(from: source, count: utf8.count) }
        base[count + 1 + utf8.count] = 0x22
        count += utf8.count + 2
        return true
    }

    public mutating func int(_ value: Int) { count += JSONByteWriter.putInt(value, at: base + count) }

    /// ``JSONByteWriter/double(_:)``'s bytes when they need no `description` (whole numbers,
    /// values of at most four decimals, non-finite as null); false, and nothing written, otherwise.
    public mutating func double(_ value: Double) -> Bool {
        guard let n = JSONByteWriter.putDouble(value, at: base + count) else { return false }
        count += n
        return true
    }
}
