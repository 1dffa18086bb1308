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
        // Completion callbacks rather than a task per fetch: each completion, on the fetch loop's
        // thread, records its result and submits the next URL, so a request costs no task
        // resumption and no thread switch (1.8 context switches a request with worker tasks).
        let run = FetchRun(urls: list, fetcher: fetcher, lines: quiet ? nil : lines)
        let totals = await run.start(inFlight: max(1, min(config.fetch.concurrency, list.count)))
        lines.flush()
        let elapsed = max(Self.seconds(ContinuousClock.now - started), 1e-9)
        let rates = String(format: "seconds=%.3f requests_per_s=%.1f mb_per_s=%.1f", elapsed,
                           Double(totals.count) / elapsed, Double(totals.bytes) / elapsed / 1e6)
        printError("wirescore fetch: urls=\(totals.count) failed=\(totals.failed) bytes=\(totals.bytes) \(rates)")
        if totals.failed > 0 { throw ExitCode.failure }
    }

    /// What the fetches have come to so far.
    struct Totals: Sendable {
        var count = 0, failed = 0, bytes = 0
    }

    /// Keeps `inFlight` fetches going over a URL list, each completion starting the next URL,
    /// until every URL has a result.
    final class FetchRun: Sendable {
        private struct State {
            var nextIndex = 0
            var totals = Totals()
            var finished: CheckedContinuation<Totals, Never>?
        }
        private let urls: [String]
        private let fetcher: Fetcher
        private let lines: SharedLines?
        private let state = Mutex(State())

        init(urls: [String], fetcher: Fetcher, lines: SharedLines?) {
            self.urls = urls
            self.fetcher = fetcher
            self.lines = lines
        }

        /// Returns when every URL has been fetched or has failed.
        func start(inFlight: Int) async -> Totals {
            await withCheckedContinuation { finished in
                state.withLock { $0.finished = finished }
                for _ in 0..<inFlight { startNext() }
            }
        }

        private func startNext() {
            guard let url = state.withLock({ s -> String? in
                guard s.nextIndex < urls.count else { return nil }
                defer { s.nextIndex += 1 }
                return urls[s.nextIndex]
            }) else { return }
            let begun = ContinuousClock.now
            // URLs the operator named: file: is theirs to allow (fetch.protocols).
            fetcher.fetch(FetchRequest(url: url, allowsFile: true)) { result in
                self.record(url: url, result: result, seconds: FetchCommand.seconds(ContinuousClock.now - begun))
                self.startNext()
            }
        }

        private func record(url: String, result: Result<FetchResponse, FetchError>, seconds: Double) {
            var bytes = 0, failed = false
            switch result {
            case let .success(response):
                bytes = response.body.count
                failed = !(200..<400).contains(response.status)
                lines?.append("\(response.status)\t\(response.body.count)\t\(seconds)\t\(response.finalURL)")
            case let .failure(error):
                failed = true
                lines?.append("\(error.code.rawValue)\t0\t\(seconds)\t\(url)\t\(error.message)")
            }
            let done = state.withLock { s -> (CheckedContinuation<Totals, Never>, Totals)? in
                s.totals.count += 1
                s.totals.bytes += bytes
                if failed { s.totals.failed += 1 }
                guard s.totals.count == urls.count, let finished = s.finished else { return nil }
                s.finished = nil
                return (finished, s.totals)
            }
            if let (finished, totals) = done { finished.resume(returning: totals) }
        }
    }

    /// Per-URL lines written by all completions, buffered (see ``StdoutLines``).
    final class SharedLines: Sendable {
        private let buffer = Mutex(StdoutLines())
        func append(_ line: String) { buffer.withLock { $0.append(line) } }
        func flush() { buffer.withLock { $0.flush() } }
    }

    /// The URLs of a list file: one per line, surrounding blanks dropped, blank and `#` lines skipped.
    static func urlLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            var url = line.drop { $0 == " " || $0 == "\t" }
            while let last = url.last, last == " " || last == "\t" { url = url.dropLast() }
            return url.isEmpty || url.hasPrefix("#") ? nil : String(url)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
