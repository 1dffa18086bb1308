import Testing
@testable import WirescoreStories

/// ``WordList`` (bytes) must compute exactly the features of the plain String definitions
/// (``StringFeatures``): the same tokens, SimHash and terms.
@Suite struct WordListTests {
    static let samples: [(title: String, text: String)] = [
        ("Acme buys Zephyr", "Acme agreed to buy Zephyr Sensors for cash. The deal, announced Tuesday, values Zephyr at $1.2 billion."),
        ("", "Shares of AT&T rose 3% after the company's earnings beat; analysts' estimates were 2024 highs."),
        ("Société Générale’s profit jumps", "Société Générale reported rising revenues in İstanbul and São Paulo; Straße and ÉCOLE stayed flat."),
        ("Tokyo: トヨタ自動車 raises guidance", "Toyota Motor (トヨタ) raised its forecast — 12,345 units, up 7.5% — citing demand in 中国."),
        ("Running, runs, ran", "Testing cases: acquires acquired acquire acquiring; shipping ships shipped; 12345 11111s buses"),
        ("x", "a b"),
        ("", ""),
        ("🚀 Launch", "Emoji 🚀🚀 between words, e\u{301}te\u{301} combining marks, and Ωmega ΣΊΣΥΦΟΣ."),
    ]

    @Test(arguments: 0..<samples.count)
    func sameFeaturesAsTheStringDefinitions(_ index: Int) {
        let (title, text) = Self.samples[index]
        var words = WordList()
        words.add(title)
        let titleCount = words.count
        words.add(text)

        let titleTokens = StringFeatures.tokens(title), textTokens = StringFeatures.tokens(text)
        #expect(titleCount == titleTokens.count)
        #expect((0..<words.count).map { String(decoding: words.bytes[words.word($0)], as: UTF8.self) } == titleTokens + textTokens)
        #expect(words.simHash() == StringFeatures.simHash(words: titleTokens + textTokens))
        let reference = StringFeatures.top(StringFeatures.termCounts(titleWords: titleTokens, textWords: textTokens))
        #expect(StoryTerm.top(byHash: words.termCounts(titleWords: titleCount), limit: StoryFeatures.maxTerms) == reference)
        #expect(StoryFeatures(title: title, text: text).terms == reference)
        #expect(StoryFeatures(title: title, text: text).simhash == StringFeatures.simHash(words: titleTokens + textTokens))
    }

    @Test func stemsLikeTheStringDefinition() {
        for word in ["acquires", "acquired", "acquiring", "ships", "buses", "cases", "news", "press", "12345", "1234s", "tests",
                     "bases", "being", "thing", "things", "fixed", "feed", "owned", "boss", "glass", "eyes", "goes",
                     "12345ing", "ab12s", "aaaaing", "seeds", "singed", "ed", "s"] {
            let bytes = Array(word.utf8)
            let stemmed = String(decoding: bytes[WordList.stem(0..<bytes.count, in: bytes)], as: UTF8.self)
            #expect(stemmed == TextFeatures.stem(word), "\(word)")
        }
    }
}

/// ``WordList/add(_:)`` writes through buffers sized for the worst case; random texts mixing
/// ASCII, apostrophes and scalars whose lowercase mapping is longer or shorter (İ, Ⱥ, K, ẞ)
/// must still give the String definition's words.
@Suite struct WordListRandomTextTests {
    @Test func randomTextsGiveTheStringDefinitionsWords() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "B", "z", "0", "9", " ", "'", "\u{2019}", "-", ".", "\n", "é", "İ", "Ⱥ", "\u{212A}",
                                  "ẞ", "Σ", "ト", "🚀", "\u{301}", "Ǆ", "ﬃ"]
        for _ in 0..<2_000 {
            let title = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
            let text = String((0..<Int.random(in: 0...80, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
            var words = WordList()
            words.add(title)
            let titleCount = words.count
            words.add(text)
            let expected = StringFeatures.tokens(title) + StringFeatures.tokens(text)
            #expect(titleCount == StringFeatures.tokens(title).count)
            #expect((0..<words.count).map { String(decoding: words.bytes[words.word($0)], as: UTF8.self) } == expected,
                    "\(title.debugDescription) \(text.debugDescription)")
            let features = StoryFeatures(title: title, text: text)
            #expect(features.simhash == StringFeatures.simHash(words: expected))
            #expect(features.terms == StringFeatures.top(StringFeatures.termCounts(titleWords: StringFeatures.tokens(title),
                                                                                  textWords: StringFeatures.tokens(text))))
        }
    }
}

