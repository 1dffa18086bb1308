import WirescoreEntities

/// Everything the sentence scorer knows about one word, gathered from every word list.
///
/// The scorer used to ask about ten separate dictionaries per token (VADER, financial valences,
/// quantities, directions, boosters, negations, ...), and hashing dominated its time. The lists are
/// now merged at start-up into one ``WordTable`` and each token is looked up once per text.
struct WordInfo: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt32
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

/// One open-addressing hash table from lowercased word to ``WordInfo``, built once from all lists.
///
/// FNV-1a over the UTF-8 bytes replaces Swift's seeded SipHash: the keys are fixed at start-up and
/// not attacker-chosen in a way that matters (a collision costs a probe, never correctness).
/// Immutable after construction and `Sendable`; ``shared`` is the process-wide instance.
struct WordTable: Sendable {
    private var keys: [String]
    private var values: [WordInfo]
    private var slots: [Int32]
    private var mask: Int

    static let shared = WordTable(entries: WordTable.mergedEntries())

    init(entries: [String: WordInfo]) {
        var cap = 16
        while cap < entries.count * 2 { cap <<= 1 }
        mask = cap - 1
        slots = [Int32](repeating: -1, count: cap)
        keys = []; values = []
        keys.reserveCapacity(entries.count); values.reserveCapacity(entries.count)
        for (k, v) in entries.sorted(by: { $0.key < $1.key }) {
            var s = Int(Self.hash(k)) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(keys.count)
            keys.append(k); values.append(v)
        }
    }

    @inline(__always) static func hash(_ s: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in s.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The entry for a lowercased word, or nil.
    @inline(__always) func lookup(_ word: String) -> WordInfo? {
        var s = Int(Self.hash(word)) & mask
        while true {
            let k = slots[s]
            if k < 0 { return nil }
            if keys[Int(k)] == word { return values[Int(k)] }
            s = (s + 1) & mask
        }
    }

    /// The entry for every token of a text (empty info for unknown words and punctuation);
    /// "n't" contractions are negations even when not listed.
    func infos(_ tokens: [Token]) -> [WordInfo] {
        var out = [WordInfo](repeating: WordInfo(), count: tokens.count)
        tokens.withUnsafeBufferPointer { toks in
            for k in toks.indices where toks[k].kind == .word {
                if let v = lookup(toks[k].lower) {
                    out[k] = v
                } else if Self.endsWithNT(toks[k].lower) {
                    out[k].flags.insert(.negation)
                }
            }
        }
        return out
    }

    /// "n't" at the end (the tokenizer turns a typographic apostrophe inside a word into "'").
    @inline(__always) static func endsWithNT(_ w: String) -> Bool {
        var a: UInt8 = 0, b: UInt8 = 0, c: UInt8 = 0
        for x in w.utf8 { a = b; b = c; c = x }
        return a == 0x6E && b == 0x27 && c == 0x74
    }

    /// Merges the VADER lexicon and the financial lists into one entry per word.
    static func mergedEntries() -> [String: WordInfo] {
        var d: [String: WordInfo] = [:]
        d.reserveCapacity(9000)
        for line in vaderLexiconData.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t"), let v = Double(line[line.index(after: tab)...]) else { continue }
            var e = WordInfo()
            e.vader = v; e.flags.insert(.inVader)
            d[String(line[..<tab])] = e
        }
        for list in [FinancialLexicon.neutralInBusiness, FinancialLexicon.words, FinancialLexicon.growthEvents, FinancialLexicon.setbackEvents] {
            for (w, v) in list { d[w, default: WordInfo()].financial = v; d[w]?.flags.insert(.hasFinancial) }
        }
        for (w, v) in FinancialLexicon.quantities { d[w, default: WordInfo()].quantity = Int8(v) }
        for (w, v) in FinancialLexicon.directions { d[w, default: WordInfo()].direction = Int8(v) }
        for (w, v) in FinancialLexicon.beatWords { d[w, default: WordInfo()].beat = Int8(v) }
        for (w, v) in Lexicon.boosters { d[w, default: WordInfo()].booster = v; d[w]?.flags.insert(.isBooster) }
        func flag(_ words: some Sequence<String>, _ f: WordInfo.Flags) {
            for w in words { d[w, default: WordInfo()].flags.insert(f) }
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
        flag(["fell"], .fell)
        flag(["least"], .least)
        flag(["at", "very"], .atOrVery)
        flag(["no"], .no)
        flag(["never"], .never)
        flag(["so", "this"], .soOrThis)
        return d
    }
}
