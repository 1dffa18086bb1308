import WirescoreCore
import WirescoreEntities

/// Finds corporate events in a headline and the lead of a text with ``EventRules``.
///
/// Only the headline and the first `leadSentences` sentences are read: news states what
/// happened first, and the rest of a long article mostly quotes, recalls earlier events or
/// gives background, which would report stale events as new. Per event it assigns the company
/// (the mention before or after the trigger, by rule and voice), a role for two-company
/// events, a tone and a confidence. Pure and thread-safe.
public struct EventDetector: Sendable {
    public let matcher: EntityMatcher
    public var leadSentences = 4
    /// The headline classifier: when it says a headline is corporate news of a kind no rule
    /// recognised, a group-level event of that kind is reported (e.g. `earnings`); nil: rules only.
    public var topics: TopicModel?
    /// How sure the model must be of a kind of news the rules did not find in a headline that
    /// already has a rule event, for that kind to be added beside it. The model is trained on
    /// market tweets and reads plainly worded news less surely than the rules do, so beside a
    /// rule event ("Apple announces a $110 billion buyback") its second guess ("product news")
    /// is mostly noise; on a headline with no rule event it fills the gap.
    public var besideRulesProbability = 0.8
    /// How sure the model must be that a headline is no corporate news for its verdict to
    /// remove the headline's weaker rule events (confidence below 0.9). 0: any such verdict
    /// does; raising it keeps more plainly worded rule hits the tweet-trained model reads as
    /// "none" (the project's own set gains a little) at the cost of false alarms on market
    /// chatter (cross-half: 0.5 raised them from 0.087/0.099 to 0.114/0.119, over the 10% target).
    public var vetoProbability = 0.0
    /// With a stacked model (stage 2): a rule event at least this confident (a specific rule, in
    /// the headline, naming a company the gazetteer knows) stays whatever stage 2 decides. Stage 2
    /// learns from market tweets and reads many plainly worded headlines ("Nike quarterly profit
    /// falls short of analysts' expectations") as no corporate news; the project's own set
    /// needs them. scripts/events/stack.py simulates the same rule (PROTECT) when it tunes stage 2.
    public var protectedConfidence = 0.9
    /// With a stacked model: a rule event also stays when stage 2 decided "no corporate news"
    /// but still gives the event's kind at least this probability ("Apple unveils a new iPhone
    /// with a faster chip": product news 0.69). KEEP_OTHER in scripts/events/stack.py.
    public var keepOtherProbability = 0.6

    public init(matcher: EntityMatcher, topics: TopicModel? = TopicModel.builtin) {
        self.matcher = matcher
        self.topics = topics
    }

    /// The model's event types, as group-level taxonomy names, with the rule groups that
    /// already cover each (a rule event of one of them makes the model's event redundant).
    static let topicGroups: [String: (name: String, groups: Set<String>)] = [
        "analyst-rating": ("analyst", ["analyst", "credit-rating"]),
        "product-news": ("product", ["product", "partnership", "contract", "operations", "labor"]),
        "dividend": ("dividend", ["dividend"]),
        "earnings": ("earnings", ["earnings"]),
        "ipo": ("ipo", ["ipo", "offering"]),
        "legal-regulatory": ("legal", ["legal", "regulatory"]),
        "merger-acquisition": ("acquisition", ["acquisition", "merger", "stake", "investment"]),
        "executive-change": ("executive", ["executive"]),
        "stock-move": ("price-move", ["price-move"]),
        "debt-financing": ("debt", ["debt", "credit-rating", "bankruptcy"]),
    ]

    /// The model's event type (its class) that a rule group's events belong to, as the
    /// evaluation runner maps the taxonomy onto its ten topics; nil for groups outside them
    /// (buyback, stock-split, labor, operations, bankruptcy, restructuring).
    static func modelType(ofGroup group: String) -> String? {
        switch group {
        case "earnings": "earnings"
        case "analyst": "analyst-rating"
        case "acquisition", "merger", "stake", "investment": "merger-acquisition"
        case "partnership", "contract", "product": "product-news"
        case "legal", "regulatory": "legal-regulatory"
        case "executive": "executive-change"
        case "dividend": "dividend"
        case "ipo", "offering": "ipo"
        case "debt", "credit-rating": "debt-financing"
        case "price-move": "stock-move"
        default: nil
        }
    }

