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
    ]

    /// Whether a short block is only a label: a credit or meta label and a colon, a copyright
    /// sign, a caption ending in a parenthesised credit, or an ad disclosure.
    static func isLabel(_ text: String) -> Bool {
        var s = Substring(text)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        guard !s.isEmpty, s.count <= 200 else { return false }
        if s.first == "©" { return true }
        if let colon = s.firstIndex(where: { $0 == ":" }), s.distance(from: s.startIndex, to: colon) <= 20 {
            var label = s[..<colon]
            while let l = label.last, l.isWhitespace || l == "." { label = label.dropLast() }
            let lower = label.lowercased()
            if labels.contains(lower) { return true }
            if s.count <= 150, metaLabels.contains(lower) { return true }
        }
        // An ad disclosure: "Anzeige", "*Werbung. Dieser Beitrag enthält Werbung für …".
        if s.count <= 150 {
            var word = s.drop { $0 == "*" || $0 == "[" || $0 == "(" }
            let end = word.firstIndex { !$0.isLetter } ?? word.endIndex
            let first = word[..<end].lowercased()
            word = word[end...]
            if adLabels.contains(first), word.isEmpty || word.first.map({ ".,:;|*)]–-".contains($0) }) == true { return true }
        }
        if s.last == ")", let open = s.lastIndex(of: "(") {
            let inside = s[s.index(after: open)...].lowercased()
            for label in ["foto:", "fotos:", "bild:", "photo:", "photos:", "credit:", "fot.", "©"] where inside.hasPrefix(label) { return true }
        }
        return false
    }
}
