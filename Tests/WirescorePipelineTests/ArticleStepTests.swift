import Foundation
import Logging
import Testing
import WirescoreCore
import WirescoreStories
@testable import WirescorePipeline

/// A step the project does not ship, registered in this one file: its field must reach the
/// records ingest writes and those reprocess rebuilds, with no other change anywhere.
struct LongestWordStep: ArticleStep {
    static let descriptor = ArticleStepDescriptor(name: "longest_word", summary: "the text's longest word (test)") { _ in
        LongestWordStep()
    }
    var name: String { "longest_word" }

    func apply(to draft: inout ArticleDraft) throws(ArticleFailure) {
        var record = try draft.requireRecord(by: name)
        let words: [Substring] = record.text.split(whereSeparator: { (c: Character) in !c.isLetter })
        let longest = words.max { $0.count < $1.count }.map(String.init) ?? ""
        record.extensions.append((name: "longest_word", value: .string(longest)))
        draft.record = record
    }
}

/// Each step as a pure function (fixture in, fields out), the step list as the pipeline
/// chooses it, and an extra step end to end.
@Suite(.serialized)
struct ArticleStepTests {
    static let page = """
        <!doctype html><html lang="en"><head><title>Apple lifts outlook | Wire</title>
        <meta property="article:published_time" content="2026-11-19T09:30:00Z"></head>
        <body><article><h1>Apple lifts outlook</h1>
        <p>Apple raised its revenue forecast on Tuesday after record iPhone sales, and its shares rose 4 percent in early trading as investors cheered the stronger than expected demand.</p>
        <p>Analysts said the results were excellent and extraordinarily strong, and lifted their price targets, while Microsoft shares were little changed in a quiet session for the rest of the sector.</p>
        </article></body></html>
        """

    static func draft(status: Int = 200, body: String = page) -> ArticleDraft {
        ArticleDraft(context: .init(feedID: "wire", itemKey: "https://wire.example/apple", link: "https://wire.example/apple",
                                    feedTitle: "Wire", entryTitle: "Apple lifts outlook"),
                     page: .init(finalURL: "https://wire.example/apple", status: status, contentType: "text/html",
                                 body: Array(body.utf8), fetched: Date(timeIntervalSince1970: 1_795_000_000)))
    }

    static let scratch: String = {
        let dir = NSTemporaryDirectory() + "wirescore-steps-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body><outline type=\"rss\" text=\"W\" xmlUrl=\"https://wire.example/feed\"/></body></opml>"
        // Not checked here: without the list, every pipeline parse below fails, naming the file.
        _ = FileManager.default.createFile(atPath: dir + "/list.opml", contents: Data(opml.utf8))
        return dir
    }()

    static func pipeline(_ yaml: String = "") throws -> PipelineConfig {
        try PipelineLoader.parse(yaml: "name: steps\nfeeds: [list.opml]\nextract:\n  min_words: 10\n" + yaml,
                                 file: scratch + "/steps.yaml")
    }

    @Test func extractMakesTheRecordOrSaysWhyNot() throws {
        let step = ExtractStep(pipelineName: "steps", minWords: 10)
        var draft = Self.draft()
        try step.apply(to: &draft)
        let record = try #require(draft.record)
        #expect(record.title == "Apple lifts outlook")
        #expect(record.lang == "en")
        #expect(record.published.map(UTCTimestamp.rfc3339) == "2026-11-19T09:30:00Z")
        #expect(record.words > 40)
        #expect(record.sentiment == nil && record.entities == nil && record.story == nil)

        var missing = Self.draft(status: 503)
        #expect(throws: ArticleFailure(code: .httpStatus, reason: "HTTP 503", status: 503, settled: false)) {
            try step.apply(to: &missing)
        }
        var gone = Self.draft(status: 404)
        #expect(throws: ArticleFailure(code: .httpStatus, reason: "HTTP 404", status: 404, settled: true)) {
            try step.apply(to: &gone)
        }
    }

    @Test func analyzeSetsSentimentAndEntitiesFromTheRecord() throws {
        var draft = Self.draft()
        try ExtractStep(pipelineName: "steps", minWords: 10).apply(to: &draft)
        try AnalyzeStep(analyzer: try Self.pipeline().makeAnalyzer()).apply(to: &draft)
        let record = try #require(draft.record)
        #expect(record.entityIDs.contains("AAPL"), "\(record.entityIDs)")
        #expect(record.sentiment?.label == "positive")
        #expect(draft.analysis != nil)
    }

    @Test func storyFeaturesAreTheTextsOwn() throws {
        var draft = Self.draft()
        try ExtractStep(pipelineName: "steps", minWords: 10).apply(to: &draft)
        try StoryFeaturesStep().apply(to: &draft)
        let record = try #require(draft.record)
        #expect(draft.storyFeatures == StoryFeatures(title: record.title, text: record.text))
    }

    @Test func aStepThatNeedsARecordFailsClearlyWithoutExtract() {
        var draft = Self.draft()
        #expect(throws: ArticleFailure.self) { try StoryFeaturesStep().apply(to: &draft) }
    }

    @Test func stagesChooseTheStepsAndExtractIsRequired() throws {
        #expect(try ArticleBuilder(pipeline: try Self.pipeline()).steps.map(\.name) == ["extract", "analyze", "events", "story"])
        let chosen = try ArticleBuilder(pipeline: try Self.pipeline("stages: [extract, story]\n"))
        #expect(chosen.steps.map(\.name) == ["extract", "story"])
        let built = try chosen.build(Self.draft().context, Self.draft().page).get()
        #expect(built.record?.sentiment == nil && built.storyFeatures != nil)

        #expect(throws: PipelineError.self) { try Self.pipeline("stages: [analyze]\n") }
        do {
            _ = try Self.pipeline("stages:\n  - extract\n  - sentimnet\n")
            Issue.record("an unknown stage was accepted")
        } catch {
            // Line 7 of the file: name, feeds, extract (2 lines), stages, extract, sentimnet.
            #expect("\(error)".contains("sentimnet") && "\(error)".contains("steps.yaml:7"), "\(error)")
        }
    }

    @Test func anExtraStepRegisteredInOneFileReachesIngestAndReprocess() async throws {
        let dir = try RepositoryPaths.temporaryDirectory("extra-step")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(Self.page.utf8).write(to: URL(fileURLWithPath: dir + "/page.html"))
        try Data(HostileLinkTests.rss(["page.html"]).utf8).write(to: URL(fileURLWithPath: dir + "/feed.xml"))
        try HostileLinkTests.writePipeline(dir, feeds: ["feed.xml"], protocols: "[file]")
        let config = try PipelineLoader.load(path: dir + "/pipeline.yaml")
        let steps = ArticleSteps.standard + [LongestWordStep.descriptor]
        var options = IngestRun.Options(outputRoot: dir + "/out")
        options.steps = steps
        _ = try await IngestRun(pipeline: config, feeds: try FeedListLoader.load(config), options: options,
                                logger: Logger(label: "t")).run()
        let written = try readPartition(dir + "/out", kind: "articles")
        #expect(written.count == 1)
        #expect(written.first?["longest_word"] as? String == "extraordinarily", "\(written)")

        _ = try Reprocessor(pipeline: config, outputRoot: dir + "/out", from: "2026-11-19", to: "2026-11-19",
                            logger: Logger(label: "t"), steps: steps).run()
        #expect(try readPartition(dir + "/out", kind: "articles").first?["longest_word"] as? String == "extraordinarily")
    }
}
