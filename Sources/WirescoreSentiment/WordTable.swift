import WirescoreEntities

/// Everything the sentence scorer knows about one word, gathered from every word list.
///
/// The scorer used to ask about ten separate dictionaries per token (VADER, financial valences,
/// quantities, directions, boosters, negations, ...), and hashing dominated its time. The lists are
/// now merged at start-up into one ``WordTable`` and each token is looked up once per text.
struct WordInfo: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt64
        static let inVader = Flags(rawValue: 1 << 0)
        static let hasFinancial = Flags(rawValue: 1 << 1)
        static let absoluteDirection = Flags(rawValue: 1 << 2)
        static let negation = Flags(rawValue: 1 << 3)
        static let winVerb = Flags(rawValue: 1 << 4)
        static let businessNoun = Flags(rawValue: 1 << 5)
        static let estimate = Flags(rawValue: 1 << 6)
        static let comparisonMarker = Flags(rawValue: 1 << 7)
        /// Ends the forward search from a quantity for its direction: but, while, whereas, and.
        static let pairStop = Flags(rawValue: 1 << 8)
        /// but, however: the clause after it outweighs the one before.
        static let contrast = Flags(rawValue: 1 << 9)
        /// lay, laid, laying, lays (+ "off": job cuts).
        static let layVerb = Flags(rawValue: 1 << 10)
        static let off = Flags(rawValue: 1 << 11)
        static let fell = Flags(rawValue: 1 << 12)
        static let least = Flags(rawValue: 1 << 13)
        static let atOrVery = Flags(rawValue: 1 << 14)
        static let no = Flags(rawValue: 1 << 15)
        static let never = Flags(rawValue: 1 << 16)
        static let soOrThis = Flags(rawValue: 1 << 17)
        static let isBooster = Flags(rawValue: 1 << 18)
        /// but, while: the backward search from a quantity stops here.
        static let backStop = Flags(rawValue: 1 << 19)
        /// A company or its shares as the subject of a move ("shares", "stock").
        static let stockNoun = Flags(rawValue: 1 << 20)
        /// Opens or builds a site ("opened a new plant"); closes one ("will close two stores").
        static let siteOpener = Flags(rawValue: 1 << 21)
        static let siteCloser = Flags(rawValue: 1 << 22)
        static let site = Flags(rawValue: 1 << 23)
        /// Ends a clause for entity and target scoring: ; , : dashes, but/while/whereas/as/after/though.
        static let clauseBreak = Flags(rawValue: 1 << 24)
        /// A role before a person's name ("CEO Jane Doe"): coreference by surname.
        static let title = Flags(rawValue: 1 << 25)
        /// "the company", "the bank": coreference to the last entity.
        static let companyNoun = Flags(rawValue: 1 << 26)
        static let its = Flags(rawValue: 1 << 27)
        static let it = Flags(rawValue: 1 << 28)
        static let the = Flags(rawValue: 1 << 29)
        /// "(" and ";" for figure comparisons.
        static let openParen = Flags(rawValue: 1 << 30)
        static let semicolon = Flags(rawValue: 1 << 31)
        /// A verb of market movement ("rises", "sank"): scored even without a named quantity.
        static let moveVerb = Flags(rawValue: 1 << 32)
        /// Profit and loss words: each is the other's opposite in a figure comparison.
        static let polarPair = Flags(rawValue: 1 << 33)
        /// A legal or regulatory threat ("lawsuit", "probe") and what makes it go away ("dismissed").
        static let legalNoun = Flags(rawValue: 1 << 34)
        static let clearVerb = Flags(rawValue: 1 << 35)
        /// "hit", "hurt", "dented" (+ "by"): harmed by something.
        static let hitVerb = Flags(rawValue: 1 << 36)
        /// "high", "low" and what makes them a price extreme ("record", "all-time").
        static let extreme = Flags(rawValue: 1 << 37)
        static let extremeMarker = Flags(rawValue: 1 << 38)
        /// A target or forecast of another quantity ("deficit target"): it moves with that quantity.
        static let yardstick = Flags(rawValue: 1 << 39)
    }

    /// VADER valence (-4...4); meaningful when `flags` has `.inVader`.
    var vader: Double = 0
    /// Financial valence that replaces VADER's; meaningful when `flags` has `.hasFinancial`.
    var financial: Double = 0
    /// Booster (+0.293) or dampener (-0.293); meaningful with `.isBooster`.
    var booster: Double = 0
    /// +1 up is good (profit), -1 up is bad (costs), 0 not a quantity.
    var quantity: Int8 = 0
    /// +1 up, -1 down, 0 not a direction.
    var direction: Int8 = 0
    /// +1 beat, -1 miss, 0 neither ("beat estimates", "missed forecasts").
    var beat: Int8 = 0
    var flags: Flags = []

    @inline(__always) func has(_ f: Flags) -> Bool { flags.contains(f) }
}

