import WirescoreCore

/// Short lines in which the publisher asks the reader to do something for the publisher rather
/// than tell the story: follow it on social networks, sign up for its newsletter, subscribe to
/// read on. Themes write them as plain paragraphs at the end of the article
/// (or inside it, under a paywall), without class names that would mark them.
///
/// Each rule asks for two signals together so that a sentence of the article that merely
/// mentions a newsletter, Twitter or subscribers stays: a follow line names a social network and
/// addresses the reader ("follow us", "folgen Sie uns") or names two networks after "follow"; a
/// newsletter line pairs "newsletter" with a sign-up verb or "our newsletter"; a paywall line
/// pairs "subscribe" with "full story", "already a subscriber"...; a donation appeal pairs a
/// request for support with money or what it keeps going. (App download lines were left
/// out: product reviews list iOS and Android downloads as features.) Only lines of at most ``maximumLength`` bytes are read.
enum ReaderPrompt {
    static let maximumLength = 250

    static let socialNetworks = ["facebook", "twitter", "instagram", "tiktok", "youtube", "telegram", "whatsapp", "linkedin"]
    static let followPhrases = [
        "follow us", "follow me", "folgen sie uns", "folge uns", "folgt uns", "síguenos", "siguenos", "suivez-nous",
        "suivez nous", "seguici", "obserwuj nas", "únete", "join us", "like us", "liken sie uns",
    ]
    static let newsletterPhrases = [
        "sign up", "signing up", "our newsletter", "unseren newsletter", "unserem newsletter", "unser newsletter",
        "newsletter abonnieren", "abonnieren sie", "zum newsletter", "subscribe to the", "subscribe to our", "join our",
        "inscrivez", "abonnez", "suscríbete", "zapisz się",
    ]
    static let paywallPhrases = ["full story", "rest of this", "already a subscriber", "subscribe now", "please subscribe"]
    /// A donation appeal asks for support ("support our journalism", "unterstütze uns", "we need
    /// your help")...
    static let supportPhrases = [
        "support our", "supporting our", "support us", "supporting us", "support independent", "your help",
        "unterstütze uns", "unterstützen sie uns", "unterstütze unsere", "unterstützen sie unsere", "deine hilfe", "ihre hilfe",
        "soutenez", "apóyanos", "wesprzyj",
    ]
    /// ...and names the money or what it keeps going ("monthly donations", "mit einer Spende",
    /// "to keep publishing"); "would you consider supporting" asks on its own.
    static let donationPhrases = [
        "donat", "spende", "contribution", "patreon", "paypal", "monthly", "monatlich", "einmalig", "one-off",
        "subscribing", "keep publishing", "kept alive", "consider supporting",
    ]

    /// A promotion of the publisher's magazine names an issue or edition ("Die aktuelle Ausgabe
    /// der …", "Einfach digital … als Abo oder Einzelheft", "the latest issue")...
    static let issuePhrases = [
        "aktuelle ausgabe", "neue ausgabe", "printausgabe", "print-ausgabe", "einzelheft", "e-paper", "epaper",
        "current issue", "latest issue", "print edition", "digital edition",
    ]
    /// ...and where to get it ("im Abo", "am Kiosk", "erhältlich", "bestellen", "available").
    static let outletPhrases = [
        "im abo", "als abo", "ein abo", "abonn", "kiosk", "erhältlich", "bestellen", "im shop", "kostenlos erhalten",
        "available", "newsstand", "order",
    ]

