import ArgumentParser
import Foundation
import Synchronization
import WirescoreFetch
import WirescorePipeline

/// `wirescore fetch`: fetch URLs exactly as `ingest` would (the pipeline's `fetch:` settings:
/// concurrency, timeouts, size cap, protocols, private-network guard), and report each result.
///
/// For finding out why a feed or page fails, and for measuring the fetch stage alone (the
/// end-to-end benchmark compares it with wrk against the same server). Writes nothing to the
/// output directory and takes no lock.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch URLs with the pipeline's fetch settings; print status, bytes and time per URL.",
        discussion: """
            One line per URL on stdout: status (or error code), decoded bytes, seconds, final URL. \
            A summary line on stderr: count, failures, requests/s, MB/s. Exit 1 when any failed.
            """)

    @OptionGroup var options: PipelineOptions

    @Option(help: ArgumentHelp("Read URLs from this file, one per line ('-' for stdin).", valueName: "file"))
    var urls: String?

    @Flag(help: "Print only the summary line.")
    var quiet = false

    @Argument(help: "URLs to fetch.")
    var arguments: [String] = []

    func run() async throws {
        let config: PipelineConfig
        do {
            config = try PipelineLoader.load(path: options.pipeline)
        } catch {
            printError("wirescore: invalid pipeline: \(error)")
            throw ExitCodes.config
        }
        var list = arguments
        if let urls {
            let text: String
            if urls == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else if let data = FileManager.default.contents(atPath: urls) {
                text = String(decoding: data, as: UTF8.self)
            } else {
                printError("wirescore: cannot read URL list \(urls)")
                throw ExitCodes.usage
            }
            list += Self.urlLines(text)
        }
        guard !list.isEmpty else {
            printError("wirescore: no URL given (arguments or --urls FILE)")
            throw ExitCodes.usage
        }
        let fetcher: Fetcher
        do {
            fetcher = try Fetcher(policy: config.fetchPolicy())
        } catch {
            printError("wirescore: \(error)")
            throw ExitCodes.config
        }
        let started = ContinuousClock.now
        let lines = SharedLines()
        // A fixed set of worker tasks, each taking the next URL when its fetch ends: one
        // continuation hop per request, where a task per URL added a task start and a group
        // hand-off to every request (a third of the command's own time at ~10k requests/s).
        let queue = URLQueue(list)
        let quiet = quiet
        let workers = max(1, min(config.fetch.concurrency, list.count))
        let totals = await withTaskGroup(of: WorkerTotals.self, returning: WorkerTotals.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var mine = WorkerTotals()
                    while let url = queue.next() {
                        let begun = ContinuousClock.now
                        let result = await fetcher.fetch(FetchRequest(url: url))
                        let seconds = Self.seconds(ContinuousClock.now - begun)
                        mine.count += 1
                        switch result {
                        case let .success(response):
                            mine.bytes += response.body.count
                            if !(200..<400).contains(response.status) { mine.failed += 1 }
                            if !quiet { lines.append("\(response.status)\t\(response.body.count)\t\(seconds)\t\(response.finalURL)") }
                        case let .failure(error):
                            mine.failed += 1
                            if !quiet { lines.append("\(error.code.rawValue)\t0\t\(seconds)\t\(url)\t\(error.message)") }
                        }
                    }
                    return mine
                }
            }
            var all = WorkerTotals()
            for await part in group {
                all.count += part.count
                all.failed += part.failed
                all.bytes += part.bytes
            }
            return all
        }
        lines.flush()
        let elapsed = max(Self.seconds(ContinuousClock.now - started), 1e-9)
        let rates = String(format: "seconds=%.3f requests_per_s=%.1f mb_per_s=%.1f", elapsed,
                           Double(totals.count) / elapsed, Double(totals.bytes) / elapsed / 1e6)
        printError("wirescore fetch: urls=\(totals.count) failed=\(totals.failed) bytes=\(totals.bytes) \(rates)")
        if totals.failed > 0 { throw ExitCode.failure }
    }

    /// What one worker fetched.
    struct WorkerTotals: Sendable {
        var count = 0, failed = 0, bytes = 0
    }

    /// Per-URL lines written by all workers, buffered (see ``StdoutLines``).
    final class SharedLines: Sendable {
        private let buffer = Mutex(StdoutLines())
        func append(_ line: String) { buffer.withLock { $0.append(line) } }
        func flush() { buffer.withLock { $0.flush() } }
    }

    /// The URLs still to fetch, handed out one at a time to the workers.
    final class URLQueue: Sendable {
        private let urls: [String]
        private let nextIndex = Mutex(0)
        init(_ urls: [String]) { self.urls = urls }
        func next() -> String? {
            nextIndex.withLock { i -> String? in
                guard i < urls.count else { return nil }
                defer { i += 1 }
                return urls[i]
            }
        }
    }

    /// The URLs of a list file: one per line, surrounding blanks dropped, blank and `#` lines skipped.
    static func urlLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            var url = line.drop { $0 == " " || $0 == "\t" }
            while let last = url.last, last == " " || last == "\t" { url = url.dropLast() }
            return url.isEmpty || url.hasPrefix("#") ? nil : String(url)
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
