import WirescoreCore
import WirescoreEntities

/// Tags entities in a text and scores the article, each entity, and an optional target.
///
/// The text is tokenised once; the matcher and the sentence scorer share the tokens. Entity
/// sentiment averages the sentences that mention the entity, directly or by simple coreference
/// ("the company", "its", "the firm" after a mention; a person's surname after "CEO Jane Doe"),
/// weighting the headline double. Immutable and `Sendable`: build one per gazetteer and share it.
public struct TextAnalyzer: Sendable {
    public let matcher: EntityMatcher
    let scorer = SentenceScorer()
    /// |score| below this is "neutral".
    public var neutralBand = 0.25
    /// |score| below this is a "neutral" entity label. Wider than the article's band: an
    /// entity's score averages fewer sentences, and a company merely present in a toned
    /// sentence (a list, a comparison) is most often neutral in the reader's eyes.
    public var entityNeutralBand = 0.3

    public init(gazetteer: Gazetteer) {
        matcher = EntityMatcher(gazetteer: gazetteer)
    }

    /// Builds the shared word table now (it is otherwise built by the first analysis), so that a
    /// command can do it on another thread while reading its input.
    public static func prepareTables() {
        _ = WordTable.shared
    }

    /// Analyses one article.
    /// - Parameters:
    ///   - title: the headline, if any (mentions there get relevance 100 and double weight).
    ///   - text: the body; paragraphs separated by blank lines.
    ///   - target: a company named freely; its sentiment is reported in ``TextAnalysis/target``.
    public func analyze(title: String?, text: String, target: String? = nil) -> TextAnalysis {
        var scratch = Scratch()
        return analyze(title: title, text: text, target: target, scratch: &scratch)
    }

    /// Buffers one caller reuses across many ``analyze(title:text:target:scratch:)`` calls (one per
    /// thread): tokens, word entries and sentence scores then cost no allocation per text.
    public struct Scratch: Sendable {
        var text = Tokenizer.Result()
        var info = TokenInfos()
        var scores: [SentenceScorer.Score] = []
        var entries: [Int32] = []
        public init() {}
    }

    /// ``analyze(title:text:target:)`` reusing `scratch`'s buffers.
    public func analyze(title: String?, text: String, target: String?, scratch: inout Scratch) -> TextAnalysis {
        let full: String
        let hasTitle = title.map { !$0.isEmpty } ?? false
        if let title, hasTitle { full = title + "\n\n" + text } else { full = text }
        Tokenizer.tokenize(full, into: &scratch.text)
        return analyzeTokenized(hasTitle: hasTitle, full: { full }, target: target, scratch: &scratch)
    }

    /// ``analyze(title:text:target:scratch:)`` without a title for a text given as ASCII bytes:
    /// `inspect text` reads most texts this way, and its String (made, checked and freed per
    /// line) is then made only for the rare text with entities or a target.
    public func analyze(asciiText bytes: UnsafeRawBufferPointer, target: String?, scratch: inout Scratch) -> TextAnalysis {
        let utf8 = bytes.assumingMemoryBound(to: UInt8.self)
        Tokenizer.tokenize(utf8: utf8, into: &scratch.text)
        return analyzeTokenized(hasTitle: false, full: { String(decoding: utf8, as: UTF8.self) }, target: target, scratch: &scratch)
    }

