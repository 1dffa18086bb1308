/// Finds gazetteer entities in text in one left-to-right pass over its tokens.
///
/// Names go through a token trie (longest match wins), `$cashtags` and exchange-qualified tickers
/// through a ticker table. Candidates then pass false-positive guards:
/// - a name starting with a capital must be capitalised in the text; an all-caps alias ("AWS",
///   "GE") must be all caps;
/// - a single-word alias that is also an ordinary word or person's name (Apple, Target, Ford) needs
///   a cue: a legal suffix, a possessive, a company word nearby (shares, CEO, said, ...), a ticker of
///   the same entity in the sentence, or a stronger mention of the entity elsewhere in the text;
/// - tickers that are words (A, ALL, IT, NOW) count only as `$cashtags` or exchange-qualified;
/// - a small company whose name is a word or a person's name ("Root", "Dave", "Main Street")
///   needs strong evidence: a legal suffix, a wire code (`<ROOT.O>`) or exchange mention after
///   it, or a stronger mention of it elsewhere in the text;
/// - a proper-name alias (Hilton, Ford) right after another capitalised word mid-sentence is
///   someone or somewhere else ("Paris Hilton").
/// Reuters wire codes (`<AAPL.O>`, `(SHEL.L)`) and hyphenated pairs ("Microsoft-OpenAI") are
/// mentions too. A word name next to another company in a list ("Boeing, Target and Oracle") or
/// followed by a product or unit name ("Oracle Cloud") counts as cued.
///
/// Immutable after `init`; share one matcher across tasks.
public struct EntityMatcher: Sendable {
    public let gazetteer: Gazetteer

    struct Terminal: Sendable {
        var entity: Int; var ambiguous: Bool; var allCaps: Bool; var capitalized: Bool
        /// Needs strong evidence (see ``GazetteerEntity/strongEvidenceAliases``).
        var strong: Bool = false
        /// A proper name: refused right after another capitalised word mid-sentence.
        var proper: Bool = false
        /// How doubtful a match is; a shared alias goes to the least doubtful entity.
        var doubt: Int { strong ? 3 : ambiguous ? 2 : proper ? 1 : 0 }
    }

    /// What the matcher knows about one word of its vocabulary (alias words, tickers, cue words).
    struct Word: Sendable {
        struct Flags: OptionSet, Sendable {
            let rawValue: UInt8
            static let exchange = Flags(rawValue: 1)
            static let legalSuffix = Flags(rawValue: 2)
            static let strongNext = Flags(rawValue: 4)
            static let companyCue = Flags(rawValue: 8)
            static let indexWord = Flags(rawValue: 16)
            static let productNext = Flags(rawValue: 32)
        }
        var flags: Flags = []
        /// The entity whose ticker this word is, or -1.
        var ticker: Int32 = -1
        /// The trie node reached from the root along this word, or -1.
        var rootChild: Int32 = -1
    }

