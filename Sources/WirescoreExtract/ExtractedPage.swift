import Foundation

/// What ``ArticleExtractor`` finds in one page: the main text and the metadata around it.
public struct ExtractedPage: Sendable, Equatable {
    public var title: String?
    /// Author name(s), several joined by "; ".
    public var author: String?
    public var published: Date?
    /// The published date as the page wrote it, for debugging odd formats.
    public var publishedRaw: String?
    /// ISO 639-1 code, lowercase.
    public var lang: String?
    /// Absolute canonical URL.
    public var canonicalURL: String?
    public var siteName: String?
    public var description: String?
    /// Main text, paragraphs separated by "\n\n".
    public var text: String
    /// Where the text came from: "dom" or "json-ld".
    public var textSource: String
    /// The encoding the body was decoded from.
    public var encoding: String
    /// Whether the page is an article at all (``PageKind``); the pipeline holds the others.
    public var kind: PageKind = .article

    public init(title: String? = nil, author: String? = nil, published: Date? = nil, publishedRaw: String? = nil,
                lang: String? = nil, canonicalURL: String? = nil, siteName: String? = nil,
                description: String? = nil, text: String = "", textSource: String = "dom", encoding: String = "UTF-8") {
        self.title = title; self.author = author; self.published = published; self.publishedRaw = publishedRaw
        self.lang = lang; self.canonicalURL = canonicalURL; self.siteName = siteName
        self.description = description; self.text = text; self.textSource = textSource; self.encoding = encoding
    }
}
