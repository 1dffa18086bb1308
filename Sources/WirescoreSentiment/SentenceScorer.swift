#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WirescoreEntities

/// Scores a run of tokens (a sentence or a clause) with VADER-style rules plus financial rules.
///
/// VADER part (Hutto & Gilbert 2014, re-implemented): word valences, boosters and dampeners up to
/// three words back (damped with distance), negation up to three words back (x -0.74), ALL-CAPS
/// emphasis when the text mixes case, "but" (before x0.5, after x1.5), "!" and "?" emphasis,
/// compound = s / sqrt(s^2 + 15); before that, negative valences weigh 1.3x (negativity bias) and
/// sentences longer than ten words are damped, general words more than financial facts.
/// Financial part: a direction word paired with a quantity ("profit rose", "loss widened", "cut
/// costs", "lower margins") scores quantity polarity x direction; unpaired quantities with two
/// figures compare them ("EUR 9.1 mn, compared with EUR 7.4 mn"); "beat"/"missed" + estimates.
///
/// Stateless; all tables are immutable statics, so it is safe from any thread.
struct SentenceScorer: Sendable {
    /// Weight of general (VADER) word valences relative to financial rules.
    var generalWeight = 0.75
    /// Valence of one quantity-direction pair, on VADER's scale.
    /// VADER's normalisation constant.
    var alpha = 15.0
    var pairValence = 2.4
    /// Valence of a bare market-move verb ("shares sink", "Barclays rises").
    var moveValence = 1.2
    /// Multiplier of negative valences.
    var negativityBias = 1.3
    /// Sentences longer than this many words are damped by (reference / words) ^ exponent.
    let lengthReference = 10.0
    let generalLengthExponent = 0.5
    let financialLengthExponent = 0.4

    /// Length damping factors (general, financial) for a sentence of `n` words.
    func damping(_ n: Int) -> (Double, Double) {
        let ratio = min(1, lengthReference / Double(max(1, n)))
        return (pow(ratio, generalLengthExponent), pow(ratio, financialLengthExponent))
    }
    /// ``damping(_:)`` for the default parameters and common lengths (pow showed in profiles).
    static let dampingCache: [(Double, Double)] = (0..<96).map { SentenceScorer().damping($0) }

    struct Score: Sendable {
        var compound: Double
        /// Sum of valences before normalisation (0 for a sentence with no sentiment words).
        var raw: Double
        /// How much of `raw` came from financial rules (absolute).
        var financial: Double
    }

