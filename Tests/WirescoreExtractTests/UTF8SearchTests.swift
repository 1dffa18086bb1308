import Foundation
import Testing
import WirescoreCore
@testable import WirescoreExtract

/// The byte searches that replaced Foundation's `contains`/`range(of:)` on the extractor's hot
/// paths agree with Foundation wherever the needle cannot match half a composed character.
@Suite struct UTF8SearchTests {
    static let texts = [
        "", "a", "<p>Hello</p>", "Hello world", "Ünïcödé text – with dashes — and | pipes",
        "Headline | Site | Section", "line one\nline two", "日本語のテキスト、そして English",
        "repeat repeat repeat", "emoji 👍🏽 and text", "aaaaab",
    ]
    static let needles = ["", "<", "\n", " | ", " – ", "repeat", "text", "aab", "👍🏽", "テキスト", "zzz", "Hello world!"]

    @Test func containsAgreesWithFoundation() {
        for text in Self.texts {
            for needle in Self.needles {
                #expect(UTF8Search.contains(text, needle) == text.contains(needle), "\(text) / \(needle)")
            }
        }
    }

    @Test func emptyNeedleIsNeverFound() {
        #expect(!UTF8Search.contains("abc", ""))
        #expect(UTF8Search.firstOffset(of: "", in: "abc") == nil)
        #expect(UTF8Search.lastOffset(of: "", in: "abc") == nil)
    }

    @Test func byteSearch() {
        #expect(UTF8Search.contains("a<b", byte: UInt8(ascii: "<")))
        #expect(!UTF8Search.contains("ab", byte: UInt8(ascii: "<")))
        #expect(!UTF8Search.contains("", byte: 0x0A))
        #expect(UTF8Search.contains("one\ntwo", byte: 0x0A))
    }

    @Test func offsetsAreThoseOfFoundationRanges() {
        for text in Self.texts {
            for needle in Self.needles where !needle.isEmpty {
                let first = text.range(of: needle).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
                let last = text.range(of: needle, options: .backwards).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
                #expect(UTF8Search.firstOffset(of: needle, in: text) == first, "\(text) / \(needle)")
                #expect(UTF8Search.lastOffset(of: needle, in: text) == last, "\(text) / \(needle)")
            }
        }
    }

    @Test func siteSuffixIsCutAtTheLastSeparator() {
        #expect(ArticleExtractor.stripSiteSuffix("Shares rise after results | Example News") == "Shares rise after results")
        #expect(ArticleExtractor.stripSiteSuffix("A – B – Site") == "A – B")
        #expect(ArticleExtractor.stripSiteSuffix("No separator here") == "No separator here")
    }

    @Test func softHyphensAreRemovedOnlyWhenPresent() {
        #expect(ArticleExtractor.removingSoftHyphens("Wehr\u{AD}an\u{AD}lage") == "Wehranlage")
        #expect(ArticleExtractor.removingSoftHyphens("plain text") == "plain text")
    }
}
