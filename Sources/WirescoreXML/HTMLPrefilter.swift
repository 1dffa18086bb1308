#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts what a text extractor never reads out of an HTML body before libxml2 sees it: comments,
/// the bodies of `<script>` (JSON-LD excepted), `<style>` and `<svg>` elements, and attributes
/// other than the well-known ones of ``HTMLAttribute``.
///
/// On news pages scripts, styles and icon paths are half the bytes and attributes most of the
/// rest (`srcset`, `data-*`, tracking parameters in links), and libxml2 reads raw text and
/// attribute values one decoded character at a time: skipping them here with `memchr` and a
/// byte scan cuts the parse by more than half. The scan follows the tokenizer rules libxml2
/// applies in recovery mode, so the element tree it builds is the same: a start tag ends at the
/// first `>` outside a quoted attribute value (quotes open a value only right after `=`), a
/// script ends at the first `</script` in any case, `<tag … />` has no body, a comment ends at
/// the first `-->` (an unterminated one is left to libxml2), nested `svg`s are counted.
///
/// Two well-known attributes are cut further, to what the extractor asks of them: `href` is
/// kept on `<link>` only (the canonical URL), and `style` only when it can hide the element
/// (it mentions `none` or `hidden`).
public enum HTMLPrefilter {
    /// The filtered body; the input itself when there is nothing to remove.
    /// - Parameter bytes: an ASCII-compatible body (UTF-8 or windows-1252 decoded to UTF-8); not
    ///   UTF-16 or ISO-2022, where a `<` byte need not be a `<` character.
    public static func filter(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buf -> [UInt8] in
            guard buf.count > 0 else { return bytes }
            var scan = Scan(buf: buf)
            scan.run()
            return scan.copied == 0 ? bytes : scan.finish()
        }
    }

    private struct Scan {
        let buf: UnsafeBufferPointer<UInt8>
        let base: UnsafePointer<UInt8>
        let n: Int
        /// Output so far; `buf[copied...]` is still to be copied.
        var out: [UInt8] = []
        var copied = 0

        init(buf: UnsafeBufferPointer<UInt8>) {
            self.buf = buf
            base = buf.baseAddress!
            n = buf.count
        }

        /// Leaves `buf[from..<to]` out of the result.
        mutating func cut(_ from: Int, _ to: Int) {
            guard to > from else { return }
            if out.isEmpty { out.reserveCapacity(n) }
            out.append(contentsOf: buf[copied..<from])
            copied = to
        }

        mutating func finish() -> [UInt8] {
            out.append(contentsOf: buf[copied..<n])
            return out
        }

        mutating func run() {
            var i = 0
            while i < n {
                guard let lt = memchrIndex(UInt8(ascii: "<"), from: i, to: n), lt + 1 < n else { return }
                let next = buf[lt + 1]
                if next == UInt8(ascii: "!") {
                    guard lt + 3 < n, buf[lt + 2] == UInt8(ascii: "-"), buf[lt + 3] == UInt8(ascii: "-") else { i = lt + 2; continue }
                    guard let end = find("-->", from: lt + 4) else { return }
                    cut(lt, end + 3)
                    i = end + 3
                    continue
                }
                if next == UInt8(ascii: "/") {
                    // A plain end tag, `</name>` or `</name  >`: the blank run after it may shrink.
                    var k = lt + 2
                    guard k < n, isLetter(buf[k]) else { i = lt + 1; continue }
                    while k < n, isNameByte(buf[k]) { k += 1 }
                    while k < n, isBlank(buf[k]) { k += 1 }
                    guard k < n, buf[k] == UInt8(ascii: ">") else { i = lt + 1; continue }
                    collapseBlankRun(after: k)
                    i = k + 1
                    continue
                }
                guard isLetter(next) else { i = lt + 1; continue }
                var nameEnd = lt + 1
                while nameEnd < n, isNameByte(buf[nameEnd]) { nameEnd += 1 }
                let name = buf[(lt + 1)..<nameEnd]
                let isScript = lowerEquals(name, "script"), isSVG = !isScript && lowerEquals(name, "svg")
                let isRaw = isScript || isSVG || lowerEquals(name, "style")
                guard let tagEnd = startTag(from: nameEnd, keepsHref: lowerEquals(name, "link")) else { return }
                i = tagEnd + 1
                guard isRaw, buf[tagEnd - 1] != UInt8(ascii: "/") else {
                    if !isRaw, !keepsBlankRun(name) { collapseBlankRun(after: tagEnd) }
                    continue
                }
                let jsonLD = isScript && containsLower(nameEnd, tagEnd, "ld+json")
                let closer: StaticString = isScript ? "</script" : isSVG ? "</svg" : "</style"
                guard let close = isSVG ? endOfSVG(from: tagEnd + 1) : findLower(closer, from: tagEnd + 1, to: n) else { return }
                if !jsonLD { cut(tagEnd + 1, close) }
                i = close + closer.utf8CodeUnitCount
            }
        }

        /// Walks a start tag's attributes from the end of its name, cutting the unread ones;
        /// returns the index of the closing `>`, or nil when the tag never closes.
        mutating func startTag(from: Int, keepsHref: Bool) -> Int? {
            var k = from
            while true {
                while k < n, isSpace(buf[k]) { k += 1 }
                guard k < n else { return nil }
                let b = buf[k]
                if b == UInt8(ascii: ">") { return k }
                if b == UInt8(ascii: "/") || b == UInt8(ascii: "=") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    // Stray characters (libxml2 skips them too), or "/>" about to end the tag.
                    k += 1
                    continue
                }
                let nameStart = k
                while k < n, !isSpace(buf[k]), buf[k] != UInt8(ascii: ">"), buf[k] != UInt8(ascii: "="), buf[k] != UInt8(ascii: "/") { k += 1 }
                let nameEnd = k
                var valueStart = k, valueEnd = k
                var j = k
                while j < n, isSpace(buf[j]) { j += 1 }
                if j < n, buf[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < n, isSpace(buf[j]) { j += 1 }
                    guard j < n else { return nil }
                    let q = buf[j]
                    if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                        guard let close = memchrIndex(q, from: j + 1, to: n) else { return nil }
                        valueStart = j + 1; valueEnd = close
                        k = close + 1
                    } else {
                        valueStart = j
                        while j < n, !isSpace(buf[j]), buf[j] != UInt8(ascii: ">") { j += 1 }
                        valueEnd = j
                        k = j
                    }
                }
                // The blanks before the attribute stay: `a="1"b="2"` must not glue `b` to the tag name;
                // those after it go with it (libxml2 skips blanks between attributes one by one).
                if !keep(nameStart, nameEnd, valueStart, valueEnd, keepsHref: keepsHref) {
                    while k < n, isBlank(buf[k]) { k += 1 }
                    cut(nameStart, k)
                }
            }
        }

        /// Shrinks the blank run right after the tag ending at `tagEnd` to its first byte, when it
        /// is nothing but blanks up to the next tag (`<name` or `</name`). Such a run (indentation,
        /// a tenth of a page's bytes) reaches the tree only as "whitespace stood here": as a
        /// whitespace-only text node, folded into ``HTMLDocument/spaceBefore(_:)``, or appended
        /// to an open text node (after a tag libxml2 drops), where every reader takes a run of
        /// blanks as one space. libxml2 reads each byte of it through its character decoder.
        /// Runs of 1,000 bytes or more stay whole: libxml2 hands text over in chunks of 1,000, and
        /// a chunk that does not end at a `<` is not blank to it (it may imply a `<p>`); form
        /// feeds stay too (libxml2 does not count them as blanks).
        mutating func collapseBlankRun(after tagEnd: Int) {
            let start = tagEnd + 1
            var m = start
            let limit = min(n, start + 999)
            while m < limit, isBlank(buf[m]) { m += 1 }
            guard m - start >= 2, m + 2 < n, buf[m] == UInt8(ascii: "<") else { return }
            let c = buf[m + 1]
            guard isLetter(c) || (c == UInt8(ascii: "/") && isLetter(buf[m + 2])) else { return }
            cut(start + 1, m)
        }

        /// Start tags whose following blanks stay as they are: those libxml2 may drop without a
        /// callback (a second `html`, `head` or `body`, after which the blanks join the open text)
        /// and those whose first newline it may treat specially (`pre`, `textarea`, `listing`, `xmp`, `plaintext`).
        func keepsBlankRun(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            switch name.count {
            case 3: return lowerEquals(name, "pre") || lowerEquals(name, "xmp")
            case 4: return lowerEquals(name, "html") || lowerEquals(name, "head") || lowerEquals(name, "body")
            case 7: return lowerEquals(name, "listing")
            case 8: return lowerEquals(name, "textarea")
            case 9: return lowerEquals(name, "plaintext")
            default: return false
            }
        }

        /// Whether the extractor reads this attribute (see the type's documentation).
        func keep(_ ns: Int, _ ne: Int, _ vs: Int, _ ve: Int, keepsHref: Bool) -> Bool {
            let len = ne - ns
            guard len >= 2, len <= 11 else { return false }
            // The name, lowercased, packed into two words and compared with the known names
            // packed the same way (walking the names as arrays cost a retain and a release each).
            var lo: UInt64 = 0, hi: UInt64 = 0
            for m in 0..<len {
                let b = UInt64(lower(buf[ns + m]))
                if m < 8 { lo |= b << UInt64(8 * m) } else { hi |= b << UInt64(8 * (m - 8)) }
            }
            guard let id = HTMLPrefilter.knownAttribute(lo, hi, length: len) else { return false }
            switch id {
            case HTMLAttribute.href.rawValue: return keepsHref
            case HTMLAttribute.style.rawValue: return containsLower(vs, ve, "none") || containsLower(vs, ve, "hidden")
            default: return true
            }
        }

        /// Where the `</svg` that closes an `svg` whose body starts at `from` begins.
        func endOfSVG(from: Int) -> Int? {
            var depth = 1, k = from
            while true {
                guard let close = findLower("</svg", from: k, to: n) else { return nil }
                var o = k
                while let open = findLower("<svg", from: o, to: close) { depth += 1; o = open + 4 }
                depth -= 1
                if depth == 0 { return close }
                k = close + 5
            }
        }

        func memchrIndex(_ byte: UInt8, from: Int, to: Int) -> Int? {
            guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
            return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        }

        /// First position of `needle` (exact bytes) at or after `from`.
        func find(_ needle: StaticString, from: Int) -> Int? {
            let w = needle.utf8Start, m = needle.utf8CodeUnitCount
            var i = from
            while i + m <= n, let p = memchrIndex(w[0], from: i, to: n - m + 1) {
                if memcmp(base + p, w, m) == 0 { return p }
                i = p + 1
            }
            return nil
        }

        /// First position in `from..<to` of `needle` (lowercase ASCII, starting with `<`), any case.
        func findLower(_ needle: StaticString, from: Int, to: Int) -> Int? {
            let w = needle.utf8Start, m = needle.utf8CodeUnitCount
            var i = from
            while i + m <= to, let p = memchrIndex(w[0], from: i, to: to - m + 1) {
                var k = 1
                while k < m, lower(buf[p + k]) == w[k] { k += 1 }
                if k == m { return p }
                i = p + 1
            }
            return nil
        }

        /// Whether `needle` (lowercase ASCII) occurs in `from..<to`, any case.
        func containsLower(_ from: Int, _ to: Int, _ needle: StaticString) -> Bool {
            let w = needle.utf8Start, m = needle.utf8CodeUnitCount
            var i = from
            while i + m <= to {
                var k = 0
                while k < m, lower(buf[i + k]) == w[k] { k += 1 }
                if k == m { return true }
                i += 1
            }
            return false
        }

        func lowerEquals(_ s: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
            guard s.count == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            var k = 0
            for b in s {
                if lower(b) != w[k] { return false }
                k += 1
            }
            return true
        }
    }

    /// ``HTMLAttribute``'s known names (all 2-11 bytes, lowercase ASCII) as two little-endian
    /// words each, bytes past the name zero, with the name's length and id.
    private static let knownPacked: [(lo: UInt64, hi: UInt64, length: Int, id: UInt16)] =
        HTMLAttribute.knownNameBytes.enumerated().map { id, name in
            var lo: UInt64 = 0, hi: UInt64 = 0
            for (m, b) in name.enumerated() {
                if m < 8 { lo |= UInt64(b) << UInt64(8 * m) } else { hi |= UInt64(b) << UInt64(8 * (m - 8)) }
            }
            return (lo, hi, name.count, UInt16(id))
        }

    /// The id of the known attribute name of `length` bytes packed as `lo`, `hi` (see
    /// ``knownPacked``), or nil. The length counts: a name may hold a zero byte.
    @inline(__always) static func knownAttribute(_ lo: UInt64, _ hi: UInt64, length: Int) -> UInt16? {
        knownPacked.withUnsafeBufferPointer { known in
            for k in known where k.lo == lo && k.hi == hi && k.length == length { return k.id }
            return nil
        }
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }
    /// libxml2's blanks (`IS_BLANK_CH`): no form feed.
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
    }
}

private func lower(_ b: UInt8) -> UInt8 { HTMLPrefilter.lower(b) }
private func isSpace(_ b: UInt8) -> Bool { HTMLPrefilter.isSpace(b) }
private func isLetter(_ b: UInt8) -> Bool { HTMLPrefilter.isLetter(b) }
private func isBlank(_ b: UInt8) -> Bool { HTMLPrefilter.isBlank(b) }
private func isNameByte(_ b: UInt8) -> Bool { HTMLPrefilter.isNameByte(b) }
