/// Finds gazetteer entities in text in one left-to-right pass over its tokens.
///
/// Names go through a token trie (longest match wins), `$cashtags` and exchange-qualified tickers
/// through a ticker table. Candidates then pass false-positive guards:
/// - a name starting with a capital must be capitalised in the text; an all-caps alias ("AWS",
///   "GE") must be all caps;
/// - a single-word alias that is also an ordinary word or person's name (Apple, Target, Ford) needs
///   a cue: a legal suffix, a possessive, a company word nearby (shares, CEO, said, ...), a ticker of
///   the same entity in the sentence, or a stronger mention of the entity elsewhere in the text;
/// - tickers that are words (A, ALL, IT, NOW) count only as `$cashtags` or exchange-qualified.
///
/// Immutable after `init`; share one matcher across tasks.
public struct EntityMatcher: Sendable {
    public let gazetteer: Gazetteer

    struct Terminal: Sendable { var entity: Int; var ambiguous: Bool; var allCaps: Bool; var capitalized: Bool }
    /// Trie edges keyed by (node, lowercased token); node 0 is the root.
    var edges: TrieEdges
    var terminals: [Int32: Terminal] = [:]
    var tickers: [String: Int] = [:]

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        var children: [[String: Int32]] = [[:]]
        for (index, e) in gazetteer.entities.enumerated() {
            var names = e.aliases
            if !names.contains(e.name) { names.insert(e.name, at: 0) }
            for alias in names {
                let toks = Tokenizer.tokenize(alias).tokens
                guard let first = toks.first else { continue }
                var node: Int32 = 0
                for t in toks {
                    if let next = children[Int(node)][t.lower] { node = next } else {
                        children.append([:])
                        let next = Int32(children.count - 1)
                        children[Int(node)][t.lower] = next
                        node = next
                    }
                }
                let term = Terminal(entity: index, ambiguous: e.wordAliases.contains(alias) && !first.isAllCaps,
                                    allCaps: first.isAllCaps, capitalized: first.isCapitalized || first.kind == .number)
                // The first entity keeps a shared alias, unless a later one is unambiguous.
                if let old = terminals[node], !(old.ambiguous && !term.ambiguous) { continue }
                terminals[node] = term
            }
            for t in e.tickers {
                let key = t.lowercased()
                if tickers[key] == nil { tickers[key] = index }
            }
        }
        edges = TrieEdges(children)
    }

    struct Candidate { var mention: EntityMention; var ambiguous: Bool; var cued: Bool }

    /// All accepted mentions in `text`, in text order.
    public func mentions(in text: Tokenizer.Result) -> [EntityMention] {
        let toks = text.tokens
        var sentenceOf = [Int](repeating: 0, count: toks.count)
        var sentenceStart = [Bool](repeating: false, count: toks.count)
        for (si, r) in text.sentences.enumerated() {
            for k in r { sentenceOf[k] = si }
            // The first word of a sentence (after opening quotes) is capitalised by grammar, not as a name.
            var k = r.lowerBound
            while k < r.upperBound, toks[k].kind == .punct { k += 1 }
            if k < r.upperBound { sentenceStart[k] = true }
        }
        let allCapsText = toks.allSatisfy { !$0.isWord || $0.isAllCaps || $0.kind == .cashtag || $0.lower.utf8.count < 2 }
        var cands: [Candidate] = []
        var i = 0
        while i < toks.count {
            let t = toks[i]
            if t.kind == .cashtag {
                if let e = tickers[t.lower] { cands.append(Candidate(mention: EntityMention(entity: e, tokens: i..<(i + 1), form: .cashtag), ambiguous: false, cued: true)) }
                i += 1; continue
            }
            if t.kind == .word, Self.exchanges.contains(t.lower), i + 2 < toks.count, toks[i + 1].lower == ":", toks[i + 2].kind == .word, toks[i + 2].isAllCaps || toks[i + 2].lower.utf8.count == 1 {
                if let e = tickers[toks[i + 2].lower] {
                    cands.append(Candidate(mention: EntityMention(entity: e, tokens: i..<(i + 3), form: .exchange), ambiguous: false, cued: true))
                }
                // "(NASDAQ: CRVN)" names a listing, never the exchange operator itself, even when
                // the ticker is not in the gazetteer.
                i += 3; continue
            }
            // Longest name match through the trie.
            var node: Int32 = 0
            var best: (end: Int, term: Terminal)?
            var k = i
            while k < toks.count, let next = edges.child(of: node, toks[k].lower) {
                node = next; k += 1
                if let term = terminals[node] { best = (k, term) }
            }
            if let (end, term) = best, accepts(term, at: i, toks: toks, allCapsText: allCapsText),
               !Self.namesAnIndex(after: end, toks: toks) {
                let cued = !term.ambiguous || hasCue(at: i, end: end, toks: toks, sentenceStart: sentenceStart[i], entity: term.entity)
                cands.append(Candidate(mention: EntityMention(entity: term.entity, tokens: i..<end, form: .name), ambiguous: term.ambiguous, cued: cued))
                i = end; continue
            }
            if t.kind == .word, t.isAllCaps, !allCapsText, let e = tickers[t.lower], !gazetteer.entities[e].tickerIsWord {
                cands.append(Candidate(mention: EntityMention(entity: e, tokens: i..<(i + 1), form: .ticker), ambiguous: false, cued: true))
            }
            i += 1
        }
        // A cued or unambiguous mention establishes the entity for the whole text.
        var established = Set<Int>()
        for c in cands where c.cued { established.insert(c.mention.entity) }
        var out: [EntityMention] = []
        out.reserveCapacity(cands.count)
        for c in cands {
            if c.cued { out.append(c.mention); continue }
            guard established.contains(c.mention.entity) else { continue }
            // Established elsewhere: still refuse a word preceded by another capitalised word
            // mid-sentence ("Harrison Ford").
            let s = c.mention.tokens.lowerBound
            if s > 0, toks[s - 1].kind == .word, toks[s - 1].isCapitalized, !sentenceStart[s - 1], sentenceOf[s - 1] == sentenceOf[s], !allCapsText { continue }
            out.append(c.mention)
        }
        return out
    }

    func accepts(_ term: Terminal, at i: Int, toks: [Token], allCapsText: Bool) -> Bool {
        let t = toks[i]
        if term.allCaps { return t.isAllCaps || (t.lower.utf8.count == 1 && t.isCapitalized) }
        if term.capitalized { return t.isCapitalized || t.kind == .number }
        return true
    }

    /// Whether an ambiguous single-word name at `i..<end` has a company cue around it.
    func hasCue(at i: Int, end: Int, toks: [Token], sentenceStart: Bool, entity: Int) -> Bool {
        // Part of a longer proper name ("Harrison Ford", "Target Field"): no.
        if i > 0, toks[i - 1].kind == .word, toks[i - 1].isCapitalized, !sentenceStart, !Self.companyCues.contains(toks[i - 1].lower) { return false }
        if end < toks.count {
            let next = toks[end]
            if Self.legalSuffixes.contains(next.lower) { return true }
            if next.kind == .word, next.isCapitalized, !next.isAllCaps, !Self.legalSuffixes.contains(next.lower) {
                // "Apple Music", "Delta Air": only with a cue right after the compound.
                if end + 1 < toks.count, Self.strongNext.contains(toks[end + 1].lower) { return true }
                return false
            }
            if next.lower == "(", end + 3 < toks.count, Self.exchanges.contains(toks[end + 1].lower) { return true }
            if sentenceStart {
                // "Apple pie", "Target prices", "Delta variant": a sentence-initial word followed by
                // a lowercase noun is a compound, unless that word is itself a company cue.
                if next.kind == .word, next.lower != "'s", next.lower != "and", next.lower != "or" {
                    return Self.companyCues.contains(next.lower)
                }
            } else if next.lower == "'s" {
                return true
            }
        }
        // A company word within four tokens before or six after, inside the same sentence.
        let lo = max(0, i - 4), hi = min(toks.count, end + 7)
        for k in lo..<hi where k < i || k >= end {
            let w = toks[k]
            if w.kind == .punct, w.lower == "." || w.lower == ";" { if k < i { continue } else { break } }
            if Self.companyCues.contains(w.lower) { return true }
            if w.kind == .cashtag, tickers[w.lower] == entity { return true }
        }
        return false
    }

    /// Words that turn a company or exchange name into the name of a market index or gauge
    /// ("Nasdaq 100", "Nasdaq Composite", "S&P 500 index"): the index is not the company.
    static let indexWords: Set<String> = ["100", "500", "composite", "index", "indices", "industrial", "industrials",
                                          "average", "futures", "benchmark", "biotechnology", "transportation",
                                          // "Dow Jones" is the index (or its publisher), never Dow Inc.
                                          "jones"]

    static func namesAnIndex(after end: Int, toks: [Token]) -> Bool {
        end < toks.count && indexWords.contains(toks[end].lower)
    }

    static let exchanges: Set<String> = ["nasdaq", "nyse", "amex", "otc", "cboe", "nysearca", "nysemkt", "lse", "tsx", "xetra", "otcqx", "otcmkts"]
    static let legalSuffixes: Set<String> = ["inc", "corp", "corporation", "co", "company", "ltd", "plc", "holdings", "group", "llc", "incorporated", "n.v", "ag", "sa", "se"]
    /// Words that, right after a sentence-initial ambiguous name, mark it as the company.
    static let strongNext: Set<String> = [
        "said", "says", "reported", "reports", "posted", "posts", "announced", "announces", "unveiled",
        "unveils", "launched", "launches", "shares", "stock", "ceo", "raised", "raises", "cut", "cuts",
        "beat", "beats", "missed", "misses", "agreed", "agrees", "plans", "sued", "sues", "acquired",
        "acquires", "shed", "sheds", "hired", "hires", "fired", "expects", "forecast", "forecasts",
        "warned", "warns", "rose", "fell", "jumped", "slid", "gained", "dropped", "surged", "tumbled",
        "executives", "investors", "shareholders", "earnings", "revenue", "stores", "confirmed",
        "denied", "declined", "recalled", "recalls", "settled", "settles", "lost", "won", "wins",
        "spokesperson", "spokesman", "spokeswoman", "chief", "board", "filed", "files", "opened",
        "closed", "delayed", "introduced", "released", "releases", "stock's", "inc", "corp",
    ]
    /// Words that make a company reading of a nearby ambiguous name likely.
    static let companyCues: Set<String> = strongNext.union([
        "ceo", "cfo", "chief", "executive", "executives", "company", "company's", "companies", "firm",
        "shares", "share", "stock", "stocks", "investors", "analysts", "analyst", "earnings",
        "revenue", "revenues", "profit", "profits", "quarter", "quarterly", "sales", "nasdaq", "nyse",
        "rival", "rivals", "competitor", "competitors", "retailer", "maker", "giant", "brand",
        "customers", "deal", "acquisition", "merger", "lawsuit", "valuation", "dividend", "guidance",
        "outlook", "ipo", "iphone", "iphones", "ipad", "mac", "app", "apps", "software", "chips",
        "smartphone", "smartphones", "airline", "flights", "stores", "store", "subsidiary", "unit",
        "headquarters", "headquartered", "employees", "workers", "layoffs", "buyback", "downgraded",
        "upgraded", "antitrust", "regulators", "payments", "card", "cards", "network", "database",
        "cloud", "tech", "technology", "utility", "shareholders", "board", "spokesperson",
        "spokesman", "spokeswoman", "contract", "partnership", "acquire", "bid", "rating",
        "ticker", "listed", "market", "billion", "million", "retail", "supplier", "suppliers",
    ])
}
