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

    /// Whether a short line is only a prompt to follow, sign up or subscribe.
    static func isPrompt(_ text: String) -> Bool {
        guard text.utf8.count <= maximumLength, hasAnchor(text.utf8) else { return false }
        let l = text.lowercased()
        let social = socialNetworks.reduce(0) { $0 + (l.contains($1) ? 1 : 0) }
        if social > 0, followPhrases.contains(where: { l.contains($0) }) || social >= 2 && l.contains("follow") { return true }
        if l.contains("newsletter"), !l.contains("this newsletter"), newsletterPhrases.contains(where: { l.contains($0) }) { return true }
        if l.contains("subscri"), paywallPhrases.contains(where: { l.contains($0) }) { return true }
        if supportPhrases.contains(where: { l.contains($0) }), donationPhrases.contains(where: { l.contains($0) }) { return true }
        return false
    }

    /// Every rule needs a social network's name, "newsletter", "subscri" or a support word; this byte scan
    /// (ASCII case folded, no String built) lets the many short lines without any of them go
    /// before the Unicode-aware work, which ran on every short line of every page.
    static let anchors: [[UInt8]] = (socialNetworks + ["newsletter", "subscri", "support", "unterst", "help", "hilfe", "soutenez", "apóyanos", "wesprzyj"]).map { Array($0.utf8) }

    static func hasAnchor(_ u: String.UTF8View) -> Bool {
        var buf = [UInt8](repeating: 0, count: u.count)
        var k = 0
        for b in u { buf[k] = b >= 0x41 && b <= 0x5A ? b + 32 : b; k += 1 }
        return buf.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                // First letters of the anchors: f t i y w l n s u h a.
                if b == 0x66 || b == 0x74 || b == 0x69 || b == 0x79 || b == 0x77 || b == 0x6C || b == 0x6E || b == 0x73
                    || b == 0x75 || b == 0x68 || b == 0x61 {
                    for a in anchors where a[0] == b && i + a.count <= n {
                        var j = 1
                        while j < a.count, p[i + j] == a[j] { j += 1 }
                        if j == a.count { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }
}