    /// The analysis of the text in `scratch.text`; `full` gives the text itself (for entity
    /// evidence and the target).
    func analyzeTokenized(hasTitle: Bool, full makeFull: () -> String, target: String?, scratch: inout Scratch) -> TextAnalysis {
        let tk = scratch.text
        let toks = tk.tokens
        var lower = 0, upper = 0
        for t in toks where t.kind == .word { if t.isAllCaps { upper += 1 } else { lower += 1 } }
        let capsDiff = upper > 0 && lower > 0
        WordTable.shared.infos(tk, into: &scratch.info)
        let info = scratch.info
        // Mentions per entity, by sentence.
        let mentions = matcher.mentions(in: tk, scratch: &scratch.entries)
        scratch.scores.removeAll(keepingCapacity: true)
        for r in tk.sentences { scratch.scores.append(scorer.score(tk, info, r, capsDiff: capsDiff)) }
        let scores = scratch.scores
        let headline: Int = hasTitle ? (tk.paragraphs.firstIndex(where: { $0 > 0 }) ?? tk.sentences.count) : 0

        // Article tone: sentence compounds, headline sentences double, sentiment-free sentences ignored.
        var num = 0.0, den = 0.0
        for (s, sc) in scores.enumerated() where sc.raw != 0 {
            let wgt = s < headline ? 2.0 : 1.0
            num += sc.compound * wgt; den += wgt
        }
        let articleScore = den > 0 ? num / den : 0

        if mentions.isEmpty && (target ?? "").isEmpty {
            return TextAnalysis(score: articleScore, label: label(articleScore), entities: [], target: nil)
        }
        let full = makeFull()
        var sentenceOfToken = [Int](repeating: 0, count: toks.count)
        for (s, r) in tk.sentences.enumerated() { for k in r { sentenceOfToken[k] = s } }
        var order: [Int] = []
        var direct: [Int: [Int]] = [:]      // entity -> sentence per mention
        for m in mentions {
            if direct[m.entity] == nil { order.append(m.entity) }
            direct[m.entity, default: []].append(sentenceOfToken[m.tokens.lowerBound])
        }
        let coref = coreference(tk, info, mentions: mentions, sentenceOfToken: sentenceOfToken)

        var entities: [TextAnalysis.Entity] = []
        for e in order {
            let g = matcher.gazetteer.entities[e]
            let sents = direct[e] ?? []
            let all = Set(sents).union(coref[e] ?? [])
            var n = 0.0, d = 0.0
            // The evidence is always a sentence that names the company (coreferent sentences
            // count toward the score but may be about a person or another firm).
            var evidence = sents.first ?? 0
            var strongest = -1.0
            let named = Set(sents)
            for s in all.sorted() {
                let wgt = (s < headline ? 2.0 : 1.0) * (named.contains(s) ? 1 : 0.6)
                if named.contains(s), quotesSource(tk, info, entity: e, sentence: s, mentions: mentions, sentenceOfToken: sentenceOfToken) {
                    // The company is where a quote or figure comes from ("said an economist at
                    // UBS", "Jefferies declined to comment"): a neutral vote, whatever the tone.
                    d += wgt
                    continue
                }
                let sc = clauseScore(tk, info, sentence: s, entity: e, mentions: mentions, sentenceOfToken: sentenceOfToken, capsDiff: capsDiff) ?? scores[s]
                if sc.raw != 0 { n += sc.compound * wgt; d += wgt }
                if named.contains(s), abs(sc.compound) > strongest { strongest = abs(sc.compound); evidence = s }
            }
            let sentiment = d > 0 ? n / d : 0
            entities.append(TextAnalysis.Entity(
                id: g.id, name: g.name, type: g.type, exchange: g.exchange, sector: g.sector,
                mentions: sents.count, relevance: relevance(first: sents.min() ?? 0, count: sents.count, headline: headline, tk: tk),
                sentiment: sentiment, label: SentimentLabel(score: sentiment, neutralBand: entityNeutralBand), evidence: sentenceText(full, tk, evidence)))
        }
        entities.sort { $0.relevance != $1.relevance ? $0.relevance > $1.relevance : $0.mentions > $1.mentions }

        var targetResult: TextAnalysis.Target?
        if let target, !target.isEmpty {
            targetResult = TextAnalysis.Target(name: target, sentiment: targetSentiment(target, tk: tk, info: info, full: full, entities: entities, scores: scores, mentions: mentions, sentenceOfToken: sentenceOfToken, capsDiff: capsDiff, article: articleScore))
        }
        return TextAnalysis(score: articleScore, label: label(articleScore), entities: entities, target: targetResult)
    }

    func label(_ s: Double) -> SentimentLabel { SentimentLabel(score: s, neutralBand: neutralBand) }

