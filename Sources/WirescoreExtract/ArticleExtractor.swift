import Foundation
import WirescoreCore
import WirescoreXML

/// Turns a fetched page into its article: main text plus title, author, date, language,
/// canonical URL and site name.
///
/// A pure function of its inputs (no network, no clock, no shared state), so it is `Sendable`
/// and safe to call from many tasks at once; `reprocess` relies on it giving the same answer
/// every time. Rules are generic HTML conventions only; nothing is keyed to a site.
public struct ArticleExtractor: Sendable {
    /// JSON-LD `articleBody` replaces the DOM text only when it is at least this long...
    var minArticleBodyLength = 200
    /// The language the source declares for the page (a news sitemap's `news:language`, a
    /// feed's `<language>`): used when the page declares none, before guessing from the text.
    public var languageHint: String?

    public init(languageHint: String? = nil) { self.languageHint = languageHint }

    /// Extracts one page.
    /// - Parameters:
    ///   - html: the raw HTTP body.
    ///   - url: the page's URL, the base for the canonical link and a last resort for the date.
    ///   - contentType: the HTTP `Content-Type` value: its media type gates non-HTML bodies and its
    ///     charset decides the decoding.
    /// - Returns: the page; `text` may be empty when the page has no prose (a gallery, a video).
    /// - Throws: ``ExtractionError/emptyDocument`` for an empty or blank body,
    ///   ``ExtractionError/notHTML(_:)`` for bodies that are something else.
    public func extract(html: [UInt8], url: String?, contentType: String?) throws(ExtractionError) -> ExtractedPage {
        try Self.checkIsHTML(html, contentType: contentType)
        let doc: HTMLDocument
        do {
            doc = try HTMLDocument(bytes: Self.withoutNULs(html), contentType: contentType, prefiltered: true)
        } catch {
            throw .notHTML("the HTML parser failed: \(error.message)")
        }
        return extract(document: doc, url: url)
    }

    /// Extracts from an already parsed document.
    public func extract(document doc: HTMLDocument, url: String?) -> ExtractedPage {
        let meta = PageMetadata(doc: doc)
        var page = ExtractedPage(encoding: doc.encoding)
        page.title = title(meta)
        page.author = author(meta)
        let (raw, date) = published(meta, url: url)
        page.publishedRaw = raw
        page.published = date
        page.canonicalURL = canonical(meta, url: url)
        page.siteName = nonEmpty(meta.metas["og:site_name"])
            ?? meta.ldArticles.lazy.compactMap { PageMetadata.text(of: $0["publisher"]) }.first
            ?? nonEmpty(meta.metas["application-name"])
        page.description = nonEmpty(meta.metas["og:description"]) ?? nonEmpty(meta.metas["description"])

        let content = MainTextExtractor(doc: doc)
        let roots = content.selectContent()
        // The headline is metadata, not text: an h1/h2 that is one of the page's titles is left out.
        let titles = pageTitles(meta, page.title)
        var text = roots.isEmpty ? "" : content.serialize(roots, skipHeadingText: titles)
        if text.utf8.count < 250 {
            // Scattered prose with no winning container: take the whole cleaned body instead.
            let body = doc.elements(.body).first ?? doc.root
            let whole = content.serialize([body], skipHeadingText: titles)
            if text.isEmpty || whole.utf8.count > text.utf8.count * 2 && whole.utf8.count < 4000 { text = whole }
        }
        // The lead paragraph when the theme put it outside the chosen blocks (see leadBefore).
        if !text.isEmpty, let lead = content.leadBefore(roots) ?? content.proseBefore(roots) {
            let leadText = Self.removingSoftHyphens(doc.textContent(lead))
            if leadText != page.title, !UTF8Search.contains(text, String(leadText.prefix(60))) { text = leadText + "\n\n" + text }
        }
        // The author box under the post, when the page declares the author's bio (see AuthorBio).
        text = AuthorBio.removing(AuthorBio.declared(in: meta.ldObjects), from: text)
        // Or, undeclared, a short last paragraph that opens with the author's name.
        text = AuthorBio.removingClosingBio(of: page.author, from: text)
        // A licence notice or press contact block that ends the text (see TrailingNotice).
        text = TrailingNotice.removing(from: text)
        page.text = text
        if let body = meta.ldRawString("articleBody") {
            let clean = Self.plainBody(body)
            // articleBody is what the publisher calls the article, but it is often truncated
            // (paywalls) or a summary; trust it only when it is not much shorter than the DOM's.
            if clean.utf8.count >= minArticleBodyLength, clean.utf8.count * 10 >= text.utf8.count * 9 || text.utf8.count < 300 {
                page.text = Self.paragraphs(Self.removingSoftHyphens(clean))
                page.textSource = "json-ld"
            }
        }
        // A script-rendered how-to or recipe: the DOM has next to no text, the JSON-LD has it all.
        if page.text.utf8.count < 250 {
            let declared = StructuredBody.text(in: meta.ldObjects, stripTags: Self.stripTags)
            if declared.utf8.count >= 250, declared.utf8.count > page.text.utf8.count * 2 {
                page.text = declared
                page.textSource = "json-ld"
            }
        }
        page.text = Self.composed(page.text)
        page.lang = language(meta, text: page.text)
        page.kind = PageKindClassifier.classify(meta: meta, published: raw != nil || date != nil, shape: content.shape(mainText: roots),
                                                textLength: page.text.utf8.count)
        return page
    }

