import AsyncAlgorithms
import Foundation
import Logging
import WirescoreArchive
import WirescoreCore
import WirescoreFetch
import WirescoreObjectStore
import WirescoreOutput
import WirescoreStore
import WirescoreStream

/// One batch run of a pipeline: feeds -> articles -> partitions.
///
///     FeedStage --jobs--> ArticleStage (N workers) --events--> RecordSink (disk, state)
///
/// Channels are `AsyncChannel`s, whose `send` suspends until a consumer takes the value, so
/// each stage runs at most as far ahead as the next one can absorb. Only the sink writes.
public struct IngestRun {
    public struct Options: Sendable {
        public var outputRoot: String
        public var shard: ShardSpec
        /// Stop starting new work after this long; in-flight work finishes.
        public var maxDuration: TimeInterval?
        /// Requested by the command's signal handler; the deadline is requested on it too.
        public var stop: RunStop
        /// The article steps to choose from (the pipeline's `stages:` picks among them).
        public var steps: [ArticleStepDescriptor] = ArticleSteps.standard
        /// Called by the sink after each flush with the figures so far (a TTY progress line).
        public var progress: (@Sendable (IngestSummary) -> Void)?
        /// Set for an `s3://` output: records go to the bucket, and ``outputRoot`` is this
        /// shard's spool root (its run state and the parts waiting for upload).
        public var objectStore: ObjectStoreTarget?
        public init(outputRoot: String, shard: ShardSpec = .single, maxDuration: TimeInterval? = nil,
                    stop: RunStop = RunStop(), progress: (@Sendable (IngestSummary) -> Void)? = nil) {
            self.outputRoot = outputRoot; self.shard = shard; self.maxDuration = maxDuration
            self.stop = stop; self.progress = progress
        }
    }

    public let pipeline: PipelineConfig
    public let feeds: [FeedSpec]
    public let options: Options
    public let logger: Logger

    public init(pipeline: PipelineConfig, feeds: [FeedSpec], options: Options, logger: Logger) {
        self.pipeline = pipeline; self.feeds = feeds; self.options = options; self.logger = logger
    }