    /// Whether every mention of `entity` in sentence `s` names it as the source of a quote or
    /// figure rather than its subject: "said Jane Doe, an economist at UBS", "according to
    /// Refinitiv", "data from Baker Hughes", "Jefferies declined to comment", "GS economists said",
    /// "Stifel's Paul Matteis said".
    func quotesSource(_ tk: Tokenizer.Result, _ info: TokenInfos, entity: Int, sentence s: Int, mentions: [EntityMention], sentenceOfToken: [Int]) -> Bool {
        let r = tk.sentences[s]
        let mine = mentions.filter { $0.entity == entity && sentenceOfToken[$0.tokens.lowerBound] == s }
        guard !mine.isEmpty else { return false }
        var saying = false
        for k in r where Self.sayingWords.contains(tk.lower(k)) { saying = true; break }
        func isLower(_ k: Int, _ words: Set<String>) -> Bool { k >= r.lowerBound && k < r.upperBound && words.contains(tk.lower(k)) }
        for m in mine {
            let a = m.tokens.lowerBound, b = m.tokens.upperBound
            var source = false
            // "... at UBS", "according to Refinitiv", "data from Baker Hughes"
            if a - 1 >= r.lowerBound {
                if tk.lowerIs(a - 1, "at") && saying && (a - 2 >= r.lowerBound && (info[a - 2].has(.title) || Self.sourceNouns.contains(tk.lower(a - 2)) || Self.analystWords.contains(tk.lower(a - 2)))) { source = true }
                if tk.lowerIs(a - 1, "to"), a - 2 >= r.lowerBound, tk.lowerIs(a - 2, "according") { source = true }
                if tk.lowerIs(a - 1, "from") || tk.lowerIs(a - 1, "by"), isLower(a - 2, Self.sourceNouns) { source = true }
                if isLower(a - 1, Self.sourceNouns), a - 2 >= r.lowerBound, tk.lowerIs(a - 2, "company") || tk.lowerIs(a - 2, "firm") { source = b < r.upperBound && tk.lowerIs(b, "said") }
            }
            // "Jefferies declined to comment", "GS economists said", "Stifel's Paul Matteis"
            var k = b
            while k < r.upperBound, tk.tokens[k].kind == .punct && !tk.lowerIs(k, ",") || tk.lowerIs(k, "spokesperson") || tk.lowerIs(k, "spokesman") || tk.lowerIs(k, "spokeswoman") || tk.tokens[k].isAllCaps { k += 1 }
            if k + 1 < r.upperBound {
                if tk.lowerIs(k, "declined") || tk.lowerIs(k, "could") && tk.lowerIs(k + 1, "not") || tk.lowerIs(k, "did") && tk.lowerIs(k + 1, "not") && (k + 2 < r.upperBound && (tk.lowerIs(k + 2, "immediately") || tk.lowerIs(k + 2, "respond") || tk.lowerIs(k + 2, "return") || tk.lowerIs(k + 2, "comment"))) || tk.lowerIs(k, "had") && tk.lowerIs(k + 1, "no") && k + 2 < r.upperBound && tk.lowerIs(k + 2, "comment") {
                    source = true
                }
                if Self.analystWords.contains(tk.lower(k)), saying { source = true }
                if tk.lowerIs(k, "'s"), saying, tk.tokens[k + 1].isCapitalized, k + 2 < r.upperBound, tk.tokens[k + 2].isCapitalized, !info[k + 1].has(.companyNoun) { source = true }
            }
            if !source { return false }
        }
        return true
    }
    static let sayingWords: Set<String> = ["said", "says", "say", "told", "wrote", "writes", "according", "noted", "added", "comment", "commented"]
    static let analystWords: Set<String> = ["analyst", "analysts", "economist", "economists", "strategist", "strategists", "research", "researchers"]
    static let sourceNouns: Set<String> = ["data", "report", "survey", "figures", "estimates", "analysis", "research", "note", "statement", "index", "poll", "forecast", "economist", "analyst", "strategist", "partner", "director", "manager", "trader", "officer", "head", "president"]

