import WirescoreCore

/// Lines that label the article rather than being part of it, written as plain paragraphs by
/// many themes: photo credits ("Foto: dpa", "(Bild: Getty)", "© Agency"; caption elements
/// themselves are dropped by tag), advertising disclosures ("Anzeige", "*Werbung. …",
/// "Sponsored") and taxonomy or meta labels ("Tags: …", "Themen: …", "Last modified: …").
enum LabelLine {
    /// Words that, as the first word of a line followed by punctuation or nothing, disclose an
    /// ad ("Anzeige gegen Unbekannt" is a sentence and stays: a word follows).
    static let adLabels: Set<String> = [
        "anzeige", "werbung", "advertisement", "advertising", "sponsored", "gesponsert", "reklama",
        "publicidad", "publicité", "pubblicità", "publicidade", "advertentie",
        // Indonesian/Malay, German/Danish/Norwegian, Swedish, Norwegian, French, Finnish, Russian,
        // Chinese, Japanese, Korean.
        "iklan", "reklame", "annons", "annonse", "annonce", "mainos", "реклама", "广告", "広告", "광고",
    ]
    /// Labels that, followed by a colon at a line's start, introduce taxonomy or page metadata.
    static let metaLabels: Set<String> = [
        "tags", "tag", "themen", "thema", "schlagworte", "schlagwörter", "stichworte", "kategorie", "kategorien",
        "category", "categories", "filed under", "topics", "last modified", "last updated", "zuletzt aktualisiert",
        "mots-clés", "mots clés", "étiquettes", "etiquetas", "temas", "tagi", "tematy", "argomenti",
    ]

    static let labels: Set<String> = [
        "foto", "fotos", "bild", "bilder", "titelbild", "beitragsbild", "bildquelle", "fotoquelle", "fotocredit",
        "photo", "photos", "image", "images", "picture", "credit", "credits", "photo credit", "image credit",
        "crédit photo", "crédits photos", "crédits photo", "foto di", "zdjęcie", "fot", "źródło zdjęcia",
        // German papers credit the agency or press office a report is based on ("Quelle: dpa",
        // "Quelle: Landesregierung") as a line of its own, like a photo credit.
        "quelle",
    ]

    /// Whether a short block is only a label: a credit or meta label and a colon, a copyright
    /// sign, a caption ending in a parenthesised credit, or an ad disclosure.
    ///
    /// Read on UTF-8 bytes, with Strings built only for the few bytes looked up: this runs on
    /// every short line of every page, and Character-level trimming cost more than the parse
    /// of the line.
    /// `oneParagraph` says the line is written as one paragraph (no block element inside):
    /// only then are labels inside the line read (``hasInlineMetaLabel(_:)``), since a block's
    /// text joins its children's ("Promax Europe Preis, 2016" then "Kategorie: …").
    static func isLabel(_ text: String, oneParagraph: Bool = true) -> Bool {
        let u = trimmed(text.utf8[...])
        let bytes = u.count
        guard bytes > 0, bytes <= 400 else { return false }
        if u.starts(with: [0xC2, 0xA9]) { return true }   // ©
        if let colon = u.firstIndex(of: UInt8(ascii: ":")), u.distance(from: u.startIndex, to: colon) <= 40 {
            var label = u[..<colon]
            label = trimmed(label)
            while label.last == UInt8(ascii: ".") { label = trimmed(label.dropLast()) }
            let lower = String(decoding: label, as: UTF8.self).lowercased()
            if labels.contains(lower) || isNumberedCaptionLabel(lower) { return true }
            if bytes <= 300, metaLabels.contains(lower) { return true }
        }
        if oneParagraph, bytes <= 200, hasInlineMetaLabel(u) { return true }
        // An ad disclosure: "Anzeige", "*Werbung. Dieser Beitrag enthält Werbung für …".
        if bytes <= 300 {
            var w = u
            while let f = w.first, f == UInt8(ascii: "*") || f == UInt8(ascii: "[") || f == UInt8(ascii: "(") { w = w.dropFirst() }
            let end = w.firstIndex { !isWordByte($0) } ?? w.endIndex
            if end > w.startIndex, w.distance(from: w.startIndex, to: end) <= 16,
               adLabels.contains(String(decoding: w[..<end], as: UTF8.self).lowercased()) {
                var rest = w[end...]
                // The punctuation may follow after blanks ("ANZEIGE - Heute mal ausgehen?").
                while true {
                    if rest.first == 0x20 { rest = rest.dropFirst(); continue }
                    if rest.starts(with: [0xC2, 0xA0]) { rest = rest.dropFirst(2); continue }
                    break
                }
                guard let next = rest.first else { return true }
                if ".,:;|*)]-".utf8.contains(next) || rest.starts(with: [0xE2, 0x80, 0x93]) { return true }   // – en dash
            }
        }
        if u.last == UInt8(ascii: ")"), let open = u.lastIndex(of: UInt8(ascii: "(")) {
            let inside = String(decoding: u[u.index(after: open)...].prefix(8), as: UTF8.self).lowercased()
            for label in ["foto:", "fotos:", "bild:", "photo:", "photos:", "credit:", "fot.", "©"] where inside.hasPrefix(label) { return true }
        }
        return false
    }

