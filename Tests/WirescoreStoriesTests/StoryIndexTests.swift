import Foundation
import Testing
import WirescoreCore
@testable import WirescoreStories

struct StoryIndexTests {
    private func run(_ articles: [LabelledArticle], index: inout StoryIndex) throws -> [String: StoryAssignment] {
        var result: [String: StoryAssignment] = [:]
        for article in articles {
            result[article.id] = index.assign(article: try LabelledCorpus.input(article))
        }
        return result
    }

    @Test func corpusIsLargeEnough() throws {
        let articles = try LabelledCorpus.load()
        var sizes: [String: Int] = [:]
        for article in articles { sizes[article.event, default: 0] += 1 }
        #expect(sizes.values.filter { (2...5).contains($0) }.count >= 20)
        #expect(sizes.values.filter { $0 == 1 }.count >= 10)
    }

    @Test func pairwisePrecisionAndRecallOnLabelledCorpus() throws {
        let articles = try LabelledCorpus.load()
        var index = StoryIndex()
        let assigned = try run(articles, index: &index)
        let predicted = assigned.mapValues(\.storyID)
        let truth = Dictionary(uniqueKeysWithValues: articles.map { ($0.id, $0.event) })
        let score = LabelledCorpus.pairwise(predicted: predicted, truth: truth)
        #expect(score.precision >= 0.9, "precision \(score.precision)")
        #expect(score.recall >= 0.9, "recall \(score.recall)")
    }

    @Test func pairwiseScoringCanFail() {
        // Everything in one cluster must give poor precision; this guards the metric itself.
        let truth = ["a": "1", "b": "1", "c": "2", "d": "3"]
        let lumped = LabelledCorpus.pairwise(predicted: truth.mapValues { _ in "x" }, truth: truth)
        #expect(lumped.precision < 0.5)
        let split = LabelledCorpus.pairwise(predicted: ["a": "a", "b": "b", "c": "c", "d": "d"], truth: truth)
        #expect(split.recall == 0)
    }

    @Test func storyIDIsTheFirstArticleAndNoveltyDecays() throws {
        let articles = try LabelledCorpus.load().filter { $0.event == "borl-wind" }
        #expect(articles.count == 5)
        var index = StoryIndex()
        let assigned = try articles.map { index.assign(article: try LabelledCorpus.input($0)) }
        #expect(assigned.map(\.storyID) == Array(repeating: articles[0].id, count: 5))
        #expect(assigned.map(\.novelty) == [100, 75, 56, 42, 32])
        let first = try LabelledCorpus.input(articles[0]).published
        #expect(assigned.allSatisfy { $0.firstSeen == first })
        #expect(assigned[1].field.json.serialized()
                == #"{"id":"borl-wind-wire","novelty":75,"first_seen":"2026-03-02T11:05:00Z"}"#)
    }

    @Test func sameInputsSameOrderGiveSameStories() throws {
        let articles = try LabelledCorpus.load()
        var a = StoryIndex(), b = StoryIndex()
        let first = try run(articles, index: &a)
        let second = try run(articles, index: &b)
        #expect(first == second)
        #expect(a.snapshotJSON() == b.snapshotJSON())
    }

    @Test func reassigningAnArticleIsIdempotent() throws {
        let articles = try LabelledCorpus.load()
        var index = StoryIndex()
        let assigned = try run(articles, index: &index)
        let count = index.count
        // The newest articles are the ones still inside the window, so the index remembers them.
        #expect(count >= 8)
        for article in articles.suffix(count) {
            #expect(index.assign(article: try LabelledCorpus.input(article)) == assigned[article.id])
        }
        #expect(index.count == count)
    }

