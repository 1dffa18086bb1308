import WirescoreCore
import WirescoreXML

/// Finds a page's main text: the container whose paragraphs carry the most prose, plus its
/// sibling blocks that look like more of the same, serialised as paragraphs split by "\n\n".
///
/// The method is the classic readability scheme tuned for news: boilerplate elements and
/// class/id names are dropped first, then every paragraph-like block pushes a score (length,
/// commas) up to its ancestors, discounted by link density, and the best-scoring container wins.
/// Every pass is a loop over the flat node arrays (children always follow their parent in
/// document order), so nothing recurses deeper than ``HTMLDocument/maxDepth``.
///
/// Not thread-safe as a value being built; the result is plain data.
struct MainTextExtractor {
    let doc: HTMLDocument
    /// Per node: excluded along with its subtree.
    private(set) var dropped: [Bool]
    /// Per node: visible text length (bytes, whitespace runs counted as one).
    private(set) var textLen: [Int32]
    /// Per node: text length inside links.
    private var linkLen: [Int32]
    private var commas: [Int32]
    /// Per node: length of its own direct text children (for `div`s used as paragraphs).
    private var directLen: [Int32]
    /// Per node: class/id verdict. +1 content-named, 0 neither, -1 weakly boilerplate-named,
    /// -2 strongly boilerplate-named, -3 a landmark (`header`, `nav`, role=banner…), -4 hidden,
    /// -5 named for comments, sharing or recommendations (never rescued), -6 a button, figure
    /// or media element, -7 hidden and weakly boilerplate-named. -4, -6 and -7 become 0 when
    /// their element survives.
    private var hint: [Int8]
    /// Per node: text inside prose paragraphs (`p`, `pre`, `blockquote` that are not link lists).
    private var proseLen: [Int32]
    /// Per node: whether the element is or holds the page's declared main content (`main`,
    /// role=main, itemprop=articleBody). Boilerplate names never remove such an element.
    private var holdsMain: [Bool]
    /// The elements declared the main content themselves (`main`, role=main, itemprop=articleBody).
    private var declaredMain: [Int] = []
    /// Per node: teaser-like `article` elements (cards) in its subtree, itself included.
    private var articleCount: [Int32]
    /// Per node, when the page has an author box (``markAuthorBoxes()``): inside one. Empty otherwise.
    private var authorBox: [Bool] = []
    /// Whether text nodes' `textLen` and `commas` are filled in (after the first ``measure()``).
    private var textMeasured = false
    /// Cards and linked headings on the whole page, and its link density, before boilerplate
    /// removal: listing pages name their cards `teaser`, which removal takes away.
    private var titlesBeforeCleaning = 0, linkDensityBeforeCleaning = 0.0
    /// Per node: headings in its subtree that are links (a card's title pointing elsewhere).
    private var linkedHeadings: [Int32]
    /// Per node: an `article` that looked like a card when first measured. Remembered because
    /// boilerplate removal often takes the card's linked title (in a `header`) away.
    private var wasTeaser: [Bool]

    init(doc: HTMLDocument) {
        self.doc = doc
        let n = doc.count
        dropped = Array(repeating: false, count: n)
        textLen = Array(repeating: 0, count: n)
        linkLen = Array(repeating: 0, count: n)
        commas = Array(repeating: 0, count: n)
        directLen = Array(repeating: 0, count: n)
        hint = Array(repeating: 0, count: n)
        proseLen = Array(repeating: 0, count: n)
        holdsMain = Array(repeating: false, count: n)
        articleCount = Array(repeating: 0, count: n)
        linkedHeadings = Array(repeating: 0, count: n)
        wasTeaser = Array(repeating: false, count: n)
        markDropped()
        measure()
        titlesBeforeCleaning = Int(articleCount[0] + linkedHeadings[0])
        linkDensityBeforeCleaning = linkDensity(0)
        dropBoilerplate()
        markAuthorBoxes()
    }

    /// Tags an author box's title is written in: headings, and the paragraph or line themes use
    /// instead of one (only for titles of two or more words, see ``AuthorBoxHeading``).
    static let boxHeadingTags = TagSet([.h2, .h3, .h4, .h5, .h6])
    static let boxLineTags = TagSet([.p, .div])

    /// Marks each heading that titles an author box (``AuthorBoxHeading``) together with the
    /// blocks after it, up to the next heading: the author's photo, name and biography. A
    /// heading alone in a wrapper stands for the wrapper. Nothing is marked when more than
    /// ``AuthorBoxHeading/maximumBoxLength`` bytes follow (that is not a box). Marked blocks
    /// neither score nor reach the text, but they keep their place in the measurements, so the
    /// choice among the other blocks is the one it was without the rule (dropping the box
    /// outright changed how far the winner climbed on pages where it never won).
    private mutating func markAuthorBoxes() {
        var any = false
        for i in 1..<doc.count where !dropped[i] && !doc.isText(i) {
            let t = doc.tag(i)
            guard textLen[i] > 0, textLen[i] <= Int32(AuthorBoxHeading.maxLength),
                  Self.boxHeadingTags.contains(t) || Self.boxLineTags.contains(t) else { continue }
            let text = doc.textContent(i)
            guard Self.boxHeadingTags.contains(t) ? AuthorBoxHeading.titlesAuthorBox(text) : AuthorBoxHeading.titlesAuthorBox(text, line: true)
            else { continue }
            var anchor = i
            while true {
                let p = doc.parent(anchor)
                guard p > 0, doc.tag(p) != .body, doc.tag(p) != .html, onlyElementChild(p) == anchor else { break }
                anchor = p
            }
            var box: [Int] = [], length: Int32 = 0
            var s = doc.nextSibling(anchor)
            while s >= 0 {
                if doc.isText(s) {
                    length += textLen[s]
                } else if !dropped[s] {
                    if Self.cardHeadings.contains(doc.tag(s)) { break }
                    length += textLen[s]
                    box.append(s)
                }
                s = doc.nextSibling(s)
            }
            guard length > 0, length <= AuthorBoxHeading.maximumBoxLength else { continue }
            if !any { authorBox = Array(repeating: false, count: doc.count) }
            authorBox[anchor] = true
            for b in box { authorBox[b] = true }
            any = true
        }
        // Children follow their parent: one pass carries the mark down the subtrees.
        if any { for k in 1..<doc.count where !authorBox[k] { let p = doc.parent(k); if p >= 0, authorBox[p] { authorBox[k] = true } } }
    }

    // MARK: - Pass 1: what is never content

    private static let alwaysDropped = TagSet([
        .script, .style, .noscript, .template, .svg, .iframe, .button, .select, .textarea, .input,
        .option, .dialog, .canvas, .object, .embed, .head, .title, .meta, .link,
        .figcaption, .figure, .video, .audio, .picture, .img, .base, .menu,
        // Ruby annotations repeat the characters they sit on as a reading aid (子<rt>こ</rt>ども
        // would read "子こども"); the text is the base characters.
        .rt, .rp,
    ])

