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

    /// One word of the lists: its bytes are `words[start..<start + count]`. Plain integers, so
    /// walking the entries retains nothing (an entry holding its own `[UInt8]` cost a retain and
    /// a release per entry tried).
    private struct Entry {
        var start: Int32
        var count: Int32
        var prefix: Bool
        var kind: Kind
    }

    /// Every entry, grouped by the word's first byte: those for byte `b` are
    /// `entries[firstEntry[b]..<firstEntry[b + 1]]`, in list order.
    private static let (entries, firstEntry, words): ([Entry], [Int32], [UInt8]) = {
        var byFirst = [[(word: [UInt8], prefix: Bool, kind: Kind)]](repeating: [], count: 256)
        func add(_ list: [String], prefix: Bool, _ kind: Kind) {
            for w in list {
                let bytes = Array(w.utf8)
                let k = kind == .strong && prefix && hardPrefixes.contains(w) ? Kind.hard : kind
                byFirst[Int(bytes[0])].append((bytes, prefix, k))
            }
        }
        add(strongPrefixes, prefix: true, .strong)
        add(strongWords, prefix: false, .strong)
        add(weakPrefixes, prefix: true, .weak)
        add(weakWords, prefix: false, .weak)
        add(positivePrefixes, prefix: true, .positive)
        var entries: [Entry] = [], first: [Int32] = [], words: [UInt8] = []
        for group in byFirst {
            first.append(Int32(entries.count))
            for e in group {
                entries.append(Entry(start: Int32(words.count), count: Int32(e.word.count), prefix: e.prefix, kind: e.kind))
                words.append(contentsOf: e.word)
            }
        }
        first.append(Int32(entries.count))
        return (entries, first, words)
    }()
    private static let taxonomy = taxonomyPrefixes.map { Array($0.utf8) }
    private static let qualifierWords = qualifiers.map { Array($0.utf8) }
    private static let hideWord = Array("hide".utf8)

    /// The ``ClassVerdictCache`` bits of one class or id value.
    static func flags(_ v: ArraySlice<UInt8>) -> UInt8 {
        v.withUnsafeBufferPointer { buf -> UInt8 in
            entries.withUnsafeBufferPointer { entries in
                firstEntry.withUnsafeBufferPointer { firstEntry in
                    words.withUnsafeBufferPointer { words in
                        let lists = Lists(entries: entries, firstEntry: firstEntry, words: words)
                        var flags: UInt8 = 0
                        let n = buf.count
                        var i = 0
                        while i < n {
                            while i < n, isSpace(buf[i]) { i += 1 }
                            let nameStart = i
                            while i < n, !isSpace(buf[i]) { i += 1 }
                            if i > nameStart { flags |= nameFlags(buf, nameStart, i, lists) }
                        }
                        return flags
                    }
                }
            }
        }
    }

    /// The entry tables as buffers, fetched once per value.
    private struct Lists {
        let entries: UnsafeBufferPointer<Entry>
        let firstEntry: UnsafeBufferPointer<Int32>
        let words: UnsafeBufferPointer<UInt8>
    }

    private static func nameFlags(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ lists: Lists) -> UInt8 {
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
            let kind = match(buf, partStart, i, lists)
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

    private static func match(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ lists: Lists) -> Kind {
        var best = Kind.none
        let b = Int(lower(buf[start]))
        for k in Int(lists.firstEntry[b])..<Int(lists.firstEntry[b + 1]) {
            let e = lists.entries[k]
            guard e.kind.rawValue < best.rawValue else { continue }
            let count = Int(e.count)
            guard e.prefix ? end - start >= count : end - start == count else { continue }
            var hit = true
            for j in 0..<count where lower(buf[start + j]) != lists.words[Int(e.start) + j] { hit = false; break }
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