    /// Phrases of a reading-time indicator ("3 min read", "Read time: 14 min", "Lesezeit: ca. 3
    /// Minuten", "Temps de lecture"), lowercased ASCII.
    static let readingTimePhrases: [[UInt8]] = [
        "min read", "mins read", "minute read", "minutes read", "min. read", "read time", "reading time",
        "lesezeit", "lesedauer", "temps de lecture", "tiempo de lectura", "tempo di lettura", "czas czytania", "leestijd",
    ].map { Array($0.utf8) }
    /// A reading-time line is short; a longer one is a sentence about reading.
    static let maximumReadingTimeLength = 60

    /// Whether a short line is, or carries, the article's reading time ("11 min read", "Feb 11,
    /// 2019 · 3 min read", "Lesezeit: ca. 3 Minuten"): a widget's output that themes print as a
    /// plain line next to the date, which no reader counts as the article's text (WCXB's gold
    /// leaves out all nine such lines on its pages). Lines ending like a sentence stay.
    static func isReadingTime(_ text: String) -> Bool {
        let u = trimmed(text.utf8[...])
        guard u.count >= 8, u.count <= maximumReadingTimeLength, let last = u.last,
              last != UInt8(ascii: "."), last != UInt8(ascii: "!"), last != UInt8(ascii: "?") else { return false }
        let lower = u.map(\.asciiLowercased)
        return readingTimePhrases.contains { phrase in
            guard phrase.count <= lower.count else { return false }
            for start in 0...(lower.count - phrase.count) where lower[start] == phrase[0] {
                if lower[start..<start + phrase.count].elementsEqual(phrase) { return true }
            }
            return false
        }
    }

    /// English month names and their short forms, lowercased ASCII without a dot.
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    /// Words of the label a theme may print before the date ("Updated on:", "Last updated on", "Published").
    static let dateLabelWords: Set<String> = ["last", "updated", "published", "posted", "modified", "on"]
    /// A date line is short; a longer line says something about the date.
    static let maximumDateLineLength = 60