    /// - Parameter tone: the text's tone toward a company id (-1...1), when known (the
    ///   sentiment step's per-company score); moves the event's sentiment from its prior.
    /// - Parameter primary: the company the article is mainly about (the most relevant one),
    ///   taken as the subject of a sentence that names no company ("The company said it
    ///   would cut 9,000 jobs"), with less confidence.
    public func detect(title: String?, text: String, primary: String? = nil,
                       tone: (String) -> Double? = { _ in nil }) -> [EventField] {
        let hasTitle = !(title ?? "").isEmpty
        let lead = Self.lead(of: text, sentences: leadSentences)
        let full = hasTitle ? title! + "\n\n" + lead : lead
        let tk = Tokenizer.tokenize(full)
        guard !tk.sentences.isEmpty else { return [] }
        let words = (0..<tk.tokens.count).map { Self.normalise(tk.lower($0)) }
        let mentions = matcher.mentions(in: tk)
        let fullBytes = Array(full.utf8)

        /// Events with the index of their sentence (0: the headline, when there is one).
        var events: [(event: EventField, sentence: Int)] = []
        func sentenceText(_ sentence: Range<Int>) -> String {
            let start = tk.tokens[sentence.lowerBound].start, end = tk.tokens[sentence.upperBound - 1].end
            return String(decoding: fullBytes[start..<end], as: UTF8.self)
        }
        let sentenceStarts = tk.sentences.map { $0.isEmpty ? Int.max : tk.tokens[$0.lowerBound].start }
        var seen: Set<String> = []
        // The headline and `leadSentences` sentences: the cheap cut above keeps a margin of two
        // sentences in case it misread an abbreviation as a sentence end; they are not read.
        let readable = leadSentences + (hasTitle ? 1 : 0)
        for (index, range) in tk.sentences.prefix(readable).enumerated() where !range.isEmpty {
            let inSentence = mentions.filter { range.contains($0.tokens.lowerBound) }
            var fired: [(rule: EventRule, trigger: Int)] = []
            let present = SentenceWords.present(words, range)
            var candidates = EventRules.byTriggerKey.always
            for key in present { if let rules = EventRules.byTriggerKey.keys[key] { candidates += rules } }
            guard !candidates.isEmpty else { continue }
            let negated = Negations(words, range, present)
            candidates.sort()
            var previous = -1
            for index in candidates where index != previous {
                previous = index
                let rule = EventRules.all[index]
                guard let trigger = firstTrigger(rule, words, range, present, negated) else { continue }
                if !rule.context.isEmpty
                    && !rule.context.contains(where: { $0.mayOccur(in: present) && $0.occurs(in: words, range) }) { continue }
                if rule.exclude.contains(where: { $0.mayOccur(in: present) && $0.occurs(in: words, range) }) { continue }
                if rule.needsCompany && inSentence.isEmpty { continue }
                fired.append((rule, trigger))
            }
            // A generic rule gives way to a specific one of its group; one kind per sentence.
            let specificGroups = Set(fired.filter { !$0.rule.generic }.map { $0.rule.kind.group })
            var kindsHere: Set<String> = []
            let evidence = sentenceText(range)
            for (rule, trigger) in fired where !(rule.generic && specificGroups.contains(rule.kind.group)) {
                guard kindsHere.insert(rule.kind.name).inserted else { continue }
                let passive = rule.passive.contains { $0.mayOccur(in: present) && $0.occurs(in: words, range) }
                var beforeMentions = inSentence.filter { $0.tokens.lowerBound < trigger }
                // "reiterates buy on Microsoft and raises its price target": the rated company
                // is the one introduced by "on", "for" or "of", not the broker that opens the sentence.
                if rule.subjectAfterTrigger, let rated = beforeMentions.firstIndex(where: {
                    $0.tokens.lowerBound > 0 && ["on", "for", "of"].contains(words[$0.tokens.lowerBound - 1]) }) {
                    beforeMentions.insert(beforeMentions.remove(at: rated), at: 0)
                }
                let before = beforeMentions.map(\.entity)
                // "upgraded at Citi", "downgraded by Goldman": the broker, not the subject.
                let after = inSentence.filter {
                    $0.tokens.lowerBound > trigger
                        && !(rule.subjectAfterTrigger && $0.tokens.lowerBound > 0
                             && ["at", "by", "from"].contains(words[$0.tokens.lowerBound - 1]))
                }.map(\.entity)
                var parties: [(entity: Int?, role: String, prior: Double)] = []
                if let roles = rule.kind.roles, roles.before == roles.after {
                    // Symmetric ("partner", "party"): every company the sentence names.
                    var named: [Int] = []
                    for m in inSentence where !named.contains(m.entity) { named.append(m.entity) }
                    parties = named.map { ($0, roles.before, rule.kind.prior) }
                    if parties.isEmpty { parties.append((nil, roles.before, rule.kind.prior)) }
                } else if let roles = rule.kind.roles {
                    let first = passive ? after.first : before.first
                    let second = passive ? before.first : after.first(where: { $0 != first })
                    if let first { parties.append((first, roles.before, rule.kind.prior)) }
                    if let second, second != first { parties.append((second, roles.after, rule.kind.priorAfter ?? rule.kind.prior)) }
                    if parties.isEmpty { parties.append((inSentence.first?.entity, "subject", rule.kind.prior)) }
                } else {
                    let subject = rule.subjectAfterTrigger ? (after.first ?? before.first) : (before.first ?? after.first)
                    parties.append((subject, "subject", rule.kind.prior))
                }
                for party in parties {
                    var company = party.entity.map { matcher.gazetteer.entities[$0].id }
                    var confidence = rule.confidence
                    if company == nil, let primary {
                        company = primary
                        confidence -= 0.1
                    } else if company == nil {
                        confidence -= 0.2
                    }
                    let key = rule.kind.name + "|" + (company ?? "") + "|" + party.role
                    guard seen.insert(key).inserted else { continue }
                    var sentiment = party.prior
                    if let company, let t = tone(company) { sentiment = 0.7 * party.prior + 0.3 * t }
                    if index == 0 { confidence += 0.1 }
                    events.append((Self.event(rule.kind.name, company, party.role, sentiment: sentiment,
                                              confidence: min(0.99, confidence), evidence: evidence), index))
                }
            }
        }
        // What the model reads: the headline, or without one the start of the text; the rule
        // events found there are the ones its decision weighs (stage 2 reads their groups).
        let modelText = hasTitle ? title! : String(lead.prefix(400))
        let readLimit = modelText.utf8.count
        func isRead(_ e: (event: EventField, sentence: Int)) -> Bool {
            hasTitle ? e.sentence == 0 : e.sentence < sentenceStarts.count && sentenceStarts[e.sentence] < readLimit
        }
        let decision = topics.map { model in
            model.decide(modelText, ruleGroups: model.isStacked
                ? Set(events.filter(isRead).map { EventKind.group(of: $0.event.type) }) : [])
        }
        if let topics, topics.isStacked, let decision {
            // Stage 2 decided the text's kind of corporate news from the word model and the rule
            // hits together: a rule event of another kind is incidental wording ("shares rose
            // after earnings" read as a share move), unless stage 2 also gives its kind at least
            // `keepProbability`. Rule events outside the ten kinds (buybacks, layoffs ...) and
            // sure ones (`protectedConfidence`) stay.
            events.removeAll { e in
                guard isRead(e), e.event.confidence < protectedConfidence,
                      let kind = Self.modelType(ofGroup: EventKind.group(of: e.event.type)),
                      kind != decision.eventType else { return false }
                let backing = decision.probabilities[kind] ?? 0
                return backing < (decision.eventType == nil ? keepOtherProbability : topics.keepProbability)
            }
        } else if let decision, decision.eventType == nil, decision.probability >= vetoProbability {
            // The headline model reads the headline as no corporate news: rule hits in it are
            // taken as incidental wording ("shares of tech stocks rose"), unless the rule is
            // sure (a company named and a rule that rarely fires by accident: confidence 0.9 up).
            events.removeAll { $0.sentence == 0 && $0.event.confidence < 0.9 }
        }
        // The model reads words, not negation: "denied reports it would acquire" is no event.
        let headlineNegated = tk.sentences.first.map { first in
            !Negations(words, first, SentenceWords.present(words, first)).isEmpty
        } ?? false
        // The model names a kind the rules did not find. With stage 2 its decision already
        // weighed the rule hits: its kind is added whenever no read rule event is of that kind,
        // except "product news" (any other company news) beside a rule event that stayed.
        // Without it (a version-1 model): always when the rules found nothing in the headline,
        // beside rule events only when it is very sure (see besideRulesProbability) and the kind
        // is not "product news", the model's class for any other company news, which every rule
        // event already is.
        let inHeadline = events.filter { $0.sentence == 0 }
        let stacked = topics?.isStacked == true
        if let decision, !headlineNegated, let type = decision.eventType, let topic = Self.topicGroups[type],
           stacked
               ? !events.contains(where: { isRead($0) && (type == "product-news"
                                              || Self.modelType(ofGroup: EventKind.group(of: $0.event.type)) == type) })
               : !inHeadline.contains(where: { topic.groups.contains(EventKind.group(of: $0.event.type)) })
                   && (inHeadline.isEmpty || (decision.probability >= besideRulesProbability && type != "product-news")),
           let first = tk.sentences.first {
            let named = mentions.first { first.contains($0.tokens.lowerBound) }.map { matcher.gazetteer.entities[$0.entity].id }
            let company = named ?? primary
            let sentiment = company.flatMap(tone).map { 0.3 * $0 } ?? 0
            events.append((Self.event(topic.name, company, "subject", sentiment: sentiment,
                                      confidence: min(0.95, decision.probability * (company == nil ? 0.7 : 0.9)),
                                      evidence: sentenceText(first)), 0))
        }
        return events.map(\.event)
    }

