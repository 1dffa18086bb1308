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
        #expect(assigned[1].storyJSON().serialized()
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

    @Test func syndicatedCopyIsNearDuplicateAndOtherEventIsNot() throws {
        let articles = try LabelledCorpus.load()
        func hash(_ id: String) throws -> UInt64 {
            let a = try #require(articles.first { $0.id == id })
            return TextFeatures.simHash(title: a.title, text: a.text)
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