    @Test func snapshotRestoresMidStream() throws {
        let articles = try LabelledCorpus.load()
        var whole = StoryIndex()
        let expected = try run(articles, index: &whole)

        var firstRun = StoryIndex()
        let half = articles.count / 2
        var got = try run(Array(articles[..<half]), index: &firstRun)
        var secondRun = try StoryIndex(snapshotJSON: firstRun.snapshotJSON())
        got.merge(try run(Array(articles[half...]), index: &secondRun)) { $1 }
        #expect(got == expected)
        #expect(secondRun.snapshotJSON() == whole.snapshotJSON())
    }

    @Test func windowBoundsMemoryAndSplitsOldStories() throws {
        var index = StoryIndex()
        let start = try #require(UTCTimestamp.parseDay("2026-03-01"))
        let title = "Acme Robotics agrees to buy Zephyr Sensors"
        let text = "Acme Robotics said it agreed to acquire Zephyr Sensors in an all-cash deal."
        let first = index.assign(article: StoryInput(id: "a1", published: start, title: title, text: text,
                                                     entities: ["ACME"]))
        let copy = index.assign(article: StoryInput(id: "a2", published: start.addingTimeInterval(71 * 3600),
                                                    title: title, text: text, entities: ["ACME"]))
        #expect(copy.storyID == first.storyID)
        // 80 hours after the last copy: outside the window, so a fresh story.
        let late = index.assign(article: StoryInput(id: "a3", published: start.addingTimeInterval(151 * 3600),
                                                    title: title, text: text, entities: ["ACME"]))
        #expect(late.storyID == "a3")
        #expect(late.novelty == 100)
        #expect(index.count == 1)
        #expect(index.snapshot().stories.map(\.id) == ["a3"])
    }

    /// A month of articles every ten minutes: the index holds only the window (expired articles
    /// are compacted away), copies keep joining their source across compactions, unrelated
    /// articles keep opening their own stories, and a snapshot restores the same behaviour.
    @Test func longStreamStaysBoundedAndMatchesAcrossCompactions() throws {
        var index = StoryIndex()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func word() -> String {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return "w\((seed >> 33) % 5000)"
        }
        var texts: [String] = []
        var largest = 0
        for n in 0..<2600 {
            let published = start.addingTimeInterval(Double(n) * 600)
            let isCopy = n % 97 == 0 && n >= 3
            let text = isCopy ? texts[n - 3] : (0..<40).map { _ in word() }.joined(separator: " ")
            texts.append(text)
            let assignment = index.assign(article: StoryInput(id: "a\(n)", published: published, title: "",
                                                              text: text, entities: ["T\(n % 50)"]))
            #expect(assignment.storyID == (isCopy ? "a\(n - 3)" : "a\(n)"), "article \(n)")
            largest = max(largest, index.count)
        }
        #expect(largest <= 433, "72 h of articles every 10 minutes is at most 433")
        var restored = try StoryIndex(snapshotJSON: index.snapshotJSON())
        #expect(restored.count == index.count)
        let next = StoryInput(id: "late-copy", published: start.addingTimeInterval(2600 * 600),
                              title: "", text: texts[2590], entities: ["T0"])
        #expect(restored.assign(article: next) == index.assign(article: next))
        #expect(index.assign(article: next).storyID == "a2590")
    }

    /// A firehose inside one window: the oldest articles give way past `maxArticles`.
    @Test func maxArticlesCapsMemoryInsideTheWindow() {
        var index = StoryIndex(configuration: .init(maxArticles: 100))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for n in 0..<500 {
            _ = index.assign(article: StoryInput(id: "a\(n)", published: start.addingTimeInterval(Double(n)),
                                                 title: "Headline \(n)", text: "Body \(n) of article \(n).", entities: []))
            #expect(index.count <= 100)
        }
        #expect(index.snapshot().entries.map(\.id).last == "a499")
        #expect(index.snapshot().stories.count <= 100, "only stories of remembered articles are saved")
    }

