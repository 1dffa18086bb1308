#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts the bodies of `<script>`, `<style>` and `<svg>` elements and whole comments out of an
/// HTML body before libxml2 sees it, for callers that never read them.
///
/// On news pages these are half the bytes (inline bundles, hydration state, CSS, icon paths),
/// and libxml2 walks raw text one decoded character at a time, so skipping them here with
/// `memchr` roughly halves the parse. An `svg` body is markup, not raw text, but nobody reads
/// it; nested `svg`s are counted so the outermost end tag ends it. The scan follows the tokenizer
/// rules libxml2 applies in recovery mode, so
/// the element tree it builds is the same: a start tag ends at the first `>` outside a quoted
/// attribute value, a script ends at the first `</script` (any case), `<script … />` has no
/// body, and a comment ends at the first `-->` (an unterminated one is left to libxml2).
/// `application/ld+json` scripts are kept whole: they carry the page's metadata.
public enum HTMLRawTextSkipper {
    /// The body with raw text removed; the input itself when there is nothing to remove.
    /// - Parameter bytes: an ASCII-compatible body (UTF-8, windows-1252, legacy multi-byte sets
    ///   whose trail bytes never equal `<`, `>` or quotes); not UTF-16.
    public static func strip(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buf -> [UInt8] in
            guard let base = buf.baseAddress, buf.count > 0 else { return bytes }
            var out: [UInt8] = []
            var copied = 0
            let n = buf.count
            var i = 0
            while i < n {
                guard let hit = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { break }
                let lt = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                guard lt + 1 < n else { break }
                let next = buf[lt + 1]
                if next == UInt8(ascii: "!") {
                    guard lt + 3 < n, buf[lt + 2] == UInt8(ascii: "-"), buf[lt + 3] == UInt8(ascii: "-") else { i = lt + 2; continue }
                    guard let end = find(buf, "-->", from: lt + 4) else { break }
                    if out.isEmpty { out.reserveCapacity(n) }
                    out.append(contentsOf: buf[copied..<lt])
                    copied = end + 3
                    i = copied
                    continue
                }
                guard isLetter(next) else { i = lt + 1; continue }
                var nameEnd = lt + 1
                while nameEnd < n, isNameByte(buf[nameEnd]) { nameEnd += 1 }
                let tagEnd = endOfStartTag(buf, from: nameEnd)
                guard tagEnd < n else { break }
                let name = buf[(lt + 1)..<nameEnd]
                let isScript = lowerEquals(name, "script"), isSVG = !isScript && lowerEquals(name, "svg")
                guard isScript || isSVG || lowerEquals(name, "style") else { i = tagEnd + 1; continue }
                let closer: StaticString = isScript ? "</script" : isSVG ? "</svg" : "</style"
                guard buf[tagEnd - 1] != UInt8(ascii: "/") else { i = tagEnd + 1; continue }
                let end = isSVG ? endOfSVG(buf, from: tagEnd + 1) : findLower(buf, closer, from: tagEnd + 1, to: n)
                guard let close = end else { break }
                let keep = isScript && containsLower(buf[nameEnd..<tagEnd], "ld+json")
                if !keep, close > tagEnd + 1 {
                    if out.isEmpty { out.reserveCapacity(n) }
                    out.append(contentsOf: buf[copied...tagEnd])
                    copied = close
                }
                i = close + closer.utf8CodeUnitCount
            }
            if copied == 0 { return bytes }
            out.append(contentsOf: buf[copied..<n])
            return out
        }
    }

    /// Index of the `>` that ends a start tag whose name ends at `from`, or `buf.count`.
    /// Quotes only open a value right after `=` (as in libxml2), so `a"b` in a name is literal.
    private static func endOfStartTag(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var k = from
        let n = buf.count
        while k < n {
            let b = buf[k]
            if b == UInt8(ascii: ">") { return k }
            if b == UInt8(ascii: "=") {
                k += 1
                while k < n, buf[k] == 0x20 || buf[k] == 0x09 || buf[k] == 0x0A || buf[k] == 0x0D || buf[k] == 0x0C { k += 1 }
                guard k < n else { return n }
                let q = buf[k]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    guard let hit = memchr(buf.baseAddress! + k + 1, Int32(q), n - k - 1) else { return n }
                    k = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buf.baseAddress! + 1
                }
                continue
            }
            k += 1
        }
        return n
    }

    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
    }

    private static func lowerEquals(_ s: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        guard s.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        var k = 0
        for b in s {
            if b | 0x20 != w[k] { return false }
            k += 1
        }
        return true
    }

    /// First position of `needle` (exact bytes) at or after `from`.
    private static func find(_ buf: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let w = needle.utf8Start, m = needle.utf8CodeUnitCount
        var i = from
        let n = buf.count
        while i + m <= n {
            guard let hit = memchr(buf.baseAddress! + i, Int32(w[0]), n - i - m + 1) else { return nil }
            let p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buf.baseAddress!
            if memcmp(buf.baseAddress! + p, w, m) == 0 { return p }
            i = p + 1
        }
        return nil
    }

    /// Where the `</svg` that closes an `svg` whose body starts at `from` begins.
    private static func endOfSVG(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var depth = 1, k = from
        while true {
            guard let close = findLower(buf, "</svg", from: k, to: buf.count) else { return nil }
            var o = k
            while let open = findLower(buf, "<svg", from: o, to: close) { depth += 1; o = open + 4 }
            depth -= 1
            if depth == 0 { return close }
            k = close + 5
        }
    }

    /// First position in `from..<to` of `needle` (lowercase ASCII, starting with `<`), any case.
    private static func findLower(_ buf: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int, to n: Int) -> Int? {
        let w = needle.utf8Start, m = needle.utf8CodeUnitCount
        var i = from
        while i + m <= n {
            guard let hit = memchr(buf.baseAddress! + i, Int32(w[0]), n - i - m + 1) else { return nil }
            let p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buf.baseAddress!
            var k = 1
            while k < m, buf[p + k] | (k >= 2 ? 0x20 : 0) == w[k] { k += 1 }
            if k == m { return p }
            i = p + 1
        }
        return nil
    }

    private static func containsLower(_ s: Slice<UnsafeBufferPointer<UInt8>>, _ needle: StaticString) -> Bool {
        let w = needle.utf8Start, m = needle.utf8CodeUnitCount
        guard s.count >= m else { return false }
        var i = s.startIndex
        while i + m <= s.endIndex {
            var k = 0
            while k < m, s.base[i + k] | 0x20 == w[k] { k += 1 }
            if k == m { return true }
            i += 1
        }
        return false
    }
}
