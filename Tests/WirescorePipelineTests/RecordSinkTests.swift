import AsyncAlgorithms
import Foundation
import Logging
import Testing
import WirescoreCore
import WirescoreOutput
import WirescoreStore
import WirescoreStories
@testable import WirescorePipeline

/// The sink driven directly with events: what it writes, what it counts, what it records.
@Suite struct RecordSinkTests {
    static func record(url: String, canonical: String? = nil, title: String, minutes: Double) -> ArticleRecord {
        ArticleRecord(id: URLCanonicalizer.articleID(for: canonical ?? url), url: url, canonicalURL: canonical, feed: "f",
                      source: "example.com", title: title, author: nil, lang: "en",
                      published: Date(timeIntervalSince1970: 1_763_544_600 + minutes * 60), fetched: Date(timeIntervalSince1970: 1_763_600_000),
                      text: "", words: 0, quality: Quality(status: .ok), pipeline: "p", version: "v")
    }

    static func event(_ record: ArticleRecord, text: String) -> SinkEvent {
        var record = record
        record.text = text
        record.words = WordCount.count(text)
        return .article(record, features: StoryFeatures(title: record.title, text: text), itemKey: record.url)
    }

    /// A sink over a fresh output tree with the local output, real run state and an empty
    /// story index.
    static func makeSink() throws -> (root: String, store: StateStore, sink: RecordSink) {
        let root = NSTemporaryDirectory() + "wirescore-sink-\(UUID().uuidString)"
        let layout = OutputLayout(root: root, shard: 0)
        let store = try StateStore(directory: layout.stateDirectory)
        let sink = RecordSink(layout: layout, output: LocalHiveOutput(root: root), state: RunState(store: store),
                              archive: RawArchive(layout: layout, runID: "test"), stories: { StoryIndex() },
                              logger: Logger(label: "t"), includeText: true)
        return (root, store, sink)
    }

    @Test func writesOnceCountsDuplicatesAndKeepsUnrelatedClaimantsApart() async throws {
        let (root, store, sink) = try Self.makeSink()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let events = AsyncChannel<SinkEvent>()
        let story = "Acme Corp raised its full-year outlook on Tuesday after third-quarter revenue beat estimates, and its shares rose in early trading as analysts lifted their targets."
        let other = "The city council approved a new budget for public libraries on Monday, adding evening hours at three branches and funds for repairs to the central building."
        let base = "https://example.com"
        Task {
            // The same article reached twice (a second route, same text): one line, one duplicate.
            await events.send(Self.event(Self.record(url: base + "/acme", title: "Acme lifts outlook", minutes: 5), text: story))
            await events.send(Self.event(Self.record(url: base + "/acme?ref=rss", canonical: base + "/acme",
                                                     title: "Acme lifts outlook", minutes: 5), text: story))
            // A page of other text claiming the same canonical keeps its own URL.
            await events.send(Self.event(Self.record(url: base + "/council", canonical: base + "/acme",
                                                     title: "Council budget", minutes: 1), text: other))
            await events.send(.failure(ErrorRecord(kind: .article, feed: "f", url: base + "/gone", code: .httpStatus,
                                                   reason: "HTTP 404", status: 404, at: Date(timeIntervalSince1970: 1_763_600_000),
                                                   pipeline: "p"), itemKey: base + "/gone", settled: true))
            events.finish()
        }
        try await sink.run(events)

        #expect(sink.summary.articlesNew == 2)
        #expect(sink.summary.articlesDuplicate == 1)
        #expect(sink.summary.errors == 1)
        let lines = try readPartition(root, kind: "articles")
        #expect(Set(lines.compactMap { $0["url"] as? String }) == [base + "/acme", base + "/council"])
        let council = lines.first { ($0["url"] as? String) == base + "/council" }
        #expect(council?["canonical_url"] is NSNull)
        #expect(council?["id"] as? String == URLCanonicalizer.articleID(for: base + "/council"))
        #expect((council?["story"] as? [String: Any])?["novelty"] as? Int == 100)
        #expect(try store.isArticleWritten(URLCanonicalizer.articleID(for: base + "/acme")))
        #expect(try store.isItemSettled(base + "/gone"))
        #expect(try readPartition(root, kind: "errors").first?["code"] as? String == "http_status")
    }

    @Test func aStateFailureEndsTheRun() async throws {
        let (root, _, sink) = try Self.makeSink()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let events = AsyncChannel<SinkEvent>()
        Task {
            await events.send(.stateFailure(StateFailure(message: "run state (x): cannot accept the feed's items: disk full")))
            events.finish()
        }
        await #expect(throws: StateFailure.self) { try await sink.run(events) }
    }
}
