import WirescoreCore

/// Headings that announce a block of links to other pages ("Related articles", "Mehr zum
/// Thema", "Czytaj też"), in the languages the pipeline's sources publish in.
///
/// Class names catch most such blocks, but many themes give them none (a plain `h3` above a
/// list), and the heading is the one signal that is the same on every site of a language: it is
/// written for the reader. Matched on the whole trimmed, lowercased heading, or on its start
/// when a colon follows ("Lesen Sie auch: <link>"), so a sentence merely containing the words
/// is never affected.
enum SeeAlsoPhrases {
    static let phrases: Set<String> = [
        // English
        "related", "related articles", "related posts", "related stories", "related content", "related news",
        "read more", "read also", "see also", "more on this", "more on this topic", "more stories", "more news",
        "you may also like", "you might also like", "recommended", "recommended for you", "most read", "most popular",
        "latest news", "latest posts", "latest articles", "recent posts", "recent articles", "next post",
        "previous post", "share this", "share this article", "leave a reply", "leave a comment", "tags",
        "back to list", "back to overview",
        // German
        "mehr zum thema", "mehr themen", "weitere themen", "weitere informationen", "weiterführende informationen",
        "weitere artikel", "weitere beiträge", "ähnliche beiträge", "ähnliche artikel", "verwandte artikel",
        "verwandte beiträge", "verwandte themen", "lesen sie auch", "lesen sie mehr", "auch interessant",
        "das könnte sie auch interessieren", "das könnte dich auch interessieren", "neueste beiträge",
        "neueste artikel", "neue beiträge", "meistgelesen", "meistgelesene artikel", "meistgelesene beiträge",
        "schon gelesen", "zurück zur übersicht", "schlagworte", "schlagwörter", "kommentare",
        "schreibe einen kommentar", "kommentar verfassen", "kommentar schreiben", "kommentare schreiben",
        "zurück zur listenansicht", "zurück zur liste", "diesen artikel teilen",
        "beitrag teilen", "artikel teilen", "folgen sie uns", "folge uns", "empfohlene artikel",
        "vorschau auf den nächsten artikel", "nächster artikel", "vorheriger artikel",
        // French
        "à lire aussi", "a lire aussi", "lire aussi", "voir aussi", "sur le même sujet", "articles similaires",
        "articles liés", "les plus lus", "à lire également", "lire la suite", "dans la même rubrique",
        // Spanish
        "le puede interesar", "te puede interesar", "lea también", "lee también", "leer más", "noticias relacionadas",
        "artículos relacionados", "más noticias", "lo más leído", "también te puede interesar", "lea más", "lee más",
        "puedes ver", "notas relacionadas", "nota relacionada", "ver también", "mira también",
        // Italian
        "leggi anche", "potrebbe interessarti", "ti potrebbe interessare", "articoli correlati", "notizie correlate",
        "i più letti",
        // Polish
        "czytaj też", "czytaj także", "czytaj również", "zobacz też", "zobacz również", "zobacz także", "polecamy",
        "przeczytaj też", "przeczytaj także", "przeczytaj również", "powiązane artykuły", "najczęściej czytane",
        "dowiedz się więcej",
        // Portuguese, Dutch
        "leia também", "leia mais", "veja também", "notícias relacionadas", "lees ook", "meer over dit onderwerp",
        "gerelateerde artikelen",
    ]

    /// Headings of an article's table of contents, the list of links to its own sections: the
    /// entries repeat the subheadings that follow, so the heading goes with the links under it
    /// like a "see also" heading. Whole lines only (a colon after them allowed).
    static let contentsHeadings: Set<String> = [
        "table of contents", "contents", "in this article", "on this page", "jump to", "inhaltsverzeichnis", "inhalt",
        "sommaire", "índice", "indice", "spis treści",
    ]

    /// Openings of a heading that names what more the site has on a subject, the subject after
    /// them: "More from CFR", "More on Rosalía", "Explore more franchise opportunities",
    /// "Entdecke weitere Homestorys", "Mehr zum Thema auf …". Spanish "más de" is not here: it
    /// opens figures ("Más de 300 heridos").
    static let moreOfOpenings: [[UInt8]] = [
        "more from ", "more on ", "more in ", "explore more ", "discover more ", "entdecke weitere ",
        "entdecken sie weitere ", "entdecke mehr ", "mehr aus ", "mehr von ", "mehr zum ", "mehr zur ", "mehr zu ",
        "mehr über ", "weitere artikel ", "weitere beiträge ", "weitere nachrichten ", "plus d'articles ",
        "plus de contenus ", "więcej z ", "więcej o ",
    ].map { Array($0.utf8) }
    /// Such a heading is short; a longer line is a sentence.
    static let maximumMoreOfLength = 50

    /// Whether a short line is a heading over links to more of the site ("More from the region",
    /// ``moreOfOpenings``): at most ``maximumMoreOfLength`` bytes, the opening followed by a
    /// subject, and no sentence punctuation or colon at its end ("Mehr zu unserer Arbeitsweise
    /// lesen Sie hier." is a sentence; a colon line is ``announcesLinks(_:)``'s). Like a "see
    /// also" heading it is left out with the linked blocks after it; the prose after it stays.
    static func namesMoreOf(_ line: String) -> Bool {
        let u = LabelLine.trimmed(line.utf8[...])
        guard u.count <= maximumMoreOfLength, let last = u.last,
              last != UInt8(ascii: "."), last != UInt8(ascii: ":"), last != UInt8(ascii: "!"), last != UInt8(ascii: "?"),
              last != UInt8(ascii: ","), last != UInt8(ascii: ";") else { return false }
        return moreOfOpenings.contains { opening in
            u.count > opening.count && zip(u, opening).allSatisfy { $0.asciiLowercased == $1 }
        }
    }

