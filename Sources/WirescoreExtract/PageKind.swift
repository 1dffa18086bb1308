import WirescoreCore

/// What a page is, as far as the pipeline cares: an article, or one of the pages feeds also link
/// to that are not (a section front or tag page listing other stories, a shop's product page or
/// grid, a landing page). Extracting "main text" from those yields teasers and menu labels that
/// would otherwise be scored as news; the record's `quality` says so instead.
public enum PageKind: String, Sendable, Equatable {
    case article
    /// Many cards or linked headlines leading to other pages, and little prose of its own.
    case listing
    /// Declared a product (Open Graph `product`, JSON-LD `Product`) and not an article.
    case product
    /// Neither declared an article nor holding prose: a home or campaign page of short blurbs.
    case landing
}

/// The layout figures ``PageKindClassifier`` reads, measured by ``MainTextExtractor``.
struct PageShape {
    /// Teaser-like `article` elements (cards for other pages) and headings whose text is a link
    /// (a card's or a list entry's title) on the whole page, before boilerplate removal.
    var titlesOnPage: Int
    /// Share of the page's text inside links, before boilerplate removal.
    var linkDensityBeforeCleaning: Double
    /// Share of the page's remaining text inside links, after boilerplate removal.
    var linkDensity: Double
    /// Prose (paragraph text outside link lists) left on the page after removal, in bytes.
    var prose: Int
    /// Cards and linked headings inside the block chosen as the main text.
    var titlesInMainText: Int
}

/// Decides a page's ``PageKind`` from its declarations first and its shape second.
///
/// Declarations are the publisher's own word and cheap to read: `og:type` `article`, a JSON-LD
/// `Article`/`BlogPosting`, or a published date make a page an article whatever its layout (a
/// short news item is still news; "thin" is the quality step's verdict, not this one).
/// Undeclared pages are judged by shape, with thresholds set so that every article page of the
/// development sets stays an article (docs/extraction.md lists the figures): a listing's main
/// block is a grid of linked titles, or its page is many titles and next to no prose; a landing
/// page has little prose and a link-heavy body.
enum PageKindClassifier {
    static func classify(meta: PageMetadata, published: Bool, shape: PageShape, textLength: Int) -> PageKind {
        let ogType = meta.metas["og:type"]?.lowercased() ?? ""
        let declaredArticle = ogType == "article" || ogType.hasPrefix("article") || !meta.ldArticles.isEmpty
        let declaredProduct = ogType.hasPrefix("product") || meta.ldObjects.contains { isProductType($0["@type"]) }
        if declaredProduct, !declaredArticle { return .product }
        if declaredArticle || published { return .article }
        let titles = shape.titlesOnPage
        // A listing: the "main text" is itself a grid of titles linking away, or the page is
        // many such titles around next to no text. A short article beside a column of
        // headlines is neither: its own block holds no titles and it has text.
        if shape.titlesInMainText >= 4, textLength < shape.titlesInMainText * 300 { return .listing }
        if titles >= 8, textLength < 500, shape.prose < 200, shape.linkDensityBeforeCleaning >= 0.3 { return .listing }
        if textLength < 500, shape.prose < 500, shape.linkDensity >= 0.5 { return .landing }
        return .article
    }

    static func isProductType(_ t: JSONValue?) -> Bool {
        switch t {
        case let .string(s)?: return s == "Product" || s == "ProductGroup" || s == "IndividualProduct"
        case let .array(items)?: return items.contains { isProductType($0) }
        default: return false
        }
    }
}
