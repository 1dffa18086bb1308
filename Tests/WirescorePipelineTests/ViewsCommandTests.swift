import Foundation
import Logging
import Testing
@testable import WirescorePipeline

/// `report`, `scores` and `tail`'s order, through the real binary.
@Suite(.serialized)
struct ViewsCommandTests {
    private func write(_ root: String, _ kind: String, _ day: String, _ lines: [String]) throws {
        let dir = "\(root)/\(kind)/date=\(day)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: dir + "/part-0.jsonl"))
    }

    /// The demo's output gives a report with the overview, company pages with charts that have
    /// points, price context from the demo factor file, story pages; and score files without
    /// no-signal lines.
    @Test func reportAndScoresFromTheDemoOutput() async throws {
        let output = try RepositoryPaths.temporaryDirectory("views-demo")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let config = try PipelineLoader.load(path: RepositoryPaths.demoPipeline)
        let run = IngestRun(pipeline: config, feeds: try FeedListLoader.load(config), options: .init(outputRoot: output),
                            logger: Logger(label: "test"))
        _ = try await run.run()

        let scores = try readPartition(output, kind: "scores")
        #expect(!scores.isEmpty)
        for score in scores {
            let signals = score["signals"] as? [String: Any] ?? [:]
            #expect(signals.values.contains { $0 is [String: Any] }, "a line with no signal: \(score)")
        }

        let report = output + "/report"
        let made = try BinaryRun.run(["report", "--pipeline", RepositoryPaths.demoPipeline, "--output", output, "--out", report])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.isEmpty)
        let index = try String(contentsOfFile: report + "/index.html", encoding: .utf8)
        #expect(index.contains("Alpha Score on ") && index.contains("Top stories on "))
        let aapl = try String(contentsOfFile: report + "/companies/AAPL.html", encoding: .utf8)
        #expect(aapl.contains("<h1>Apple <span class=\"muted\">AAPL</span></h1>"))
        #expect(aapl.contains("Price <b>"))
        #expect(aapl.contains("data-chart=\"score-history\""))
        let stories = try FileManager.default.contentsOfDirectory(atPath: report + "/stories")
        #expect(!stories.isEmpty)
        for page in [index, aapl] {
            let counts = page.components(separatedBy: "data-points=\"").dropFirst().map { Int($0.prefix { $0.isNumber }) ?? 0 }
            #expect(!counts.isEmpty && counts.allSatisfy { $0 > 0 })
        }

        let table = try BinaryRun.run(["scores", "--output", output, "--composite", "alpha", "--sort", "change"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ENTITY") == true)
        #expect(lines.contains { $0.hasPrefix("AAPL ") })
        #expect(lines.dropFirst().allSatisfy { $0.contains(" alpha ") })
        let missing = try BinaryRun.run(["scores", "--output", output, "--date", "1999-01-01"])
        #expect(missing.status == 1 && missing.stderr.contains("no scores for 1999-01-01"), "\(missing.stderr)")
    }

    @Test func reportRefusesForeignFoldersAndBadDates() throws {
        let root = try RepositoryPaths.temporaryDirectory("views-refuse")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(root, "articles", "2026-11-20", [#"{"id":"a1","url":"https://x.example/1","source":"X","title":"T","published":"2026-11-20T10:00:00Z","fetched":"2026-11-20T10:00:00Z"}"#])
        let foreign = root + "/notes"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: foreign + "/todo.txt"))
        let refused = try BinaryRun.run(["report", "--output", root, "--out", foreign])
        #expect(refused.status == 64 && refused.stderr.contains("holds other files"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: foreign + "/todo.txt"))
        let badDate = try BinaryRun.run(["report", "--output", root, "--from", "2026-13-01", "--out", root + "/r"])
        #expect(badDate.status == 64)
        let empty = try RepositoryPaths.temporaryDirectory("views-empty")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let none = try BinaryRun.run(["report", "--output", empty, "--out", root + "/r"])
        #expect(none.status == 1, "\(none.stderr)")
    }

    /// Lines in the file are in fetch-completion order; tail prints the batch by published time.
    @Test func tailPrintsABatchInPublishedOrder() throws {
        let root = try RepositoryPaths.temporaryDirectory("views-tail")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(root, "articles", "2026-11-20", [
            #"{"id":"old","published":"2026-11-20T01:00:00Z","fetched":"2026-11-20T12:00:03Z"}"#,
            #"{"id":"late","published":"2026-11-20T11:00:00Z","fetched":"2026-11-20T12:00:01Z"}"#,
            #"{"id":"early","published":"2026-11-20T09:00:00Z","fetched":"2026-11-20T12:00:02Z"}"#,
            #"{"id":"undated","published":null,"fetched":"2026-11-20T10:00:00Z"}"#,
        ])
        let run = try BinaryRun.run(["tail", "--output", root, "-n", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let ids = run.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
        }
        // The newest three appended (late, early, undated), printed by published (else fetched) time.
        #expect(ids == ["early", "undated", "late"])
    }

    @Test func tailScoresLeavesOutCompaniesWithNoSignalUnlessAsked() throws {
        let root = try RepositoryPaths.temporaryDirectory("views-tail-scores")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(root, "scores", "2026-11-20", [
            #"{"date":"2026-11-20","entity":"AAA","composite":"news","score":60,"label":"Moderate","signals":{"sentiment":{"score":60,"label":"moderate","weight":1},"buzz":null}}"#,
            #"{"date":"2026-11-20","entity":"NONE","composite":"news","score":null,"label":"Insufficient data","signals":{"sentiment":null,"buzz":null}}"#,
            #"{"date":"2026-11-20","entity":"PART","composite":"news","score":null,"label":"Insufficient data","signals":{"sentiment":{"score":40,"label":"weak","weight":1},"buzz":null}}"#,
        ])
        let entities = { (run: BinaryRun) in
            run.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["entity"] as? String
            }
        }
        let plain = try BinaryRun.run(["tail", "--output", root, "--kind", "scores"])
        #expect(plain.status == 0)
        #expect(entities(plain) == ["AAA", "PART"])
        let all = try BinaryRun.run(["tail", "--output", root, "--kind", "scores", "--all-companies"])
        #expect(entities(all) == ["AAA", "NONE", "PART"])
    }
}