    // MARK: - Gate

    /// Leading bytes of formats that are no page.
    static let binarySignatures: [(String, [UInt8])] = [
        ("PDF", Array("%PDF".utf8)), ("PNG image", [0x89, 0x50, 0x4E, 0x47]), ("GIF image", Array("GIF8".utf8)),
        ("JPEG image", [0xFF, 0xD8, 0xFF]), ("ZIP archive", [0x50, 0x4B, 0x03, 0x04]), ("gzip data", [0x1F, 0x8B]),
        ("RIFF media", Array("RIFF".utf8)), ("WebAssembly", [0x00, 0x61, 0x73, 0x6D]),
    ]

    /// A `Content-Type` value's media type, trimmed and lowercased ("text/html"). An ASCII value
    /// (every real one) is cut, trimmed of spaces and tabs (all the ASCII in `.whitespaces`) and
    /// lowercased as bytes; Foundation's trimming and lowercasing showed in profiles.
    static func mediaType(_ contentType: String) -> String {
        let utf8 = contentType.utf8
        // (A value opening with ";" is left to `split`, which skips the empty first piece.)
        guard let first = utf8.first, first != UInt8(ascii: ";"), utf8.allSatisfy({ $0 < 0x80 }) else {
            return contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
        var media = Array(utf8.prefix { $0 != UInt8(ascii: ";") })
        while let last = media.last, last == 0x20 || last == 0x09 { media.removeLast() }
        let start = media.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? media.count
        return String(decoding: media[start...].map(\.asciiLowercased), as: UTF8.self)
    }

    static func checkIsHTML(_ bytes: [UInt8], contentType: String?) throws(ExtractionError) {
        var first = 0
        while first < bytes.count, bytes[first] <= 0x20 { first += 1 }
        // An HTML page that is only a BOM and blanks is still empty.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            first = 3
            while first < bytes.count, bytes[first] <= 0x20 { first += 1 }
        }
        if first == bytes.count { throw .emptyDocument }
        if let ct = contentType {
            let media = mediaType(ct)
            let ok = media.isEmpty || media.hasPrefix("text/") || media.contains("html") || media.contains("xml")
                || media == "application/octet-stream" || media == "binary/octet-stream" || media == "unknown/unknown"
            if !ok || media == "text/css" || media == "text/javascript" || media == "text/csv" {
                throw .notHTML("content type \(media)")
            }
        }
        for (what, sig) in binarySignatures where bytes.starts(with: sig) { throw .notHTML(what) }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !utf16, bytes.prefix(4096).contains(0) { throw .notHTML("binary data (NUL bytes)") }
        if bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") { throw .notHTML("JSON") }
        if !utf16, !bytes.contains(UInt8(ascii: "<")) { throw .notHTML("no markup") }
    }

