/// Splits an RSS author string (`me@example.com (Name)`, `Name <me@example.com>`) into a
/// ``FeedPerson`` the way feedparser does: the first email-like token is the email, the rest,
/// stripped of brackets, the name.
enum FeedAuthorString {
    static func split(_ value: String) -> FeedPerson? {
        let u = Array(value.utf8)
        guard let at = u.firstIndex(of: UInt8(ascii: "@")) else {
            return FeedPerson(name: value)
        }
        func isLocal(_ b: UInt8) -> Bool {
            isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "+")
        }
        func isDomain(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") }
        var s = at
        while s > 0, isLocal(u[s - 1]) { s -= 1 }
        var e = at + 1
        while e < u.count, isDomain(u[e]) { e += 1 }
        while e > at + 1, u[e - 1] == UInt8(ascii: ".") || u[e - 1] == UInt8(ascii: "-") { e -= 1 }
        let domain = u[(at + 1)..<e]
        guard s < at, domain.contains(UInt8(ascii: ".")) else { return FeedPerson(name: value) }
        let email = String(decoding: u[s..<e], as: UTF8.self)
        var rest = String(decoding: u[..<s], as: UTF8.self) + String(decoding: u[e...], as: UTF8.self)
        rest = rest.replacingAll("()", with: "").replacingAll("<>", with: "").replacingAll("&lt;&gt;", with: "")
        rest = trim(rest)
        if rest.hasPrefix("(") { rest.removeFirst() }
        if rest.hasSuffix(")") { rest.removeLast() }
        rest = trim(rest)
        return FeedPerson(name: rest.isEmpty ? nil : rest, email: email)
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    private static func trim(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f.isWhitespace { sub.removeFirst() }
        while let l = sub.last, l.isWhitespace { sub.removeLast() }
        return String(sub)
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation, no regex).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        let t = Array(target.utf8)
        let u = Array(self.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        var changed = false
        while i < u.count {
            if u[i] == t[0], i + t.count <= u.count, u[i..<(i + t.count)].elementsEqual(t) {
                out.append(contentsOf: replacement.utf8)
                i += t.count
                changed = true
            } else {
                out.append(u[i]); i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : self
    }
}
