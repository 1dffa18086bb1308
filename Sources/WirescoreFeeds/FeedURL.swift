/// Relative-reference resolution (RFC 3986 section 5.2) for links, ids, `xml:base` and the
/// `href`/`src` attributes of sanitised HTML.
///
/// A byte-level implementation rather than Foundation's `URL`: it never percent-encodes (a
/// reference `À` against `http://any.test/` gives `http://any.test/À`, as feed readers show it),
/// never fails on characters `URL` rejects, and costs no allocation beyond the result.
enum FeedURL {
    /// `reference` resolved against `base`; the reference unchanged when there is no usable base.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        if reference.isEmpty { return base }
        if hasScheme(reference) { return reference }
        guard let b = Base(base) else { return reference }
        return String(decoding: resolve(reference.utf8, against: b), as: UTF8.self)
    }

    /// A base URL parsed once, for resolving many references against it.
    struct Base: Sendable {
        let bytes: [UInt8]
        let ranges: Ranges

        /// Nil when the base has no scheme (it cannot anchor anything).
        init?(_ string: String) {
            bytes = Array(string.utf8)
            ranges = bytes.withUnsafeBufferPointer { Ranges($0) }
            if ranges.scheme == nil { return nil }
        }
    }

    /// The five components of a URI reference (RFC 3986 appendix B) as index ranges; without
    /// slices (no reference counting, no allocation).
    struct Ranges: Sendable {
        var scheme: Range<Int>?
        var authority: Range<Int>?
        var path: Range<Int>
        var query: Range<Int>?
        var fragment: Range<Int>?

        init(_ u: UnsafeBufferPointer<UInt8>) {
            var i = 0
            let n = u.count
            var j = 0
            while j < n {
                let c = u[j]
                let letter = (c | 0x20) >= 97 && (c | 0x20) <= 122
                if letter || (j > 0 && ((c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46)) { j += 1; continue }
                break
            }
            if j > 0, j < n, u[j] == UInt8(ascii: ":") { scheme = 0..<j; i = j + 1 }
            if i + 1 < n, u[i] == UInt8(ascii: "/"), u[i + 1] == UInt8(ascii: "/") {
                var k = i + 2
                while k < n, u[k] != UInt8(ascii: "/"), u[k] != UInt8(ascii: "?"), u[k] != UInt8(ascii: "#") { k += 1 }
                authority = (i + 2)..<k
                i = k
            }
            var k = i
            while k < n, u[k] != UInt8(ascii: "?"), u[k] != UInt8(ascii: "#") { k += 1 }
            path = i..<k
            if k < n, u[k] == UInt8(ascii: "?") {
                var q = k + 1
                while q < n, u[q] != UInt8(ascii: "#") { q += 1 }
                query = (k + 1)..<q
                k = q
            }
            if k < n, u[k] == UInt8(ascii: "#") { fragment = (k + 1)..<n }
        }
    }

    /// Appends `reference` resolved against `base` (RFC 3986 section 5.2.2) to `out`, built in place: the sanitiser resolves every relative
    /// `href`/`src` of every entry, and the slice-and-array version allocated five times per URL.
    static func appendResolved(_ ref: UnsafeBufferPointer<UInt8>, against base: Base, to out: inout [UInt8]) {
        if ref.isEmpty { out.append(contentsOf: base.bytes); return }
        if hasScheme(ref) { out.append(contentsOf: ref); return }
        let r = Ranges(ref)
        let b = base.ranges
        base.bytes.withUnsafeBufferPointer { bb in
            if let scheme = b.scheme { out.append(contentsOf: bb[scheme]); out.append(UInt8(ascii: ":")) }
            if let authority = r.authority {
                out.append(UInt8(ascii: "/")); out.append(UInt8(ascii: "/"))
                out.append(contentsOf: ref[authority])
                appendPath(UnsafeBufferPointer(rebasing: ref[r.path]), to: &out)
                if let q = r.query { out.append(UInt8(ascii: "?")); out.append(contentsOf: ref[q]) }
            } else {
                if let authority = b.authority {
                    out.append(UInt8(ascii: "/")); out.append(UInt8(ascii: "/"))
                    out.append(contentsOf: bb[authority])
                }
                if r.path.isEmpty {
                    out.append(contentsOf: bb[b.path])
                    if let q = r.query { out.append(UInt8(ascii: "?")); out.append(contentsOf: ref[q]) }
                    else if let q = b.query { out.append(UInt8(ascii: "?")); out.append(contentsOf: bb[q]) }
                } else {
                    if ref[r.path.lowerBound] == UInt8(ascii: "/") {
                        appendPath(UnsafeBufferPointer(rebasing: ref[r.path]), to: &out)
                    } else {
                        // Merge: the base path up to its last slash, then the reference's path.
                        let basePath = UnsafeBufferPointer(rebasing: bb[b.path])
                        let start = out.count
                        if b.authority != nil && basePath.isEmpty {
                            out.append(UInt8(ascii: "/"))
                        } else if let slash = basePath.lastIndex(of: UInt8(ascii: "/")) {
                            out.append(contentsOf: basePath[...slash])
                        }
                        out.append(contentsOf: ref[r.path])
                        let dots = out.withUnsafeBufferPointer { hasDotSegment(UnsafeBufferPointer(rebasing: $0[start...])) }
                        if dots {
                            let merged = Array(out[start...])
                            out.removeSubrange(start...)
                            merged.withUnsafeBufferPointer { appendRemovingDotSegments($0, to: &out) }
                        }
                    }
                    if let q = r.query { out.append(UInt8(ascii: "?")); out.append(contentsOf: ref[q]) }
                }
            }
            if let f = r.fragment { out.append(UInt8(ascii: "#")); out.append(contentsOf: ref[f]) }
        }
    }

    /// Appends a path with its dot segments removed; copies it as is when it has none (then
    /// ``removeDotSegments(_:)`` would return it unchanged).
    private static func appendPath(_ path: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if hasDotSegment(path) { appendRemovingDotSegments(path, to: &out) }
        else { out.append(contentsOf: path) }
    }

    /// ``removeDotSegments(_:)`` writing straight into `out` (relative links like `../tags/x`
    /// are common in feeds; the array version allocated per segment list and per result).
    static func appendRemovingDotSegments(_ input: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard !input.isEmpty else { return }
        let absolute = input[0] == UInt8(ascii: "/")
        if absolute { out.append(UInt8(ascii: "/")) }
        var slashes = 0
        for b in input where b == UInt8(ascii: "/") { slashes += 1 }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: slashes + 1) { marks in
            var kept = 0            // output segments so far
            var trailingSlash = false
            var start = absolute ? 1 : 0
            var idx = start
            let n = input.count
            while idx <= n {
                if idx == n || input[idx] == UInt8(ascii: "/") {
                    let len = idx - start
                    let last = idx == n
                    if len == 1, input[start] == UInt8(ascii: ".") {
                        if last { trailingSlash = true }
                    } else if len == 2, input[start] == UInt8(ascii: "."), input[start + 1] == UInt8(ascii: ".") {
                        if kept > 0 { kept -= 1; out.removeSubrange(marks[kept]...) }
                        if last { trailingSlash = true }
                    } else {
                        marks[kept] = out.count
                        if kept > 0 { out.append(UInt8(ascii: "/")) }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<idx]))
                        kept += 1
                        trailingSlash = false
                    }
                    start = idx + 1
                }
                idx += 1
            }
            if trailingSlash, kept > 0 { out.append(UInt8(ascii: "/")) }
        }
    }

    /// Whether a segment of `path` is `.` or `..`.
    static func hasDotSegment(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = path.count
        var segStart = 0
        var i = 0
        while i <= n {
            if i == n || path[i] == UInt8(ascii: "/") {
                let len = i - segStart
                if len == 1, path[segStart] == UInt8(ascii: ".") { return true }
                if len == 2, path[segStart] == UInt8(ascii: "."), path[segStart + 1] == UInt8(ascii: ".") { return true }
                segStart = i + 1
            }
            i += 1
        }
        return false
    }

    /// `reference` (bytes) resolved against a parsed base (RFC 3986 section 5.2.2).
    static func resolve<C: Collection>(_ reference: C, against base: Base) -> [UInt8] where C.Element == UInt8 {
        let refBytes = Array(reference)
        var out: [UInt8] = []
        refBytes.withUnsafeBufferPointer { appendResolved($0, against: base, to: &out) }
        return out
    }

    /// The URL when its scheme is safe to use as a base (no `javascript:` or `data:`).
    static func safe(_ url: String) -> String? {
        let lower = url.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("data:") || lower.hasPrefix("vbscript:") { return nil }
        return url
    }

    static func hasScheme(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { hasScheme($0) }
    }

    static func hasScheme(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawLetter = false
        for u in s {
            switch u {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if !sawLetter { return false }
            case UInt8(ascii: ":"): return sawLetter
            default: return false
            }
        }
        return false
    }

    /// RFC 3986 section 5.2.4 on a path, as segment lists: the executable specification that
    /// ``appendRemovingDotSegments(_:to:)`` (what resolution uses) is tested against.
    static func removeDotSegments<C: Collection>(_ path: C) -> [UInt8] where C.Element == UInt8 {
        let input = Array(path)
        guard input.contains(UInt8(ascii: ".")) else { return input }
        // Split into segments, keeping track of a leading slash and a trailing directory marker.
        let absolute = input.first == UInt8(ascii: "/")
        var segments: [ArraySlice<UInt8>] = []
        var output: [ArraySlice<UInt8>] = []
        var start = absolute ? 1 : 0
        var idx = start
        while idx <= input.count {
            if idx == input.count || input[idx] == UInt8(ascii: "/") {
                segments.append(input[start..<idx])
                start = idx + 1
            }
            idx += 1
        }
        var trailingSlash = false
        for (n, seg) in segments.enumerated() {
            let last = n == segments.count - 1
            if seg.elementsEqual([UInt8(ascii: ".")]) {
                if last { trailingSlash = true }
            } else if seg.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if !output.isEmpty { output.removeLast() }
                if last { trailingSlash = true }
            } else {
                output.append(seg)
                trailingSlash = false
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(input.count)
        if absolute { result.append(UInt8(ascii: "/")) }
        for (n, seg) in output.enumerated() {
            if n > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: seg)
        }
        if trailingSlash, !output.isEmpty { result.append(UInt8(ascii: "/")) }
        return result
    }
}