    /// When several entities share a sentence, score only the clause around this entity's mention
    /// ("Apple rose, Google fell"); nil when the sentence is about this entity alone.
    ///
    /// Companies in a list ("Apple <AAPL.O>, Microsoft Corp and Tesla fell") share the list's
    /// predicate: the clause is taken around the whole list, and a list clause without sentiment
    /// words falls back to the sentence (nil), since a bare name carries no tone of its own.
    func clauseScore(_ tk: Tokenizer.Result, _ info: TokenInfos, sentence s: Int, entity: Int, mentions: [EntityMention], sentenceOfToken: [Int], capsDiff: Bool) -> SentenceScorer.Score? {
        let inSentence = mentions.filter { sentenceOfToken[$0.tokens.lowerBound] == s }
        guard Set(inSentence.map(\.entity)).count > 1, let mine = inSentence.firstIndex(where: { $0.entity == entity }) else { return nil }
        var lo = mine, hi = mine
        while lo > 0, listed(tk, between: inSentence[lo - 1].tokens.upperBound, and: inSentence[lo].tokens.lowerBound) { lo -= 1 }
        while hi + 1 < inSentence.count, listed(tk, between: inSentence[hi].tokens.upperBound, and: inSentence[hi + 1].tokens.lowerBound) { hi += 1 }
        let span = inSentence[lo].tokens.lowerBound..<inSentence[hi].tokens.upperBound
        let sc = scorer.score(tk, info, clause(info, around: span, in: tk.sentences[s]), capsDiff: capsDiff)
        return sc.raw != 0 ? sc : nil
    }

    /// Whether the tokens between two mentions only join them into a list: commas, "and"/"or",
    /// legal suffixes, wire codes and brackets ("Apple Inc <AAPL.O>, Microsoft").
    func listed(_ tk: Tokenizer.Result, between a: Int, and b: Int) -> Bool {
        guard a <= b, b - a <= 10 else { return false }
        var joined = a == b
        for k in a..<b {
            let t = tk.tokens[k]
            if t.kind == .punct {
                if tk.lowerIs(k, ",") || tk.lowerIs(k, "&") || tk.lowerIs(k, "/") { joined = true }
                else if !(tk.lowerIs(k, "<") || tk.lowerIs(k, ">") || tk.lowerIs(k, "(") || tk.lowerIs(k, ")") || tk.lowerIs(k, ".")) { return false }
                continue
            }
            if tk.lowerIs(k, "and") || tk.lowerIs(k, "or") { joined = true; continue }
            if t.isAllCaps || tk.contains(k, byte: 0x2E) { continue }               // AAPL.O, NYSE
            if Self.listFiller.contains(tk.lower(k)) { continue }
            return false
        }
        return joined
    }
    static let listFiller: Set<String> = ["inc", "corp", "co", "plc", "ltd", "llc", "ag", "sa", "nv", "se", "group", "holdings", "'s", "the"]

    /// The clause of `sentence` holding `span`: bounded by ; , : and but/while/whereas.
    func clause(_ info: TokenInfos, around span: Range<Int>, in sentence: Range<Int>) -> Range<Int> {
        var lo = span.lowerBound, hi = span.upperBound
        while lo > sentence.lowerBound, !info[lo - 1].has(.clauseBreak) { lo -= 1 }
        while hi < sentence.upperBound, !info[hi].has(.clauseBreak) { hi += 1 }
        return lo..<hi
    }
    static let clauseBreaks: [String] = [";", ",", ":", "but", "while", "whereas", "-", "\u{2014}", "\u{2013}", "as", "after", "though", "although"]

    /// Sentences that refer back to an entity: "the company", "its", "the firm" in the next two
    /// sentences after a mention, and a person's surname after "CEO Jane Doe" in a mention sentence.
    func coreference(_ tk: Tokenizer.Result, _ info: TokenInfos, mentions: [EntityMention], sentenceOfToken: [Int]) -> [Int: Set<Int>] {
        var out: [Int: Set<Int>] = [:]
        var lastEntity: Int?
        var lastSentence = -10
        var surnames: [String: Int] = [:]
        var mi = 0
        let toks = tk.tokens
        for (s, r) in tk.sentences.enumerated() {
            var mentioned = false
            while mi < mentions.count, sentenceOfToken[mentions[mi].tokens.lowerBound] == s {
                lastEntity = mentions[mi].entity; lastSentence = s; mentioned = true
                // "CEO Tim Cook", "chief executive Jane Fraser": remember the surname.
                let e = mentions[mi].entity
                for k in r where info[k].has(.title) {
                    if k + 2 < r.upperBound, toks[k + 1].isCapitalized, toks[k + 2].isCapitalized, toks[k + 2].kind == .word {
                        surnames[tk.lower(k + 2)] = e
                    }
                }
                mi += 1
            }
            if mentioned { continue }
            for k in r {
                let t = toks[k]
                if !surnames.isEmpty, t.isCapitalized, t.kind == .word, let e = surnames[tk.lower(k)] { out[e, default: []].insert(s); break }
                if let e = lastEntity, s - lastSentence <= 2,
                   info[k].has(.its) || info[k].has(.it) && k == r.lowerBound || (info[k].has(.the) && k + 1 < r.upperBound && info[k + 1].has(.companyNoun)) {
                    out[e, default: []].insert(s); break
                }
            }
        }
        return out
    }
    static let titles: [String] = ["ceo", "cfo", "executive", "chairman", "chairwoman", "president", "founder", "spokesperson", "spokesman", "spokeswoman", "chief"]
    static let companyNouns: [String] = ["company", "firm", "group", "bank", "retailer", "automaker", "carmaker", "insurer", "lender", "airline", "chipmaker", "manufacturer", "giant", "conglomerate", "maker", "utility", "brand"]

