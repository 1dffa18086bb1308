import Foundation
import WirescoreXML

/// Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1 documents into a
/// ``FeedDocument``. JSON Feed is recognised by content (a document whose first byte is `{`).
///
/// The parser never crashes on input: an ill-formed document yields `bozo = true`, the first
/// error in `bozoException`, and whatever content libxml2 recovered. A document that is not a
/// feed at all (an empty body, an HTML page, bytes with no XML element) throws ``FeedError``,
/// so a pipeline can record "not a feed" instead of storing an empty feed.
///
/// A `FeedParser` holds no state between calls and is `Sendable`; each call builds its own
/// libxml2 context.
public struct FeedParser: Sendable {
    public init() {}

    /// Parses one document.
    ///
    /// - Parameters:
    ///   - data: the response body.
    ///   - url: the document's URL: the base for relative links.
    ///   - contentType: the HTTP Content-Type header (its charset overrides the XML declaration
    ///     for XML media types, as RFC 3023 and feedparser do).
    ///   - contentLocation: the HTTP Content-Location header, a better base than `url`.
    ///   - contentLanguage: the HTTP Content-Language header, the default feed language.
    /// - Returns: the parsed feed.
    /// - Throws: ``FeedError`` when the body is empty or not a feed (HTML, no XML element).
    public func parse(_ data: [UInt8], url: String?, contentType: String?,
                      contentLocation: String? = nil, contentLanguage: String? = nil) throws(FeedError) -> FeedDocument {
        guard data.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw FeedError("empty document")
        }
        var base = url.flatMap { FeedURL.safe($0) }
        if let location = contentLocation, !location.isEmpty {
            let resolved = FeedURL.resolve(location, against: base)
            if let safe = FeedURL.safe(resolved) { base = safe }
        }
        if JSONFeedParser.looksLikeJSON(data) {
            var doc = try JSONFeedParser().parse(data, base: base)
            if doc.feed.language == nil, let contentLanguage, !contentLanguage.isEmpty { doc.feed.language = contentLanguage }
            return doc
        }
        let encoding = FeedEncoding.decide(data, contentType: contentType)
        let skip = encoding.override == nil ? 0 : FeedEncoding.bomLength(data)
        var input: [UInt8]
        var override = encoding.override
        switch encoding.override?.lowercased() {
        case "utf-32le"?, "utf-32be"?:
            input = FeedEncoding.utf32ToUTF8(data[skip...], littleEndian: encoding.override?.lowercased() == "utf-32le")
            override = "UTF-8"
        case let name? where MacTurkish.names.contains(name):
            input = MacTurkish.toUTF8(data[skip...])
            override = "UTF-8"
        default:
            input = skip == 0 ? data : Array(data[skip...])
        }
        var (builder, report) = run(input, encoding: override, base: base, language: contentLanguage)
        // An EBCDIC document declaring a name libxml2 lacks (read by libxml2 itself, as our
        // declaration reader only reads ASCII-compatible and UTF-16/32 bytes): use the alias.
        var aliasEncoding: String?
        if override == nil, builder.rootName == nil, let declared = report.declaredEncoding,
           let alias = FeedEncoding.iconvAlias(declared) {
            (builder, report) = run(input, encoding: alias, base: base, language: contentLanguage)
            aliasEncoding = FeedEncoding.normalize(declared)
        }
        // A bare `&` or `&#X41;` costs libxml2's recovery the text around it: repair and parse
        // again. Well-formed documents (nearly all) are scanned once.
        var repairedReferences = false
        if report.sawReferenceError, let fixed = FeedXMLRepair.repair(input) {
            input = fixed
            (builder, report) = run(input, encoding: override, base: base, language: contentLanguage)
            repairedReferences = true
        }
        if builder.rootName == nil {
            throw FeedError(report.firstError.map { "not XML: \($0)" } ?? "no XML element found")
        }
        if let root = builder.rootName, root.lowercased() == "html" {
            throw FeedError("an HTML page, not a feed")
        }
        var doc = builder.finish()
        doc.encoding = encoding.reported
        if let aliasEncoding {
            doc.encoding = aliasEncoding
        } else if encoding.override == nil, contentType == nil, let declared = report.declaredEncoding, !declared.isEmpty {
            doc.encoding = FeedEncoding.normalize(declared)
        }
        if let problem = encoding.problem {
            doc.bozo = true
            doc.bozoException = problem
        }
        if report.unknownEncoding {
            doc.bozo = true
            doc.bozoException = doc.bozoException ?? "unknown encoding \(encoding.override ?? "")"
        }
        if let error = report.firstError {
            doc.bozo = true
            if doc.bozoException == nil {
                doc.bozoException = report.firstErrorLine.map { "line \($0): \(error)" } ?? error
            }
        }
        if let entity = report.undeclaredEntity {
            // Read as the HTML character, but a strict XML parser stops there: feedparser's bozo.
            doc.bozo = true
            if doc.bozoException == nil {
                doc.bozoException = "line \(report.undeclaredEntityLine ?? 0): undefined entity &\(entity); (read as the HTML character)"
            }
        }
        if doc.encoding.lowercased() == "utf-8" { DoubleEncodedText.repair(&doc) }
        if repairedReferences, !doc.bozo {
            // Repaired, but still not well-formed XML: say so, as a strict parser would.
            doc.bozo = true
            doc.bozoException = "ill-formed reference: a bare '&' or '&#X' (kept as text)"
        }
        return doc
    }

    /// One libxml2 pass over `input` into a fresh builder.
    private func run(_ input: [UInt8], encoding: String?, base: String?, language: String?) -> (FeedBuilder, XMLParseReport) {
        let builder = FeedBuilder(documentBase: base)
        if let language, !language.isEmpty { builder.defaultLanguage = language }
        let xml = XMLStreamParser(delegate: builder)
        let report = xml.parse(input, encoding: encoding)
        return (builder, report)
    }
}