/// Each token's ``WordInfo`` as an index into the word table's entries: four bytes per token
/// instead of a forty-byte copy (filling per-token copies showed in profiles).
struct TokenInfos {
    var entries: [Int32] = []
    var values: [WordInfo]
    init(values: [WordInfo] = []) { self.values = values }
    @inline(__always) subscript(k: Int) -> WordInfo { values[Int(entries[k])] }
}

/// One table from lowercased word (or punctuation mark) to ``WordInfo``, built once from all lists.
///
/// Keys sit in a ``WordIndex`` probed with each token's precomputed hash and bytes, so scoring a
/// text makes no String per token. Immutable after construction and `Sendable`; ``shared`` is the
/// process-wide instance.
struct WordTable: Sendable {
    private var index: WordIndex
    private var values: [WordInfo]

    static let shared = WordTable.merged()

    /// Collects entries word by word (the merged lists touch one word many times).
    struct Builder {
        var index = WordIndex([String]())
        var values: [WordInfo] = []
        mutating func update(_ w: String, _ change: (inout WordInfo) -> Void) {
            let i = index.insert(w)
            if i == values.count { values.append(WordInfo()) }
            change(&values[i])
        }
    }

    init(_ b: Builder) {
        index = b.index
        // Two fixed entries first: 0 for unknown words, 1 for unlisted "n't" negations.
        var negation = WordInfo()
        negation.flags.insert(.negation)
        values = [WordInfo(), negation] + b.values
    }

    /// The entry for a lowercased word, or nil.
    func lookup(_ word: String) -> WordInfo? {
        index.index(of: word).map { values[$0 + 2] }
    }

    /// The entry for every token of a text (empty info for unknown words); "n't" contractions are
    /// negations even when not listed.
    func infos(_ text: Tokenizer.Result) -> TokenInfos {
        var out = TokenInfos(values: values)
        infos(text, into: &out)
        return out
    }

    /// ``infos(_:)`` into a caller-kept buffer.
    func infos(_ text: Tokenizer.Result, into out: inout TokenInfos) {
        // A kept buffer already holds this table's values (assigning them per text was a retain
        // and release per text) and usually about the right number of entries: only the
        // difference is added or dropped, and every entry is written below (filling a fresh
        // array with zeros first showed in profiles).
        if out.values.withUnsafeBufferPointer({ $0.baseAddress }) != values.withUnsafeBufferPointer({ $0.baseAddress }) {
            out.values = values
        }
        let count = text.tokens.count
        if out.entries.count > count {
            out.entries.removeLast(out.entries.count - count)
        } else if out.entries.count < count {
            out.entries.append(contentsOf: repeatElement(0, count: count - out.entries.count))
        }
        text.lowerBytes.withUnsafeBufferPointer { bytes in
            out.entries.withUnsafeMutableBufferPointer { out in
                text.tokens.withUnsafeBufferPointer { toks in
                    for k in toks.indices {
                        let t = toks[k]
                        var e: Int32 = 0
                        if t.kind == .word || t.kind == .punct {
                            let w = UnsafeBufferPointer(rebasing: bytes[t.lowerStart..<(t.lowerStart + Int(t.lowerCount))])
                            if index.mayContain(hash: t.hash), let i = index.index(hash: t.hash, w) {
                                e = Int32(i + 2)
                            } else if t.kind == .word, Self.endsWithNT(w) {
                                e = 1
                            }
                        }
                        out[k] = e
                    }
                }
            }
        }
    }

    /// "n't" at the end (the tokenizer turns a typographic apostrophe inside a word into "'").
    @inline(__always) static func endsWithNT(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = w.count
        return c >= 3 && w[c - 3] == 0x6E && w[c - 2] == 0x27 && w[c - 1] == 0x74
    }

