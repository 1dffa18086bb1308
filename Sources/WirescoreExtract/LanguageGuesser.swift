/// Guesses a text's language from its most frequent function words, for pages that do not
/// declare one, or declare one their text is not in. Only the eight languages the pipeline's
/// sources publish in are considered;
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
        ("pl", ["i", "w", "z", "na", "się", "nie", "że", "jest", "jak", "po", "co", "ale", "od", "za", "przez", "dla", "jego", "tym", "są", "oraz", "czy", "już", "może", "być", "także", "jej", "ich", "tylko"]),
    ]

    /// Each stop word with a bit per language that has it: one hash per word of text.
    private static let languagesOfWord: [String: UInt8] = {
        var d: [String: UInt8] = [:]
        for (k, entry) in stopWords.enumerated() { for w in entry.1 { d[w, default: 0] |= 1 << UInt8(k) } }
        return d
    }()

    /// The ISO 639-1 code, or nil when the text is short or matches no language clearly.
    ///
    /// Words are read straight from the UTF-8 bytes (letters, apostrophes and non-ASCII letters;
    /// general punctuation such as curly quotes and dashes separates), lowercased for ASCII and
    /// Latin-1 capitals: walking `Character`s with Unicode properties cost more than the rest
    /// of the guess.
    static func guess(_ text: String) -> String? {
        if let (best, share, _) = scores(text), share >= 0.08 { return best }
        return scriptGuess(text)
    }

    /// The language a non-Latin script tells on its own, for undeclared pages the stop words
    /// cannot place: kana is Japanese, Hangul Korean, Han without kana Chinese, and Greek, Hebrew
    /// and Thai are one language each; Cyrillic is Russian with ы or э and Ukrainian with і, ї
    /// or є, and nothing otherwise (Bulgarian, Serbian). At least half the letters among the
    /// first 2000 characters must be in the script; nil when none qualifies.
    static func scriptGuess(_ text: String) -> String? {
        var letters = 0, han = 0, kana = 0, hangul = 0, cyrillic = 0, greek = 0, hebrew = 0, thai = 0
        var russian = 0, ukrainian = 0
        for u in text.unicodeScalars.prefix(2000) {
            let v = u.value
            switch v {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: letters += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: letters += 1; han += 1
            case 0x3040...0x30FF: letters += 1; kana += 1
            case 0xAC00...0xD7AF, 0x1100...0x11FF: letters += 1; hangul += 1
            case 0x0400...0x04FF:
                letters += 1; cyrillic += 1
                if v == 0x044B || v == 0x042B || v == 0x044D || v == 0x042D { russian += 1 }            // ы Ы э Э
                if v == 0x0456 || v == 0x0457 || v == 0x0454 || v == 0x0406 || v == 0x0407 || v == 0x0404 { ukrainian += 1 }  // і ї є
            case 0x0370...0x03FF: letters += 1; greek += 1
            case 0x0590...0x05FF: letters += 1; hebrew += 1
            case 0x0E00...0x0E7F: letters += 1; thai += 1
            default: break
            }
        }
        guard letters >= 20 else { return nil }
        let half = letters / 2
        if kana + han > half { return kana * 20 >= kana + han ? "ja" : "zh" }
        if hangul > half { return "ko" }
        if greek > half { return "el" }
        if hebrew > half { return "he" }
        if thai > half { return "th" }
        if cyrillic > half {
            if ukrainian > 0, ukrainian >= russian { return "uk" }
            if russian > 0 { return "ru" }
        }
        return nil
    }

    /// The text's language when it is unmistakable: stop words of one language make at least
    /// 15% of its words and outnumber those of any other at least two to one. A page's declared
    /// language is overridden only by such a verdict (CMS templates ship `lang="en"` on German
    /// blogs), never by a close call.
    static func confidentGuess(_ text: String) -> String? {
        // 200 words settle a clear case; this runs on every page that declares a language.
        guard let (best, share, runnerUp) = scores(text, maxWords: 200) else { return nil }
        return share >= 0.15 && share >= runnerUp * 2 ? best : nil
    }

    /// The best language, its stop words' share of the words, and the runner-up's share.
    private static func scores(_ text: String, maxWords: Int = 600) -> (String, Double, Double)? {
        var counts = Array(repeating: 0, count: stopWords.count)
        var words = 0
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            guard !word.isEmpty else { return }
            words += 1
            if word.count <= 12, var bits = languagesOfWord[String(decoding: word, as: UTF8.self)] {
                while bits != 0 {
                    counts[bits.trailingZeroBitCount] += 1
                    bits &= bits - 1
                }
            }
            word.removeAll(keepingCapacity: true)
        }
        // 600 words is plenty for a verdict.
        var utf8 = text.utf8.prefix(maxWords * 8).makeIterator()
        while words < maxWords, let b = utf8.next() {
            switch b {
            case 0x41...0x5A: word.append(b + 32)
            case 0x61...0x7A, 0x27: word.append(b)
            case 0xC2, 0xE2:
                // U+0080–U+00BF (no-break space, guillemets) and U+2000–U+2FFF (dashes, quotes).
                flush()
                _ = utf8.next()
                if b == 0xE2 { _ = utf8.next() }
            case 0xC3:
                guard let c = utf8.next() else { break }
                word.append(b)
                word.append(c >= 0x80 && c <= 0x9E && c != 0x97 ? c + 0x20 : c)
            case 0x80...:
                word.append(b)
            default:
                flush()
            }
        }
        flush()
        guard words >= 15, let best = counts.indices.max(by: { counts[$0] < counts[$1] }) else { return nil }
        let second = counts.indices.filter { $0 != best }.map { counts[$0] }.max() ?? 0
        return (stopWords[best].0, Double(counts[best]) / Double(words), Double(second) / Double(words))
    }
}
