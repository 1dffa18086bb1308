/// What a `class` or `id` value says about its element: boilerplate (strongly or weakly), a
/// comment/recommendation block that stays out whatever it holds ("hard"), or content.
///
/// Values are split into names at whitespace and names into parts at anything not a letter or
/// digit (`article__body--wide` → article, body, wide); each part is matched against the word
/// lists below, as a whole word or as a prefix. The lists live in one first-byte table so a part
/// costs a handful of byte compares and the whole match allocates nothing: utility-class CSS
/// gives pages thousands of distinct class strings, and this ran once for each.
enum ClassNameVocabulary {
    /// Class/id parts that mark boilerplate whatever the element holds, matched as prefixes.
    static let strongPrefixes = [
        "comment", "cookie", "consent", "gdpr", "share", "sharing", "social", "related", "newsletter",
        "subscri", "sidebar", "footer", "breadcrumb", "outbrain", "taboola", "disqus", "recommend",
        "popular", "trending", "navbar", "navigation", "popup", "modal", "byline", "caption", "skiplink",
        "toolbar", "pagination", "pager", "copyright", "tooltip", "menu", "signup", "newsfeed", "moreon",
        "dialog",
    ]
    /// The strong parts whose elements stay dropped even when they hold much prose: a long
    /// comment thread or a wall of recommendations is still not the article.
    static let hardPrefixes = [
        "comment", "disqus", "cookie", "consent", "gdpr", "outbrain", "taboola", "recommend", "related",
    ]
    /// Parts that mark boilerplate only when the element is small or mostly links, because
    /// themes put them on whole-article wrappers too (`elementor-widget`, `tag-…`).
    static let weakPrefixes = [
        "widget", "advert", "sponsor", "promo", "banner", "teaser", "readmore", "dateline", "timestamp",
        "print", "disclaimer", "author", "credit", "tagline", "topics", "keywords", "rating", "meta",
        "jump", "donate", "follow", "feedback", "masthead", "complementary", "contentinfo", "alert",
        "partner", "login", "tags", "contributor",
    ]
    static let strongWords = ["nav", "sns", "share"]
    static let weakWords = ["ad", "ads", "tag", "foot", "hide", "adsense", "adslot", "extra", "aside", "header",
                            "dfp", "gpt", "adunit", "date", "time", "more", "toc", "cta", "bio", "offer"]
    static let positivePrefixes = [
        "article", "content", "story", "body", "post", "entry", "main", "text", "blog", "prose", "richtext",
        "news", "paragraph",
    ]
    /// Class names that are taxonomy labels (WordPress puts `tag-ads category-social` on posts).
    static let taxonomyPrefixes = ["tag-", "category-", "categories-", "topic-", "section-", "format-", "post-", "type-"]
    /// A part right after one of these describes the page, not this element: "no-sidebar",
    /// "has-comments", "non-ad-column".
    static let qualifiers = ["no", "has", "non", "with", "show", "is"]

    /// Match strength, best first; a part takes the best kind any entry gives it.
    private enum Kind: UInt8 { case hard = 0, strong, weak, positive, none }

    private struct Entry {
        var word: [UInt8]
        var prefix: Bool
        var kind: Kind
    }

    /// Entries by first byte.
    private static let table: [[Entry]] = {
        var t = [[Entry]](repeating: [], count: 256)
        func add(_ words: [String], prefix: Bool, _ kind: Kind) {
            for w in words {
                let bytes = Array(w.utf8)
                let k = kind == .strong && prefix && hardPrefixes.contains(w) ? Kind.hard : kind
                t[Int(bytes[0])].append(Entry(word: bytes, prefix: prefix, kind: k))
            }
        }
        add(strongPrefixes, prefix: true, .strong)
        add(strongWords, prefix: false, .strong)
        add(weakPrefixes, prefix: true, .weak)
        add(weakWords, prefix: false, .weak)
        add(positivePrefixes, prefix: true, .positive)
        return t
    }()
    private static let taxonomy = taxonomyPrefixes.map { Array($0.utf8) }
    private static let qualifierWords = qualifiers.map { Array($0.utf8) }
    private static let hideWord = Array("hide".utf8)

    /// The ``ClassVerdictCache`` bits of one class or id value.
    static func flags(_ v: ArraySlice<UInt8>) -> UInt8 {
        v.withUnsafeBufferPointer { buf -> UInt8 in
            var flags: UInt8 = 0
            let n = buf.count
            var i = 0
            while i < n {
                while i < n, isSpace(buf[i]) { i += 1 }
                let nameStart = i
                while i < n, !isSpace(buf[i]) { i += 1 }
                if i > nameStart { flags |= nameFlags(buf, nameStart, i) }
            }
            return flags
        }
    }

    private static func nameFlags(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8 {
        for t in taxonomy where hasPrefix(buf, start, end, t) { return 0 }
        var flags: UInt8 = 0
        var previousStart = 0, previousEnd = 0
        var i = start
        while i < end {
            while i < end, !isPart(buf[i]) { i += 1 }
            let partStart = i
            while i < end, isPart(buf[i]) { i += 1 }
            guard i > partStart else { continue }
            defer { previousStart = partStart; previousEnd = i }
            let kind = match(buf, partStart, i)
            guard kind != .none else { continue }
            // `hide` alone hides; in a compound (`hide-ordinal`, `hide-on-mobile`) it is styling.
            if kind == .weak, (partStart != start || i != end), equalsLower(buf, partStart, i, hideWord) { continue }
            if kind == .positive { flags |= ClassVerdictCache.positive; continue }
            let qualified = previousEnd > previousStart
                && qualifierWords.contains { equalsLower(buf, previousStart, previousEnd, $0) }
            if qualified { continue }
            switch kind {
            case .hard: flags |= ClassVerdictCache.strong | ClassVerdictCache.hard
            case .strong: flags |= ClassVerdictCache.strong
            default: flags |= ClassVerdictCache.weak
            }
        }
        return flags
    }

    private static func match(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Kind {
        var best = Kind.none
        for e in table[Int(lower(buf[start]))] where e.kind.rawValue < best.rawValue {
            let hit = e.prefix ? hasPrefix(buf, start, end, e.word) : equalsLower(buf, start, end, e.word)
            if hit { best = e.kind }
        }
        return best
    }

    @inline(__always) private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    /// Letters, digits and non-ASCII bytes make up a part.
    @inline(__always) private static func isPart(_ b: UInt8) -> Bool { lower(b).isAlnumLower }

    private static func hasPrefix(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ w: [UInt8]) -> Bool {
        guard end - start >= w.count else { return false }
        for k in 0..<w.count where lower(buf[start + k]) != w[k] { return false }
        return true
    }

    private static func equalsLower(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ w: [UInt8]) -> Bool {
        end - start == w.count && hasPrefix(buf, start, end, w)
    }
}