    /// An event with its scores clamped and rounded as records carry them (sentiment to 4
    /// decimals, confidence to 2) and its ESS derived from the sentiment.
    static func event(_ type: String, _ company: String?, _ role: String, sentiment: Double, confidence: Double,
                      evidence: String) -> EventField {
        let sentiment = max(-1, min(1, sentiment))
        return EventField(type: type, company: company, role: role, sentiment: (sentiment * 10_000).rounded() / 10_000,
                          ess: Int((50 + 50 * sentiment).rounded()),
                          confidence: (max(0.05, confidence) * 100).rounded() / 100, evidence: evidence)
    }

    /// The first trigger position of `rule` in the sentence that is not negated ("denied
    /// reports it would acquire", "has no plans to cut its dividend").
    private func firstTrigger(_ rule: EventRule, _ words: [String], _ range: Range<Int>,
                              _ present: Set<String>, _ negated: Negations) -> Int? {
        var best: Int?
        for pattern in rule.triggers where pattern.mayOccur(in: present) {
            for start in pattern.matchStarts(in: words, range) where !negated.covers(start) {
                if best.map({ start < $0 }) ?? true { best = start }
                break
            }
        }
        return best
    }

    /// Where a sentence's negations are, found once per sentence: a trigger is negated when a
    /// negation ends within the five words before it.
    struct Negations {
        /// (start, end) token positions of each negation in the sentence.
        var spans: [(start: Int, end: Int)] = []
        let lowerBound: Int