    /// Drops what is boilerplate by its tag alone and records every other verdict in `hint`;
    /// verdicts that depend on size wait for ``dropBoilerplate()``.
    private mutating func markDropped() {
        var verdicts = ClassVerdictCache()
        for i in 1..<doc.count {
            let p = doc.parent(i)
            if p >= 0, dropped[p] { dropped[i] = true; continue }
            if doc.isText(i) { continue }
            let t = doc.tag(i)
            // A button or figure that holds most of the page is an end tag the parser ignored
            // (`<button><div></button>` leaves the button open), not a widget: decided by size.
            if Self.nonProse.contains(t) { hint[i] = -6; continue }
            if Self.alwaysDropped.contains(t) { dropped[i] = true; continue }
            if t == .main { holdsMain[i] = true; declaredMain.append(i) }
            if Self.landmarks.contains(t) { hint[i] = -3 }
            guard doc.hasAttributes(i) else { continue }
            if let aria = doc.attributeValueBytes(i, .ariaHidden), aria.elementsEqual("true".utf8) {
                dropped[i] = true; continue
            }
            // The class value is looked up once: its cached bits answer both the hiding-class
            // test here and the name verdict in `classify`.
            let classFlags = Self.classFlags(doc, i, cache: &verdicts)
            // Hidden content is usually a menu or a modal, but streaming server renderers park the
            // whole article in a hidden element for scripts to move; decided by size later.
            if doc.attributeValueBytes(i, .hidden) != nil || doc.attributeValueBytes(i, .style).map(Self.hidesElement) == true
                || classFlags & ClassVerdictCache.hiding != 0 {
                // Boilerplate names win; a weak one keeps only the streaming-container rescue.
                let named = Self.landmarks.contains(t) ? -3 : Self.classify(doc, i, classFlags: classFlags, cache: &verdicts)
                hint[i] = named <= -2 ? named : named == -1 ? -7 : -4
                continue
            }
            if let role = doc.attributeValueBytes(i, .role), Self.lowerEquals(role, "main") { holdsMain[i] = true; declaredMain.append(i) }
            if let ip = doc.attributeValueBytes(i, .itemprop), Self.lowerEquals(ip, "articlebody") { holdsMain[i] = true; declaredMain.append(i) }
            // Landmarks are boilerplate, but a missing end tag can make one swallow the page,
            // so they are dropped by size later (see dropBoilerplate).
            if Self.landmarks.contains(t) { continue }
            // Words inside a sentence are the sentence's, whatever the class on their element:
            // editors link a phrase to another story with `a.recommendation-inline-link` or
            // `span.related-term`, and dropping it for the name left "After , you may…".
            if Self.inSentence(doc, i, t) { continue }
            hint[i] = Self.classify(doc, i, classFlags: classFlags, cache: &verdicts)
        }
    }

    /// Inline elements that carry words of the surrounding sentence.
    static let phrasing = TagSet([.a, .span, .em, .strong, .b, .i, .u, .mark, .abbr, .cite, .q, .small, .font, .code, .time])

    /// Whether `i` is a phrasing element in the middle of a paragraph's sentence: the text right
    /// after it continues the sentence (it opens with a lower-case letter or punctuation: "After
    /// <a>announcing your engagement</a>, you…", "<a>TurboTax</a> is one of…"), or the text
    /// before it stops mid-sentence and text follows ("die <a>Regierung</a> Deutschlands"). A
    /// credit or date opening a caption ("<span class=copyright>Hersteller</span> Die …") or a
    /// "Tweet" or "Follow @…" button at a paragraph's end is not in a sentence and keeps its
    /// name's verdict.
    static func inSentence(_ doc: HTMLDocument, _ i: Int, _ t: HTMLTag) -> Bool {
        guard phrasing.contains(t) else { return false }
        let p = doc.parent(i)
        guard p > 0, doc.tag(p) == .p else { return false }
        let next = doc.nextSibling(i)
        guard next >= 0, doc.isText(next), let first = String(decoding: doc.textBytes(next), as: UTF8.self)
            .first(where: { !$0.isWhitespace }) else { return false }
        if first.isLowercase || ",.;:!?)…'’”»-–—".contains(first) { return true }
        var prev = -1, c = doc.firstChild(p)
        while c >= 0, c != i { prev = c; c = doc.nextSibling(c) }
        guard prev >= 0, doc.isText(prev), let last = String(decoding: doc.textBytes(prev), as: UTF8.self)
            .last(where: { !$0.isWhitespace }) else { return false }
        return !".!?:".contains(last)
    }

    static let landmarks = TagSet([.header, .footer, .nav, .aside])
    /// Elements that never hold an article but can swallow one when the parser keeps them open.
    static let nonProse = TagSet([.button, .figure, .figcaption, .picture, .video, .audio, .object, .canvas])

    /// Drops boilerplate-named and hidden elements once their size is known, then re-measures.
    ///
    /// Names mislead in both directions: themes call the article column `sidebar-layout`, put the
    /// post inside `div.newsletter-email`, or let an unclosed `header` swallow the page. So a
    /// named element survives when it is or holds the declared main content, or when it carries
    /// most of the page's prose; its children are then judged one by one.
    private mutating func dropBoilerplate() {
        var changed = false
        let pageProse = proseLen[0]
        // Page builders put weak words on every layout wrapper (`elementor-widget-wrap`): a
        // weakly named class whose elements together hold half the page's prose is structure.
        var weakClassProse: [UInt64: Int32] = [:]
        for i in 1..<doc.count where hint[i] == -1 {
            if let c = doc.attributeValueBytes(i, .class) { weakClassProse[ClassVerdictCache.key(c), default: 0] += proseLen[i] }
        }
        let cores = proseCoreHolders(pageProse: pageProse)
        // A page that declares its main content and has prose there: a header, footer or aside
        // outside it is not the article however much text it holds (a footer's long disclaimer
        // beside a short post). Without a declaration, size decides (unclosed landmarks), and
        // so it does for landmarks inside the declared main (the article's own header and lead).
        let mainHasProse = declaredMain.contains { !dropped[$0] && proseLen[$0] >= 150 }
        let gallery = captionsCarryPage()
        for i in 1..<doc.count {
            let p = doc.parent(i)
            if p >= 0, dropped[p] { if !dropped[i] { dropped[i] = true; changed = true }; continue }
            guard hint[i] < 0, !dropped[i] else { continue }
            let t = doc.tag(i)
            let carriesProse = proseLen[i] >= 500 && proseLen[i] * 2 >= pageProse && (linkDensity(i) < 0.4 || cores[i])
            var drop: Bool
            switch hint[i] {
            case -4, -7:
                // Collapsed panels (accordions, tabs, "read more") hold prose the reader opens;
                // menus, modals and promos are short or linked.
                let panel = hint[i] == -4 && proseLen[i] >= 150 && proseLen[i] * 10 >= textLen[i] * 7 && linkDensity(i) < 0.2
                drop = !(proseLen[i] >= 1000 && proseLen[i] * 10 >= pageProse * 6) && !panel
            case -6:
                // Block editors wrap data tables and quotations in `figure` too: article content.
                drop = !carriesProse && !(t == .figure && textLen[i] >= 40
                    && (doc.firstChildTag(i, .table) != nil || doc.firstChildTag(i, .blockquote) != nil))
                    && !(gallery && (t == .figure || t == .figcaption))
            case -3:
                // A header around a story is one the parser left open: judged as unnamed.
                if t == .header, wrapsStory(i) { drop = false; hint[i] = 0; break }
                drop = !holdsMain[i] && (textLen[i] < 1500 || linkDensity(i) > 0.35 || textLen[i] * 2 < textLen[0])
                    && !(carriesProse && !(mainHasProse && !insideDeclaredMain(i)))
            case -2, -5:
                if t == .body || t == .html || t == .article || t == .main { drop = false; break }
                guard hint[i] == -2, !holdsMain[i] else { drop = !holdsMain[i]; break }
                // With a declared main that has prose, size is measured against the main: a
                // dialog outside it is not rescued by the page's share (a login form's messages
                // outweighed a video's description), and inside it a named block that holds
                // most of the main's prose is the article (`item-caption` around that description).
                if mainHasProse, let m = declaredMainAncestor(i) {
                    drop = !(carriesProse || proseLen[i] >= 150 && proseLen[i] * 2 >= proseLen[m])
                } else {
                    drop = !carriesProse || mainHasProse
                }
            default:
                if t == .body || t == .html || t == .article || t == .main { drop = false; break }
                let structural = doc.attributeValueBytes(i, .class).map { weakClassProse[ClassVerdictCache.key($0), default: 0] * 2 >= pageProse } ?? false
                drop = !holdsMain[i] && (textLen[i] < 300 && !structural || linkDensity(i) > 0.35) && !(carriesProse && cores[i])
            }
            if drop { dropped[i] = true; changed = true } else if hint[i] <= -4 { hint[i] = 0 }
        }
        if changed {
            for k in textLen.indices {
                if !doc.isText(k) { textLen[k] = 0; commas[k] = 0 }
                linkLen[k] = 0; directLen[k] = 0; proseLen[k] = 0; articleCount[k] = 0; linkedHeadings[k] = 0
            }
            measure()
        }
    }