/// ``StoryTerm/top(_:limit:)`` keeps the most frequent terms through a partial selection; it
/// must keep exactly the terms a full sort (count descending, then hash ascending) keeps.
@Suite struct TopTermsTests {
    /// The plain definition: sort everything, cut, order by hash.
    static func reference(_ pairs: [(hash: UInt32, count: Int)], limit: Int) -> [StoryTerm] {
        let sorted = pairs.sorted { $0.count != $1.count ? $0.count > $1.count : $0.hash < $1.hash }
        return sorted.prefix(limit).map { StoryTerm(hash: $0.hash, count: UInt16($0.count)) }.sorted { $0.hash < $1.hash }
    }

    @Test func manyTermsKeepTheSameTopAsAFullSort() {
        var rng = SystemRandomNumberGenerator()
        for size in [0, 1, 127, 128, 129, 300, 2_000] {
            // Counts from a narrow range, so many terms tie and the hash decides.
            var hashes = Set<UInt32>()
            while hashes.count < size { hashes.insert(UInt32.random(in: 0...UInt32.max, using: &rng)) }
            let pairs = hashes.map { (hash: $0, count: Int.random(in: 1...6, using: &rng)) }
            #expect(StoryTerm.top(pairs, limit: StoryFeatures.maxTerms) == Self.reference(pairs, limit: StoryFeatures.maxTerms), "\(size)")
        }
    }

    @Test(arguments: [0, 1, 2, nil])
    func selectionMovesTheLargestToTheFront(rounds: Int?) {
        var rng = SystemRandomNumberGenerator()
        let random = (0..<1_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) }
        // Sorted, reversed and organ-pipe inputs besides random ones.
        let inputs: [[UInt64]] = [random, Array(0..<500), Array((0..<500).reversed()),
                                  Array(0..<250) + Array((250..<500).reversed())]
        for keys in inputs {
            for k in [1, 2, 128, keys.count - 1] {
                var moved = keys
                TopSelection.moveLargest(k, toFrontOf: &moved, partitionRounds: rounds)
                #expect(moved.sorted() == keys.sorted(), "a permutation")
                #expect(moved.prefix(k).sorted(by: >) == Array(keys.sorted(by: >).prefix(k)), "k \(k)")
            }
        }
    }
}

/// The word list reads two-byte scalars' properties from ``TwoByteScalars/table``: random texts
/// drawing from every two-byte scalar must still give the String definition's words.
@Suite struct WordListTwoByteTests {
    @Test func everyTwoByteScalarGivesTheStringDefinitionsWords() {
        var rng = SystemRandomNumberGenerator()
        let ascii: [String] = ["a", "B", "0", " ", "'", "-", "\u{2019}", "\n"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ -> String in
                Bool.random(using: &rng) ? ascii.randomElement(using: &rng)!
                    : String(Unicode.Scalar(UInt32.random(in: 0x80..<0x800, using: &rng))!)
            }.joined()
            var words = WordList()
            words.add(text)
            #expect((0..<words.count).map { String(decoding: words.bytes[words.word($0)], as: UTF8.self) }
                    == StringFeatures.tokens(text), "\(text.debugDescription)")
        }
        // And each scalar alone, between ASCII letters.
        for value in UInt32(0x80)..<0x800 {
            let text = "Ab" + String(Unicode.Scalar(value)!) + "c d"
            var words = WordList()
            words.add(text)
            #expect((0..<words.count).map { String(decoding: words.bytes[words.word($0)], as: UTF8.self) }
                    == StringFeatures.tokens(text), "U+\(String(value, radix: 16))")
        }
    }
}
