import Foundation
import Testing
@testable import WirescorePipeline
import Logging

/// The offline demo end to end, through the library and through the binary.
@Suite(.serialized)
struct DemoIngestTests {
    @Test func demoWritesDatedPartitionsAndASecondRunAddsNoDuplicates() async throws {
        let output = try RepositoryPaths.temporaryDirectory("demo")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let config = try PipelineLoader.load(path: RepositoryPaths.demoPipeline)
        let feeds = try FeedListLoader.load(config)
        #expect(feeds.count >= 3)
        let run = IngestRun(pipeline: config, feeds: feeds, options: .init(outputRoot: output),
                            logger: Logger(label: "test"))

        let first = try await run.run()
        #expect(first.feedsOK == feeds.count)
        #expect(first.articlesNew >= 30)
        #expect(first.errors == 0)
        let articles = try readPartition(output, kind: "articles")
        #expect(articles.count == first.articlesNew)
        let ids = articles.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == articles.count)
        for article in articles {
            #expect(((article["text"] as? String) ?? "").count > 200)
            #expect((article["title"] as? String)?.isEmpty == false)
            #expect(article["published"] is String)
            #expect(article["quality"] is [String: Any])
            #expect((article["sentiment"] as? [String: Any])?["label"] is String)
        }
        // Every demo story is about listed companies: the tagger finds them.
        let tagged = articles.filter { !(($0["entities"] as? [[String: Any]]) ?? []).isEmpty }
        #expect(tagged.count >= articles.count * 9 / 10)
        let days = try FileManager.default.contentsOfDirectory(atPath: output + "/articles")
        #expect(days.count >= 3)
        #expect(days.allSatisfy { $0.hasPrefix("date=") })

        // Same-story clustering: the demo tells several events through two or three outlets.
        let stories = articles.compactMap { ($0["story"] as? [String: Any])?["id"] as? String }
        #expect(stories.count == articles.count)
        #expect(Set(stories).count < articles.count)
        #expect(articles.contains { (($0["story"] as? [String: Any])?["novelty"] as? Int ?? 100) < 100 })

        // Both composites, full and capped, in DESIGN.md's bands.
        let scores = try readPartition(output, kind: "scores")
        #expect(Set(scores.compactMap { $0["composite"] as? String }) == ["alpha", "news"])
        #expect(scores.contains { $0["capped"] as? Bool == true && $0["score"] is Int })
        #expect(scores.contains { $0["capped"] as? Bool == false && $0["score"] is Int })
        for score in scores {
            let label = score["label"] as? String ?? ""
            #expect(["Strong", "Moderate", "Weak", "Poor", "Insufficient data"].contains(label))
            if let value = score["score"] as? Int {
                let expected = value >= 75 ? "Strong" : value >= 55 ? "Moderate" : value >= 26 ? "Weak" : "Poor"
                #expect(label == expected)
                #expect((score["summary"] as? String)?.contains("Score of \(value) reflects") == true)
                if score["capped"] as? Bool == true { #expect(value <= 90) }
            }
        }

        let second = try await run.run()
        #expect(second.articlesNew == 0)
        let again = try readPartition(output, kind: "articles")
        #expect(again.count == articles.count)
    }

    @Test func binaryIngestsValidatesAndHonoursTheLock() throws {
        let output = try RepositoryPaths.temporaryDirectory("bin")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let valid = try BinaryRun.run(["validate", "--pipeline", RepositoryPaths.demoPipeline])
        #expect(valid.status == 0, "\(valid.stderr)")

        let run = try BinaryRun.run(["ingest", "--pipeline", RepositoryPaths.demoPipeline, "--output", output,
                                     "--metrics-file", output + "/metrics.prom"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("articles new="))
        let metrics = try String(contentsOfFile: output + "/metrics.prom", encoding: .utf8)
        #expect(metrics.contains("wirescore_articles{pipeline=\"default\",shard=\"0\",outcome=\"new\"}"))

        // Hold the lock the way a running ingest does, then start a second run.
        let lockPath = output + "/state/ingest.lock"
        let fd = open(lockPath, O_RDWR)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let before = try readPartition(output, kind: "articles").count
        // A run that waited for the lock instead of exiting would be killed after 60 s: not 75.
        let busy = try BinaryRun.run(["ingest", "--pipeline", RepositoryPaths.demoPipeline, "--output", output], timeout: 60)
        flock(fd, LOCK_UN)
        close(fd)
        #expect(busy.status == 75)
        #expect(busy.stderr.split(separator: "\n").count == 1, "\(busy.stderr)")
        #expect(try readPartition(output, kind: "articles").count == before)
    }

    @Test func binaryReportsConfigAndUsageErrors() throws {
        let dir = try RepositoryPaths.temporaryDirectory("cfg")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/bad.yaml"
        try Data("name: bad\nfeeds: [\(RepositoryPaths.root)/Feeds/demo.opml]\nfetch:\n  timeout: soon\n".utf8)
            .write(to: URL(fileURLWithPath: bad))
        let result = try BinaryRun.run(["validate", "--pipeline", bad])
        #expect(result.status == 78)
        #expect(result.stderr.contains("bad.yaml:4:"), "\(result.stderr)")

        let usage = try BinaryRun.run(["ingest", "--shard", "5/2"])
        #expect(usage.status == 64)
    }
}