    /// Every word the matcher looks at; each token of a text is probed once.
    var vocabulary: WordIndex
    var words: [Word]
    /// Trie edges below the root, keyed by (node, vocabulary index).
    var edges: TrieEdges
    /// Per trie node, the name that ends there (if any).
    var terminals: [Terminal?]
    /// First words of names written in lowercase ("eBay" -> "ebay") and exchange words: the only
    /// uncapitalised tokens that can begin a mention.
    var lowercaseStarts: WordIndex

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        var vocabulary = WordIndex([String]())
        var words: [Word] = []
        func word(_ w: String) -> Int {
            let i = vocabulary.insert(w)
            if i == words.count { words.append(Word()) }
            return i
        }
        // Edges while building: the root's by word, the others in one table keyed by (node, word)
        // (a dictionary per node cost a third of the matcher's start-up at 6,000 companies).
        var rootChildren: [Int: Int32] = [:]
        var edgeMap: [UInt64: Int32] = [:]
        var nodeCount: Int32 = 1
        var lowercaseStarts = WordIndex(Self.exchanges)
        var terminals: [Terminal?] = [nil]
        var scratch = Tokenizer.Result()
        for (index, e) in gazetteer.entities.enumerated() {
            var names = e.aliases
            // The display name is an alias unless the generator left it out on purpose (taken by a
            // larger company, or a bare word): entities from a file always list it.
            if names.isEmpty { names = [e.name] }
            // Small arrays (mostly empty): a Set per entity cost more to build than these lookups.
            let strong = e.strongEvidenceAliases, proper = e.properNameAliases, wordNames = e.wordAliases
            for alias in names {
                Tokenizer.tokenize(alias, into: &scratch)
                let r = scratch
                guard let first = r.tokens.first else { continue }
                var node: Int32 = 0
                for k in r.tokens.indices {
                    let w = word(r.lower(k))
                    let key = TrieEdges.key(node, w)
                    if let next = node == 0 ? rootChildren[w] : edgeMap[key] { node = next } else {
                        terminals.append(nil)
                        let next = nodeCount
                        nodeCount += 1
                        if node == 0 { rootChildren[w] = next } else { edgeMap[key] = next }
                        node = next
                    }
                }
                let term = Terminal(entity: index, ambiguous: wordNames.contains(alias) && !first.isAllCaps,
                                    allCaps: first.isAllCaps, capitalized: first.isCapitalized || first.kind == .number,
                                    strong: strong.contains(alias), proper: proper.contains(alias))
                if !term.capitalized && !term.allCaps { lowercaseStarts.insert(r.lower(0)) }
                // The first entity keeps a shared alias, unless a later one is less doubtful.
                if let old = terminals[Int(node)], !(old.doubt > term.doubt) { continue }
                terminals[Int(node)] = term
            }
            for t in e.tickers {
                let w = word(t.lowercased())
                if words[w].ticker < 0 { words[w].ticker = Int32(index) }
            }
        }
        for (w, child) in rootChildren { words[w].rootChild = child }
        for (list, flag) in [(Self.exchanges, Word.Flags.exchange), (Self.legalSuffixes, .legalSuffix),
                             (Self.strongNext, .strongNext), (Self.companyCues, .companyCue), (Self.indexWords, .indexWord),
                             (Self.productNext, .productNext)] {
            for w in list { words[word(w)].flags.insert(flag) }
        }
        self.vocabulary = vocabulary
        self.words = words
        self.terminals = terminals
        self.lowercaseStarts = lowercaseStarts
        edges = TrieEdges(edgeMap)
    }

    struct Candidate {
        var mention: EntityMention; var ambiguous: Bool; var cued: Bool
        /// Needs strong evidence: never cued by a list or nearby words, only established elsewhere.
        var strong = false
    }

    /// Marks every token "not looked up yet" (-2); ``word(_:_:_:)`` fills entries on demand.
    func resetEntries(_ text: Tokenizer.Result, into out: inout [Int32]) {
        // Resized by the difference and overwritten in place (emptying and refilling through the
        // generic append showed in profiles).
        let count = text.tokens.count
        if out.count > count {
            out.removeLast(out.count - count)
        } else if out.count < count {
            out.append(contentsOf: repeatElement(-2, count: count - out.count))
        }
        out.withUnsafeMutableBufferPointer { $0.update(repeating: -2) }
    }

    /// Token `k`'s vocabulary word, looked up once and remembered in `entry` (-1: unknown).
    @inline(__always) func word(_ text: Tokenizer.Result, _ k: Int, _ entry: inout [Int32]) -> Word? {
        var e = entry[k]
        if e == -2 {
            e = vocabulary.mayContain(hash: text.tokens[k].hash) ? vocabulary.index(text, k).map(Int32.init) ?? -1 : -1
            entry[k] = e
        }
        return e >= 0 ? words[Int(e)] : nil
    }

    /// Whether token `k` can begin a mention: a capitalised word, a number ("3M"), a cashtag, or
    /// one of the few lowercase-initial names and exchange words. Other tokens (most of any
    /// text) are never looked up unless they sit next to a candidate.
    @inline(__always) func mayStart(_ text: Tokenizer.Result, _ k: Int) -> Bool {
        let t = text.tokens[k]
        if t.isCapitalized || t.kind == .number || t.kind == .cashtag { return true }
        return t.kind == .word && lowercaseStarts.mayContain(hash: t.hash) && lowercaseStarts.contains(text, k)
    }

    /// All accepted mentions in `text`, in text order.
    public func mentions(in text: Tokenizer.Result) -> [EntityMention] {
        var scratch: [Int32] = []
        return mentions(in: text, scratch: &scratch)
    }

    /// ``mentions(in:)`` with a caller-kept buffer, so analysing many texts allocates once.
    public func mentions(in text: Tokenizer.Result, scratch entry: inout [Int32]) -> [EntityMention] {
        let toks = text.tokens
        resetEntries(text, into: &entry)
        @inline(__always) func word(_ k: Int) -> Word? { self.word(text, k, &entry) }
        // Fast exit: no token is a name's first word, a ticker, an exchange or a hyphenated pair.
        var any = false
        for k in toks.indices where mayStart(text, k) {
            guard let w = word(k) else {
                if toks[k].kind == .word, text.contains(k, byte: 0x2D) { any = true; break }
                continue
            }
            if w.rootChild >= 0 || w.ticker >= 0 || w.flags.contains(.exchange) { any = true; break }
        }
        if !any { return [] }
        let allCapsText = toks.allSatisfy { !$0.isWord || $0.isAllCaps || $0.kind == .cashtag || $0.lowerCount < 2 }
        var cands: [Candidate] = []
        var i = 0
        while i < toks.count {
            let t = toks[i]
            guard mayStart(text, i) else { i += 1; continue }
            // "<.SPX>", "<.DJI>": a Reuters index code, never a company.
            if i > 1, text.lowerIs(i - 1, "."), text.lowerIs(i - 2, "<") { i += 1; continue }
            guard let w = word(i) else {
                if t.kind == .word, !allCapsText, let code = wireCode(text, i) {
                    cands.append(Candidate(mention: EntityMention(entity: code, tokens: i..<(i + 1), form: .exchange), ambiguous: false, cued: true))
                } else if t.kind == .word, t.isCapitalized, text.contains(i, byte: 0x2D) {
                    cands.append(contentsOf: hyphenatedPair(text, i))
                }
                i += 1; continue
            }
            if t.kind == .cashtag {
                if w.ticker >= 0 { cands.append(Candidate(mention: EntityMention(entity: Int(w.ticker), tokens: i..<(i + 1), form: .cashtag), ambiguous: false, cued: true)) }
                i += 1; continue
            }
            if t.kind == .word, w.flags.contains(.exchange), i + 2 < toks.count, text.lowerIs(i + 1, ":"), toks[i + 2].kind == .word, toks[i + 2].isAllCaps || toks[i + 2].lowerCount == 1 {
                if let tw = word(i + 2), tw.ticker >= 0 {
                    cands.append(Candidate(mention: EntityMention(entity: Int(tw.ticker), tokens: i..<(i + 3), form: .exchange), ambiguous: false, cued: true))
                }
                // "(NASDAQ: CRVN)" names a listing, never the exchange operator itself, even when
                // the ticker is not in the gazetteer.
                i += 3; continue
            }
            // Longest name match through the trie.
            var best: (end: Int, term: Terminal)?
            if w.rootChild >= 0 {
                var node = w.rootChild
                var k = i + 1
                if let term = terminals[Int(node)] { best = (k, term) }
                while k < toks.count, word(k) != nil, let next = edges.child(of: node, Int(entry[k])) {
                    node = next; k += 1
                    if let term = terminals[Int(node)] { best = (k, term) }
                }
            }
            if let (end, term) = best, accepts(term, at: i, toks: toks, allCapsText: allCapsText),
               !namesAnIndex(after: end, text: text, entry: &entry),
               !(term.proper && followsProperName(text, i, end: end, entry: &entry)),
               !((term.ambiguous || term.strong) && followsHonorific(text, i)) {
                let doubtful = term.ambiguous || term.strong
                let cued: Bool
                if term.strong {
                    cued = hasStrongCue(start: i, end: end, text: text, entry: &entry)
                } else {
                    cued = !term.ambiguous || hasCue(at: i, end: end, text: text, entry: &entry, sentenceStart: startsSentence(text, i), entity: term.entity)
                }
                cands.append(Candidate(mention: EntityMention(entity: term.entity, tokens: i..<end, form: .name), ambiguous: doubtful, cued: cued, strong: term.strong))
                i = end; continue
            }
            if t.kind == .word, !allCapsText, let code = wireCode(text, i) {
                cands.append(Candidate(mention: EntityMention(entity: code, tokens: i..<(i + 1), form: .exchange), ambiguous: false, cued: true))
                i += 1; continue
            }
            if t.kind == .word, t.isAllCaps, !allCapsText, w.ticker >= 0, !gazetteer.entities[Int(w.ticker)].tickerIsWord {
                cands.append(Candidate(mention: EntityMention(entity: Int(w.ticker), tokens: i..<(i + 1), form: .ticker), ambiguous: false, cued: true))
            }
            i += 1
        }
        cueListedCompanies(&cands, text: text)
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
            if s > 0, toks[s - 1].kind == .word, toks[s - 1].isCapitalized, !allCapsText,
               !startsSentence(text, s - 1), sentence(of: s - 1, in: text) == sentence(of: s, in: text) { continue }
            out.append(c.mention)
        }
        return out
    }

    /// A word name in a list with another company ("Boeing, Target and Oracle fell", "Google
    /// Cloud, and Oracle Cloud") is a company too: an uncued candidate next to a cued one, with
    /// only a comma, "and", "or", "&" or "/" between them, becomes cued (repeated along the list).
    func cueListedCompanies(_ cands: inout [Candidate], text: Tokenizer.Result) {
        guard cands.count > 1, cands.contains(where: { !$0.cued && !$0.strong }) else { return }
        func joined(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
            guard a.upperBound <= b.lowerBound, b.lowerBound - a.upperBound <= 3 else { return false }
            var k = a.upperBound
            // The rest of a product or unit name may sit between ("Google Cloud, and Oracle").
            while k < b.lowerBound, text.tokens[k].kind == .word, text.tokens[k].isCapitalized, k - a.upperBound < 1 { k += 1 }
            var sawJoiner = false
            while k < b.lowerBound {
                guard text.lowerIs(k, ",") || text.lowerIs(k, "and") || text.lowerIs(k, "or") || text.lowerIs(k, "&") || text.lowerIs(k, "/") else { return false }
                sawJoiner = true; k += 1
            }
            return sawJoiner
        }
        var changed = true
        while changed {
            changed = false
            for n in cands.indices where !cands[n].cued && !cands[n].strong {
                let me = cands[n].mention.tokens
                let left = n > 0 && cands[n - 1].cued && joined(cands[n - 1].mention.tokens, me)
                let right = n + 1 < cands.count && cands[n + 1].cued && joined(me, cands[n + 1].mention.tokens)
                if left || right { cands[n].cued = true; changed = true }
            }
        }
    }

    /// Whether a proper-name alias at `i` sits next to another capitalised word ("Paris Hilton",
    /// "Harrison Ford", "Tim Quinlan"): then it is part of someone's or somewhere's name.
    func followsProperName(_ text: Tokenizer.Result, _ i: Int, end: Int, entry: inout [Int32]) -> Bool {
        if followsHonorific(text, i) { return true }
        // "Tim Quinlan", "Hilton Head": a first name or place before another capitalised word.
        if end == i + 1, i + 1 < text.tokens.count, text.tokens[i + 1].kind == .word, text.tokens[i + 1].isCapitalized,
           !text.tokens[i + 1].isAllCaps, word(text, i + 1, &entry).map({ $0.flags.contains(.productNext) || $0.flags.contains(.strongNext) }) != true {
            return true
        }
        guard i > 0 else { return false }
        let p = text.tokens[i - 1]
        guard p.kind == .word, p.isCapitalized, !p.isAllCaps else { return false }
        // "The", "In", "After": capitalised by grammar at a sentence start, not a name.
        if startsSentence(text, i - 1), Self.functionWords.contains(text.lower(i - 1)) { return false }
        return word(text, i - 1, &entry)?.flags.contains(.companyCue) != true
    }

    static let functionWords: Set<String> = ["the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his",
                                              "her", "in", "at", "on", "for", "by", "with", "from", "as", "and", "but", "or",
                                              "when", "while", "after", "before", "since", "if", "shares", "rival", "like", "unlike",
                                              "both", "neither", "only", "even", "meanwhile", "also", "then", "so", "still"]

    /// Whether "Mr.", "Ms.", "Mrs." or "Dr." comes right before token `i` ("Mr. Gates said").
    func followsHonorific(_ text: Tokenizer.Result, _ i: Int) -> Bool {
        var k = i - 1
        if k >= 0, text.lowerIs(k, ".") { k -= 1 }
        guard k >= 0 else { return false }
        return text.lowerIs(k, "mr") || text.lowerIs(k, "ms") || text.lowerIs(k, "mrs") || text.lowerIs(k, "dr")
    }

    /// Strong evidence right after a name that needs it: a legal suffix ("Root Inc"), a wire code
    /// ("Root <ROOT.O>") or an exchange mention ("Root (NASDAQ: ROOT)").
    func hasStrongCue(start: Int, end: Int, text: Tokenizer.Result, entry: inout [Int32]) -> Bool {
        let toks = text.tokens
        // The matched name carries its legal form ("Polaris Inc.").
        for k in (start + 1)..<end where word(text, k, &entry)?.flags.contains(.legalSuffix) == true { return true }
        guard end < toks.count else { return false }
        if word(text, end, &entry)?.flags.contains(.legalSuffix) == true { return true }
        if text.lowerIs(end, "<") || text.lowerIs(end, "("), end + 1 < toks.count {
            if word(text, end + 1, &entry)?.flags.contains(.exchange) == true { return true }
            if toks[end + 1].kind == .word, wireCode(text, end + 1) != nil { return true }
        }
        return false
    }

    /// The entity a Reuters instrument code names: `<AAPL.O>`, `(TGT.N)`, `<SHEL.L>`, `<BRKb.N>`.
    /// US venue suffixes (.O .OQ .N .K .A .P .Z) are read as the US ticker; other suffixes as a
    /// home listing ("SHEL.L", "7203.T"). Only inside `<...>` or `(...)`, and only when the code
    /// has a venue suffix, so an ordinary word in brackets is never read as a ticker.
    func wireCode(_ text: Tokenizer.Result, _ k: Int) -> Int? {
        let toks = text.tokens
        guard k > 0, k + 1 < toks.count else { return nil }
        let open = text.lowerIs(k - 1, "<"), paren = text.lowerIs(k - 1, "(")
        guard open && text.lowerIs(k + 1, ">") || paren && text.lowerIs(k + 1, ")") else { return nil }
        guard text.contains(k, byte: 0x2E), toks[k].lowerCount <= 16 else { return nil }
        let raw = text.lower(k)
        guard let dot = raw.lastIndex(of: ".") else { return nil }
        let base = String(raw[..<dot]), venue = String(raw[raw.index(after: dot)...])
        guard !base.isEmpty, !venue.isEmpty, venue.count <= 2 else { return nil }
        func entity(_ key: String) -> Int? {
            guard let v = vocabulary.index(of: key), words[v].ticker >= 0 else { return nil }
            return Int(words[v].ticker)
        }
        if Self.usVenues.contains(venue) {
            if let e = entity(base) { return e }
            // Reuters writes share classes in lowercase: "BRKb" for BRK.B.
            if base.count > 1, let last = base.last {
                if let e = entity(String(base.dropLast()) + "." + String(last)) { return e }
            }
            return nil
        }
        return entity(raw)
    }
    static let usVenues: Set<String> = ["o", "oq", "n", "k", "a", "p", "z", "pk"]

    /// The companies of a hyphenated pair ("Microsoft-OpenAI", "Apple-Google"): each part that is
    /// a whole name on its own. A word name needs the other part to be a company too.
    func hyphenatedPair(_ text: Tokenizer.Result, _ k: Int) -> [Candidate] {
        let raw = text.lower(k)
        let parts = raw.split(separator: "-")
        guard parts.count == 2 else { return [] }
        var found: [(Terminal)] = []
        for part in parts {
            guard let v = vocabulary.index(of: String(part)), words[v].rootChild >= 0,
                  let term = terminals[Int(words[v].rootChild)], !term.strong, !term.allCaps || part.count <= 5 else { continue }
            found.append(term)
        }
        guard !found.isEmpty, found.count == 2 || !found[0].ambiguous else { return [] }
        return found.map { Candidate(mention: EntityMention(entity: $0.entity, tokens: k..<(k + 1), form: .name), ambiguous: false, cued: true) }
    }

    /// The sentence holding token `k`, by binary search over the sentence ranges (which cover
    /// every token): only a few candidates ask, and per-token arrays built for every text with a
    /// candidate showed in profiles.
    func sentence(of k: Int, in text: Tokenizer.Result) -> Int {
        var lo = 0, hi = text.sentences.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if text.sentences[mid].lowerBound <= k { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Whether token `k` is the first word of its sentence (after opening quotes and other
    /// punctuation): capitalised by grammar, not as a name.
    func startsSentence(_ text: Tokenizer.Result, _ k: Int) -> Bool {
        let r = text.sentences[sentence(of: k, in: text)]
        var j = r.lowerBound
        while j < r.upperBound, text.tokens[j].kind == .punct { j += 1 }
        return j == k
    }

    func accepts(_ term: Terminal, at i: Int, toks: [Token], allCapsText: Bool) -> Bool {
        let t = toks[i]
        if term.allCaps { return t.isAllCaps || (t.lowerCount == 1 && t.isCapitalized) }
        if term.capitalized { return t.isCapitalized || t.kind == .number }
        return true
    }

    /// Whether an ambiguous single-word name at `i..<end` has a company cue around it.
    func hasCue(at i: Int, end: Int, text: Tokenizer.Result, entry: inout [Int32], sentenceStart: Bool, entity: Int) -> Bool {
        let toks = text.tokens
        func has(_ k: Int, _ f: Word.Flags) -> Bool { word(text, k, &entry)?.flags.contains(f) ?? false }
        // Part of a longer proper name ("Harrison Ford", "Target Field"): no.
        if i > 0, toks[i - 1].kind == .word, toks[i - 1].isCapitalized, !sentenceStart, !has(i - 1, .companyCue) { return false }
        if end < toks.count {
            let next = toks[end]
            if has(end, .legalSuffix) { return true }
            if next.kind == .word, next.isCapitalized, !next.isAllCaps {
                // "Oracle Cloud", "Apple Music": a product or unit name says company; any other
                // capitalised word makes a longer name ("Chase Elliott", "Target Field").
                return has(end, .productNext)
            }
            if text.lowerIs(end, "("), end + 3 < toks.count, has(end + 1, .exchange) { return true }
            if text.lowerIs(end, "<") || text.lowerIs(end, "("), end + 1 < toks.count, toks[end + 1].kind == .word,
               wireCode(text, end + 1) != nil { return true }
            if sentenceStart {
                // "Apple pie", "Target prices", "Delta variant": a sentence-initial word followed by
                // a lowercase noun is a compound, unless that word is itself a company cue.
                if next.kind == .word, !text.lowerIs(end, "'s"), !text.lowerIs(end, "and"), !text.lowerIs(end, "or") {
                    return has(end, .companyCue)
                }
            } else if text.lowerIs(end, "'s") {
                return true
            }
        }
        // A company word within four tokens before or six after, inside the same sentence.
        let lo = max(0, i - 4), hi = min(toks.count, end + 7)
        for k in lo..<hi where k < i || k >= end {
            let w = toks[k]
            if w.kind == .punct, text.lowerIs(k, ".") || text.lowerIs(k, ";") { if k < i { continue } else { break } }
            if has(k, .companyCue) { return true }
            if w.kind == .cashtag, word(text, k, &entry)?.ticker == Int32(entity) { return true }
        }
        return false
    }

    /// Words that turn a company or exchange name into the name of a market index or gauge
    /// ("Nasdaq 100", "Nasdaq Composite", "S&P 500 index"): the index is not the company.
    static let indexWords: Set<String> = ["100", "500", "composite", "index", "indices", "industrial", "industrials",
                                          "average", "futures", "benchmark", "biotechnology", "transportation",
                                          "e-mini", "e-minis",
                                          // "Dow Jones" is the index (or its publisher), never Dow Inc.
                                          "jones"]

    func namesAnIndex(after end: Int, text: Tokenizer.Result, entry: inout [Int32]) -> Bool {
        // "the Nasdaq <.IXIC>": a Reuters index code after the name.
        if end + 1 < entry.count, text.lowerIs(end, "<"), text.lowerIs(end + 1, ".") { return true }
        return end < entry.count && word(text, end, &entry)?.flags.contains(.indexWord) == true
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
        // Corporate verbs: what companies do in news copy ("Oracle taps bond market").
        "taps", "tapped", "signed", "signs", "partnered", "partners", "invests", "invested", "bought",
        "buys", "sold", "sells", "builds", "expands", "expanded", "delivered", "ships", "shipped",
        "pays", "paid", "owns", "offers", "offered", "employs", "named", "appointed", "debuted",
        "integrates", "integrated", "acquire", "reorganizes", "restructures", "lays", "laid",
        "slashed", "slashes", "trimmed", "boosted", "boosts", "lifted", "lifts", "lowered", "lowers",
        "reaffirmed", "reiterated", "trades", "traded", "listed", "priced", "inked", "struck",
        "topped", "tops", "overtook", "plunged", "slumped", "soared", "rallied", "climbed", "sank",
        "slipped", "dipped", "edged", "advanced", "outperformed", "underperformed", "unveil",
    ]
    /// Capitalised words that, right after a word name, make it a product or unit of the company
    /// ("Oracle Cloud", "Apple Pay", "Target Circle" is not listed: a loyalty scheme is rare news).
    static let productNext: Set<String> = [
        "cloud", "music", "pay", "store", "tv", "watch", "maps", "search", "ads", "studios", "pictures",
        "prime", "wallet", "intelligence", "vision", "airlines", "airways", "securities", "ventures",
        "labs", "research", "capital", "energy", "pharma", "pharmaceuticals", "motors", "networks",
        "systems", "software", "semiconductor", "semiconductors", "therapeutics", "biosciences",
        "devices", "platforms", "database", "games", "entertainment", "foods", "brands", "financial",
        "services", "solutions", "technologies", "resources", "bancorp", "bank", "insurance",
        "assurance", "health", "healthcare", "realty", "properties", "logistics", "airline",
        "automotive", "mobility", "robotics", "cruise", "cruises", "hotels", "resorts", "stores", "air",
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