    /// Whether the page is a slideshow told in its captions: three or more `figcaption`s holding
    /// together 1000+ bytes, on a page with under 1000 bytes of paragraphs outside them (an
    /// introduction, no article of its own). Captions are not the article's text on an ordinary
    /// page (a credit, a line under the picture), but a gallery ("20 costumes you can make
    /// tonight") writes every entry as a picture and its caption, and dropping them left only
    /// the two-line introduction. A news-in-pictures widget beside an article has as many
    /// captions but the article's paragraphs too, and stays out.
    private func captionsCarryPage() -> Bool {
        var count = 0, captionText: Int32 = 0, captionProse: Int32 = 0
        for i in 1..<doc.count where !dropped[i] && doc.tag(i) == .figcaption {
            count += 1; captionText += textLen[i]; captionProse += proseLen[i]
        }
        return count >= 3 && captionText >= 1000 && proseLen[0] - captionProse < 1000
    }

    /// Whether `header` element `i` holds an `article` of prose that is not a card (100+ bytes in
    /// paragraphs or list items, few links, no linked title). An article's header sits inside the
    /// article, never around it, so such a header is one whose end tag the parser missed: forum
    /// themes open a `header` over each post's author and date, and a stray end tag in the
    /// template (`</ul>` with no list open) leaves it open over the post's body. Dropped as a
    /// landmark, it took every post of the thread with it and left the posters' titles.
    private func wrapsStory(_ i: Int) -> Bool {
        // Children follow their parent: the subtree ends at the first node whose parent comes before `i`.
        var k = i + 1
        while k < doc.count, doc.parent(k) >= i {
            if !dropped[k], doc.tag(k) == .article, !wasTeaser[k], proseLen[k] >= 100 { return true }
            k += 1
        }
        return false
    }

    /// Whether a declared main element (see `declaredMain`) is among `i`'s ancestors: an article's
    /// own `header` (headline and lead) sits inside it.
    private func insideDeclaredMain(_ i: Int) -> Bool { declaredMainAncestor(i) != nil }

    /// The nearest declared main element among `i`'s ancestors.
    private func declaredMainAncestor(_ i: Int) -> Int? {
        var a = doc.parent(i)
        while a > 0 {
            if declaredMain.contains(a) { return a }
            a = doc.parent(a)
        }
        return nil
    }

    /// Per node: whether it is or holds a prose core, an unnamed block with at least half the
    /// page's prose and few links. A wrapper named `right-sidebar` or `menu-links` around such a
    /// block is page layout (or an unclosed menu that swallowed the article), and the sidebar
    /// widgets beside the core push the wrapper's own link density over any threshold, so the
    /// wrapper's fate is decided by the core it holds.
    private func proseCoreHolders(pageProse: Int32) -> [Bool] {
        var holds = Array(repeating: false, count: doc.count)
        guard pageProse >= 500 else { return holds }
        var i = doc.count - 1
        while i >= 1 {
            defer { i -= 1 }
            if !holds[i], !doc.isText(i), hint[i] >= 0, proseLen[i] >= 500, proseLen[i] * 2 >= pageProse, linkDensity(i) < 0.25 {
                holds[i] = true
            }
            if holds[i] { let p = doc.parent(i); if p >= 0 { holds[p] = true } }
        }
        return holds
    }

