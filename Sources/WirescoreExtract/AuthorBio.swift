import Foundation
import WirescoreCore

/// The author's biography as the publisher declares it in JSON-LD, and its removal from the text.
///
/// Blogs and news themes print a box about the author ("Jane studied sports science before…")
/// under the post, often without a class name that says so, in the same column and with the
/// same paragraph markup as the article; by layout it is more of the article. But the SEO
/// plugins that write JSON-LD (Yoast and its kind) put the same sentences in the author's
/// `Person` object as `description`: the publisher's own word that this text is about the
/// author, not the article. A paragraph that opens with (or holds) that description is the bio
/// box and is left out. Nothing here is a list of phrases: the page itself declares the text.
enum AuthorBio {
    /// Shorter descriptions ("Editor", "Freelance writer") could match a sentence of the story.
    static let minimumLength = 40
    /// How much of the description's start (characters) must appear in a paragraph for it to be the bio.
    static let matchedPrefix = 50

    /// The `description` of every JSON-LD `Person` on the page (top level, in `@graph`, or as an
    /// article's `author`), whitespace-collapsed, at least ``minimumLength`` bytes long.
    static func declared(in objects: [JSONValue]) -> [String] {
        var out: [String] = []
        var stack = objects.map { ($0, 0) }
        while let (v, depth) = stack.popLast(), depth < 4 {
            switch v {
            case let .array(items): stack.append(contentsOf: items.map { ($0, depth + 1) })
            case .object:
                if isPerson(v["@type"]), case let .string(d)? = v["description"] {
                    let clean = plain(d)
                    if clean.utf8.count >= minimumLength, !out.contains(clean) { out.append(clean) }
                }
                if let a = v["author"] { stack.append((a, depth + 1)) }
            default: break
            }
        }
        return out
    }

    /// `text` ("\n\n"-separated paragraphs) without the paragraphs that are one of the bios: a
    /// paragraph holding the bio's first ``matchedPrefix`` characters and not much longer than the bio
    /// (the box may put the author's name or "About the author" before it; a long paragraph that
    /// quotes it is article text).
    static func removing(_ bios: [String], from text: String) -> String {
        guard !bios.isEmpty else { return text }
        let keys = bios.map { (key: String($0.prefix(matchedPrefix)), length: $0.utf8.count) }
        // A paragraph is a piece of the text, so a key found in no paragraph's bytes may be
        // absent from the whole text's: then nothing is removed, and Foundation's paragraph
        // split (NSString bridging of the whole article, ~0.7% of ingest CPU) is skipped.
        guard keys.contains(where: { UTF8Search.contains(text, $0.key) }) else { return text }
        var changed = false
        let kept = text.components(separatedBy: "\n\n").filter { paragraph in
            let p = paragraph.trimmingWhitespace()
            let isBio = keys.contains { p.utf8.count <= $0.length + 200 && UTF8Search.contains(p, $0.key) }
            if isBio { changed = true }
            return !isBio
        }
        return changed ? kept.joined(separator: "\n\n") : text
    }

    /// A closing bio is at most this long (bytes): a box of two or three sentences; a longer
    /// last paragraph that opens with the author's name is the columnist's own text.
    static let maximumClosingBioLength = 700

    /// `text` without its last paragraph when that paragraph opens with the author's name as the
    /// page declares it (`author`: JSON-LD, `meta name=author`, `rel=author`, the byline), then a
    /// blank or a comma, and is a short box (at most ``maximumClosingBioLength`` bytes) under at
    /// least two other paragraphs: "Will Knight is a senior writer for…", "Mirel Zaman is the
    /// health and fitness director at…". Themes print the author box under the post as a plain
    /// paragraph of the article's column; where no JSON-LD declares the bio (``removing(_:from:)``),
    /// the name the page gives as its author is the signal. Only names of two or more words
    /// count: a one-word author ("Reuters") opens credit lines that are the story's.
    ///
    /// The name is also taken from the text itself when the page declares none: a paragraph that
    /// is only a name (two or three capitalised words, at most ``maximumNameLineLength`` bytes) is
    /// the byline or the box's heading ("Julia Gralberg" over the post, "Elliot Raba" over the
    /// box), and the box then opens with the same name. And a box may open with the given name
    /// alone, "Irene is an experienced writer…": the first word of the name followed by " is ".
    static func removingClosingBio(of author: String?, from text: String) -> String {
        guard let cut = UTF8Search.lastOffset(of: "\n\n", in: text) else { return text }
        let utf8 = text.utf8
        let last = utf8[utf8.index(utf8.startIndex, offsetBy: cut + 2)...]
        // Every bio opens with a capitalised name; other last paragraphs cost no scan.
        guard last.count <= maximumClosingBioLength, let first = last.first, first >= 0x41, first <= 0x5A else { return text }
        let head = utf8[..<utf8.index(utf8.startIndex, offsetBy: cut)]
        var names: [Substring.UTF8View] = []
        if let declared = author?.trimmingWhitespace(), declared.utf8.count <= 80 {
            names.append(Substring(declared).utf8)
        }
        names.append(contentsOf: nameLines(in: head))
        guard names.contains(where: { opensBio(last, with: $0) }) else { return text }
        let kept = String(decoding: head, as: UTF8.self)
        // Two paragraphs at least stay: a page that is only a bio keeps it.
        return UTF8Search.contains(kept, "\n\n") ? kept : text
    }

