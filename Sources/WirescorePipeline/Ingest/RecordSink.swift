import AsyncAlgorithms
import Foundation
import Logging
import WirescoreCore
import WirescoreOutput
import WirescoreStore
import WirescoreStories

/// The pipeline's only writer: appends records to their partitions in batches, keeps ids
/// unique across runs, settles items in run state and counts the summary.
///
/// Order of effects per batch: lines are appended first, then ids, committed lengths and item
/// outcomes are recorded. A crash in between leaves lines the state does not know about;
/// ``StateReconciler`` adopts them at the next start, so no id is ever written twice.
final class RecordSink {
    private let layout: OutputLayout
    private let state: RunState
    /// Where the records go (the local Hive-style tree, or another ``RecordOutput``).
    private let output: any RecordOutput
    private let archive: RawArchive
    private let logger: Logger
    private let batchSize: Int
    private let flushInterval: TimeInterval
    private let progress: (@Sendable (IngestSummary) -> Void)?

    private var pendingArticles: [String: [(record: ArticleRecord, features: StoryFeatures?, itemKey: String)]] = [:]
    private var pendingErrors: [String: [(record: ErrorRecord, itemKey: String?, settled: Bool)]] = [:]
    private var pendingCount = 0
    private var lastFlush = Date()
    /// Ids pending in the current batch with their text fingerprints; once flushed, run state
    /// answers for them, so the table is emptied at every flush and stays small however long
    /// the run.
    private var idsThisRun: [String: UInt64?] = [:]
    /// Whether records carry `text`.
    private let includeText: Bool
    private(set) var summary = IngestSummary()
    /// Same-story clustering; assigned here, in arrival order, by the one consumer. Loaded on
    /// the first article: a run where every feed answers 304 never reads (or rewrites) it.
    private var loadedStories: StoryIndex?
    private let loadStories: () -> StoryIndex
    /// The index when articles were assigned in this run (and so must be saved), else nil.
    var changedStories: StoryIndex? { storiesChanged ? loadedStories : nil }
    private var storiesChanged = false
    /// Partitions this run appended to, closed when the run's events end.
    private var appended: Set<Partition> = []
    /// Days that received articles in this run (their scores are recomputed).
    private(set) var touchedDays: Set<String> = []

    init(layout: OutputLayout, output: any RecordOutput, state: RunState, archive: RawArchive,
         stories: @escaping () -> StoryIndex,
         logger: Logger, includeText: Bool = true,
         batchSize: Int = 64, flushInterval: TimeInterval = 1, progress: (@Sendable (IngestSummary) -> Void)? = nil) {
        self.progress = progress
        self.includeText = includeText
        self.loadStories = stories
        self.layout = layout; self.output = output; self.state = state; self.archive = archive
        self.logger = logger
        self.batchSize = batchSize; self.flushInterval = flushInterval
    }

    /// Consumes events until the channel finishes, then flushes what is left.
    func run(_ events: AsyncChannel<SinkEvent>) async throws {
        for await event in events {
            try handle(event)
            if pendingCount >= batchSize || (pendingCount > 0 && Date().timeIntervalSince(lastFlush) >= flushInterval) {
                try flush()
            }
        }
        try flush()
        // Every partition this run appended to is complete: an object store would upload now.
        for partition in appended.sorted() { try output.close(partition) }
        archive.close()
    }

    private func handle(_ event: SinkEvent) throws {
        switch event {
        case .article(var record, let features, let itemKey):
            let fingerprint = features?.simhash
            if let earlier = try knownFingerprint(record.id) {
                // A canonical claim names an article already written. The same text (a second
                // route to one article) is a duplicate; a different text means the claim was
                // not this page's to make (a section or homepage many pages name), so the page
                // keeps its own URL and id.
                let claimed = record.canonicalURL != nil && record.id != URLCanonicalizer.articleID(for: record.url)
                if claimed, let earlier, let fingerprint, (earlier ^ fingerprint).nonzeroBitCount > Self.nearDuplicateBits {
                    logger.info("canonical claim shared by a page with different text; it keeps its own URL",
                                metadata: ["url": "\(record.url)", "canonical": "\(record.canonicalURL ?? "")"])
                    record.id = URLCanonicalizer.articleID(for: record.url)
                    record.canonicalURL = nil
                    return try handle(.article(record, features: features, itemKey: itemKey))
                }
                summary.articlesDuplicate += 1
                try state.access("record a duplicate") { try $0.recordItem(itemKey, feed: record.feed, outcome: "duplicate",
                                                                           settled: true, at: Date()) }
                return
            }
            idsThisRun[record.id] = .some(fingerprint)
            touchedDays.insert(record.partitionDay)
            if record.quality.status == .thin { summary.articlesThin += 1 }
            pendingArticles[record.partitionDay, default: []].append((record, features, itemKey))
            pendingCount += 1
        case let .failure(record, itemKey, settled):
            pendingErrors[record.partitionDay, default: []].append((record, itemKey, settled))
            pendingCount += 1
        case let .feed(outcome):
            switch outcome {
            case .ok: summary.feedsOK += 1
            case .notModified: summary.feedsNotModified += 1
            case .failed: summary.feedsFailed += 1
            case .backingOff: summary.feedsBackingOff += 1
            }
        case .deferred:
            summary.itemsDeferred += 1
        case let .robotsDisallowed(itemKey, feed):
            summary.robotsDisallowed += 1
            try state.access("record a page robots.txt disallows") {
                try $0.recordItem(itemKey, feed: feed, outcome: "robots", settled: true, at: Date())
            }
        case let .archive(encoded):
            // The archive is written before the records derived from it are flushed, so a
            // record never exists without its raw response.
            try archive.append(encoded)
        case let .archiveFailure(message):
            throw ArchiveFailure(message: message)
        case let .stateFailure(failure):
            throw failure
        }
    }