    /// `display:none` / `visibility:hidden` in an inline style.
    static func hidesElement(_ style: ArraySlice<UInt8>) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(style.count)
        for b in style where b != 0x20 { compact.append(b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0)) }
        return contains(compact, "display:none") || contains(compact, "visibility:hidden")
    }

    /// A class that CSS frameworks define as `display:none` (`hidden` in Tailwind and Bootstrap 3,
    /// `d-none` in Bootstrap 4+, `is-hidden` in Bulma) or as screen-reader-only text (`sr-only`,
    /// `visually-hidden`, WordPress's `screen-reader-text`), as a whole class name.
    static func hasHidingClass(_ v: ArraySlice<UInt8>) -> Bool {
        var i = v.startIndex
        while i < v.endIndex {
            while i < v.endIndex, v[i] == 0x20 || v[i] == 0x09 || v[i] == 0x0A { i += 1 }
            let start = i
            while i < v.endIndex, v[i] != 0x20, v[i] != 0x09, v[i] != 0x0A { i += 1 }
            let name = v[start..<i]
            if lowerEquals(name, "hidden") || lowerEquals(name, "d-none") || lowerEquals(name, "is-hidden") || lowerEquals(name, "sr-only") || lowerEquals(name, "screen-reader-text") || lowerEquals(name, "visually-hidden") { return true }
        }
        return false
    }

    /// The ``ClassVerdictCache`` bits of element `i`'s class value (0 for none or an empty one):
    /// the name verdict together with ``ClassVerdictCache/hiding`` (``hasHidingClass(_:)``).
    static func classFlags(_ doc: HTMLDocument, _ i: Int, cache: inout ClassVerdictCache) -> UInt8 {
        guard let v = doc.attributeValueBytes(i, .class), !v.isEmpty else { return 0 }
        return cache.verdict(v, compute: classValueFlags)
    }

    /// What a cache miss computes for a class or id value: the vocabulary's verdict and whether
    /// the value has a hiding class (read for class values only; an id value's bit is unused).
    static func classValueFlags(_ v: ArraySlice<UInt8>) -> UInt8 {
        ClassNameVocabulary.flags(v) | (hasHidingClass(v) ? ClassVerdictCache.hiding : 0)
    }

    /// -2 strong boilerplate, -1 weak boilerplate, +1 content-named, 0 otherwise. `classFlags`
    /// are the element's class value's cached bits (``classFlags(_:_:cache:)``).
    static func classify(_ doc: HTMLDocument, _ i: Int, classFlags: UInt8, cache: inout ClassVerdictCache) -> Int8 {
        var pos = false
        if let ip = doc.attributeValueBytes(i, .itemprop), lowerEquals(ip, "articlebody") { return 1 }
        if let role = doc.attributeValueBytes(i, .role) {
            if lowerEquals(role, "navigation") || lowerEquals(role, "complementary") || lowerEquals(role, "contentinfo")
                || lowerEquals(role, "banner") { return -3 }
            if lowerEquals(role, "dialog") || lowerEquals(role, "alertdialog") { return -5 }
            if lowerEquals(role, "main") || lowerEquals(role, "article") { pos = true }
        }
        var flags = classFlags
        if let v = doc.attributeValueBytes(i, .id), !v.isEmpty { flags |= cache.verdict(v, compute: classValueFlags) }
        let strong = flags & ClassVerdictCache.strong != 0, weak = flags & ClassVerdictCache.weak != 0
        pos = pos || flags & ClassVerdictCache.positive != 0
        if flags & ClassVerdictCache.hard != 0 { return -5 }
        if pos { return strong || weak ? 0 : 1 }
        if strong { return -2 }
        if weak { return -1 }
        return 0
    }

    // MARK: - Pass 2: measurements, bottom-up

    /// Visible length (whitespace runs count one) and commas of a text node's bytes.
    ///
    /// Every byte counts one except a blank right after a blank or at the start; counted without
    /// branches (this loop reads every text byte of every page, and the branches on blanks
    /// mispredicted).
    static func lengthAndCommas(_ bytes: ArraySlice<UInt8>) -> (Int32, Int32) {
        bytes.withUnsafeBufferPointer { buf in
            var repeatedBlanks = 0, c = 0
            var previousBlank = 1
            for b in buf {
                let blank = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D ? 1 : 0
                repeatedBlanks &+= blank & previousBlank
                previousBlank = blank
                c &+= b == UInt8(ascii: ",") ? 1 : 0
            }
            return (Int32(truncatingIfNeeded: buf.count &- repeatedBlanks), Int32(truncatingIfNeeded: c))
        }
    }

    private mutating func measure() {
        var i = doc.count - 1
        while i >= 1 {
            defer { i -= 1 }
            if dropped[i] { continue }
            let p = doc.parent(i)
            if doc.isText(i) {
                // A text node's own figures never change; re-measuring only re-sums them.
                if !textMeasured { (textLen[i], commas[i]) = Self.lengthAndCommas(doc.textBytes(i)) }
                if p >= 0 { directLen[p] += textLen[i] }
            } else {
                let t = doc.tag(i)
                if Self.cardHeadings.contains(t), textLen[i] > 0, linkLen[i] * 2 >= textLen[i] { linkedHeadings[i] += 1 }
                if t == .article, wasTeaser[i] || isTeaser(i) { wasTeaser[i] = true; articleCount[i] += 1 }
                if t == .a {
                    linkLen[i] = textLen[i]
                } else if t == .p || t == .pre || t == .blockquote || t == .li {
                    if linkLen[i] * 2 < textLen[i] { proseLen[i] = textLen[i] }
                }
            }
            if p >= 0 {
                textLen[p] += textLen[i]
                linkLen[p] += linkLen[i]
                commas[p] += commas[i]
                proseLen[p] += proseLen[i]
                articleCount[p] += articleCount[i]
                linkedHeadings[p] += linkedHeadings[i]
                if holdsMain[i] { holdsMain[p] = true }
            }
        }
        textMeasured = true
    }

    static let cardHeadings = TagSet([.h1, .h2, .h3, .h4, .h5, .h6])

    /// Whether an `article` element is a card for another page: a quarter links or more, or a
    /// title that links away (a "more stories" card with a long excerpt). Plain sections of one
    /// story, which some themes also mark up as `article`, are neither.
    private func isTeaser(_ i: Int) -> Bool {
        linkLen[i] * 4 >= textLen[i] || linkedHeadings[i] > 0
    }

    /// The page's layout figures for ``PageKindClassifier`` (titles and link density also as they were
    /// before boilerplate removal).
    func shape(mainText roots: [Int]) -> PageShape {
        PageShape(titlesOnPage: titlesBeforeCleaning, linkDensityBeforeCleaning: linkDensityBeforeCleaning,
                  linkDensity: linkDensity(0), prose: Int(proseLen[0]),
                  titlesInMainText: roots.reduce(0) { $0 + Int(articleCount[$1] + linkedHeadings[$1]) })
    }

    func linkDensity(_ i: Int) -> Double {
        textLen[i] > 0 ? Double(linkLen[i]) / Double(textLen[i]) : 0
    }

    // MARK: - Pass 3: scoring

    private static func baseScore(_ t: HTMLTag) -> Double {
        switch t {
        case .div, .article, .main, .section: return 5
        case .pre, .td, .blockquote: return 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: return -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
        default: return 0
        }
    }

    /// The nodes whose text is the article, in document order; empty when nothing qualifies.
    func selectContent() -> [Int] {
        var score: [Double] = Array(repeating: 0, count: doc.count)
        var touched: [Bool] = Array(repeating: false, count: doc.count)
        var candidates: [Int] = []
        for i in 1..<doc.count where !dropped[i] && !doc.isText(i) {
            if !authorBox.isEmpty, authorBox[i] { continue }
            let t = doc.tag(i)
            let isParagraph: Bool
            switch t {
            case .p, .pre, .td, .blockquote: isParagraph = true
            case .div, .section, .article, .main, .span, .font, .center, .li, .dd: isParagraph = directLen[i] >= 25
            default: isParagraph = false
            }
            guard isParagraph, textLen[i] >= 25 else { continue }
            let len = Double(t == .div || t == .span || t == .section ? directLen[i] : textLen[i])
            let content = 1 + Double(commas[i]) + min(len / 100, 3)
            var a = doc.parent(i), level = 0
            while a > 0, level < 5 {
                if doc.tag(a) == .html || doc.tag(a) == .document { break }
                if !touched[a] {
                    touched[a] = true
                    score[a] = Self.baseScore(doc.tag(a)) + Double(max(-1, hint[a])) * 25
                    candidates.append(a)
                }
                let divider: Double = level == 0 ? 1 : level == 1 ? 2 : Double(level) * 3
                score[a] += content / divider
                a = doc.parent(a); level += 1
            }
        }
        guard !candidates.isEmpty else { return [] }
        var best = -1
        var bestScore = -Double.infinity
        for c in candidates {
            let s = score[c] * (1 - linkDensity(c))
            score[c] = s
            if s > bestScore { bestScore = s; best = c }
        }
        var top = best
        // A winner that wraps one paragraph (`div.paragraph > p`, one per paragraph) is a part of
        // the article, never its container: start from the block that holds the wrappers.
        if !Self.paragraphTags.contains(doc.tag(top)), let only = onlyElementChild(top), Self.paragraphTags.contains(doc.tag(only)) {
            let p = doc.parent(top)
            if p > 0, doc.tag(p) != .html, doc.tag(p) != .body, touched[p] { top = p }
        }
        // A body or html "winning" means the prose is spread out; keep it, serialisation prunes.
        // Climb while the parent holds much more prose with comparable score: the article is
        // often split across sibling wrappers (lead, body, continuation).
        while true {
            let p = doc.parent(top)
            guard p > 0, doc.tag(p) != .html, touched[p] else { break }
            if score[p] >= bestScore * 0.9, textLen[p] < textLen[top] * 3 || score[p] > bestScore { top = p; continue }
            break
        }
        // The highest ancestor that adds mostly prose, measured against the winner itself, so
        // wrappers that add only a subheading do not stop the climb.
        var a = doc.parent(top), extended = top, articlesOnPath = 0
        while a > 0 {
            if doc.tag(a) == .article, wasTeaser[a] { articlesOnPath += 1 }
            // Siblings that are articles of their own make this a listing (more stories,
            // related posts): the article does not extend past here.
            if articleCount[a] - articleCount[top] - Int32(articlesOnPath) > 0 { break }
            if extendsProse(a, beyond: top) { extended = a }
            a = doc.parent(a)
        }
        top = extended
        // A wrapper whose only child with text is the winner (`div.row > div.columns`, one per
        // section of a long article) is the same block. When the wrapper's siblings carry the
        // same class and hold prose, they are the article's other sections (a long piece cut
        // into equal rows): all of them are taken, in order. Siblings of another class are left
        // to the merge below, at the winner's own level.
        var wrapper = top
        while true {
            let p = doc.parent(wrapper)
            guard p > 0, doc.tag(p) != .body, doc.tag(p) != .html, directLen[p] == 0, onlyElementChild(p) == wrapper else { break }
            wrapper = p
        }
        if wrapper != top, let wc = doc.attributeValueBytes(wrapper, .class), !wc.isEmpty {
            let rows = doc.children(doc.parent(wrapper)).filter { s in
                s == wrapper || !dropped[s] && !doc.isText(s) && proseLen[s] >= 200 && linkDensity(s) < 0.5
                    && doc.attributeValueBytes(s, .class).map { $0.elementsEqual(wc) } == true
            }
            if rows.count > 1 { return rows }
        }
        // Sibling merge (readability): blocks beside the winner that are prose too.
        let parent = doc.parent(top)
        guard parent >= 0 else { return [top] }
        let threshold = max(10, score[top] * 0.2)
        let topClass = doc.attributeValueBytes(top, .class)
        var out: [Int] = []
        for s in doc.children(parent) {
            if s == top { out.append(s); continue }
            if dropped[s] || doc.isText(s) { continue }
            var bonus = 0.0
            if let tc = topClass, !tc.isEmpty, let sc = doc.attributeValueBytes(s, .class), sc.elementsEqual(tc) {
                bonus = score[top] * 0.2
            }
            if touched[s], score[s] + bonus >= threshold { out.append(s); continue }
            if doc.tag(s) == .p {
                let len = textLen[s], ld = linkDensity(s)
                if len > 80, ld < 0.25 { out.append(s) }
                else if len > 0, len <= 80, ld == 0, Self.endsSentence(doc.textContent(s)) { out.append(s) }
            }
        }
        return out
    }


    static let paragraphTags = TagSet([.p, .pre, .blockquote])

    // MARK: - The lead paragraph

    /// Tags a lead paragraph (standfirst) is written in.
    static let leadTags = TagSet([.p, .div, .span, .section, .header, .strong, .b, .em, .h2, .h3, .blockquote])

    /// The article's lead paragraph when it sits outside the chosen blocks: themes put the
    /// standfirst in the article's `header`, in a column beside the body or in a block named
    /// `teaser`, which boilerplate removal takes away or the climb does not reach. It is looked for
    /// just before the first chosen block (among the preceding siblings of it and of its nearest
    /// four ancestors) and must be named for a lead (``LeadNames``), hold 60 to 1500 bytes of
    /// text with hardly any links, and not be a comment or consent block.
    func leadBefore(_ roots: [Int]) -> Int? {
        guard var cur = roots.first else { return nil }
        for _ in 0..<4 {
            let p = doc.parent(cur)
            guard p > 0, doc.tag(p) != .body, doc.tag(p) != .html, doc.tag(p) != .document else { return nil }
            var before: [Int] = []
            for c in doc.children(p) { if c == cur { break }; if !doc.isText(c) { before.append(c) } }
            for sibling in before.reversed().prefix(8) {
                if let lead = leadCandidate(in: sibling) { return lead }
            }
            cur = p
        }
        return nil
    }

    /// A plain prose paragraph right before the chosen blocks: themes set the article's first
    /// paragraph in a column or wrapper of its own (above a share bar, beside the picture) without
    /// naming it, and the winner is the body below it. Only the nearest block with text before the
    /// first chosen block (or before one of its three nearest ancestors) is looked at, and it must
    /// be, or wrap nothing but, one `p` of 150+ bytes of prose with under a tenth links that ends
    /// a sentence: a heading, a byline, a date or a link list in between stops the search.
    func proseBefore(_ roots: [Int]) -> Int? {
        guard var cur = roots.first else { return nil }
        for _ in 0..<4 {
            let p = doc.parent(cur)
            guard p > 0, doc.tag(p) != .body, doc.tag(p) != .html, doc.tag(p) != .document else { return nil }
            var previous = -1
            for c in doc.children(p) {
                if c == cur { break }
                if !doc.isText(c), !dropped[c], textLen[c] > 0 { previous = c }
            }
            if previous >= 0 {
                var n = previous
                while doc.tag(n) != .p, directLen[n] == 0, let only = onlyElementChild(n) { n = only }
                guard doc.tag(n) == .p, proseLen[n] >= 150, linkLen[n] * 10 < textLen[n] else { return nil }
                return Self.endsSentence(doc.textContent(n).trimmingWhitespace()) ? n : nil
            }
            cur = p
        }
        return nil
    }

    /// The last lead-named element in `root`'s subtree (document order), searching a bounded
    /// number of nodes; nil when none qualifies.
    private func leadCandidate(in root: Int) -> Int? {
        var stack = [root], visited = 0, found: Int? = nil
        while let n = stack.popLast(), visited < 400 {
            visited += 1
            let t = doc.tag(n)
            // A `figure` named `lead` is the lead picture; its caption is not the lead paragraph.
            if t == .a || t == .nav || t == .ul || t == .ol || t == .form || t == .script || t == .style || Self.nonProse.contains(t) { continue }
            if hint[n] == -5 { continue }
            if Self.leadTags.contains(t), doc.hasAttributes(n), isLeadNamed(n) {
                let (text, links) = subtreeText(n)
                if text >= 60, text <= 1500, links * 5 < text, found.map({ n > $0 }) ?? true { found = n }
                continue
            }
            var c = doc.firstChild(n)
            while c >= 0 { if !doc.isText(c) { stack.append(c) }; c = doc.nextSibling(c) }
        }
        return found
    }

    private func isLeadNamed(_ n: Int) -> Bool {
        if let v = doc.attributeValueBytes(n, .class), LeadNames.matches(v) { return true }
        if let v = doc.attributeValueBytes(n, .id), LeadNames.matches(v) { return true }
        return false
    }

    /// Visible text and link text under `n`, from the text nodes' own lengths (measured before
    /// boilerplate removal; script and style text is never measured), so dropped blocks count too.
    private func subtreeText(_ n: Int) -> (Int32, Int32) {
        var text: Int32 = 0, links: Int32 = 0
        var stack: [(Int, Bool)] = [(n, false)], visited = 0
        while let (cur, inLink) = stack.popLast(), visited < 400 {
            visited += 1
            if doc.isText(cur) { text += textLen[cur]; if inLink { links += textLen[cur] }; continue }
            let link = inLink || doc.tag(cur) == .a
            var c = doc.firstChild(cur)
            while c >= 0 { stack.append((c, link)); c = doc.nextSibling(c) }
        }
        return (text, links)
    }

    /// The one element child of `n` that has text, or nil when there are none or several.
    private func onlyElementChild(_ n: Int) -> Int? {
        var found = -1
        var c = doc.firstChild(n)
        while c >= 0 {
            if !dropped[c], !doc.isText(c), textLen[c] > 0 {
                if found >= 0 { return nil }
                found = c
            }
            c = doc.nextSibling(c)
        }
        return found >= 0 ? found : nil
    }

    /// Whether `parent` adds to `child` mostly more of the same prose: long articles are cut into
    /// sibling sections (one per subheading), and the best-scoring one is only a part. The text
    /// the parent adds must be mostly paragraphs, hardly linked, and a real share of the article.
    private func extendsProse(_ parent: Int, beyond child: Int) -> Bool {
        let t = doc.tag(parent)
        guard t != .body, t != .html, t != .document else { return false }
        let added = Double(textLen[parent] - textLen[child])
        let addedProse = Double(proseLen[parent] - proseLen[child])
        let addedLinks = Double(linkLen[parent] - linkLen[child])
        guard added > 0, addedProse >= 200 else { return false }
        // Links as dense as in the part already taken are more of the same (changelogs, link-rich reports).
        let linkCap = max(0.2, linkDensity(child) + 0.05)
        return addedProse >= 0.5 * added && addedLinks <= linkCap * added && addedProse >= 0.1 * Double(proseLen[child])
    }

    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last else { return false }
        return last == "." || last == "!" || last == "?" || last == "\u{201D}" || last == "\""
    }

    // MARK: - Serialisation

    /// Block elements start a new paragraph.
    static let blockTags = TagSet([
        .p, .div, .section, .article, .main, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd,
        .blockquote, .pre, .table, .tr, .thead, .tbody, .tfoot, .address, .details, .summary, .hr,
        .form, .center, .body, .html, .caption,
    ])

    /// Writes the roots' text as paragraphs separated by blank lines.
    func serialize(_ roots: [Int], skipHeadingText: String?) -> String {
        var w = ParagraphWriter()
        writeSiblings(roots, into: &w, skipHeading: skipHeadingText.map(PageTitles.init))
        return w.finish()
    }

    /// Writes sibling nodes in order, leaving out a "see also" heading (``SeeAlsoPhrases``) and
    /// the linked blocks right after it, up to the first block that is prose again.
    private func writeSiblings(_ nodes: [Int], into w: inout ParagraphWriter, skipHeading: PageTitles?) {
        var afterSeeAlso = false
        for c in nodes { writeSibling(c, afterSeeAlso: &afterSeeAlso, into: &w, skipHeading: skipHeading) }
    }

    /// ``writeSiblings(_:into:skipHeading:)`` over the children of `n`, walked through the
    /// sibling links: a `Sequence` holding a copy of the document cost a retain and a release
    /// of each of its arrays per element written, which showed in ingest profiles.
    private func writeChildren(of n: Int, into w: inout ParagraphWriter, skipHeading: PageTitles?) {
        var afterSeeAlso = false
        var c = doc.firstChild(n)
        while c >= 0 {
            writeSibling(c, afterSeeAlso: &afterSeeAlso, into: &w, skipHeading: skipHeading)
            c = doc.nextSibling(c)
        }
    }

    /// One sibling of ``writeSiblings(_:into:skipHeading:)``; `afterSeeAlso` carries over to the next.
    private func writeSibling(_ c: Int, afterSeeAlso: inout Bool, into w: inout ParagraphWriter, skipHeading: PageTitles?) {
        if !dropped[c], !doc.isText(c) {
            // The line's text is built once, and only for the short lines either rule reads.
            let seeAlso = mayAnnounceLinks(c), label = mayBeLabelLine(c), prompt = mayBeReaderPrompt(c)
            let control = textLen[c] > 0 && textLen[c] <= 24 && mayBeControlLabel(c)
            let counter = textLen[c] > 0 && textLen[c] <= 120 && mayBeControlLabel(c)
            let byline = textLen[c] > 0 && textLen[c] <= 30 && (mayBeControlLabel(c) || doc.tag(c) == .span)
            if seeAlso || label || prompt || control || counter || byline {
                let line = doc.textContent(c)
                if byline, LabelLine.isBylineLabel(line), !inCode(c) { return }
                if control, LabelLine.isControlLabel(line) { return }
                if counter, LabelLine.isCommentCounter(line) { return }
                if seeAlso, SeeAlsoPhrases.announcesLinks(line) || SeeAlsoPhrases.headsContents(line)
                    || Self.lineTags.contains(doc.tag(c)) && SeeAlsoPhrases.namesMoreOf(line) { afterSeeAlso = true; return }
                if label, LabelLine.isLabel(line, oneParagraph: !hasBlockChild(c))
                    || textLen[c] <= Int32(LabelLine.maximumReadingTimeLength) && LabelLine.isReadingTime(line)
                    || textLen[c] <= Int32(LabelLine.maximumDateLineLength) && Self.lineTags.contains(doc.tag(c)) && LabelLine.isDateLine(line) { return }
                if prompt, ReaderPrompt.isPrompt(line) { return }
            }
        }
        if afterSeeAlso, !dropped[c], textLen[c] > 0 {
            if !doc.isText(c), linkDensity(c) >= 0.2 || linkedHeadings[c] > 0 || articleCount[c] > 0 { return }
            afterSeeAlso = false
        }
        write(c, into: &w, skipHeading: skipHeading)
    }

    /// Elements that are a line of their own: a "More from …" opening (``SeeAlsoPhrases/namesMoreOf(_:)``)
    /// is read only on them, because in a `strong` or `a` it opens a sentence ("<strong>More from
    /// Cornell</strong> on climate change and gardening:").
    static let lineTags = TagSet([.h1, .h2, .h3, .h4, .h5, .h6, .p, .div, .li, .dt, .header])

    /// Whether an element is a short paragraph-like line that may only label the article
    /// (``LabelLine`` decides on its text).
    private func mayBeLabelLine(_ n: Int) -> Bool {
        let len = textLen[n]
        guard len > 0, len <= 200 else { return false }
        switch doc.tag(n) {
        case .p, .div, .span, .small, .em, .i, .strong, .b: return true
        default: return false
        }
    }

    /// Whether `n` sits in a `pre` or `code` block: highlighted source wraps each word in a
    /// `span`, and "By" there is an identifier (`from selenium.webdriver.common.by import By`).
    private func inCode(_ n: Int) -> Bool {
        var a = doc.parent(n)
        while a > 0 {
            if doc.tag(a) == .pre || doc.tag(a) == .code { return true }
            a = doc.parent(a)
        }
        return false
    }

    /// Whether an element has a block element among its children (a heading, a paragraph, a
    /// `div`): its text is then several lines joined, not one.
    private func hasBlockChild(_ n: Int) -> Bool {
        var c = doc.firstChild(n)
        while c >= 0 {
            if !doc.isText(c), !dropped[c], doc.tag(c) != .hr, Self.blockTags.contains(doc.tag(c)) { return true }
            c = doc.nextSibling(c)
        }
        return false
    }

    /// Whether an element is a block that may hold only a control's label (``LabelLine/isControlLabel``):
    /// inline elements are not, because a link "like this" inside a sentence is text.
    private func mayBeControlLabel(_ n: Int) -> Bool {
        switch doc.tag(n) {
        case .p, .div, .li, .h2, .h3, .h4, .h5, .h6, .dt: return true
        default: return false
        }
    }

    /// Whether an element is a short paragraph or heading that may only ask the reader to follow,
    /// sign up or subscribe (``ReaderPrompt`` decides on its text).
    private func mayBeReaderPrompt(_ n: Int) -> Bool {
        let len = textLen[n]
        guard len >= 12, len <= Int32(ReaderPrompt.maximumLength) else { return false }
        switch doc.tag(n) {
        case .p, .div, .span, .small, .em, .i, .strong, .b, .h2, .h3, .h4, .h5, .h6, .li: return true
        default: return false
        }
    }

    /// Whether an element is a short heading-like line that may announce links to other pages
    /// (``SeeAlsoPhrases`` decides on its text).
    private func mayAnnounceLinks(_ n: Int) -> Bool {
        let len = textLen[n]
        guard len > 0 else { return false }
        switch doc.tag(n) {
        case .h1, .h2, .h3, .h4, .h5, .h6, .p, .div, .strong, .b, .span, .dt, .li, .header:
            return len <= 70 || len <= 250 && linkDensity(n) >= 0.5
        default:
            return false
        }
    }

    private func write(_ n: Int, into w: inout ParagraphWriter, skipHeading: PageTitles?) {
        if doc.spaceBefore(n) { w.space() }
        if dropped[n] || !authorBox.isEmpty && authorBox[n] { return }
        if doc.isText(n) { w.text(doc.textBytes(n)); return }
        let t = doc.tag(n)
        if t == .br { w.lineBreak(); return }
        if !keepInOutput(n, t, skipHeading: skipHeading) { return }
        let block = Self.blockTags.contains(t)
        if block { w.breakParagraph() }
        if t == .td || t == .th { w.space() }
        // A "heading" holding a long text is an unclosed tag that swallowed what follows.
        let heading = Self.cardHeadings.contains(t) && textLen[n] <= 200
        if heading { w.headingDepth += 1 }
        if t == .a { w.linkDepth += 1 }
        writeChildren(of: n, into: &w, skipHeading: skipHeading)
        if t == .a { w.linkDepth -= 1 }
        if heading { w.headingDepth -= 1 }
        if block { w.breakParagraph() }
    }

    /// Whether a heading's text is one of the page's titles (`titles`: one per line, as the page
    /// declares them in `og:title`, JSON-LD `headline`, `<title>` with and without the site
    /// name), compared whitespace-collapsed and case-insensitively: themes print the headline in
    /// capitals or title case while the metadata keeps the sentence case.
    static func isTitle(_ heading: String, _ titles: String) -> Bool { isTitle(heading, PageTitles(titles)) }

    static func isTitle(_ heading: String, _ titles: PageTitles) -> Bool {
        let h = heading.trimmingWhitespace()
        guard !h.isEmpty, h.utf8.count <= 400 else { return false }
        let lower = h.lowercased()
        return titles.titles.contains { $0.exact == h || $0.lower == lower }
    }

    /// The page's titles split and lowercased once per serialisation, not once per heading.
    struct PageTitles {
        let titles: [(exact: Substring, lower: String)]

        /// `lines`: one title per line; an empty line is no title.
        init(_ lines: String) {
            titles = lines.split(separator: "\n").map { ($0, $0.lowercased()) }
        }
    }

    /// Readability's "conditional cleaning": link farms and widgets inside the winner go.
    private func keepInOutput(_ n: Int, _ t: HTMLTag, skipHeading: PageTitles?) -> Bool {
        let len = textLen[n]
        if len == 0 { return t == .br || t == .hr }
        let ld = linkDensity(n)
        switch t {
        case .h1, .h2:
            if let skip = skipHeading, Self.isTitle(doc.textContent(n), skip) { return false }
            return ld < 0.8
        case .ul, .ol:
            return ld < 0.5 || len > 600 && ld < 0.7
        case .div, .section, .table, .form, .dl:
            if ld > 0.6 && len < 1000 { return false }
            if ld > 0.33 && len < 200 { return false }
            if t == .form, doc.firstChildTag(n, .input) != nil, len < 500 { return false }
            return true
        case .p, .li, .h3, .h4, .h5, .h6, .dd, .dt:
            return !(ld > 0.8 && len < 200) || t == .p && ld <= 0.9
        default:
            return true
        }
    }

    // MARK: - helpers

    static func contains(_ hay: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard n.count <= hay.count else { return false }
        var i = 0
        while i + n.count <= hay.count {
            if hay[i] == n[0], hay[i..<i + n.count].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }

    /// Whether `bytes`, ASCII upper case folded, are `s`'s UTF-8 (a lowercase word). Compared
    /// through buffers: zipping the slice with the string's view went through generic
    /// iterators on every class token of every element.
    static func lowerEquals(_ bytes: ArraySlice<UInt8>, _ s: String) -> Bool {
        guard bytes.count == s.utf8.count else { return false }
        var s = s
        return s.withUTF8 { w in
            bytes.withUnsafeBufferPointer { b in
                for k in 0..<b.count where (b[k] >= 0x41 && b[k] <= 0x5A ? b[k] + 32 : b[k]) != w[k] { return false }
                return true
            }
        }
    }
}