    /// Headline 100; lead paragraph 80; later 60 down to 20; +5 per further mention, capped at 100.
    func relevance(first: Int, count: Int, headline: Int, tk: Tokenizer.Result) -> Int {
        let base: Double
        if first < headline { base = 100 } else {
            let para = tk.paragraphs[first] - (headline > 0 ? 1 : 0)
            if para <= 0 || first - headline < 2 { base = 80 } else {
                let frac = Double(first) / Double(max(1, tk.sentences.count))
                base = 60 - 40 * frac
            }
        }
        return Int(min(100, base + 5 * Double(max(0, count - 1))).rounded())
    }

    func sentenceText(_ full: String, _ tk: Tokenizer.Result, _ s: Int) -> String {
        guard s < tk.sentences.count, let r = tk.sentences[s].first.map({ $0..<tk.sentences[s].upperBound }), !r.isEmpty else { return "" }
        let utf8 = full.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: tk.tokens[r.lowerBound].start)
        let b = utf8.index(utf8.startIndex, offsetBy: tk.tokens[r.upperBound - 1].end)
        return String(full[a..<b])
    }

    /// Sentiment toward a freely named target: its entity when tagged, else the clauses where its
    /// name occurs (case-insensitive), else the article score.
    func targetSentiment(_ target: String, tk: Tokenizer.Result, info: TokenInfos, full: String, entities: [TextAnalysis.Entity], scores: [SentenceScorer.Score], mentions: [EntityMention], sentenceOfToken: [Int], capsDiff: Bool, article: Double) -> Double {
        let key = target.lowercased()
        if let e = entities.first(where: { $0.id.lowercased() == key || $0.name.lowercased() == key }) ?? entities.first(where: { ent in
            matcher.gazetteer.entities.first(where: { $0.id == ent.id })?.aliases.contains(where: { $0.lowercased() == key }) == true
        }) { return e.sentiment }
        let tr = Tokenizer.tokenize(target)
        let tt = tr.tokens.indices.filter { tr.tokens[$0].isWord }
        guard !tt.isEmpty else { return article }
        let toks = tk.tokens
        func same(_ a: Int, _ b: Int) -> Bool {
            let x = toks[a], y = tr.tokens[b]
            guard x.hash == y.hash, x.lowerCount == y.lowerCount else { return false }
            for o in 0..<Int(x.lowerCount) where tk.lowerBytes[x.lowerStart + o] != tr.lowerBytes[y.lowerStart + o] { return false }
            return true
        }
        var n = 0.0, d = 0.0
        var k = 0
        while k + tt.count <= toks.count {
            var ok = true
            for (o, w) in tt.enumerated() where !same(k + o, w) { ok = false; break }
            if ok {
                let s = sentenceOfToken[k]
                // The target's own clause when it carries sentiment ("X slumps, while Y rises").
                let own = scorer.score(tk, info, clause(info, around: k..<(k + tt.count), in: tk.sentences[s]), capsDiff: capsDiff)
                let sc = own.raw != 0 ? own : scores[s]
                n += sc.compound; d += 1
                k += tt.count
            } else { k += 1 }
        }
        return d > 0 ? n / d : article
    }
}
