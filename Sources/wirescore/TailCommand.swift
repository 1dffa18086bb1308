import ArgumentParser
import Foundation
import WirescoreCore
import WirescoreObjectStore
import WirescoreOutput
import WirescorePipeline

struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the newest records of the newest partition; --follow keeps printing new ones.",
        discussion: """
            On a terminal each record is one compact line (control characters removed); piped, \
            records are printed as raw JSONL. Each batch (the newest N, then each batch --follow \
            sees) is printed in published order (articles by published time, else fetch time; \
            errors by time), not in the order fetches completed. Score lines of companies with no \
            signal at all are left out unless --all-companies. With --follow, wirescore prints records appended to \
            any day's partition (an article published yesterday and fetched today lands in \
            yesterday's), picks up new days as they appear, and after a reprocess swaps a file it \
            continues from the end of the new file. Exits 1 when the output root holds no \
            wirescore output, 64 when it is a URL or a file.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case articles, scores, errors }

    @Option(help: "Pipeline file (YAML) whose output folder to read (its 'output' key).")
    var pipeline: String?

    @Option(help: "Output root (default: the pipeline's 'output' with --pipeline, else output/).")
    var output: String?

    @Option(help: "Which records: articles, scores or errors.")
    var kind: Kind = .articles

    @Flag(name: [.short, .long], help: "Keep printing records as they are appended.")
    var follow = false

    @Option(help: "Only records about this ticker (case-insensitive).")
    var entity: String?

    @Option(name: .short, help: "How many of the newest records to print first.")
    var n: Int = 10

    @Flag(help: "With --kind scores, also print companies with no signal at all.")
    var allCompanies = false

    func validate() throws {
        guard n >= 0 else { throw ValidationError("-n must be 0 or more") }
    }

    func run() async throws {
        let (root, config) = try resolveRoot()
        if OutputRoot.urlScheme(of: root)?.lowercased() == "s3" {
            // Exits 64 or 78 with the reason when the bucket URL or credentials are unusable.
            let settings = config ?? PipelineConfig(file: "", name: "tail", feedLists: [], output: nil, includeText: true)
            guard let target = try objectStoreTarget(root, settings) else { return }
            return try await followBucket(target)
        }
        try checkOutputRoot(root)
        if let problem = OutputRoot.treeProblem(root) {
            printError("wirescore: \(problem)")
            throw ExitCodes.failure
        }
        let layout = OutputLayout(root: root)
        let outputKind = OutputLayout.Kind(rawValue: kind.rawValue) ?? .articles
        let formatter = RecordFormatter(kind: kind, compact: isatty(STDOUT_FILENO) == 1, entity: entity,
                                        includeEmptyScores: allCompanies)

        var follower = PartitionFollower(layout: layout, kind: outputKind)
        if let newest = follower.start() {
            formatter.emit(formatter.publishedOrder(newest.filter(formatter.matches).suffix(n)))
        } else if !follow {
            printError("wirescore: no \(kind.rawValue) partitions under \(root) yet")
            return
        }
        guard follow else { return }

        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(500))
            formatter.emit(formatter.publishedOrder(follower.poll().filter(formatter.matches)))
        }
    }

    /// `tail` over an `s3://` output: the newest day's objects, then (with --follow) the lines
    /// of each object that appears, found by listing the bucket every few seconds.
    private func followBucket(_ target: ObjectStoreTarget) async throws {
        let outputKind = OutputLayout.Kind(rawValue: kind.rawValue) ?? .articles
        let formatter = RecordFormatter(kind: kind, compact: isatty(STDOUT_FILENO) == 1, entity: entity)
        do {
            var follower = ObjectFollower(client: try target.client(), kind: outputKind)
            if let newest = try follower.start() {
                formatter.emit(newest.filter(formatter.matches).suffix(n))
            } else if !follow {
                printError("wirescore: no \(kind.rawValue) objects under \(target.location) yet")
                return
            }
            guard follow else { return }
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(ObjectFollower.pollSeconds))
                formatter.emit(try follower.poll().filter(formatter.matches))
            }
        } catch let error as S3Error {
            printError("wirescore: \(error)")
            throw error.isConfiguration ? ExitCodes.config : ExitCodes.failure
        }
    }

    /// `--output`, else the `--pipeline` file's `output:` (its feed lists are not read), else
    /// `output/`, with the pipeline when one was read; checked by the caller.
    private func resolveRoot() throws -> (String, PipelineConfig?) {
        var config: PipelineConfig?
        if output == nil, let pipeline {
            do {
                config = try PipelineLoader.load(path: pipeline)
            } catch {
                printError("wirescore: invalid pipeline: \(error)")
                throw ExitCodes.config
            }
        }
        return (output ?? config?.output ?? "output", config)
    }
}

/// Turns records into output lines: raw JSONL when piped, one compact line each on a terminal.
struct RecordFormatter {
    let kind: TailCommand.Kind
    let compact: Bool
    let entity: String?
    /// Score lines whose signals are all null are left out unless this is set.
    var includeEmptyScores = false

    func matches(_ line: Substring) -> Bool {
        if kind == .scores, !includeEmptyScores, let record = object(line),
           let signals = record["signals"] as? [String: Any], !signals.values.contains(where: { $0 is [String: Any] }) {
            return false
        }
        guard let entity = entity?.uppercased() else { return true }
        guard let record = object(line) else { return false }
        if let name = record["entity"] as? String { return name.uppercased() == entity }
        let entities = record["entities"] as? [[String: Any]] ?? []
        return entities.contains { ($0["id"] as? String)?.uppercased() == entity }
    }

    /// The batch in published order: articles by `published` (else `fetched`), errors by
    /// `at`; the id breaks ties, and lines that do not parse keep their place at the end.
    /// Score lines keep the file's order (composite, then company).
    func publishedOrder<S: Sequence>(_ lines: S) -> [Substring] where S.Element == Substring {
        let batch = Array(lines)
        guard kind != .scores else { return batch }
        let keyed = batch.enumerated().map { offset, line -> (key: String?, id: String, offset: Int, line: Substring) in
            let record = object(line)
            let time = kind == .errors ? record?["at"] as? String
                : (record?["published"] as? String ?? record?["fetched"] as? String)
            return (time, record?["id"] as? String ?? "", offset, line)
        }
        return keyed.sorted { a, b in
            switch (a.key, b.key) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return (a.id, a.offset) < (b.id, b.offset)
            }
        }.map(\.line)
    }

    func emit<S: Sequence>(_ lines: S) where S.Element == Substring {
        var out = ""
        for line in lines {
            out += compact ? TerminalText.printable(format(line)) : String(line)
            out += "\n"
        }
        guard !out.isEmpty else { return }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The article's main event for the compact line, "[analyst/rating/downgrade AAPL]": the
    /// most confident one, the earliest reported on ties; "" when there is none.
    static func mainEvent(_ events: Any?) -> String {
        let list = events as? [[String: Any]] ?? []
        var best: [String: Any]?
        for event in list {
            let confidence = event["confidence"] as? Double ?? 0
            if best == nil || confidence > (best?["confidence"] as? Double ?? 0) { best = event }
        }
        guard let best, let type = best["type"] as? String else { return "" }
        return "[" + type + ((best["company"] as? String).map { " " + $0 } ?? "") + "]"
    }

    private func object(_ line: Substring) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    private func format(_ line: Substring) -> String {
        guard let r = object(line) else { return String(line) }
        func s(_ key: String) -> String { (r[key] as? String) ?? "" }
        switch kind {
        case .articles:
            let time = String((r["published"] as? String ?? s("fetched")).prefix(16)).replacingOccurrences(of: "T", with: " ")
            let tickers = (r["entities"] as? [[String: Any]] ?? []).prefix(4).map { e -> String in
                let id = e["id"] as? String ?? e["name"] as? String ?? "?"
                guard let score = e["sentiment"] as? Double else { return id }
                return id + String(format: " %+.2f", score)
            }
            let quality = (r["quality"] as? [String: Any])?["status"] as? String ?? "ok"
            return [time, s("source"), tickers.joined(separator: ", "), Self.mainEvent(r["events"]), s("title"),
                    quality == "ok" ? "" : "[\(quality)]"]
                .filter { !$0.isEmpty }.joined(separator: "  ")
        case .errors:
            return [String(s("at").prefix(19)), s("kind"), s("code"), s("url"), s("reason")].joined(separator: "  ")
        case .scores:
            let score = (r["score"] as? Int).map(String.init) ?? "-"
            return [s("date"), s("entity"), s("composite"), score, s("label")].joined(separator: "  ")
        }
    }
}