extension HTMLDocument {
    /// First descendant (breadth unimportant) with a tag, searching at most a few hundred nodes.
    func firstChildTag(_ n: Int, _ t: HTMLTag) -> Int? {
        var stack = [n]
        var visited = 0
        while let cur = stack.popLast(), visited < 400 {
            visited += 1
            var c = firstChild(cur)
            while c >= 0 {
                if tag(c) == t { return c }
                if !isText(c) { stack.append(c) }
                c = nextSibling(c)
            }
        }
        return nil
    }
}

/// A node's children in order, without building an array.
extension UInt8 {
    var isAlnumLower: Bool { (self >= 0x30 && self <= 0x39) || (self >= 0x61 && self <= 0x7A) || self >= 0x80 }
}

/// Accumulates text into paragraphs with whitespace collapsed, in bytes (no per-character
/// String appends on the hot path).
///
/// A paragraph that repeats an earlier one word for word is dropped: responsive pages render the
/// same article once per breakpoint and hide all but one with CSS the extractor cannot see.
///
/// Headings at the very end, with no text after them, are dropped too: a heading introduces
/// what follows it, and when nothing follows, its section was boilerplate that cleaning took
/// away ("More from the region" over a removed card grid, "Comments" over a removed thread).
struct ParagraphWriter {
    /// Above 0 while writing the text of an `h1`-`h6`.
    var headingDepth = 0
    /// Above 0 while writing the text of an `a`.
    var linkDepth = 0
    /// Whether every word of the current paragraph so far was written inside a link.
    private var paragraphLinked = false
    /// A last paragraph that is one short link ("back to the list", "Link", "Quick View") is
    /// navigation left under the article, not its text; longer linked lines are kept.
    static let maximumTrailingLinkLength = 60
    /// Where the run of heading paragraphs at the end of `out` begins (its separator), or nil
    /// when the last paragraph is not a heading.
    private var trailingHeadingsStart: Int?
    /// Headings in that run. Only one or two are orphans; a longer run is content written as
    /// headings (a buyer's guide whose every entry is an `h2` and an `h3` list).
    private var trailingHeadings = 0
    static let maximumOrphanHeadings = 2
    private var out: [UInt8] = []
    private var pendingSpace = false
    /// 0 = inside a paragraph, 1 = after a line break, 2 = after a paragraph break.
    private var pendingBreak = 2
    /// Where the current paragraph's separator and text begin in `out`.
    private var separatorStart = 0, paragraphStart = 0
    private var seen = Set<UInt64>()
    /// Shorter paragraphs (list items of a meal plan, "Share") legitimately repeat.
    static let minimumDeduplicatedLength = 100