    /// Whether a short line is only a date, perhaps with its label and time ("December 18, 2025",
    /// "17 Dec 2025", "Updated on: January 30, 2026", "Last updated on September 16th, 2023 at
    /// 09:27 am"): the post's date that themes print as a paragraph of its own above or under the
    /// article. It is metadata (the record's `date`), and the gold texts leave it out (13 WCXB
    /// pages and one AEB page moved, none for the worse). English month names only: other
    /// languages' date lines were not seen in the development sets' output.
    static func isDateLine(_ text: String) -> Bool {
        let u = trimmed(text.utf8[...])
        guard u.count >= 8, u.count <= maximumDateLineLength, holdsYear(u) else { return false }
        let punctuation: Set<Character> = [",", ".", ":"]
        var words = String(decoding: u, as: UTF8.self).lowercased().split(separator: " ").map { w -> String in
            var t = w[...]
            while let f = t.first, punctuation.contains(f) { t = t.dropFirst() }
            while let l = t.last, punctuation.contains(l) { t = t.dropLast() }
            return String(t)
        }.filter { !$0.isEmpty }[...]
        var labels = 0
        while let w = words.first, dateLabelWords.contains(w), labels < 3 { words = words.dropFirst(); labels += 1 }
        guard words.count >= 3 else { return false }
        let a = words[words.startIndex], b = words[words.startIndex + 1], year = words[words.startIndex + 2]
        guard isYear(year), months.contains(a) && isDay(b) || isDay(a) && months.contains(b) else { return false }
        // Then only a time: "at 09:27 am", "11:15 AM".
        var rest = words.dropFirst(3)
        if rest.first == "at" { rest = rest.dropFirst() }
        guard let time = rest.first else { return true }
        guard time.contains(":"), time.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }) else { return false }
        rest = rest.dropFirst()
        return rest.isEmpty || rest.count == 1 && ["am", "pm", "a.m", "p.m"].contains(rest[rest.startIndex])
    }

    /// Whether the bytes hold four digits starting "19" or "20": what ``isYear(_:)`` needs of one
    /// word, checked on the bytes first so that most short lines (menu items, labels) are turned
    /// away without lowercasing and splitting them.
    private static func holdsYear(_ u: Substring.UTF8View) -> Bool {
        var run = 0
        var first: UInt8 = 0, second: UInt8 = 0
        for b in u {
            if b >= 0x30 && b <= 0x39 {
                if run == 0 { first = b } else if run == 1 { second = b }
                run += 1
                if run == 4, first == 0x31 && second == 0x39 || first == 0x32 && second == 0x30 { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    private static func isYear(_ w: String) -> Bool {
        w.utf8.count == 4 && (w.hasPrefix("19") || w.hasPrefix("20")) && w.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// 1-31, with an ordinal suffix or not ("16th").
    private static func isDay(_ w: String) -> Bool {
        var digits = Substring(w)
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = digits.dropLast(2); break }
        guard (1...2).contains(digits.utf8.count), digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let d = Int(digits) else { return false }
        return (1...31).contains(d)
    }

    /// Words that open a figure's caption ("Abbildung 4: …", "Abb.: …", "Figure 1: …", "Ryc. 2: …").
    static let figureLabels: Set<String> = ["abbildung", "abb", "figure", "fig", "grafik", "illustration", "ilustración", "rycina", "ryc"]

    /// Whether a lowercased label (the text before a colon) is a figure label or a numbered
    /// credit label: "abbildung 4", "fig. 3", "bild2".
    static func isNumberedCaptionLabel(_ lower: String) -> Bool {
        var l = Substring(lower)
        while let last = l.last, last == " " || last == "." || last.isASCII && last.isNumber { l.removeLast() }
        guard !l.isEmpty else { return false }
        return figureLabels.contains(String(l)) || l.count < lower.count && labels.contains(String(l))
    }

    /// Whether a short line holds a meta label and its colon after a separator (" - ", " | ",
    /// "·", "•", an en dash) or after a number ("News date : 04/21/2022 Category : Press
    /// Releases", "page.html - Created 03-10-2004 - Last Modified: 03-10-2004"): a page's info
    /// line, several labels written as one paragraph. Inside a sentence such a word follows
    /// another word ("three categories: …") and is not read.
    static func hasInlineMetaLabel(_ u: Substring.UTF8View) -> Bool {
        // Every label ends at a colon: a line without one is not copied.
        guard u.contains(UInt8(ascii: ":")) else { return false }
        // Blanks of every kind as plain spaces: themes indent the second label with no-break spaces.
        var b = Array(u)
        for k in b.indices {
            if b[k] == 0x09 || b[k] == 0x0A || b[k] == 0x0D { b[k] = 0x20 }
            if b[k] == 0xC2, k + 1 < b.count, b[k + 1] == 0xA0 { b[k] = 0x20; b[k + 1] = 0x20 }
        }
        for i in b.indices where b[i] == UInt8(ascii: ":") && i > 0 {
            // The one or two words before the colon ("Category", "Last Modified").
            var end = i
            while end > 0, b[end - 1] == 0x20 { end -= 1 }
            var starts: [Int] = []
            var s = end
            for _ in 0..<2 {
                while s > 0, b[s - 1] != 0x20 { s -= 1 }
                if s == end { break }
                starts.append(s)
                while s > 0, b[s - 1] == 0x20 { s -= 1 }
            }
            for start in starts where start > 0 {   // at the line's start: the ordinary label rule
                guard metaLabels.contains(String(decoding: b[start..<end], as: UTF8.self).lowercased()) else { continue }
                var p = start
                while p > 0, b[p - 1] == 0x20 { p -= 1 }
                guard p > 0 else { continue }
                let previous = b[p - 1]
                // "-", "|", a digit, or the last byte of "–" (E2 80 93), "·" (C2 B7), "•" (E2 80 A2).
                if previous == UInt8(ascii: "-") || previous == UInt8(ascii: "|") || (previous >= 0x30 && previous <= 0x39)
                    || previous == 0x93 || previous == 0xB7 || previous == 0xA2 {
                    return true
                }
            }
        }
        return false
    }

    /// Words for comments, singular and plural.
    static let commentWords: Set<String> = [
        "comments", "comment", "kommentare", "kommentar", "commentaires", "commentaire", "comentarios", "comentario",
        "commenti", "commento", "komentarze", "komentarzy", "komentarz", "comentários", "comentário", "reacties", "reactie",
    ]
    /// Counts written as words ("No comments", "Keine Kommentare", "Ein Kommentar").
    static let commentCounts: Set<String> = [
        "no", "keine", "kein", "ein", "one", "aucun", "un", "sin", "nessun", "brak", "sem", "geen", "zero",
    ]
    /// Plural words that label a post's comment counter without a number ("Comments" under a post).
    static let bareCommentWords: Set<String> = ["comments", "kommentare", "commentaires", "comentarios", "commenti"]

    /// Whether a line is only a post's comment counter: a count and the word for comments
    /// ("3 Comments", "Keine Kommentare"), optionally followed by a note in parentheses
    /// ("(Kommentare erscheinen erst nach unserer Freigabe)"), a count in parentheses after the
    /// word ("Kommentare (3)") or the plural word alone. A lone singular stays: "Komentarz" heads
    /// a commentary in Polish papers, "Comment" an opinion column.
    static func isCommentCounter(_ text: String) -> Bool {
        let u = trimmed(text.utf8[...])
        guard u.count > 0, u.count <= 120, hasCounterShape(u),
              u.withContiguousStorageIfAvailable({ commentStems.occur(in: $0) }) ?? true else { return false }
        var line = String(decoding: u, as: UTF8.self).lowercased()
        var parenthesised = false
        if line.hasSuffix(")"), let open = line.firstIndex(of: "(") {
            line = String(line[..<open])
            parenthesised = true
        }
        while line.hasSuffix(" ") || line.hasSuffix(":") { line.removeLast() }
        let words = line.split(separator: " ")
        switch words.count {
        case 1:
            let word = String(words[0])
            return bareCommentWords.contains(word) || parenthesised && commentWords.contains(word)
        case 2:
            let count = String(words[0])
            guard commentWords.contains(String(words[1])) else { return false }
            return commentCounts.contains(count) || count.allSatisfy { $0.isASCII && $0.isNumber }
        default:
            return false
        }
    }

    /// Stems every comment word holds: "omment" (comment, kommentar, commentaire, commento),
    /// "oment" (comentario, komentarz), "eact" (reactie). A line without one cannot be a
    /// counter and is not lowercased and split.
    private static let commentStems = FoldedStems(["omment", "oment", "eact"])

    /// Whether the line has at most three space-separated words before a closing parenthesised
    /// note (two, and a trailing ":" the full check strips): the shape of a comment counter,
    /// checked on the bytes so that the many ordinary short lines are not lowercased and split
    /// (it showed in profiles).
    private static func hasCounterShape(_ u: Substring.UTF8View) -> Bool {
        var end = u.endIndex
        if u.last == 0x29, let open = u.firstIndex(of: 0x28) { end = open }   // "... (note)"
        var words = 0, inWord = false
        for b in u[u.startIndex..<end] {
            if b == 0x20 { inWord = false; continue }
            if !inWord {
                inWord = true
                words += 1
                if words > 3 { return false }
            }
        }
        return true
    }

    /// The labels of a theme's share and like buttons ("Share this:", "Gefällt mir:", "Teilen:",
    /// "Quick View"), which land in the text as lines of their own when the buttons are images
    /// or scripts; whole lines only, compared case-insensitively. "Link" is not here: as a line
    /// of its own it also labels a link list the article gives.
    static let controlLabels: Set<String> = [
        "share", "share:", "share this", "share this:", "share this article", "share this article:",
        "like", "like:", "like this", "like this:", "gefällt mir", "gefällt mir:", "teilen", "teilen:",
        "teilen mit:", "artikel teilen", "artikel teilen:", "partager", "partager :", "partager:", "compartir",
        "compartir:", "condividi", "condividi:", "udostępnij", "udostępnij:", "quick view",
    ]

    /// The label half of a byline or date line that a theme writes as its own element, with the
    /// name or date in the next one (`<span>written by</span><div><a>Name</a></div>`, `<div>Last
    /// updated on:</div><div>October 1, 2025</div>`): alone, the line says nothing about the
    /// article. Whole lines only, a colon or comma after them allowed. "Author" alone is left out
    /// (as a paragraph it labels a book's details, which stay).
    static let bylineLabels: Set<String> = [
        "by", "written by", "posted by", "posted on", "published on", "published by", "updated on", "updated at",
        "last updated", "last updated on", "reviewed by", "edited by", "fact checked by", "fact-checked by",
        "medically reviewed by",
        "von", "geschrieben von", "verfasst von", "veröffentlicht am", "aktualisiert am", "zuletzt aktualisiert",
        "zuletzt aktualisiert am", "erstellt am", "erstellt von",
        "par", "publié le", "publié par", "mis à jour le", "écrit par",
        "por", "publicado el", "publicado por", "actualizado el", "escrito por", "publicado em", "atualizado em",
        "pubblicato il", "aggiornato il", "scritto da", "door", "geplaatst op", "geschreven door",
    ]

    /// Whether a line is only the label of a byline or date (``bylineLabels``).
    static func isBylineLabel(_ text: String) -> Bool {
        var u = trimmed(text.utf8[...])
        while let l = u.last, l == UInt8(ascii: ":") || l == UInt8(ascii: ",") { u = trimmed(u.dropLast()) }
        guard u.count >= 2, u.count <= 24 else { return false }
        return bylineLabels.contains(String(decoding: u, as: UTF8.self).lowercased())
    }

    /// Whether a line is only the label of a share, like or quick-view control.
    static func isControlLabel(_ text: String) -> Bool {
        let u = trimmed(text.utf8[...])
        guard u.count > 0, u.count <= 24 else { return false }
        return controlLabels.contains(String(decoding: u, as: UTF8.self).lowercased())
    }

    /// The bytes without leading and trailing ASCII blanks and no-break spaces (C2 A0).
    static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var u = bytes
        while true {
            if let f = u.first, f == 0x20 || f == 0x0A || f == 0x09 || f == 0x0D || f == 0x0C { u = u.dropFirst(); continue }
            if u.starts(with: [0xC2, 0xA0]) { u = u.dropFirst(2); continue }
            break
        }
        while true {
            if let l = u.last, l == 0x20 || l == 0x0A || l == 0x09 || l == 0x0D || l == 0x0C { u = u.dropLast(); continue }
            if u.count >= 2, u.last == 0xA0, u[u.index(u.endIndex, offsetBy: -2)] == 0xC2 { u = u.dropLast(2); continue }
            break
        }
        return u
    }

    /// Letters of a word: ASCII letters and any non-ASCII byte (accented letters).
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }
}