        init(_ words: [String], _ range: Range<Int>, _ present: Set<String>) {
            lowerBound = range.lowerBound
            for pattern in EventRules.negationPatterns where pattern.mayOccur(in: present) {
                for start in pattern.matchStarts(in: words, range) { spans.append((start, start + pattern.elements.count)) }
            }
        }

        var isEmpty: Bool { spans.isEmpty }

        func covers(_ position: Int) -> Bool {
            let from = max(lowerBound, position - 5)
            return spans.contains { $0.start >= from && $0.end <= position }
        }
    }

    /// Digits read as 0, so "Q3" and "Q4" are one word to the rules.
    static func normalise(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 >= 0x31 && $0 <= 0x39 }) else { return word }
        return String(decoding: word.utf8.map { $0 >= 0x30 && $0 <= 0x39 ? 0x30 : $0 }, as: UTF8.self)
    }

    /// The first `sentences` sentences of `text`, roughly (a cheap cut on sentence ends, so
    /// a 2,000-word article is not tokenized whole; the tokenizer splits exactly afterwards).
    static func lead(of text: String, sentences: Int) -> String {
        var count = 0
        var index = text.startIndex
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\n") {
                let next = utf8.index(after: i)
                if next == utf8.endIndex || utf8[next] == UInt8(ascii: " ") || utf8[next] == UInt8(ascii: "\n") {
                    count += 1
                    if count >= sentences + 2 { index = next; return String(text[..<index]) }
                }
            }
            i = utf8.index(after: i)
        }
        return text
    }
}