    /// Whether a short line is only the heading of a table of contents (``contentsHeadings``).
    static func headsContents(_ line: String) -> Bool {
        var u = LabelLine.trimmed(line.utf8[...])
        while u.last == UInt8(ascii: ":") { u = LabelLine.trimmed(u.dropLast()) }
        guard u.count >= 5, u.count <= 20 else { return false }
        return contentsHeadings.contains(String(decoding: u, as: UTF8.self).lowercased())
    }

    /// Phrases of two or more words, matched as a short line's opening words ("Tags" alone
    /// also opens sentences: "Tags darauf sagte er:").
    static let multiWordPhrases = phrases.filter { $0.contains(" ") }.sorted()

    /// The longest phrase, in UTF-8 bytes: longer headings are never looked up.
    static let maxLength = phrases.map(\.utf8.count).max() ?? 0

    /// Whether a heading (or a short line acting as one) announces links to other pages.
    static func announcesLinks(_ heading: String) -> Bool {
        var heading = heading
        // Nearly every line read here is ASCII: decided on its bytes, without Characters,
        // lowercased Strings or String hashing (this runs on every short line of every page).
        if let ascii = heading.withUTF8({ asciiAnnouncesLinks($0) }) { return ascii }
        return unicodeAnnouncesLinks(heading)
    }

    /// ``announcesLinks(_:)`` for an ASCII line, nil for any other. The same rules on bytes: for
    /// ASCII, `Character.isWhitespace` is 0x09-0x0D and space, and `lowercased()` maps A-Z only.
    static func asciiAnnouncesLinks(_ u: UnsafeBufferPointer<UInt8>) -> Bool? {
        var start = 0, end = u.count
        for b in u where b >= 0x80 { return nil }
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        while start < end, isSpace(u[start]) { start += 1 }
        while end > start {
            let l = u[end - 1]
            guard isSpace(l) || l == UInt8(ascii: ":") || l == UInt8(ascii: "?") || l == UInt8(ascii: "!")
                || l == UInt8(ascii: ".") else { break }
            end -= 1
        }
        guard start < end else { return false }
        if end - start <= maxLength, isPhrase(u, start, end) { return true }
        // A short line opening with a phrase of two or more words and ending in a colon.
        if u.count <= 70 {
            var last = u.count
            while last > 0, isSpace(u[last - 1]) { last -= 1 }
            if last > 0, u[last - 1] == UInt8(ascii: ":") {
                for phrase in asciiMultiWordPhrases where start + phrase.count < end && u[start + phrase.count] == 0x20 {
                    if matchesFolded(u, at: start, phrase) { return true }
                }
            }
        }
        var colon = start
        while colon < end, u[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < end, colon - start <= maxLength else { return false }
        var headEnd = colon
        while headEnd > start, isSpace(u[headEnd - 1]) { headEnd -= 1 }
        return isPhrase(u, start, headEnd)
    }

    /// Whether `u[start..<end]`, lowercased (ASCII), is one of the phrases.
    private static func isPhrase(_ u: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= maxLength else { return false }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in start..<end {
            let b = u[k]
            hash = (hash ^ UInt64(b.asciiLowercased)) &* 0x0000_0100_0000_01B3
        }
        guard let candidates = phrasesByHash[hash] else { return false }
        return candidates.contains { $0.count == end - start && matchesFolded(u, at: start, $0) }
    }

    /// Whether the bytes of `u` from `start`, ASCII case folded, begin with `phrase` (lowercase);
    /// the caller has checked that `phrase.count` bytes are there.
    private static func matchesFolded(_ u: UnsafeBufferPointer<UInt8>, at start: Int, _ phrase: [UInt8]) -> Bool {
        for k in 0..<phrase.count where u[start + k].asciiLowercased != phrase[k] { return false }
        return true
    }

    /// The ASCII phrases of two or more words, as bytes (a non-ASCII one cannot open an ASCII line).
    private static let asciiMultiWordPhrases: [[UInt8]] =
        multiWordPhrases.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }

    /// The phrases' bytes by their FNV-1a hash.
    private static let phrasesByHash: [UInt64: [[UInt8]]] = {
        var table: [UInt64: [[UInt8]]] = [:]
        for phrase in phrases {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in phrase.utf8 { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            table[hash, default: []].append(Array(phrase.utf8))
        }
        return table
    }()

    /// ``announcesLinks(_:)`` by Characters, for lines with non-ASCII text.
    static func unicodeAnnouncesLinks(_ heading: String) -> Bool {
        var s = Substring(heading)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace || l == ":" || l == "?" || l == "!" || l == "." || l == "…" { s = s.dropLast() }
        guard !s.isEmpty else { return false }
        if s.utf8.count <= maxLength, phrases.contains(s.lowercased()) { return true }
        // "Weitere Beiträge aus der Kolumne:": a short line that opens with a phrase of two or
        // more words and ends in a colon introduces the links below it.
        if heading.utf8.count <= 70, heading.last(where: { !$0.isWhitespace }) == ":" {
            let lower = s.lowercased()
            for p in multiWordPhrases where lower.hasPrefix(p) && lower.dropFirst(p.count).first == " " { return true }
        }
        // "Lesen Sie auch: Title of the other story"
        if let colon = s.utf8.firstIndex(of: UInt8(ascii: ":")), s.utf8.distance(from: s.startIndex, to: colon) <= maxLength {
            return phrases.contains(s[..<colon].trimmingCharacters().lowercased())
        }
        return false
    }
}

private extension Substring {
    func trimmingCharacters() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