    /// A line that is only a person's name is at most this long (bytes).
    static let maximumNameLineLength = 40

    /// Whether `paragraph` opens like a box about `name`: the whole name (two or more words)
    /// then a blank or a comma, or the name's first word then " is ".
    static func opensBio(_ paragraph: Substring.UTF8View, with name: Substring.UTF8View) -> Bool {
        guard name.count >= 5, let space = name.firstIndex(of: 0x20), paragraph.count >= name.count + 20 else { return false }
        if paragraph.starts(with: name) {
            let after = paragraph[paragraph.index(paragraph.startIndex, offsetBy: name.count)]
            if after == 0x20 || after == UInt8(ascii: ",") { return true }
        }
        let given = name[..<space]
        return given.count >= 3 && paragraph.starts(with: given)
            && paragraph.dropFirst(given.count).starts(with: " is ".utf8)
    }

    /// The paragraphs of `text` that are only a name: two or three words, each opening with a
    /// capital A-Z, of letters, apostrophes, dots and hyphens, at most ``maximumNameLineLength``
    /// bytes ("Julia Gralberg", "Marna van der Merwe" is not one: a lower-case particle ends it).
    static func nameLines(in text: Substring.UTF8View) -> [Substring.UTF8View] {
        // The lines are found on the contiguous bytes (the whole article is scanned, and walking
        // the view's indices cost more than the test); only the few name lines become slices.
        let offsets = text.withContiguousStorageIfAvailable { nameLineRanges(in: $0) }
            ?? Array(text).withUnsafeBufferPointer { nameLineRanges(in: $0) }
        return offsets.map { range in
            let start = text.index(text.startIndex, offsetBy: range.lowerBound)
            return text[start..<text.index(start, offsetBy: range.count)]
        }
    }

    /// The offsets of ``nameLines(in:)``'s lines in `bytes`.
    private static func nameLineRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let count = end - start
            if count >= 5, count <= maximumNameLineLength, isName(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                out.append(start..<end)
            }
            start = end < bytes.count ? end + 1 : end
        }
        return out
    }

    private static func isName(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var words = 0
        var atWordStart = true
        for b in line {
            if b == 0x20 {
                if atWordStart { return false }
                atWordStart = true
                continue
            }
            if atWordStart {
                guard b >= 0x41, b <= 0x5A else { return false }
                words += 1
                atWordStart = false
            } else {
                let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
                guard letter || b == UInt8(ascii: "'") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") else { return false }
            }
        }
        return !atWordStart && (2...3).contains(words)
    }

    private static func isPerson(_ t: JSONValue?) -> Bool {
        switch t {
        case let .string(s)?: return s == "Person"
        case let .array(items)?: return items.contains { isPerson($0) }
        default: return false
        }
    }

    /// The description as the page shows it (plugins store the bio field's HTML as written):
    /// markup or entities read by the same HTML path as a JSON-LD articleBody
    /// (``ArticleExtractor/stripTags(_:)``), whitespace collapsed.
    static func plain(_ s: String) -> String {
        (UTF8Search.contains(s, byte: UInt8(ascii: "<")) || UTF8Search.contains(s, byte: UInt8(ascii: "&"))
            ? ArticleExtractor.stripTags(s) : s).trimmingWhitespace()
    }
}