    init() { out.reserveCapacity(8192) }

    /// Ends the current paragraph, removing it when it repeats an earlier one.
    private mutating func closeParagraph() {
        let length = out.count - paragraphStart
        guard length >= Self.minimumDeduplicatedLength else { return }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in paragraphStart..<out.count { h = (h ^ UInt64(out[k])) &* 0x100_0000_01b3 }
        h ^= UInt64(length) &* 0x9E37_79B9_7F4A_7C15
        if !seen.insert(h).inserted { out.removeSubrange(separatorStart...) }
    }

    mutating func text(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let end = buf.count
            while i < end {
                let b = buf[i]
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { pendingSpace = true; i += 1; continue }
                // U+00A0 (C2 A0) reads as a space.
                if b == 0xC2, i + 1 < end, buf[i + 1] == 0xA0 { i += 2; pendingSpace = true; continue }
                // U+00AD (C2 AD), the soft hyphen, is a line-break hint for the browser; in plain
                // text it splits words ("Wehr\u{AD}an\u{AD}lage") that search and scoring must see whole.
                if b == 0xC2, i + 1 < end, buf[i + 1] == 0xAD { i += 2; continue }
                // A word: everything up to the next blank, no-break space or soft hyphen, appended in
                // one go, and with it the words that follow after a single space: within one text
                // node the separator before each of them would be that one space and nothing else
                // (the paragraph, link and heading state is what it was for the first word), so a
                // line of prose is one append instead of one per word.
                var j = i + 1
                while j < end {
                    let c = buf[j]
                    if c == 0x20, j + 1 < end, !Self.mayNeedSeparator(buf[j + 1]) { j += 2; continue }
                    if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { break }
                    if c == 0xC2, j + 1 < end, buf[j + 1] == 0xA0 || buf[j + 1] == 0xAD { break }
                    j += 1
                }
                separate()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                i = j
            }
        }
    }

    /// Whether a byte may begin a blank, a no-break space or a soft hyphen (the byte after a
    /// space must not, for the space to be copied with the words around it).
    @inline(__always) private static func mayNeedSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || b == 0xC2
    }

    /// Writes whatever separator is pending before new text.
    private mutating func separate() {
        let startsParagraph = out.isEmpty || pendingBreak == 2
        if out.isEmpty {
            separatorStart = 0; paragraphStart = 0
        } else if pendingBreak == 2 {
            closeParagraph()
            separatorStart = out.count
            if !out.isEmpty { out.append(0x0A); out.append(0x0A) }
            paragraphStart = out.count
        } else if pendingBreak == 1 {
            out.append(0x0A)
        } else if pendingSpace {
            out.append(0x20)
        }
        pendingBreak = 0
        pendingSpace = false
        if startsParagraph { paragraphLinked = linkDepth > 0 } else if linkDepth == 0 { paragraphLinked = false }
        if headingDepth == 0 {
            trailingHeadingsStart = nil; trailingHeadings = 0
        } else if startsParagraph {
            if trailingHeadingsStart == nil { trailingHeadingsStart = separatorStart }
            trailingHeadings += 1
        }
    }

    mutating func space() { pendingSpace = true }
    mutating func lineBreak() { if pendingBreak == 0 { pendingBreak = 1 } }
    mutating func breakParagraph() { pendingBreak = 2 }

    mutating func finish() -> String {
        closeParagraph()
        // A short link alone in the last paragraph is navigation ("zurück zur Übersicht").
        if trailingHeadingsStart == nil, paragraphLinked, separatorStart > 0, separatorStart < out.count,
           out.count - paragraphStart <= Self.maximumTrailingLinkLength {
            out.removeSubrange(separatorStart...)
        }
        // An orphan heading ends the text; a text that is only headings is kept as it is.
        if let start = trailingHeadingsStart, trailingHeadings <= Self.maximumOrphanHeadings, start > 0, start < out.count { out.removeSubrange(start...) }
        return String(decoding: out, as: UTF8.self)
    }
}

