import Foundation
import WirescoreXML

/// One `<url>` of a sitemap, with its Google News fields when present.
public struct SitemapURL: Sendable, Equatable {
    /// `<loc>`, as written (absolute by the protocol).
    public var loc: String
    public var lastModified: Date?
    /// `news:publication_date`.
    public var published: Date?
    /// `news:title`.
    public var title: String?
    /// `news:language` (ISO 639 as the publisher writes it).
    public var language: String?
    /// `news:publication/news:name`: the publisher.
    public var publication: String?
    /// `news:stock_tickers`, split on commas, e.g. `["NASDAQ:MSFT"]`.
    public var stockTickers: [String]

    public init(loc: String, lastModified: Date? = nil, published: Date? = nil, title: String? = nil,
                language: String? = nil, publication: String? = nil, stockTickers: [String] = []) {
        self.loc = loc; self.lastModified = lastModified; self.published = published; self.title = title
        self.language = language; self.publication = publication; self.stockTickers = stockTickers
    }
}

/// A parsed sitemap: a `<urlset>` of pages or a `<sitemapindex>` of further sitemaps.
public struct SitemapDocument: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case urlset, index }
    public var kind: Kind
    /// The pages of a urlset, in document order (at most the parser's `maxEntries`).
    public var urls: [SitemapURL] = []
    /// The `<loc>` of each `<sitemap>` of an index, in document order (at most `maxEntries`).
    public var sitemaps: [String] = []
    /// Whether any entry carried a `news:news` element (a Google News sitemap).
    public var isNews = false
    /// Entries past `maxEntries` that were skipped.
    public var skippedEntries = 0
    /// The first XML error when the document was ill-formed and recovered (entries still used).
    public var problem: String?
}

/// Why a document is not a sitemap at all.
public struct SitemapError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads sitemaps and sitemap indexes (sitemaps.org 0.9) with the Google News extension, on
/// the same hardened libxml2 SAX parser as feeds (``XMLStreamParser``).
///
/// Lenient like the feed parser: an ill-formed document yields what libxml2 recovers, with the
/// problem noted; the news fields are found by the news namespace or, when a publisher forgot
/// to declare it, by the conventional `news:` prefix. Bounded: at most `maxEntries` entries are
/// kept (the protocol's own limit is 50,000 per file), and each field's text at most 8 KiB.
/// Stateless and `Sendable`.
public struct SitemapParser: Sendable {
    public static let newsNamespace = "http://www.google.com/schemas/sitemap-news/0.9"
    public var maxEntries: Int

    public init(maxEntries: Int = 50_000) { self.maxEntries = maxEntries }

    /// - Throws: ``SitemapError`` when the root element is neither `<urlset>` nor `<sitemapindex>`.
    public func parse(_ data: [UInt8]) throws(SitemapError) -> SitemapDocument {
        let collector = SitemapCollector(maxEntries: maxEntries)
        let report = XMLStreamParser(delegate: collector).parse(data)
        guard let kind = collector.kind else {
            let root = collector.rootName.map { "the root element is <\($0)>" } ?? (report.firstError ?? "no root element")
            throw SitemapError("not a sitemap: \(root), not <urlset> or <sitemapindex>")
        }
        var document = SitemapDocument(kind: kind)
        document.urls = collector.urls
        document.sitemaps = collector.sitemaps
        document.isNews = collector.sawNews
        document.skippedEntries = collector.skipped
        document.problem = report.firstError.map { "line \(report.firstErrorLine ?? 0): \($0)" }
        return document
    }

    /// Whether `data` looks like a sitemap by its root element, without keeping any entry
    /// (discovery asks this of pages it fetched).
    public static func isSitemap(_ data: [UInt8]) -> Bool {
        (try? SitemapParser(maxEntries: 0).parse(data)) != nil
    }
}

/// Collects entries from SAX events; one per parse.
private final class SitemapCollector: XMLStreamDelegate {
    let maxEntries: Int
    var rootName: String?
    var kind: SitemapDocument.Kind?
    var urls: [SitemapURL] = []
    var sitemaps: [String] = []
    var sawNews = false
    var skipped = 0

    /// The entry being read (`<url>` or `<sitemap>`), and the field whose text is collected.
    private var entry: SitemapURL?
    private var inSitemap = false
    private var field: String?
    private var text: [UInt8] = []
    private var depth = 0
    static let maxFieldBytes = 8 * 1024

    init(maxEntries: Int) { self.maxEntries = maxEntries }

    var wantsEndElementNames: Bool { true }

    func xmlStartElement(localName: String, prefix: String?, namespaceURI: String?,
                         attributes: [XMLAttribute], namespaces: [XMLNamespaceDeclaration], line: Int) {
        depth += 1
        if depth == 1 {
            rootName = localName
            switch localName {
            case "urlset": kind = .urlset
            case "sitemapindex": kind = .index
            default: break
            }
            return
        }
        let isNews = namespaceURI == SitemapParser.newsNamespace || (namespaceURI == nil && prefix == "news")
        switch (kind, localName, isNews) {
        case (.urlset?, "url", false) where depth == 2:
            entry = SitemapURL(loc: "")
        case (.index?, "sitemap", false) where depth == 2:
            inSitemap = true
        case (_, "news", true):
            sawNews = true
        case (_, "loc", false), (_, "lastmod", false):
            field = localName
        case (_, "publication_date", true), (_, "title", true), (_, "language", true), (_, "name", true),
             (_, "stock_tickers", true):
            field = "news:" + localName
        default:
            break
        }
        text.removeAll(keepingCapacity: true)
    }

    func xmlEndElement(localName: String, prefix: String?, namespaceURI: String?) {
        defer { depth -= 1 }
        if let name = field {
            let value = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            field = nil
            if inSitemap, name == "loc" {
                if !value.isEmpty { add(sitemap: value) }
            } else if entry != nil {
                set(name, value)
            }
            return
        }
        if depth == 2, localName == "url", let done = entry {
            entry = nil
            if !done.loc.isEmpty { add(url: done) }
        } else if depth == 2, localName == "sitemap" {
            inSitemap = false
        }
    }

    private func set(_ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        switch name {
        case "loc": entry?.loc = value
        case "lastmod": entry?.lastModified = FeedDateParser.parse(value)
        case "news:publication_date": entry?.published = FeedDateParser.parse(value)
        case "news:title": entry?.title = value
        case "news:language": entry?.language = value
        case "news:name": entry?.publication = value
        case "news:stock_tickers":
            entry?.stockTickers = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.prefix(5).map { $0 }
        default: break
        }
    }

    private func add(url: SitemapURL) {
        guard urls.count < maxEntries else { skipped += 1; return }
        urls.append(url)
    }

    private func add(sitemap: String) {
        guard sitemaps.count < maxEntries else { skipped += 1; return }
        sitemaps.append(sitemap)
    }

    func xmlCharacters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard field != nil, text.count < Self.maxFieldBytes else { return }
        text.append(contentsOf: bytes.prefix(Self.maxFieldBytes - text.count))
    }
}