    /// Merges the VADER lexicon and the financial lists into one entry per word. Start-up cost
    /// matters for one-shot commands, so the VADER data is read as bytes, not split into Strings.
    static func merged() -> WordTable {
        var d = Builder()
        var data = vaderLexiconData
        data.withUTF8 { u in
            var i = 0
            while i < u.count {
                var tab = i
                while tab < u.count, u[tab] != 0x09, u[tab] != 0x0A { tab += 1 }
                var end = tab
                while end < u.count, u[end] != 0x0A { end += 1 }
                if tab < end, tab > i,
                   let v = Double(String(decoding: UnsafeBufferPointer(rebasing: u[(tab + 1)..<end]), as: UTF8.self)) {
                    let w = String(decoding: UnsafeBufferPointer(rebasing: u[i..<tab]), as: UTF8.self)
                    d.update(w) { $0.vader = v; $0.flags.insert(.inVader) }
                }
                i = end + 1
            }
        }
        for list in [FinancialLexicon.neutralInBusiness, FinancialLexicon.words, FinancialLexicon.growthEvents, FinancialLexicon.setbackEvents] {
            for (w, v) in list { d.update(w) { $0.financial = v; $0.flags.insert(.hasFinancial) } }
        }
        for (w, v) in FinancialLexicon.quantities { d.update(w) { $0.quantity = Int8(v) } }
        for (w, v) in FinancialLexicon.directions { d.update(w) { $0.direction = Int8(v) } }
        for (w, v) in FinancialLexicon.beatWords { d.update(w) { $0.beat = Int8(v) } }
        for (w, v) in Lexicon.boosters { d.update(w) { $0.booster = v; $0.flags.insert(.isBooster) } }
        func flag(_ words: some Sequence<String>, _ f: WordInfo.Flags) {
            for w in words { d.update(w) { $0.flags.insert(f) } }
        }
        flag(FinancialLexicon.absoluteDirections, .absoluteDirection)
        flag(Lexicon.negations, .negation)
        flag(FinancialLexicon.winVerbs, .winVerb)
        flag(FinancialLexicon.businessNouns, .businessNoun)
        flag(FinancialLexicon.estimateWords, .estimate)
        flag(SentenceScorer.comparisonMarkers, .comparisonMarker)
        flag(FinancialLexicon.stockNouns, .stockNoun)
        flag(FinancialLexicon.siteOpeners, .siteOpener)
        flag(FinancialLexicon.siteClosers, .siteCloser)
        flag(FinancialLexicon.sites, .site)
        flag(["but", "while", "whereas", "and"], .pairStop)
        flag(["but", "while"], .backStop)
        flag(["but", "however"], .contrast)
        flag(["lay", "laid", "laying", "lays"], .layVerb)
        flag(["off"], .off)
        flag(["fell", "falls", "fall", "falling", "came", "come", "comes", "coming"], .fell)
        flag(FinancialLexicon.moveVerbs, .moveVerb)
        flag(FinancialLexicon.legalNouns, .legalNoun)
        flag(FinancialLexicon.clearVerbs, .clearVerb)
        flag(["hit", "hits", "hurt", "hurts", "dented", "dents", "weighed", "squeezed", "battered", "buffeted"], .hitVerb)
        flag(["high", "highs", "low", "lows"], .extreme)
        flag(["target", "targets", "forecast", "forecasts", "guidance", "outlook", "goal", "estimate", "estimates"], .yardstick)
        flag(["record", "all-time", "multi-year", "decade", "multiyear", "new"], .extremeMarker)
        flag(["profit", "profits", "loss", "losses", "income", "deficit", "surplus", "gain", "gains"], .polarPair)
        flag(["least"], .least)
        flag(["at", "very"], .atOrVery)
        flag(["no"], .no)
        flag(["never"], .never)
        flag(["so", "this"], .soOrThis)
        flag(TextAnalyzer.clauseBreaks, .clauseBreak)
        flag(TextAnalyzer.titles, .title)
        flag(TextAnalyzer.companyNouns, .companyNoun)
        flag(["its"], .its)
        flag(["it"], .it)
        flag(["the"], .the)
        flag(["("], .openParen)
        flag([";"], .semicolon)
        return WordTable(d)
    }
}