    /// Texts whose SimHashes differ in at most this many of 64 bits are the same article
    /// (unrelated texts differ in about 32; a page and its AMP or print version in a few).
    static let nearDuplicateBits = 12

    /// nil when `id` was never written; else `.some` of its fingerprint, itself nil when run
    /// state has none (written by an older version, or adopted after a crash).
    private func knownFingerprint(_ id: String) throws -> UInt64?? {
        if let pending = idsThisRun[id] { return pending }
        guard let written = try state.access("look up an article id", { try $0.writtenArticle(id) }) else { return nil }
        return .some(written.fingerprint)
    }

    /// Assigns the pending articles to stories oldest first, so the first telling of an event
    /// in a batch is the one that scores novelty 100 whatever order the fetches finished in.
    private func assignStories() {
        var order: [(day: String, index: Int, time: Date, id: String)] = []
        for (day, items) in pendingArticles {
            for (index, item) in items.enumerated() {
                order.append((day, index, item.record.published ?? item.record.fetched, item.record.id))
            }
        }
        order.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        guard !order.isEmpty else { return }
        var stories = loadedStories ?? loadStories()
        defer { loadedStories = stories; storiesChanged = true }
        for entry in order {
            guard var item = pendingArticles[entry.day]?[entry.index], let features = item.features else { continue }
            item.record.assign(story: stories.assign(article: item.record.storyInput(features: features)).field)
            pendingArticles[entry.day]?[entry.index] = item
        }
    }

    /// Writes every pending batch: one append per part file.
    func flush() throws {
        guard pendingCount > 0 else { return }
        let now = Date()
        assignStories()
        // Every partition's lines first, then what run state learns from them in one
        // transaction (see StateStore.recordBatch): a crash in between leaves lines the state
        // does not know, which StateReconciler adopts at the next start.
        var written: [(articles: [(id: String, url: String, day: String, fingerprint: UInt64?)], partFile: String,
                       committedBytes: Int)] = []
        var settledItems: [(key: String, feed: String, outcome: String, settled: Bool)] = []
        var articleCount = 0, errorCount = 0
        for (day, items) in pendingArticles.sorted(by: { $0.key < $1.key }) {
            let partition = Partition(kind: .articles, day: day, shard: layout.shard)
            let receipt = try output.append(items.map { $0.record.line(includeText: includeText) }, to: partition)
            appended.insert(partition)
            written.append((articles: items.map { (id: $0.record.id, url: $0.record.url, day: day, fingerprint: $0.features?.simhash) },
                            partFile: receipt.part, committedBytes: receipt.committedBytes))
            settledItems += items.map { (key: $0.itemKey, feed: $0.record.feed, outcome: "written", settled: true) }
            articleCount += items.count
        }
        for (day, items) in pendingErrors.sorted(by: { $0.key < $1.key }) {
            let partition = Partition(kind: .errors, day: day, shard: layout.shard)
            _ = try output.append(items.map { $0.record.json.serialized() }, to: partition)
            appended.insert(partition)
            settledItems += items.compactMap { item in
                item.itemKey.map { (key: $0, feed: item.record.feed, outcome: item.record.code.rawValue, settled: item.settled) }
            }
            errorCount += items.count
        }
        try state.access("record written articles and failed items") { store in
            try store.recordBatch(written: written, items: settledItems, at: now)
        }
        summary.articlesNew += articleCount
        summary.errors += errorCount
        pendingArticles.removeAll(keepingCapacity: true)
        pendingErrors.removeAll(keepingCapacity: true)
        idsThisRun.removeAll(keepingCapacity: true)
        pendingCount = 0
        lastFlush = now
        progress?(summary)
    }
}

/// The raw archive could not take a response: the run stops rather than write records whose
/// raw response is missing (reprocess could not rebuild them).
struct ArchiveFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

