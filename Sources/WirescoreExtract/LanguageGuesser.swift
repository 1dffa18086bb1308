/// Guesses a text's language from its most frequent function words, for pages that do not
/// declare one. Only the seven languages the pipeline's sources publish in are considered;
/// anything else (or too little text) yields nil rather than a wrong answer.
enum LanguageGuesser {
    private static let stopWords: [(String, Set<String>)] = [
        ("en", ["the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "was", "on", "as", "he", "by", "are", "this", "have", "from", "be", "said", "which", "they", "has", "but"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "des", "auf", "für", "im", "dem", "auch", "es", "wird", "sie", "von", "wie", "bei", "nach"]),
        ("fr", ["le", "la", "les", "et", "des", "est", "une", "du", "dans", "pour", "qui", "que", "pas", "sur", "au", "avec", "il", "sont", "ce", "par", "plus", "aux", "elle", "ont", "été"]),
        ("es", ["el", "la", "los", "las", "y", "que", "del", "en", "por", "una", "con", "para", "es", "se", "su", "al", "lo", "como", "más", "pero", "sus", "fue", "ha", "este", "entre"]),
        ("it", ["il", "di", "che", "è", "la", "della", "per", "un", "una", "del", "non", "sono", "nel", "con", "gli", "alla", "anche", "le", "da", "si", "dei", "ha", "delle", "come", "più"]),
        ("pt", ["o", "os", "que", "de", "não", "uma", "um", "do", "da", "em", "para", "com", "dos", "das", "se", "por", "mais", "na", "no", "foi", "ao", "como", "são", "também", "ele"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "niet", "dat", "op", "te", "zijn", "met", "voor", "ook", "die", "maar", "aan", "er", "worden", "wordt", "bij", "naar", "nog", "om", "heeft"]),
    ]

    /// Each stop word with a bit per language that has it: one hash per word of text.
    private static let languagesOfWord: [String: UInt8] = {
        var d: [String: UInt8] = [:]
        for (k, entry) in stopWords.enumerated() { for w in entry.1 { d[w, default: 0] |= 1 << UInt8(k) } }
        return d
    }()

    /// The ISO 639-1 code, or nil when the text is short or matches no language clearly.
    static func guess(_ text: String) -> String? {
        var counts = Array(repeating: 0, count: stopWords.count)
        var words = 0
        // 600 words is plenty for a verdict; lowercasing and splitting a long article whole was
        // a visible share of extraction time.
        let head = String(decoding: text.utf8.prefix(4800), as: UTF8.self)
        for raw in head.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).prefix(600) {
            words += 1
            guard var bits = languagesOfWord[String(raw)] else { continue }
            while bits != 0 {
                counts[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        guard words >= 15, let best = counts.indices.max(by: { counts[$0] < counts[$1] }) else { return nil }
        guard Double(counts[best]) / Double(words) >= 0.08 else { return nil }
        return stopWords[best].0
    }
}