    /// Whether a short line is only a prompt to follow, sign up or subscribe.
    static func isPrompt(_ text: String) -> Bool {
        guard text.utf8.count <= maximumLength else { return false }
        let found = anchorsFound(text.utf8)
        guard found != 0 else { return false }
        // An ASCII line (nearly all) is lowercased byte by byte; any other line is lowercased
        // by the standard library's Unicode rules. Either way the phrases are then searched as
        // UTF-8 bytes (Foundation's search was ~7% of extraction on pages with curly quotes).
        var lower: [UInt8] = []
        lower.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            guard b < 0x80 else {
                // Unicode lowercasing may make letters the anchor scan did not see: every rule is tried.
                var l = text.lowercased()
                return l.withUTF8 { bytes in matches(found: .max) { contains(bytes, $0) } }
            }
            lower.append(b.asciiLowercased)
        }
        // An ASCII line's lowercase holds exactly the anchors found on its bytes, so a rule whose
        // every phrase holds an anchor of a group not found cannot match and is skipped.
        return lower.withUnsafeBufferPointer { l in matches(found: found) { contains(l, $0) } }
    }

    /// The rules, over a "does the lowercased line contain this phrase" test; `found` has the
    /// bits of the anchors the line may hold (``anchorsFound(_:)``), and a rule is tried only
    /// when its group's anchors are among them.
    private static func matches(found: UInt32, _ contains: (String) -> Bool) -> Bool {
        if found & socialGroup != 0 {
            let social = socialNetworks.reduce(0) { $0 + (contains($1) ? 1 : 0) }
            if social > 0, followPhrases.contains(where: contains) || social >= 2 && contains("follow") { return true }
        }
        if found & newsletterGroup != 0, contains("newsletter"), !contains("this newsletter"),
           newsletterPhrases.contains(where: contains) { return true }
        if found & subscribeGroup != 0, contains("subscri"), paywallPhrases.contains(where: contains) { return true }
        if found & supportGroup != 0, supportPhrases.contains(where: contains), donationPhrases.contains(where: contains) { return true }
        if found & issueGroup != 0, issuePhrases.contains(where: contains), outletPhrases.contains(where: contains) { return true }
        return false
    }

    /// Whether `phrase`'s UTF-8 bytes occur in `haystack`.
    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ phrase: String) -> Bool {
        var phrase = phrase
        return phrase.withUTF8 { needle in
            let m = needle.count, n = haystack.count
            guard m > 0 else { return true }
            guard m <= n else { return false }
            let first = needle[0]
            var i = 0
            while i <= n - m {
                if haystack[i] == first {
                    var j = 1
                    while j < m, haystack[i + j] == needle[j] { j += 1 }
                    if j == m { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Every rule needs a social network's name, "newsletter", "subscri" or a support word; this byte scan
    /// (ASCII case folded, no String built) lets the many short lines without any of them go
    /// before the Unicode-aware work, which ran on every short line of every page. An anchor
    /// is looked for by its longest ASCII run ("apóyanos" as "yanos"): only ASCII letters are
    /// case folded here, and "APÓYANOS" must still reach the rules.
    /// The anchors each rule needs, one group per rule: every phrase a rule requires holds one
    /// of its group's anchors (the social rule needs a network's name; "your help" holds "help";
    /// "e-paper" holds "paper").
    private static let anchorGroups: [[String]] = [
        socialNetworks, ["newsletter"], ["subscri"],
        ["support", "unterst", "help", "hilfe", "soutenez", "apóyanos", "wesprzyj"],
        ["ausgabe", "einzelheft", "paper", "issue", "edition"],
    ]
    static let anchors: [[UInt8]] = anchorGroups.joined().map { longestASCIIRun(Array($0.utf8)) }
    /// Each group's anchor bits (bit k for `anchors[k]`).
    private static let groupBits: [UInt32] = anchorGroups.reduce(into: [UInt32]()) { bits, group in
        let first = bits.reduce(0) { $0 + $1.nonzeroBitCount }
        bits.append((UInt32(1) << UInt32(group.count) - 1) << UInt32(first))
    }
    private static let socialGroup = groupBits[0], newsletterGroup = groupBits[1], subscribeGroup = groupBits[2]
    private static let supportGroup = groupBits[3], issueGroup = groupBits[4]

    private static func longestASCIIRun(_ bytes: [UInt8]) -> [UInt8] {
        bytes.split(whereSeparator: { $0 >= 0x80 }).max(by: { $0.count < $1.count }).map(Array.init) ?? bytes
    }

    /// The anchors back to back, with each one's start in `anchorBytes` (and a last entry for
    /// the end): read through one buffer, with no array retained per position tried.
    private static let anchorBytes: [UInt8] = anchors.flatMap { $0 }
    private static let anchorStarts: [Int] = anchors.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    /// For each byte, a bit per anchor whose first letter it is (ASCII case folded): most
    /// positions of a line test one table entry and no anchor at all.
    private static let anchorsByFirstByte = anchorsByByte(at: 0)
    /// The same for each anchor's second byte: a position goes on to the byte compare only for
    /// the anchors whose first two letters it starts with (every anchor has at least four).
    private static let anchorsBySecondByte = anchorsByByte(at: 1)

    /// For each byte value, a bit per anchor whose byte at `offset` it is, ASCII case folded.
    private static func anchorsByByte(at offset: Int) -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 256)
        for (k, anchor) in anchors.enumerated() {
            let b = anchor[offset]
            table[Int(b)] |= 1 << UInt32(k)
            if b >= 0x61 && b <= 0x7A { table[Int(b - 0x20)] |= 1 << UInt32(k) }
        }
        return table
    }

    static func hasAnchor(_ u: String.UTF8View) -> Bool { anchorsFound(u) != 0 }

    /// A bit per anchor (``anchors``) that occurs in `u`, ASCII case folded.
    static func anchorsFound(_ u: String.UTF8View) -> UInt32 {
        if let found = u.withContiguousStorageIfAvailable({ anchorsFound(bytes: $0) }) { return found }
        return Array(u).withUnsafeBufferPointer { anchorsFound(bytes: $0) }
    }

    private static func anchorsFound(bytes p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        anchorBytes.withUnsafeBufferPointer { a in
            anchorStarts.withUnsafeBufferPointer { starts in
                anchorsByFirstByte.withUnsafeBufferPointer { first in
                  anchorsBySecondByte.withUnsafeBufferPointer { second in
                    let n = p.count
                    var found: UInt32 = 0
                    var i = 0
                    // The last byte cannot start an anchor (none is shorter than two bytes).
                    while i + 1 < n {
                        var candidates = first[Int(p[i])] & second[Int(p[i + 1])]
                        while candidates != 0 {
                            let k = candidates.trailingZeroBitCount
                            candidates &= candidates - 1
                            let start = starts[k], count = starts[k + 1] - start
                            guard i + count <= n else { continue }
                            var j = 1
                            while j < count {
                                let c = p[i + j].asciiLowercased
                                if c != a[start + j] { break }
                                j += 1
                            }
                            if j == count { found |= 1 << UInt32(k) }
                        }
                        i += 1
                    }
                    return found
                  }
                }
            }
        }
    }
}
