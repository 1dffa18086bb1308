import Foundation
import Logging
import Testing
@testable import WirescorePipeline

@Suite(.serialized)
struct ReprocessTests {
    private func snapshot(_ root: String, kind: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root + "/" + kind
        for day in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
            for name in try FileManager.default.contentsOfDirectory(atPath: base + "/" + day) {
                files[day + "/" + name] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + day + "/" + name))
            }
        }
        return files
    }

    @Test func rebuildsFromTheArchiveByteIdenticallyTwice() async throws {
        let output = try RepositoryPaths.temporaryDirectory("reprocess")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let config = try PipelineLoader.load(path: RepositoryPaths.demoPipeline)
        let feeds = try FeedListLoader.load(config)
        let ingested = try await IngestRun(pipeline: config, feeds: feeds, options: .init(outputRoot: output),
                                           logger: Logger(label: "test")).run()
        let original = try readPartition(output, kind: "articles")
        #expect(original.count == ingested.articlesNew)
        let days = original.compactMap { ($0["published"] as? String).map { String($0.prefix(10)) } }.sorted()
        let first = try #require(days.first), last = try #require(days.last)

        let reprocessor = Reprocessor(pipeline: config, outputRoot: output, from: first, to: last, logger: Logger(label: "test"))
        let summary1 = try reprocessor.run()
        let after1 = try snapshot(output, kind: "articles")
        let summary2 = try reprocessor.run()
        let after2 = try snapshot(output, kind: "articles")
        #expect(summary1 == summary2)
        #expect(summary1.articles == original.count)
        #expect(after1 == after2)
        let rebuilt = try readPartition(output, kind: "articles")
        #expect(Set(rebuilt.compactMap { $0["id"] as? String }) == Set(original.compactMap { $0["id"] as? String }))
        // No scratch folders are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).allSatisfy { !$0.hasPrefix(".reprocess") })

        // A later ingest sees nothing new and writes no duplicates.
        let again = try await IngestRun(pipeline: config, feeds: feeds, options: .init(outputRoot: output),
                                        logger: Logger(label: "test")).run()
        #expect(again.articlesNew == 0)
    }

    @Test func scoresOnlyRecomputesScoresFromTheArticlesAlone() async throws {
        let output = try RepositoryPaths.temporaryDirectory("reprocess-scores")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let config = try PipelineLoader.load(path: RepositoryPaths.demoPipeline)
        let feeds = try FeedListLoader.load(config)
        _ = try await IngestRun(pipeline: config, feeds: feeds, options: .init(outputRoot: output),
                                logger: Logger(label: "test")).run()
        let scores = try snapshot(output, kind: "scores")
        let articles = try snapshot(output, kind: "articles")
        let days = Set(scores.keys.map { String($0.prefix { $0 != "/" }.dropFirst("date=".count)) }).sorted()
        let first = try #require(days.first), last = try #require(days.last)
        // No archive is needed, and what was there is recomputed byte for byte from the articles.
        try FileManager.default.removeItem(atPath: output + "/raw")
        try FileManager.default.removeItem(atPath: output + "/scores")
        var reprocessor = Reprocessor(pipeline: config, outputRoot: output, from: first, to: last, logger: Logger(label: "test"))
        reprocessor.scoresOnly = true
        let summary = try reprocessor.run()
        #expect(summary.days == days.count && summary.articles == 0 && summary.archivesRead == 0)
        #expect(try snapshot(output, kind: "scores") == scores)
        #expect(try snapshot(output, kind: "articles") == articles)

        var unscored = config
        unscored.composites = nil
        var refused = Reprocessor(pipeline: unscored, outputRoot: output, from: first, to: last, logger: Logger(label: "test"))
        refused.scoresOnly = true
        #expect(throws: Reprocessor.RangeError.self) { _ = try refused.run() }
    }

    @Test func refusesToEmptyPartitionsWithoutAnArchive() async throws {
        let output = try RepositoryPaths.temporaryDirectory("reprocess-empty")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let config = try PipelineLoader.load(path: RepositoryPaths.demoPipeline)
        let feeds = try FeedListLoader.load(config)
        _ = try await IngestRun(pipeline: config, feeds: feeds, options: .init(outputRoot: output),
                                logger: Logger(label: "test")).run()
        let before = try readPartition(output, kind: "articles").count
        try FileManager.default.removeItem(atPath: output + "/raw")
        let reprocessor = Reprocessor(pipeline: config, outputRoot: output, from: "2026-11-16", to: "2026-11-20",
                                      logger: Logger(label: "test"))
        #expect(throws: Reprocessor.RangeError.self) { _ = try reprocessor.run() }
        #expect(try readPartition(output, kind: "articles").count == before)
        // A range with no articles at all and no archive is refused the same way.
        let empty = Reprocessor(pipeline: config, outputRoot: output, from: "2030-01-01", to: "2030-01-02",
                                logger: Logger(label: "test"))
        #expect(throws: Reprocessor.RangeError.self) { _ = try empty.run() }
    }

    @Test func rejectsEmptyOrInvertedRanges() {
        #expect(throws: Reprocessor.RangeError.self) { try Reprocessor.validateRange(from: "2026-11-20", to: "2026-11-19") }
        #expect(throws: Reprocessor.RangeError.self) { try Reprocessor.validateRange(from: "2026-11-31", to: "2026-12-01") }
        #expect(throws: Reprocessor.RangeError.self) { try Reprocessor.validateRange(from: "yesterday", to: "2026-12-01") }
        #expect(Reprocessor.days(from: "2026-11-30", to: "2026-12-02") == ["2026-11-30", "2026-12-01", "2026-12-02"])
        #expect(Reprocessor.shard(ofRunID: "20261121T182250Z-s3-991.warc.gz") == 3)
    }
}
