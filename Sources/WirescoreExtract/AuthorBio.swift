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
    static func removingClosingBio(of author: String?, from text: String) -> String {
        guard let name = author?.trimmingWhitespace(), name.utf8.count >= 5, name.utf8.count <= 80,
              UTF8Search.contains(name, byte: 0x20), let cut = UTF8Search.lastOffset(of: "\n\n", in: text) else { return text }
        let utf8 = text.utf8
        let last = utf8[utf8.index(utf8.startIndex, offsetBy: cut + 2)...]
        guard last.count <= maximumClosingBioLength, last.count >= name.utf8.count + 20, last.starts(with: name.utf8) else { return text }
        let after = last[last.index(last.startIndex, offsetBy: name.utf8.count)]
        guard after == 0x20 || after == UInt8(ascii: ",") else { return text }
        let head = String(decoding: utf8[..<utf8.index(utf8.startIndex, offsetBy: cut)], as: UTF8.self)
        // Two paragraphs at least stay: a page that is only a bio keeps it.
        return UTF8Search.contains(head, "\n\n") ? head : text
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