    /// Stories whose articles all gave way to the cap are dropped too, although their time
    /// window is still open: otherwise a long firehose run grows with its corpus.
    @Test func storiesOfForgottenArticlesDoNotAccumulate() {
        var index = StoryIndex(configuration: .init(maxArticles: 100))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var most = 0
        for n in 0..<5000 {
            _ = index.assign(article: StoryInput(id: "a\(n)", published: start.addingTimeInterval(Double(n)),
                                                 title: "Headline \(n)", text: "Body \(n) of article \(n).", entities: []))
            most = max(most, index.storiesHeld)
        }
        #expect(most <= 100 + 1025, "live stories plus at most one compaction's worth of dead ones")
    }

    /// The index keeps terms as vocabulary ids and counts only; the snapshot must still carry
    /// each article's terms exactly as its features gave them, across compactions too (which
    /// renumber the ids).
    @Test func snapshotCarriesEachArticlesOwnTerms() {
        var index = StoryIndex(configuration: .init(maxArticles: 40))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var expected: [String: String] = [:]
        for n in 0..<1500 {
            let text = "Report \(n) on item \(n % 7) and item \(n % 11): item \(n % 7) rose, plant \(n % 13) shut."
            let article = StoryInput(id: "a\(n)", published: start.addingTimeInterval(Double(n)),
                                     title: "Headline \(n % 17)", text: text, entities: ["T\(n % 5)"])
            expected[article.id] = StoryTerm.pack(article.features.terms)
            _ = index.assign(article: article)
            if n == 30 || n == 1499 {
                let entries = index.snapshot().entries
                #expect(!entries.isEmpty)
                for entry in entries { #expect(entry.terms == expected[entry.id], "\(entry.id) after \(n)") }
            }
        }
    }

    /// Packed terms round-trip, and text that is not whole (hash, count) pairs is refused.
    @Test func packedTermsRoundTrip() {
        let terms = StoryFeatures(title: "Acme buys Zephyr", text: "Acme agreed to buy Zephyr Sensors for cash.").terms
        #expect(!terms.isEmpty)
        #expect(StoryTerm.unpack(StoryTerm.pack(terms)) == terms)
        #expect(StoryTerm.unpack("AAAA") == nil)
    }

    @Test func syndicatedCopyIsNearDuplicateAndOtherEventIsNot() throws {
        let articles = try LabelledCorpus.load()
        func hash(_ id: String) throws -> UInt64 {
            let a = try #require(articles.first { $0.id == id })
            return StoryFeatures(title: a.title, text: a.text).simhash
        }
        #expect(TextFeatures.hamming(try hash("acme-zephyr-wire"), try hash("acme-zephyr-ledger")) <= 3)
        #expect(TextFeatures.hamming(try hash("acme-zephyr-wire"), try hash("acme-recall-wire")) > 3)
    }

    @Test func withoutSharedEntitiesOnlyNearDuplicatesJoin() {
        var index = StoryIndex()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let text = "The carmaker recalled thirty thousand vehicles over faulty seat belt anchors at the factory."
        _ = index.assign(article: StoryInput(id: "x", published: now, title: "Carmaker recalls vehicles",
                                             text: text, entities: ["IONM"]))
        let rewrite = index.assign(article: StoryInput(
            id: "y", published: now, title: "Seat belt fault prompts recall",
            text: "Thirty thousand vehicles are being recalled because seat belt anchors may be loose.",
            entities: ["OTHR"]))
        #expect(rewrite.storyID == "y")
    }

    @Test func malformedSnapshotsThrow() {
        #expect(throws: StoryError.self) { try StoryIndex(snapshotJSON: "not json") }
        #expect(throws: StoryError.self) {
            try StoryIndex(snapshotJSON: #"{"format":99,"configuration":{"window":1,"maxHamming":3,"minCosine":0.3,"minContainment":0.6,"shortTextTerms":14,"decay":0.75},"entries":[],"stories":[]}"#)
        }
        var index = StoryIndex()
        _ = index.assign(article: StoryInput(id: "a", published: Date(timeIntervalSince1970: 0), title: "t",
                                             text: "x y z", entities: []))
        let broken = index.snapshotJSON().replacingOccurrences(of: #""story":"a""#, with: #""story":"zz""#)
        #expect(throws: StoryError.self) { try StoryIndex(snapshotJSON: broken) }
    }
}

/// The hand-written snapshot JSON reads back, through `JSONDecoder`, to the very snapshot.
@Suite struct SnapshotWriterTests {
    @Test func decodesToTheSameSnapshot() throws {
        var index = StoryIndex()
        let start = Date(timeIntervalSince1970: 1_800_000_000.25)
        let entityNames = ["ACME", "Quote\"d", "Back\\slash", "Tab\there", "Ctl\u{01}", "Zoë & Co", "ニコン"]
        for n in 0..<60 {
            _ = index.assign(article: StoryInput(id: "a\(n % 45)", published: start.addingTimeInterval(Double(n) * 1234.5),
                                                 title: "Headline \(n % 7)", text: "Body of article \(n % 9) about \(entityNames[n % 7]).",
                                                 entities: [entityNames[n % 7], entityNames[(n + 3) % 7]]))
        }
        let expected = index.snapshot()
        #expect(!expected.entries.isEmpty && !expected.stories.isEmpty)
        let decoded = try JSONDecoder().decode(StoryIndex.Snapshot.self, from: Data(index.snapshotBytes()))
        #expect(decoded == expected)
        // Sorted keys, as the encoder wrote them: equal states give equal files.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(index.snapshotBytes())) as? [String: Any])
        #expect(object.keys.sorted() == ["configuration", "entries", "format", "newest", "stories"])
        #expect(index.snapshotJSON().hasPrefix(#"{"configuration":{"decay":0.75,"maxArticles":10000,"#))
    }

    /// Strings are escaped by WirescoreCore's one writer, U+2028/U+2029 included, and read back.
    @Test func escapesWithTheOneWriter() throws {
        var index = StoryIndex()
        let name = "Line\u{2028}Para\u{2029}Bs\u{08}Ff\u{0C}Q\"B\\ é"
        _ = index.assign(article: StoryInput(id: "a", published: Date(timeIntervalSince1970: 1_800_000_000), title: "t",
                                             text: "x y z", entities: [name]))
        var w = JSONByteWriter()
        w.string(name)
        #expect(index.snapshotJSON().contains(#""entities":["# + String(decoding: w.bytes, as: UTF8.self) + "]"))
        #expect(!index.snapshotJSON().contains("\u{2028}"))
        #expect(try StoryIndex(snapshotJSON: index.snapshotJSON()).snapshot() == index.snapshot())
        #expect(try JSONDecoder().decode(StoryIndex.Snapshot.self, from: Data(index.snapshotBytes())) == index.snapshot())
    }
}

/// The snapshot reader: what the writer and `JSONEncoder` write reads back to the same
/// snapshot, and any damaged document is an error, never a crash.
@Suite struct SnapshotReaderTests {
    private func sampleIndex() -> StoryIndex {
        var index = StoryIndex()
        let start = Date(timeIntervalSince1970: 1_800_000_000.25)
        let entityNames = ["ACME", "Quote\"d", "Back\\slash", "Tab\there", "Ctl\u{01}", "Zoë & Co", "ニコン", "😀 Emoji"]
        for n in 0..<80 {
            _ = index.assign(article: StoryInput(id: "a\(n % 61)", published: start.addingTimeInterval(Double(n) * 1234.5),
                                                 title: "Headline \(n % 7)", text: "Body of article \(n % 9) about \(entityNames[n % 8]).",
                                                 entities: [entityNames[n % 8], entityNames[(n + 3) % 8]]))
        }
        return index
    }

    private func read(_ text: String) throws -> StoryIndex.Snapshot {
        var text = text
        return try text.withUTF8 { try SnapshotReader.decode(UnsafeRawBufferPointer($0)) }
    }

    @Test func readsWhatTheWriterWrites() throws {
        let index = sampleIndex()
        #expect(try read(index.snapshotJSON()) == index.snapshot())
        let restored = try StoryIndex(snapshotJSON: index.snapshotJSON())
        #expect(restored.snapshotJSON() == index.snapshotJSON())
    }

    /// What the pipeline saves (streamed in chunks) is byte for byte the whole document.
    @Test func streamedSnapshotEqualsTheWholeDocument() throws {
        var index = sampleIndex()
        for n in 0..<900 {   // enough entries for several 256 KB chunks
            let text = (0..<120).map { "w\(($0 * 7 + n) % 997)" }.joined(separator: " ")
            _ = index.assign(article: StoryInput(id: "bulk\(n)", published: Date(timeIntervalSince1970: 1_800_000_000 + Double(n)),
                                                 title: "Bulk \(n)", text: text, entities: ["T\(n % 9)"]))
        }
        var streamed: [UInt8] = []
        var chunks = 0
        index.writeSnapshot { chunk in streamed.append(contentsOf: chunk); chunks += 1 }
        #expect(chunks > 2)
        #expect(streamed == index.snapshotBytes())
    }

    @Test func readsWhatJSONEncoderWritesInAnyKeyOrderAndLayout() throws {
        let expected = sampleIndex().snapshot()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        let pretty = String(decoding: try encoder.encode(expected), as: UTF8.self)
        #expect(pretty.contains("\n  "))
        #expect(try read(pretty) == expected)
    }

    @Test func readsEveryEscapeAndSkipsUnknownKeys() throws {
        let document = #"""
        { "extra": {"nested": [1, 2.5e3, -0.5, true, false, null, "s\"\\"]},
          "format": 2, "newest": null,
          "configuration": {"window": 259200, "maxHamming": 3, "minCosine": 0.3, "minContainment": 0.6,
                            "shortTextTerms": 14, "decay": 0.75, "maxArticles": 1e4, "future": "ignored"},
          "entries": [{"id": "caf\u00e9 \ud83d\ude00 a\/b\b\f\n\r\t", "story": "s1", "published": 1.5,
                       "simhash": "00000000000000ff", "entities": ["ACME"], "terms": "", "novelty": 100}],
          "stories": [{"id": "s1", "firstSeen": 1.5, "lastSeen": 1.5, "count": 1}] }
        """#
        let snapshot = try read(document)
        #expect(snapshot.format == 2)
        #expect(snapshot.newest == nil)
        #expect(snapshot.configuration.maxArticles == 10_000)
        #expect(snapshot.entries.first?.id == "café 😀 a/b\u{08}\u{0C}\n\r\t")
        #expect(snapshot.stories.first?.count == 1)
    }

    @Test func damagedDocumentsAreErrors() throws {
        let whole = sampleIndex().snapshotJSON()
        let bytes = Array(whole.utf8)
        // Every cut through the first part of the document (a cut at a value boundary can
        // still be whole JSON but is then missing keys or brackets).
        for cut in stride(from: 0, to: min(bytes.count, 1500), by: 1) {
            let prefix = String(decoding: bytes[..<cut], as: UTF8.self)
            #expect(throws: StoryError.self, "cut at \(cut)") { _ = try read(prefix) }
        }
        for broken in [whole + "x", whole.replacingOccurrences(of: #""novelty":"#, with: #""novelty":"1","#),
                       whole.replacingOccurrences(of: #""count":"#, with: #""count":1.5,"x":"#),
                       #"{"format":2}"#, "[]", "", "{\"format\":2,\"a\":tru}",
                       whole.replacingOccurrences(of: #""id":"#, with: "\"id\":\"\u{01}\","),
                       whole.replacingOccurrences(of: #""story":"#, with: #""story":"\x","#),
                       whole.replacingOccurrences(of: #""story":"#, with: #""story":"\ud83d","#)] {
            #expect(throws: StoryError.self) { _ = try read(broken) }
        }
    }
}
