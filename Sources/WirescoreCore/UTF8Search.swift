#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring tests on a string's UTF-8 bytes, for hot paths (the extractor's rules, article ids).
///
/// With Foundation imported, `String.contains(String)` and `range(of:)` go through NSString: the
/// text is bridged and searched as UTF-16 with canonical-equivalence folding, about 2-3% of
/// ingest CPU on real pages for tests whose needles are ASCII markers ("<", "\n", " | ") or
/// a piece of the same page's text. These search the bytes (`memchr`, `memcmp`) instead. They differ
/// from Foundation only at canonical equivalence: a needle that ends where the text goes on with
/// a combining mark is found here and not by Foundation, and the same accented letter spelled
/// precomposed in one and decomposed in the other is found by Foundation only. The callers'
/// needles are ASCII markers or come from the same page as the text; the extraction
/// development pages give byte-identical output either way. Like Foundation's, an empty
/// needle is never found.
public enum UTF8Search {
    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s; false for an empty needle.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Whether `haystack` holds the byte `byte` (an ASCII marker such as `<` or a newline).
    public static func contains(_ haystack: String, byte: UInt8) -> Bool {
        var haystack = haystack
        return haystack.withUTF8 { h in
            guard let base = h.baseAddress, h.count > 0 else { return false }
            return memchr(base, Int32(byte), h.count) != nil
        }
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`, or nil (also for an
    /// empty needle).
    public static func firstOffset(of needle: String, in haystack: String) -> Int? {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h -> Int? in
            needle.withUTF8 { n -> Int? in
                guard let hb = h.baseAddress, let nb = n.baseAddress, n.count > 0, n.count <= h.count else { return nil }
                // memchr for the first byte, then compare the rest (glibc's memmem is a GNU
                // extension the Glibc module does not export).
                let first = Int32(n[0]), last = h.count - n.count
                var start = 0
                while start <= last {
                    guard let hit = memchr(hb + start, first, last - start + 1) else { return nil }
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(hb)
                    if memcmp(hb + at, nb, n.count) == 0 { return at }
                    start = at + 1
                }
                return nil
            }
        }
    }

    /// The byte offset of the last occurrence of `needle` in `haystack`, or nil (also for an
    /// empty needle).
    public static func lastOffset(of needle: String, in haystack: String) -> Int? {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0, n.count <= h.count else { return nil }
                var start = h.count - n.count
                while start >= 0 {
                    if h[start] == n[0] {
                        var k = 1
                        while k < n.count && h[start + k] == n[k] { k += 1 }
                        if k == n.count { return start }
                    }
                    start -= 1
                }
                return nil
            }
        }
    }
}
