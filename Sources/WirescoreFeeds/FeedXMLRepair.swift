import Foundation

/// Repairs two ill-formed references before libxml2 sees the document, because libxml2's
/// recovery loses the text around them where feed readers keep it:
///
/// - a bare `&` that starts no reference (`?a=1&b=2&c`) becomes `&amp;` (libxml2 drops `&b`);
/// - a character reference with an uppercase `X` (`&#X41;`) gets a lowercase one (libxml2
///   drops the whole reference; HTML and feedparser read it as `A`).
///
/// The document is still ill-formed, so the caller flags it bozo. Only the content after the
/// root start tag is touched, and never inside CDATA sections, comments or processing
/// instructions, where `&` is literal. The scan reads bytes as ASCII, so it is skipped for
/// documents whose `<` is not the ASCII byte (UTF-16/32, EBCDIC: no root tag is found) and for
/// ISO-2022 text (escape bytes), whose two-byte characters may contain the byte `&`.
enum FeedXMLRepair {
    /// The repaired bytes, or nil when nothing needed repair (the common case: no copy).
    static func repair(_ d: [UInt8]) -> [UInt8]? {
        d.withUnsafeBufferPointer { repair(buffer: $0) }
    }

    private static func repair(buffer d: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = d.baseAddress, let root = rootStart(d) else { return nil }
        let n = d.count
        if memchr(base, 0x1B, n) != nil { return nil }
        var out: [UInt8]? = nil
        var copied = 0
        var protected = Protected(d)
        var i = root
        while i < n {
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "&")), n - i) else { break }
            let amp = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if let skipTo = protected.end(ifInside: amp) {
                i = skipTo
                continue
            }
            i = amp + 1
            switch classify(d, amp) {
            case .ok:
                continue
            case .bare:
                if out == nil { out = []; out?.reserveCapacity(n + 64) }
                out?.append(contentsOf: UnsafeBufferPointer(rebasing: d[copied...amp]))
                out?.append(contentsOf: "amp;".utf8)
                copied = amp + 1
            case .upperHex:
                if out == nil { out = []; out?.reserveCapacity(n + 64) }
                out?.append(contentsOf: UnsafeBufferPointer(rebasing: d[copied...(amp + 1)]))
                out?.append(UInt8(ascii: "x"))
                copied = amp + 3
            }
        }
        guard var repaired = out else { return nil }
        repaired.append(contentsOf: UnsafeBufferPointer(rebasing: d[copied...]))
        return repaired
    }

    private enum Reference { case ok, bare, upperHex }

    /// What the `&` at `i` starts: a reference as XML writes it, a bare ampersand, or `&#X..;`.
    /// Malformed numeric references other than `&#X` are left to libxml2.
    private static func classify(_ d: UnsafeBufferPointer<UInt8>, _ i: Int) -> Reference {
        let n = d.count
        var j = i + 1
        guard j < n else { return .bare }
        let c = d[j]
        if c == UInt8(ascii: "#") {
            j += 1
            guard j < n, d[j] == UInt8(ascii: "X") else { return .ok }
            j += 1
            let digits = j
            while j < n, isHex(d[j]) { j += 1 }
            return j > digits && j < n && d[j] == UInt8(ascii: ";") ? .upperHex : .ok
        }
        guard isNameStart(c) else { return .bare }
        j += 1
        while j < n, isNameChar(d[j]) { j += 1 }
        return j < n && d[j] == UInt8(ascii: ";") ? .ok : .bare
    }

    /// Where the root element's start tag begins: the first `<` followed by a name character
    /// (the prolog's declarations, comments and DOCTYPE come before it); nil when there is none.
    private static func rootStart(_ d: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = d.count
        while i + 1 < n {
            if d[i] == UInt8(ascii: "<"), isNameStart(d[i + 1]) { return i }
            i += 1
        }
        return nil
    }

    /// The next CDATA section, comment and processing instruction, each found once and
    /// re-searched only when the scan has passed it.
    private struct Protected {
        let d: UnsafeBufferPointer<UInt8>
        var next: [(start: Int, end: Int)] = [(-1, -1), (-1, -1), (-1, -1)]
        static let openers: [[UInt8]] = [Array("<![CDATA[".utf8), Array("<!--".utf8), Array("<?".utf8)]
        static let closers: [[UInt8]] = [Array("]]>".utf8), Array("-->".utf8), Array("?>".utf8)]

        init(_ d: UnsafeBufferPointer<UInt8>) { self.d = d }

        /// The index after the protected region containing `i`, or nil when `i` is in none.
        mutating func end(ifInside i: Int) -> Int? {
            for k in 0..<3 {
                while next[k].start != Int.max, next[k].end <= i { next[k] = find(k, from: max(next[k].end, 0)) }
                if next[k].start <= i, i < next[k].end { return next[k].end }
            }
            return nil
        }

        private func find(_ k: Int, from: Int) -> (start: Int, end: Int) {
            guard let s = search(Self.openers[k], from: from) else { return (Int.max, Int.max) }
            let afterOpen = s + Self.openers[k].count
            guard let e = search(Self.closers[k], from: afterOpen) else { return (s, d.count) }
            return (s, e + Self.closers[k].count)
        }

        private func search(_ needle: [UInt8], from: Int) -> Int? {
            guard let base = d.baseAddress, from < d.count else { return nil }
            // memchr for the first byte, then compare the rest (memmem is not visible to Swift).
            let first = Int32(needle[0])
            var i = from
            while i + needle.count <= d.count {
                guard let p = memchr(base + i, first, d.count - i) else { return nil }
                let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                guard at + needle.count <= d.count else { return nil }
                var k = 1
                while k < needle.count, d[at + k] == needle[k] { k += 1 }
                if k == needle.count { return at }
                i = at + 1
            }
            return nil
        }
    }

    @inline(__always) private static func isHex(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || ((b | 0x20) >= 97 && (b | 0x20) <= 102)
    }

    @inline(__always) private static func isNameStart(_ b: UInt8) -> Bool {
        ((b | 0x20) >= 97 && (b | 0x20) <= 122) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
    }

    @inline(__always) private static func isNameChar(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }
}
