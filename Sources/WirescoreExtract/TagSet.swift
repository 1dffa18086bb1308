import WirescoreXML

/// A set of element tags as a bit table: membership is one shift and mask, with no hashing, which
/// matters because the extractor asks for every node of every page. Tags outside the fixed range
/// (names a page invented) are never members.
struct TagSet: Sendable {
    private var bits: (UInt64, UInt64) = (0, 0)

    init(_ tags: [HTMLTag]) {
        for t in tags where t.rawValue < 128 {
            if t.rawValue < 64 { bits.0 |= 1 << UInt64(t.rawValue) } else { bits.1 |= 1 << UInt64(t.rawValue - 64) }
        }
    }

    @inline(__always) func contains(_ t: HTMLTag) -> Bool {
        let r = t.rawValue
        if r < 64 { return bits.0 & (1 << UInt64(r)) != 0 }
        if r < 128 { return bits.1 & (1 << UInt64(r - 64)) != 0 }
        return false
    }
}