    /// Runs the batch. The caller holds the output lock.
    /// - Throws: when the output tree or state cannot be written (run-level failures only;
    ///   a bad feed or page becomes an `errors/` line).
    public func run() async throws -> IngestSummary {
        let started = Date()
        let stop = options.stop
        let deadlineTimer = options.maxDuration.map { seconds in
            Task {
                try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                if !Task.isCancelled { stop.request(.deadline) }
            }
        }
        defer { deadlineTimer?.cancel() }
        let layout = OutputLayout(root: options.outputRoot, shard: options.shard.index)
        let store = try StateStore(directory: layout.stateDirectory)
        let state = RunState(store: store)
        let repaired = try StateReconciler.reconcile(layout: layout, state: store)
        if repaired != .init() {
            logger.notice("repaired output after an interrupted run",
                          metadata: ["bytes_cut": "\(repaired.bytesCut)", "ids_adopted": "\(repaired.idsAdopted)"])
        }

        let fetcher = try Fetcher(policy: pipeline.fetchPolicy())
        defer { fetcher.shutdown() }

        let mine = feeds.filter(options.shard.owns)
        let jobs = AsyncChannel<ArticleJob>()
        let events = AsyncChannel<SinkEvent>()
        let archive = RawArchive(layout: layout, runID: RawArchive.makeRunID(started: started, shard: options.shard.index))
        let logger = logger
        // Where files go (the local tree, or a bucket through the spool), where every shard's
        // articles are read back for scores, and what the sink writes to (files and stream).
        let output: any RecordOutput
        let history: any PartitionSource
        var bucket: S3HiveOutput?
        if let target = options.objectStore {
            let remote = try S3HiveOutput.open(target, spoolRoot: options.outputRoot,
                                               run: S3HiveOutput.runToken(started: started), logger: logger)
            output = remote
            history = S3PartitionSource(client: remote.client)
            bucket = remote
        } else {
            output = LocalHiveOutput(root: options.outputRoot)
            history = PartitionReader(layout: OutputLayout(root: options.outputRoot))
        }
        var stream: JetStreamOutput?
        if let settings = pipeline.stream { stream = try JetStreamOutput(settings: settings) }
        let sinkOutput: any RecordOutput = stream.map { TeeOutput(stream: $0, files: output) } ?? output
        let sink = RecordSink(layout: layout, output: sinkOutput, state: state, archive: archive, stories: {
                                  let (stories, problem) = StoryState.load(layout)
                                  if let problem { logger.warning("\(problem)") }
                                  return stories
                              },
                              logger: logger, includeText: pipeline.includeText, progress: options.progress)
        // Feeds, sitemaps and article pages follow redirects the same way, hop by hop.
        let redirects = RedirectWalk(fetcher: fetcher, stop: stop, maxRedirects: pipeline.fetch.maxRedirects)
        let feedStage = FeedStage(redirects: redirects, state: state, pipelineName: pipeline.name,
                                  maxItemsPerFeed: pipeline.fetch.maxItemsPerFeed,
                                  concurrency: max(1, min(pipeline.fetch.concurrency, 8)),
                                  stop: stop, logger: logger)
        let builder = try ArticleBuilder(pipeline: pipeline, available: options.steps)
        let robots = pipeline.fetch.robots
            ? RobotsCache(fetcher: fetcher, state: state, stop: stop, maxCrawlDelay: pipeline.fetch.maxCrawlDelay, logger: logger)
            : nil
        let articleStage = ArticleStage(redirects: redirects, pipeline: pipeline, builder: builder, stop: stop,
                                        robots: robots, logger: logger)
        let workers = pipeline.fetch.concurrency

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await feedStage.run(feeds: mine, jobs: jobs, sink: events)
                jobs.finish()
            }
            group.addTask {
                await articleStage.run(workers: workers, jobs: jobs, sink: events)
                events.finish()
            }
            // The sink runs here, on this task: it owns the writer and is not Sendable.
            do {
                try await sink.run(events)
            } catch {
                // The disk failed: stop the producers, they have nowhere to write.
                group.cancelAll()
                jobs.finish()
                events.finish()
                throw error
            }
            try await group.waitForAll()
        }
        if let stories = sink.changedStories { try StoryState.save(stories, layout) }
        if let composites = pipeline.composites {
            // Days an earlier run could not score (its store was down) are scored now too.
            let owed = bucket == nil ? [] : PendingScoreDays.load(layout)
            let days = sink.touchedDays.union(owed).sorted()
            let writer = ScoreWriter(pipeline: pipeline, configuration: composites, history: history, output: output)
            if let bucket, let down = bucket.storeDown {
                // Scores read every shard's articles from the bucket: not now; the next run will.
                if !days.isEmpty {
                    logger.warning("scores not recomputed: \(down); the next run scores these days", metadata: ["days": "\(days.count)"])
                    try PendingScoreDays.save(days, layout)
                }
            } else if !days.isEmpty {
                do {
                    try writer.write(days: days)
                    if !owed.isEmpty { try PendingScoreDays.save([], layout) }
                } catch let error as S3Error where error.isTransient {
                    logger.warning("scores not recomputed: \(error); the next run scores these days", metadata: ["days": "\(days.count)"])
                    try PendingScoreDays.save(days, layout)
                }
            }
        }
        try sinkOutput.finish()
        var summary = sink.summary
        if let bucket {
            summary.objectsUploaded = bucket.figures.objectsUploaded
            summary.objectsSpooled = bucket.figures.objectsLeftInSpool
            summary.requests = bucket.client.requests
            summary.bytesUploaded = bucket.client.bytesUploaded
        }
        if let stream { summary.recordsStreamed = stream.delivered }
        summary.itemsOpen = try state.access("count open items") { try $0.openItemCount() }
        switch stop.reason {
        case .deadline?: summary.stoppedBy = "deadline"
        case let .signal(number)?: summary.stoppedBy = RunStop.signalName(number)
        case nil: break
        }
        summary.duration = Date().timeIntervalSince(started)
        return summary
    }
}
