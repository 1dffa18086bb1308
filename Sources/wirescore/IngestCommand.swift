import ArgumentParser
import Foundation
import WirescoreAllocator
import WirescoreOutput
import WirescorePipeline

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Run one batch: fetch feeds and new articles, extract, and append to dated partitions.",
        discussion: """
            Safe to start from cron every few minutes: a run holding the output directory's lock \
            makes a second one exit 75 at once, touching nothing.
            """)

    @OptionGroup var options: PipelineOptions

    @Option(help: "Output root (default: the pipeline's 'output', else output/).")
    var output: String?

    @Option(help: ArgumentHelp("Take only shard I of N of the feed list (I/N, 0-based).", valueName: "I/N"))
    var shard: String?

    @Option(name: .customLong("max-duration"), help: "Stop starting new work after this many seconds.")
    var maxDuration: Double?

    @Option(name: .customLong("metrics-file"), help: "Write run metrics here (Prometheus text format), atomically.")
    var metricsFile: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Log debug detail to stderr.")
    var verbose = false

    func validate() throws {
        if let shard, ShardSpec(parsing: shard) == nil {
            throw ValidationError("--shard must be I/N with 0 <= I < N, got '\(shard)'")
        }
        if let maxDuration, !(maxDuration > 0) {
            throw ValidationError("--max-duration must be a positive number of seconds")
        }
    }

    func run() async throws {
        let logger = LogSetup.bootstrap(quiet: quiet, verbose: verbose)
        ProcessAllocator.configureForBatchRun()
        logger.debug("starting ingest", metadata: ["allocator": "\(ProcessAllocator.name)",
                                                   "dirty_decay_ms": "\(ProcessAllocator.dirtyDecayMilliseconds ?? -1)"])
        let shardSpec = try resolveShard()
        let (config, feeds) = try options.load()
        var root = output ?? config.output ?? "output"
        // An s3:// output: records go to the bucket; the local root is this shard's spool.
        let objectStore = try objectStoreTarget(root, config)
        if let objectStore { root = objectStore.spoolRoot(shard: shardSpec.index) } else { try checkOutputRoot(root) }
        let layout = OutputLayout(root: root, shard: shardSpec.index)

        if let metricsFile, let problem = MetricsFile.problemWriting(to: metricsFile) {
            printError("wirescore: --metrics-file \(metricsFile): \(problem)")
            throw ExitCodes.usage
        }

        let lock = try lockOutputOrExit(layout)
        defer { lock.release() }

        let stop = RunStop()
        let signals = SignalTrap(stop: stop) { number in
            logger.notice("\(RunStop.signalName(number)) received: finishing what is in flight, saving state",
                          metadata: ["grace_seconds": "\(Int(SignalTrap.gracePeriod))"])
        }

        // On a terminal, one self-overwriting progress line on stderr; under cron, nothing
        // until the summary.
        let onTTY = !quiet && isatty(STDERR_FILENO) == 1
        let progress: (@Sendable (IngestSummary) -> Void)? = onTTY ? Self.printProgress : nil
        var runOptions = IngestRun.Options(outputRoot: root, shard: shardSpec, maxDuration: maxDuration, stop: stop,
                                           progress: progress)
        runOptions.objectStore = objectStore
        let run = IngestRun(pipeline: config, feeds: feeds, options: runOptions, logger: logger)
        let summary: IngestSummary
        do {
            summary = try await run.run()
        } catch let refused as ObjectStoreRefused {
            printError("wirescore: the object store refused this run: \(refused)")
            throw ExitCodes.config
        } catch {
            printError("wirescore: ingest failed: \(error)")
            throw ExitCodes.failure
        }
        var metricsFailed = false
        if let metricsFile {
            do {
                try MetricsFile.write(summary, pipeline: config.name, shard: shardSpec, to: metricsFile)
            } catch {
                printError("wirescore: cannot write --metrics-file \(metricsFile): \(MetricsFile.reason(error))")
                metricsFailed = true
            }
        }
        if onTTY { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        if !quiet { print("wirescore ingest: \(summary.line)") }
        if signals.signal != nil {
            lock.release()
            signals.exitBySignal()
        }
        if summary.noFeedAnswered {
            printError("wirescore: no feed answered in this run (\(summary.feedsFailed) failed, "
                       + "\(summary.feedsBackingOff) backing off after failures); see errors/ and `wirescore feeds list`")
            throw ExitCodes.unavailable
        }
        if metricsFailed { throw ExitCodes.failure }
    }

    @Sendable static func printProgress(_ s: IngestSummary) {
        let feeds = s.feedsOK + s.feedsNotModified
        let line = "\r\u{1B}[2Kingest: feeds \(feeds)/\(feeds + s.feedsFailed) ok"
            + "  articles \(s.articlesNew) new, \(s.articlesDuplicate) duplicate  errors \(s.errors)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// `--shard I/N`, else a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` with the shard count
    /// in `WIRESCORE_SHARDS`, else the whole feed list.
    private func resolveShard() throws -> ShardSpec {
        if let shard, let spec = ShardSpec(parsing: shard) { return spec }
        let env = ProcessInfo.processInfo.environment
        if let index = env["JOB_COMPLETION_INDEX"] {
            guard let count = env["WIRESCORE_SHARDS"], let spec = ShardSpec(parsing: "\(index)/\(count)") else {
                printError("wirescore: JOB_COMPLETION_INDEX=\(index) needs WIRESCORE_SHARDS set to the number of shards")
                throw ExitCodes.usage
            }
            return spec
        }
        return .single
    }
}