    /// Scores `range` of `text`'s tokens; `info` holds each token's ``WordTable`` entry (one lookup
    /// per token per text, shared by every sentence and clause scored).
    func score(_ text: Tokenizer.Result, _ info: TokenInfos, _ range: Range<Int>, capsDiff: Bool) -> Score {
        // Scratch arrays on the stack: this runs once per sentence and clause, and heap
        // allocations showed in profiles.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, range.count)) { idx in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, range.count)) { entries in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, range.count)) { sentiments in
                    withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(1, range.count)) { claimed in
                        info.values.withUnsafeBufferPointer { values in
                            score(text, info, range, capsDiff: capsDiff, idx: idx, values: values, entries: entries,
                                  sentiments: sentiments, claimed: claimed)
                        }
                    }
                }
            }
        }
    }

    /// Flags of words that can make a sentence score by themselves or with a partner; a sentence
    /// with none of them (and no quantity, direction or beat word) scores 0 in every pass below.
    /// Structural flags ("the", ",", "and", "at") are in most sentences, so testing for them
    /// alone let almost every sentence run all passes.
    /// (Computed, not stored: a stored static costs a once-check per call.)
    static var scoringFlags: WordInfo.Flags {
        [.inVader, .hasFinancial, .layVerb, .legalNoun, .hitVerb, .extreme, .winVerb, .siteOpener, .siteCloser]
    }

    /// - Parameters:
    ///   - values: the word table's entries (`info.values`); `entries[i]` is word position `i`'s.
    private func score(_ text: Tokenizer.Result, _ info: TokenInfos, _ range: Range<Int>, capsDiff: Bool,
                       idx: UnsafeMutableBufferPointer<Int>, values: UnsafeBufferPointer<WordInfo>,
                       entries: UnsafeMutableBufferPointer<Int32>,
                       sentiments: UnsafeMutableBufferPointer<Double>,
                       claimed: UnsafeMutableBufferPointer<Bool>) -> Score {
        let tokens = text.tokens
        // Word positions (VADER ignores punctuation); numbers kept for figure comparisons.
        var n = 0
        var bangs = 0, questions = 0
        // What the sentence holds at all, so passes with nothing to find are skipped.
        var union: WordInfo.Flags = []
        var hasQuantity = false, hasDirection = false, hasBeat = false
        for k in range {
            let t = tokens[k]
            if t.kind == .punct {
                for o in 0..<Int(t.lowerCount) {
                    let b = text.lowerBytes[t.lowerStart + o]
                    if b == 0x21 { bangs += 1 } else if b == 0x3F { questions += 1 }
                }
                continue
            }
            let e = info.entries[k]
            let f = values[Int(e)]
            idx[n] = k; entries[n] = e; n += 1
            union.formUnion(f.flags)
            if f.quantity != 0 { hasQuantity = true }
            if f.direction != 0 { hasDirection = true }
            if f.beat != 0 { hasBeat = true }
        }
        // No word that can score: every pass below would find nothing (most neutral sentences end here).
        if n == 0 || union.isDisjoint(with: Self.scoringFlags) && !hasQuantity && !hasDirection && !hasBeat {
            return Score(compound: 0, raw: 0, financial: 0)
        }
        for i in 0..<n { sentiments[i] = 0; claimed[i] = false }
        var financial = 0.0
        // Each position's entry through pointers (no bounds checks or array accesses): the passes
        // below read them many times. (Temporary buffers stay small, as one over 1 KB costs a
        // stack-bounds check dearer than the scoring of a short sentence.)
        @inline(__always) func w(_ i: Int) -> WordInfo { values[Int(entries[i])] }

        // Each pass below is guarded by what the sentence holds (a loop per pass over every
        // position, testing the same flag each time, showed in profiles).
        // Estimates: "beat estimates", "above expectations", "fell short of forecasts".
        if hasBeat {
            for i in 0..<n {
                let sign = Double(w(i).beat)
                guard sign != 0 else { continue }
                // "fell short of", "came in short": a miss even when the yardstick is only a figure.
                if sign < 0, i > 0, w(i - 1).has(.fell), text.lowerIs(idx[i], "short") {
                    sentiments[i] += -2.2; financial += 2.2
                    claimed[i] = true; claimed[i - 1] = true
                    continue
                }
                var j = i + 1
                while j < n, j <= i + 4 {
                    if w(j).has(.estimate) {
                        let v = sign * 2.6
                        sentiments[i] += v; financial += abs(v)
                        claimed[i] = true; claimed[j] = true
                        if i > 0, w(i - 1).has(.fell) { claimed[i - 1] = true }
                        break
                    }
                    j += 1
                }
            }
        }
        // "lay off", "laid off", "laying off": job cuts.
        if union.contains(.layVerb) {
            for i in 0..<(n - 1) where !claimed[i] {
                if w(i).has(.layVerb) && w(i + 1).has(.off) {
                    sentiments[i] += -2.2; financial += 2.2; claimed[i] = true; claimed[i + 1] = true
                }
            }
        }
        // A charge that goes away is good news: "lawsuit dismissed", "EU drops ... from probe".
        if union.contains(.legalNoun) && union.contains(.clearVerb) {
            for i in 0..<n where w(i).has(.legalNoun) && !claimed[i] {
                for j in max(0, i - 6)..<min(n, i + 6) where j != i && w(j).has(.clearVerb) && !claimed[j] {
                    sentiments[i] += 1.8; financial += 1.8; claimed[i] = true; claimed[j] = true
                    break
                }
            }
        }
        // Hurt by something: "profit hit by strong sterling", "sales dented by the weather".
        if union.contains(.hitVerb) {
            for i in 0..<(n - 1) where w(i).has(.hitVerb) && !claimed[i] && text.lowerIs(idx[i + 1], "by") {
                var v = -1.8
                for k in max(0, i - 3)..<i where w(k).has(.negation) { v *= -0.74; break }   // "won't be hurt by"
                sentiments[i] += v; financial += abs(v); claimed[i] = true
                // The cause's own tone is not the news: "hit by strong sterling".
                for k in (i + 1)..<min(n, i + 5) { claimed[k] = true }
            }
        }
        // Price extremes: "shares hit a 3-month high", "record low".
        if union.contains(.extreme) {
            for i in 1..<max(1, n) where w(i).has(.extreme) && !claimed[i] {
                let p = idx[i - 1]
                let span = tokens[p].kind == .number && (text.lowerContains(p, "month") || text.lowerContains(p, "year") || text.lowerContains(p, "week"))
                guard span || info[p].has(.extremeMarker) else { continue }
                let v = text.lowerIs(idx[i], "high") || text.lowerIs(idx[i], "highs") ? 1.6 : -1.6
                sentiments[i] += v; financial += abs(v); claimed[i] = true
            }
        }
        // Direction x quantity.
        if hasQuantity {
            for i in 0..<n where !claimed[i] {
                let q = Double(w(i).quantity)
                guard q != 0 else { continue }
                // Profit against loss: "a profit of 9.8 mn, compared to a loss of 12.7 mn" is better,
                // "a loss of 3.2 mn, down from a profit of 7.2 mn" worse, whatever the figures.
                if w(i).has(.polarPair), let opposite = oppositeComparison(text, info, from: idx[i]) {
                    var j = i
                    while j < n, idx[j] <= opposite { claimed[j] = true; j += 1 }
                    let v = q * pairValence
                    sentiments[i] += v; financial += abs(v)
                    continue
                }
                // A quantity that modifies the next one ("cash costs", "sales volumes"): the head decides,
                // unless the head is a yardstick ("deficit target", "profit forecast"): then the
                // modifier is what moves, and the yardstick is skipped.
                if i + 1 < n, w(i + 1).quantity != 0, !w(i + 1).has(.yardstick) { continue }
                if i > 0, w(i).has(.yardstick), w(i - 1).quantity != 0 { continue }
                var best = -1, bestDist = Int.max
                var j = i + 1
                while j < n, j <= i + 8 {
                    let wj = w(j)
                    if wj.has(.pairStop) || wj.quantity != 0 && !(j == i + 1 && wj.has(.yardstick)) { break }
                    if !claimed[j], wj.direction != 0 { best = j; bestDist = j - i; break }
                    j += 1
                }
                j = i - 1
                while j >= 0, j >= i - 5 {
                    let wj = w(j)
                    if wj.has(.backStop) { break }
                    if !claimed[j], wj.direction != 0, i - j < bestDist { best = j; break }
                    if wj.quantity != 0, j != i - 1 { break }     // past a modifier only ("lower cash costs")
                    j -= 1
                }
                var v = 0.0
                if best >= 0 {
                    let wb = w(best)
                    let d = Double(wb.direction)
                    v = wb.has(.absoluteDirection) ? d * pairValence : q * d * pairValence
                    // "did not rise", "no longer growing"
                    let lo = max(0, min(i, best) - 3)
                    for k in lo..<max(i, best) where w(k).has(.negation) { v *= -0.74; break }
                    claimed[best] = true
                } else if let cmp = compareFigures(text, info, from: idx[i]) {
                    v = q * cmp * pairValence
                } else {
                    continue
                }
                claimed[i] = true
                sentiments[min(i, max(best, 0))] += v
                financial += abs(v)
            }
        }

        // Moves of an unnamed quantity: "Barclays falls 5%", "rose to EUR 12 mn".
        if hasDirection {
            for i in 0..<n where !claimed[i] {
                let wi = w(i)
                guard wi.direction != 0, !wi.has(.absoluteDirection) else { continue }
                var j = i + 1
                var moved = false
                while j < n, j <= i + 3 {
                    if tokens[idx[j]].kind == .number {
                        let v = Double(wi.direction) * pairValence * 0.8
                        sentiments[i] += v; financial += abs(v); claimed[i] = true
                        moved = true
                        break
                    }
                    j += 1
                }
                // A bare market-move verb ("AstraZeneca sinks", "retailers rise"): its subject is
                // usually the company or its shares. A bad thing that moves flips it: "fears rose"
                // is bad news, "worries eased" good.
                // "The credit falls due in 2014" is a date, not a move.
                if !moved, wi.has(.moveVerb), !wi.has(.hasFinancial), !(i + 1 < n && text.lowerIs(idx[i + 1], "due")) {
                    var v = Double(wi.direction) * moveValence
                    for k in max(0, i - 2)..<i where w(k).has(.inVader) && w(k).vader < 0 && w(k).direction == 0 { v = -v; break }
                    if i > 0, w(i - 1).has(.negation) { v *= -0.74 }
                    sentiments[i] += v; financial += abs(v); claimed[i] = true
                }
            }
        }
        // Winning business: "won an order", "signed a contract", "secured a deal".
        if union.contains(.winVerb) {
            for i in 0..<n where !claimed[i] && w(i).has(.winVerb) {
                var j = i + 1
                while j < n, j <= i + 4 {
                    if w(j).has(.businessNoun) {
                        sentiments[i] += 1.8; financial += 1.8; claimed[i] = true; claimed[j] = true
                        break
                    }
                    j += 1
                }
            }
        }
        // Sites: "opened a new plant", "builds two factories" (+); "will close 30 stores" (-).
        if union.contains(.siteOpener) || union.contains(.siteCloser) {
            for i in 0..<n {
                guard !claimed[i] else { continue }
                let wi = w(i)
                let sign: Double = wi.has(.siteOpener) ? 1 : wi.has(.siteCloser) ? -1 : 0
                guard sign != 0 else { continue }
                var j = i + 1
                while j < n, j <= i + 4 {
                    if w(j).has(.site) {
                        var v = sign * 1.8
                        if i > 0, w(i - 1).has(.negation) { v *= -0.74 }
                        sentiments[i] += v; financial += abs(v); claimed[i] = true; claimed[j] = true
                        break
                    }
                    if w(j).has(.pairStop) { break }
                    j += 1
                }
            }
        }
        // VADER pass.
        for i in 0..<n where !claimed[i] {
            let e = w(i)
            if e.has(.isBooster) { continue }
            var valence: Double
            var isFinancial = false
            if e.has(.hasFinancial) {
                valence = e.financial; isFinancial = true
            } else if e.has(.inVader) {
                valence = e.vader * generalWeight
            } else if e.direction != 0, e.has(.absoluteDirection) {
                valence = Double(e.direction) * 1.5
            } else {
                continue
            }
            if valence == 0 { continue }
            if e.has(.no), i + 1 < n, w(i + 1).has(.inVader) { continue }
            if capsDiff, tokens[idx[i]].isAllCaps { valence += valence > 0 ? 0.733 : -0.733 }
            for back in 0..<3 where i > back {
                let prev = w(i - back - 1)
                if !prev.has(.inVader), prev.has(.isBooster) {
                    let b = prev.booster
                    var s = valence < 0 ? -b : b
                    if capsDiff, tokens[idx[i - back - 1]].isAllCaps { s += valence > 0 ? 0.733 : -0.733 }
                    valence += s * (back == 0 ? 1 : back == 1 ? 0.95 : 0.9)
                }
                if prev.has(.negation) {
                    if back > 0, prev.has(.never), w(i - back).has(.soOrThis) { valence *= 1.25 } else { valence *= -0.74 }
                    break
                }
            }
            if i > 0, w(i - 1).has(.least), i < 2 || !w(i - 2).has(.atOrVery) { valence *= -0.74 }
            sentiments[i] += valence
            if isFinancial { financial += abs(valence); claimed[i] = true }
        }
        // "but": what follows outweighs what precedes.
        let but = union.contains(.contrast) ? (0..<n).first(where: { w($0).has(.contrast) }) : nil
        // Length: VADER sums valences, so a long sentence with many mild words reads as strongly
        // as a short pointed one; readers rate the tone, not the count. General words are damped
        // more than financial facts (claimed positions), which stay news however long the sentence.
        // ("but", the negativity bias and these sums are one pass over the positions.)
        var general = 0.0, facts = 0.0
        for i in 0..<n {
            var v = sentiments[i]
            if let b = but, v != 0 { v *= i < b ? 0.5 : i > b ? 1.5 : 1 }
            // Negativity bias: readers weigh bad news more than equally worded good news.
            if v < 0 { v *= negativityBias }
            if claimed[i] { facts += v } else { general += v }
        }
        if Double(n) > lengthReference {
            let (g, f) = n < Self.dampingCache.count ? Self.dampingCache[n] : damping(n)
            general *= g
            facts *= f
        }
        var sum = general + facts
        let emphasis = Double(min(bangs, 4)) * 0.292 + (questions > 1 ? (questions <= 3 ? Double(questions) * 0.18 : 0.96) : 0)
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let compound = max(-1, min(1, sum / (sum * sum + alpha).squareRoot()))
        return Score(compound: compound, raw: sum, financial: financial)
    }

    /// The token of the opposite kind of quantity that the quantity at token `start` is compared
    /// with ("profit ... compared to a loss", "loss ..., down from a profit"), or nil.
    func oppositeComparison(_ text: Tokenizer.Result, _ info: TokenInfos, from start: Int) -> Int? {
        let kind = info[start].quantity
        guard kind != 0 else { return nil }
        var sawMarker = false
        var k = start + 1
        let limit = min(text.tokens.count, start + 24)
        while k < limit {
            let e = info[k]
            if e.has(.semicolon) || e.has(.backStop) { return nil }
            if sawMarker, e.quantity == -kind, e.has(.polarPair) { return k }
            if e.quantity == kind, e.has(.polarPair) { return nil }
            if e.has(.comparisonMarker) || e.has(.openParen) { sawMarker = true }
            k += 1
        }
        return nil
    }

    /// Compares the first two figures after a quantity at token `start`: +1 if the first is larger
    /// ("EUR 9.1 mn, up from / compared with EUR 7.4 mn"), -1 if smaller, nil without a
    /// comparison marker.
    ///
    /// Compared with the opposite kind of quantity ("a profit of EUR 9.8 mn, compared to a loss of
    /// EUR 12.7 mn"; "a loss of 3.2 mn, down from a profit of 7.2 mn") the first figure is +1
    /// whatever the numbers: a profit after a loss is better, a loss after a profit worse.
    func compareFigures(_ text: Tokenizer.Result, _ info: TokenInfos, from start: Int) -> Double? {
        let tokens = text.tokens
        let kind = info[start].quantity
        var first: Double?
        var sawMarker = false
        var k = start + 1
        let limit = min(tokens.count, start + 24)
        while k < limit {
            let t = tokens[k]
            if t.kind == .number, let v = Self.figure(text, k) {
                if first == nil { first = v } else if sawMarker, let a = first {
                    return a > v ? 1 : a < v ? -1 : nil
                }
            } else if sawMarker, t.kind == .word, kind != 0, info[k].quantity == -kind, info[k].has(.polarPair) {
                return 1
            } else if first != nil, t.kind == .word, info[k].has(.comparisonMarker) {
                sawMarker = true
            } else if first != nil, info[k].has(.openParen) {
                sawMarker = true
            } else if info[k].has(.semicolon) || info[k].has(.backStop) && text.lowerIs(k, "but") || (t.kind == .word && info[k].quantity != 0 && first != nil && !sawMarker) {
                return nil
            }
            k += 1
        }
        return nil
    }

    static let comparisonMarkers: Set<String> = ["from", "compared", "against", "versus", "vs", "vs.", "year-ago", "previous", "prior"]

    /// Token `k` as a figure, skipping bare years (1900-2100 without decimals) and anything
    /// that is not plain digits with optional thousands commas and one decimal point.
    static func figure(_ text: Tokenizer.Result, _ k: Int) -> Double? {
        let t = text.tokens[k]
        var whole = 0.0, frac = 0.0, scale = 1.0
        var sawDot = false, digits = 0
        for o in 0..<Int(t.lowerCount) {
            let b = text.lowerBytes[t.lowerStart + o]
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                if sawDot { scale /= 10; frac += Double(b - 0x30) * scale } else { whole = whole * 10 + Double(b - 0x30) }
            } else if b == 0x2C, !sawDot {
                continue
            } else if b == 0x2E, !sawDot {
                sawDot = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if !sawDot, whole >= 1900, whole <= 2100 { return nil }
        return whole + frac
    }
}