    /// The body with stray NUL bytes made spaces. A NUL deep in a page (a template's padding)
    /// ends libxml2's input there, losing the article after it; the gate already refused bodies
    /// with NULs up front (binary data), and UTF-16 bodies, whose NULs are characters, are kept.
    static func withoutNULs(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) else { return bytes }
        // memchr: a byte-by-byte `contains` over every page cost as much as a rule pass.
        let hasNUL = bytes.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }
        return hasNUL ? bytes.map { $0 == 0 ? 0x20 : $0 } : bytes
    }

    // MARK: - Metadata precedence

    private func title(_ m: PageMetadata) -> String? {
        if let t = nonEmpty(m.metas["og:title"]) { return t }
        if let t = m.ldString("headline") { return t }
        if let t = nonEmpty(m.titleTag.map { Self.stripSiteSuffix($0) }) { return t }
        if let t = nonEmpty(m.metas["twitter:title"]) { return t }
        return m.firstH1
    }

    /// Every title the page declares, one per line (for ``MainTextExtractor/isTitle(_:_:)``).
    private func pageTitles(_ m: PageMetadata, _ chosen: String?) -> String? {
        var out: [String] = []
        for t in [chosen, m.metas["og:title"], m.ldString("headline"), m.titleTag.map { Self.stripSiteSuffix($0) },
                  m.titleTag, m.metas["twitter:title"]] {
            if let c = nonEmpty(t), !UTF8Search.contains(c, byte: 0x0A), !out.contains(c) { out.append(c) }
        }
        return out.isEmpty ? nil : out.joined(separator: "\n")
    }

    /// "Headline | Site" → "Headline": cut at the last separator when the tail is short.
    static func stripSiteSuffix(_ title: String) -> String {
        let t = title.trimmingWhitespace()
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " • "] {
            if let offset = UTF8Search.lastOffset(of: sep, in: t) {
                // Separators open and close with a space, so both offsets fall on characters.
                let utf8 = t.utf8
                let lower = utf8.index(utf8.startIndex, offsetBy: offset)
                let upper = utf8.index(lower, offsetBy: sep.utf8.count)
                let head = String(t[..<lower]), tail = t[upper...]
                if tail.count <= 40, head.count >= tail.count { return head.trimmingWhitespace() }
            }
        }
        return t
    }

    private func author(_ m: PageMetadata) -> String? {
        if let a = m.ldString("author"), !a.hasPrefix("http") { return a }
        for key in ["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "twitter:creator"] {
            if let a = nonEmpty(m.metas[key]), !a.hasPrefix("http"), !a.hasPrefix("@") || key == "twitter:creator" {
                if key == "twitter:creator" { continue }
                return a
            }
        }
        if let a = m.relAuthor { return Self.stripBy(a) }
        if let b = m.bylineText { let s = Self.stripBy(b); if !s.isEmpty, s.count < 80 { return s } }
        return nil
    }

    static func stripBy(_ s: String) -> String {
        let t = s.trimmingWhitespace()
        for prefix in ["By ", "by ", "BY ", "Von ", "Par ", "Por ", "Door ", "Di "] where t.hasPrefix(prefix) {
            return String(t.dropFirst(prefix.count)).trimmingWhitespace()
        }
        return t
    }

    private func published(_ m: PageMetadata, url: String?) -> (String?, Date?) {
        var raws: [String] = []
        if let d = m.ldString("datePublished") { raws.append(d) }
        for key in ["article:published_time", "og:published_time", "datepublished", "publishdate", "pubdate",
                    "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.created",
                    "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published", "published_time",
                    "originalpublicationdate", "citation_publication_date"] {
            if let v = nonEmpty(m.metas[key]) { raws.append(v) }
        }
        if let d = m.itempropDates["datepublished"] { raws.append(d) }
        if let d = m.ldString("dateCreated") { raws.append(d) }
        if let t = m.firstTimeDatetime { raws.append(t) }
        for raw in raws { if let d = PageDateParser.parse(raw) { return (raw, d) } }
        if let url, let d = PageDateParser.dateInURL(url) { return (nil, d) }
        return (raws.first, nil)
    }

    private func canonical(_ m: PageMetadata, url: String?) -> String? {
        guard let href = nonEmpty(m.canonicalLink) ?? nonEmpty(m.metas["og:url"]) else { return nil }
        return Self.absolute(href, base: url)
    }

    /// Resolves a link against the page URL; an unresolvable relative link is nil.
    static func absolute(_ href: String, base: String?) -> String? {
        let h = href.trimmingWhitespace()
        if h.hasPrefix("http://") || h.hasPrefix("https://") { return h }
        guard let base, let b = URL(string: base), b.scheme != nil else { return nil }
        return URL(string: h, relativeTo: b)?.absoluteURL.absoluteString
    }

    /// The declared language (the page's own, else its source's ``languageHint``), unless the
    /// text is unmistakably in another one (themes and CMS defaults declare `en` on pages
    /// written in German or Polish); the text's guess when nothing is declared.
    private func language(_ m: PageMetadata, text: String) -> String? {
        var declared: String?
        for raw in [m.htmlLang, m.metas["content-language"], m.metas["og:locale"], m.metas["language"], m.metas["dc.language"]] {
            if let code = Self.primaryLanguage(raw) { declared = code; break }
        }
        if declared == nil, let l = m.ldString("inLanguage") { declared = Self.primaryLanguage(l) }
        if declared == nil { declared = Self.primaryLanguage(languageHint) }
        guard let declared else { return LanguageGuesser.guess(text) }
        if let clear = LanguageGuesser.confidentGuess(text), clear != declared { return clear }
        return declared
    }

    /// "en-US" / "pt_BR" / "DE" → "en" / "pt" / "de"; nil for non-codes.
    static func primaryLanguage(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let first = raw.trimmingWhitespace().lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "," || $0 == " " }).first
        guard let code = first, code.count == 2, code.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
        return String(code)
    }

    // MARK: - Text helpers

    private func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingWhitespace(), !t.isEmpty else { return nil }
        return t
    }

    /// The text in Unicode's canonical composed form (NFC), as the W3C asks of web text: some
    /// editors save "é" as "e" and a combining accent, and Bengali or Devanagari pages carry
    /// letters with a separate nukta, so the same word came out in two byte forms and a search
    /// or a comparison with the headline missed it. Text below U+0300 (lead bytes under 0xCC:
    /// ASCII, Latin-1, Latin Extended) is already composed and is returned untouched, without
    /// the cost of Foundation's normalisation.
    ///
    /// Foundation's normalisation costs a tenth of extraction when run on every page with a
    /// curly quote, so it runs only when some character could change: one with a combining
    /// class, or one of the few blocks whose characters compose or are replaced with a
    /// combining class of zero (Indic and other Brahmic scripts, Hangul jamo, Greek tonos forms,
    /// compatibility ideographs and the like; ``mayChangeUnderNFC(_:)``). A test holds the list
    /// to Unicode's data.
    static func composed(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0xCC }) else { return text }
        for scalar in text.unicodeScalars where scalar.value >= 0x300 && mayChangeUnderNFC(scalar) {
            return text.precomposedStringWithCanonicalMapping
        }
        return text
    }

    /// Whether NFC could replace `scalar` or compose it with what precedes it.
    static func mayChangeUnderNFC(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.canonicalCombiningClass != .notReordered { return true }
        switch scalar.value {
        case 0x0340...0x0344, 0x0374, 0x037E, 0x0387,          // Greek tonos and punctuation singletons
             0x0900...0x0DFF, 0x0F00...0x0FFF, 0x1000...0x109F, // Indic, Tibetan, Myanmar
             0x1100...0x11FF, 0x1B00...0x1B7F,                  // Hangul jamo, Balinese
             0x1F00...0x1FFF, 0x2000...0x2001, 0x2126...0x212B, // Greek extended, quads, ohm, kelvin, angstrom
             0x2329...0x232A, 0x2ADC, 0xF900...0xFAFF, 0xFB1D...0xFB4F,
             0x1_1000...0x1_193F, 0x1_D15E...0x1_D1C0, 0x2_F800...0x2_FA1F:
            return true
        default:
            return false
        }
    }

    /// Plain text with its line structure turned into "\n\n"-separated paragraphs.
    static func paragraphs(_ s: String) -> String {
        var parts: [String] = []
        for line in s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            let t = String(line).trimmingWhitespace()
            if !t.isEmpty { parts.append(t) }
        }
        return parts.joined(separator: "\n\n")
    }

    /// `text` without soft hyphens (U+00AD): Foundation's replacement where there are any, the
    /// string itself (no copy, no bridging) where there are none, as on most pages.
    static func removingSoftHyphens(_ text: String) -> String {
        UTF8Search.firstOffset(of: "\u{AD}", in: text) == nil ? text : text.replacingOccurrences(of: "\u{AD}", with: "")
    }

    /// A JSON-LD `articleBody` as plain text. Publishers write it three ways: plain text, HTML
    /// (parsed by ``stripTags(_:)``), or plain text holding character references: a CMS that
    /// stored the body's markup escaped (`&lt;p&gt;Solu&amp;ccedil;&amp;atilde;o`) or its
    /// letters as entities (`lideran&ccedil;as`) before the JSON encoder wrote it. Browsers never
    /// show that string, and read as it is the text held the entities and the escaped tags as
    /// words. So a body with no tag but a character reference is read as HTML (its line breaks
    /// kept as `br`), and when that yields tags (the markup was escaped) once more. A body with
    /// real tags is parsed once only: an escaped `&lt;div&gt;` in it is a code sample.
    static func plainBody(_ body: String) -> String {
        if UTF8Search.contains(body, byte: UInt8(ascii: "<")) { return stripTags(body) }
        guard hasCharacterReference(body) else { return body }
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        let once = stripTags(lines.joined(separator: "<br>"))
        return UTF8Search.contains(once, byte: UInt8(ascii: "<")) ? stripTags(once) : once
    }

    /// Whether `s` holds an HTML character reference (`&amp;`, `&#039;`, `&#x27;`, `&ccedil;`):
    /// an ampersand followed by a name or number and a semicolon, so "AT&T" and "R&D" are not.
    static func hasCharacterReference(_ s: String) -> Bool {
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "&") {
                var j = i + 1
                if j < u.count, u[j] == UInt8(ascii: "#") { j += 1; if j < u.count, u[j] | 0x20 == UInt8(ascii: "x") { j += 1 } }
                let start = j
                while j < u.count, j - start < 32, (u[j] >= 0x30 && u[j] <= 0x39) || (u[j] | 0x20 >= 0x61 && u[j] | 0x20 <= 0x7A) { j += 1 }
                if j > start, j < u.count, u[j] == UInt8(ascii: ";") { return true }
            }
            i += 1
        }
        return false
    }

    /// articleBody sometimes carries markup; parse it as HTML and keep the text.
    static func stripTags(_ s: String) -> String {
        guard let doc = try? HTMLDocument(bytes: Array(s.utf8), contentType: "text/html; charset=utf-8") else { return s }
        let content = MainTextExtractor(doc: doc)
        return content.serialize([doc.root], skipHeadingText: nil)
    }
}
