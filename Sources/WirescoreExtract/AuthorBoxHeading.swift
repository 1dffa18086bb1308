/// Headings that title a box about the article's author ("About the author", "Über die
/// Autorin", "Autor:innen"), in the languages the pipeline's sources publish in.
///
/// Themes print the author box under the post in the article's column, with the same paragraph
/// markup and often no class name that says so; on a page with little prose (a chart with one
/// paragraph, a short notice) the box's two or three sentences of biography outscore the article.
/// The heading is written for the reader and is the same on every site of a language: the
/// heading and the short blocks under it are left out before scoring. Matched on the whole
/// trimmed, lowercased heading (a colon after it allowed), so a sentence that merely mentions an
/// author is never affected.
enum AuthorBoxHeading {
    static let phrases: Set<String> = [
        // English
        "about the author", "about the authors", "about the writer", "about the contributor", "author", "authors",
        // German
        "autor", "autorin", "autoren", "autorinnen", "autor:innen", "autor*innen", "autor_innen", "über den autor",
        "über die autorin", "über die autoren", "über die autorinnen", "über die autor:innen",
        // French, Spanish, Italian, Portuguese, Polish, Dutch
        "à propos de l'auteur", "à propos de l’auteur", "l'auteur", "l’auteur", "sobre el autor", "sobre la autora",
        "sobre los autores", "sull'autore", "sull’autore", "l'autore", "l’autore", "sobre o autor", "sobre a autora",
        "o autorze", "o autorce", "over de auteur", "over de auteurs",
    ]
    /// The longest phrase in bytes: longer lines are never looked up.
    static let maxLength = phrases.map(\.utf8.count).max() ?? 0

    /// Whether a heading's whole text titles an author box. A `line` (a paragraph standing in for
    /// a heading) must be a title of two or more words: "Author:" alone also labels a field of a
    /// book's or a paper's details, with the name after it.
    static func titlesAuthorBox(_ heading: String, line: Bool = false) -> Bool {
        guard stems.occur(in: heading) else { return false }
        var h = heading.trimmingWhitespace().lowercased()
        while h.hasSuffix(":") { h.removeLast(); h = h.trimmingWhitespace() }
        return phrases.contains(h) && (!line || h.contains(" "))
    }

    /// Every phrase holds one of these ("author", "autorin", "l'auteur", "about the writer",
    /// "about the contributor"): most short lines hold none and are not trimmed, lowercased
    /// and looked up.
    private static let stems = FoldedStems(["aut", "writ", "contrib"])

    /// More text than this under such a heading is not a box about the author.
    static let maximumBoxLength: Int32 = 1500
}
