import Foundation
import Logging
import WirescoreArchive
import WirescoreCore
import WirescoreObjectStore
import WirescoreOutput
import WirescoreStore
import WirescoreStories

/// Rebuilds the article and error partitions of a date range from the raw archive, with no
/// network: re-extract, re-assess and rewrite, then swap each new part file over the old one
/// with `rename(2)`, so a reader sees either the old file or the new one, never a mix.
///
/// Output is a pure function of the archive and the pipeline: records are sorted by
/// (published or fetched time, id) and every timestamp comes from the archive, so running it
/// twice gives byte-identical files. The caller holds the output lock.
public struct Reprocessor {
    public struct Summary: Sendable, Equatable {
        public var archivesRead = 0
        public var responsesRead = 0
        public var articles = 0
        public var errors = 0
        public var days = 0
        public var line: String {
            "archives=\(archivesRead) responses=\(responsesRead) articles=\(articles) errors=\(errors) days=\(days)"
        }
    }

    public struct RangeError: Error, CustomStringConvertible {
        public let description: String
    }

    public let pipeline: PipelineConfig
    public let outputRoot: String
    public let from: String
    public let to: String
    public let logger: Logger

    /// The article steps to run; the pipeline's by default (the same list ingest runs).
    public let steps: [ArticleStepDescriptor]
    /// Set for an `s3://` output: the archive is read from the bucket and the rebuilt
    /// partitions replace the bucket's; ``outputRoot`` is then a local spool for the uploads.
    public var objectStore: ObjectStoreTarget?
    /// Only recompute the range's composite scores from the article partitions as they are
    /// (every shard's), leaving articles and errors alone: the pass that follows sharded runs
    /// that finished at different times, or a change of composite settings. Needs no archive.
    public var scoresOnly = false

    public init(pipeline: PipelineConfig, outputRoot: String, from: String, to: String, logger: Logger,
                steps: [ArticleStepDescriptor] = ArticleSteps.standard) {
        self.pipeline = pipeline; self.outputRoot = outputRoot; self.from = from; self.to = to; self.logger = logger
        self.steps = steps
    }

    /// Checks the range before anything is touched.
    public static func validateRange(from: String, to: String) throws(RangeError) {
        guard let start = UTCTimestamp.parseDay(from) else { throw RangeError(description: "--from '\(from)' is not a date (YYYY-MM-DD)") }
        guard let end = UTCTimestamp.parseDay(to) else { throw RangeError(description: "--to '\(to)' is not a date (YYYY-MM-DD)") }
        guard start <= end else { throw RangeError(description: "the range is inverted: --from \(from) is after --to \(to)") }
    }

    /// - Parameter progress: called with (archives done, archives total) as work advances.
    public func run(progress: (Int, Int) -> Void = { _, _ in }) throws -> Summary {
        try Self.validateRange(from: from, to: to)
        var summary = Summary()
        let baseLayout = OutputLayout(root: outputRoot)
        // Where the tree is read from and written to: the local folder, or the bucket.
        let reader: any PartitionSource
        let output: any RecordOutput
        let client: S3Client?
        if let objectStore {
            let remote = S3HiveOutput(client: try objectStore.client(), spool: ObjectSpool(root: outputRoot),
                                      run: "reprocess", limits: objectStore.limits,
                                      warn: { [logger] in logger.warning("\($0)") })
            try remote.client.checkAccess()
            reader = S3PartitionSource(client: remote.client)
            output = remote
            client = remote.client
        } else {
            reader = PartitionReader(layout: baseLayout)
            output = LocalHiveOutput(root: outputRoot)
            client = nil
        }
        let archiveRoot = objectStore.map { "\($0.location)" } ?? outputRoot
        let days = Self.days(from: from, to: to)
        if scoresOnly {
            guard let composites = pipeline.composites else {
                throw RangeError(description: "the pipeline has no composites: there are no scores to recompute")
            }
            try ScoreWriter(pipeline: pipeline, configuration: composites, history: reader, output: output)
                .write(days: days)
            try output.finish()
            summary.days = days.count
            return summary
        }
        let daySet = Set(days)

        // An article published on day D is fetched on D or later (a day earlier at most, when
        // clocks or zones disagree), so archives from the day before the range on can hold it.
        let earliest = Self.shift(from, by: -1)
        let archives = try (client.map(Self.archiveObjects) ?? Self.archiveFiles(root: outputRoot)).filter { $0.day >= earliest }
        var seenIDs: Set<String> = []
        var candidates: [(shard: Int, record: ArticleRecord, features: StoryFeatures?)] = []
        let warmupStart = Self.shift(from, by: -3)
        var errors: [Int: [ErrorRecord]] = [:]
        let builder = try ArticleBuilder(pipeline: pipeline, available: steps)

        for (index, archive) in archives.enumerated() {
            progress(index, archives.count)
            let records: [WARCRecord]
            do {
                if let client {
                    guard let bytes = try client.get(archive.path) else { continue }
                    records = try WARCReader.records(bytes)
                } else {
                    records = try WARCReader.records(atPath: archive.path)
                }
            } catch {
                logger.warning("skipping unreadable archive", metadata: ["path": "\(archive.path)", "error": "\(error)"])
                continue
            }
            summary.archivesRead += 1
            var metadataByResponse: [String: [UInt8]] = [:]
            for record in records where record.type == "metadata" {
                if let concurrent = record.header("WARC-Concurrent-To") { metadataByResponse[concurrent] = record.block }
            }
            for record in records where record.type == "response" || record.type == "resource" {
                guard let recordID = record.header("WARC-Record-ID"), let metadata = metadataByResponse[recordID],
                      let context = RawArchive.articleContext(fromMetadata: metadata),
                      let date = record.header("WARC-Date").flatMap(UTCTimestamp.parseRFC3339) else { continue }
                let status: Int, contentType: String?, payload: [UInt8]
                if record.type == "resource" {
                    // A local file, archived as is (the fetcher reports a readable file as 200).
                    (status, contentType, payload) = (200, nil, record.block)
                } else {
                    guard let http = HTTPMessage.parseResponse(record.block) else { continue }
                    status = http.status
                    contentType = http.headers.first { $0.0.lowercased() == "content-type" }?.1
                    payload = http.payload
                }
                summary.responsesRead += 1
                let finalURL = record.targetURI ?? context.link
                let page = ArticleBuilder.Page(finalURL: finalURL, status: status, contentType: contentType,
                                               body: payload, fetched: date)
                switch builder.build(context, page) {
                case let .success(draft):
                    // Articles of the three days before the range only warm the story index up.
                    guard let article = draft.record, article.partitionDay >= warmupStart, article.partitionDay <= to,
                          seenIDs.insert(article.id).inserted else { continue }
                    candidates.append((archive.shard, article, draft.storyFeatures))
                case let .failure(failure):
                    let error = ErrorRecord(kind: .article, feed: context.feedID, url: context.link, code: failure.code,
                                            reason: failure.reason, status: failure.status, at: date, pipeline: pipeline.name)
                    if daySet.contains(error.partitionDay) { errors[archive.shard, default: []].append(error) }
                }
            }
        }
        progress(archives.count, archives.count)

        // Stories are replayed from a fresh index in time order, so the result depends on the
        // archive alone (not on the live index's history) and repeats byte for byte.
        candidates.sort { Self.articleOrder($0.record, $1.record) }
        var stories = StoryIndex()
        var articles: [Int: [ArticleRecord]] = [:]
        for (shard, candidate, features) in candidates {
            var record = candidate
            if let features { record.assign(story: stories.assign(article: record.storyInput(features: features)).field) }
            if daySet.contains(record.partitionDay) { articles[shard, default: []].append(record) }
        }

        // Never empty partitions for want of an archive: a pruned raw/ must not wipe articles.
        guard !archives.isEmpty else {
            throw RangeError(description: "no raw archive from \(earliest) on under \(archiveRoot)/raw: nothing to rebuild \(from)..\(to) from; nothing was changed")
        }
        let existingArticles = try days.reduce(0) { total, day in
            total + (try reader.parts(.articles, day: day)).reduce(0) { $0 + $1.lines.count }
        }
        if articles.values.allSatisfy(\.isEmpty) && existingArticles > 0 {
            throw RangeError(description: "the raw archive yields no article for \(from)..\(to) while the partitions hold \(existingArticles); refusing to empty them; nothing was changed")
        }

        // Failures that left no response behind (timeouts, DNS, feed errors) cannot be derived
        // again: keep their existing lines.
        var keptErrorLines: [String: [Int: [String]]] = [:]
        for day in days {
            for part in try reader.parts(.errors, day: day) {
                let shard = part.shard
                for line in part.lines {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                    let code = (object["code"] as? String).flatMap(ErrorCode.init(rawValue:))
                    if object["kind"] as? String == "feed" || code?.isRebuildableFromArchive != true {
                        keptErrorLines[day, default: [:]][shard, default: []].append(String(line))
                    }
                }
            }
        }

        // Each rebuilt part replaces the old one atomically (written beside it, renamed over it;
        // in a bucket: the new object uploaded, then the shard's older parts deleted).
        // Run state is kept for a local tree only: a bucket's shards keep theirs in their spools.
        let state = objectStore == nil ? try StateStore(directory: baseLayout.stateDirectory) : nil
        var shards = Set(articles.keys).union(errors.keys).union(keptErrorLines.values.flatMap { $0.keys })
        for day in days { shards.formUnion(try reader.parts(.articles, day: day).map(\.shard)) }

        for day in days {
            var touchedDay = false
            for shard in shards.sorted() {
                let layout = OutputLayout(root: outputRoot, shard: shard)
                let dayArticles = (articles[shard] ?? []).filter { $0.partitionDay == day }.sorted(by: Self.articleOrder)
                let derived = (errors[shard] ?? []).filter { $0.partitionDay == day }.map { $0.json.serialized() }
                let dayErrors = ((keptErrorLines[day]?[shard] ?? []) + derived).sorted()
                let articleLines = dayArticles.map { $0.line(includeText: pipeline.includeText) }
                touchedDay = try output.replace(Partition(kind: .articles, day: day, shard: shard), with: articleLines)
                    || touchedDay
                touchedDay = try output.replace(Partition(kind: .errors, day: day, shard: shard), with: dayErrors)
                    || touchedDay
                if let state, let path = layout.partFile(.articles, day: day) {
                    let size = PartitionReader.identity(of: path)?.size ?? 0
                    try state.recordWritten(dayArticles.map { (id: $0.id, url: $0.url, day: day) },
                                            partFile: layout.relativePath(path), committedBytes: size, at: Date())
                }
                summary.articles += dayArticles.count
                summary.errors += dayErrors.count
            }
            if touchedDay { summary.days += 1 }
        }
        if let composites = pipeline.composites {
            try ScoreWriter(pipeline: pipeline, configuration: composites, history: reader, output: output)
                .write(days: days)
        }
        try output.finish()
        return summary
    }

    static func articleOrder(_ a: ArticleRecord, _ b: ArticleRecord) -> Bool {
        let ta = a.published ?? a.fetched, tb = b.published ?? b.fetched
        return ta == tb ? a.id < b.id : ta < tb
    }

    struct ArchiveFile { var day: String; var path: String; var shard: Int }

    /// Every `raw/date=*/…warc.gz` object of a bucket, as ``archiveFiles(root:)`` orders them
    /// (`path` is the object's key below the prefix).
    static func archiveObjects(_ client: S3Client) throws -> [ArchiveFile] {
        try client.list("raw/date=").compactMap { object in
            let parts = object.key.split(separator: "/")
            guard parts.count == 3, object.key.hasSuffix(".warc.gz") else { return nil }
            let day = String(parts[1].dropFirst(5))
            guard UTCTimestamp.parseDay(day) != nil else { return nil }
            return ArchiveFile(day: day, path: object.key, shard: shard(ofRunID: String(parts[2])))
        }.sorted { ($0.day, $0.path) < ($1.day, $1.path) }
    }

    /// Every `raw/date=*/…warc.gz`, oldest day first, then by name (run ids sort by time).
    static func archiveFiles(root: String) -> [ArchiveFile] {
        let base = root + "/raw"
        let fm = FileManager.default
        var files: [ArchiveFile] = []
        for folder in ((try? fm.contentsOfDirectory(atPath: base)) ?? []).sorted() where folder.hasPrefix("date=") {
            let day = String(folder.dropFirst(5))
            guard UTCTimestamp.parseDay(day) != nil else { continue }
            for name in ((try? fm.contentsOfDirectory(atPath: base + "/" + folder)) ?? []).sorted()
            where name.hasSuffix(".warc.gz") {
                files.append(ArchiveFile(day: day, path: base + "/" + folder + "/" + name, shard: shard(ofRunID: name)))
            }
        }
        return files
    }

    /// The shard in a run id `…-s<shard>-<pid>.warc.gz` (0 when absent).
    static func shard(ofRunID name: String) -> Int {
        let parts = name.split(separator: "-")
        for part in parts where part.hasPrefix("s") {
            if let n = Int(part.dropFirst()) { return n }
        }
        return 0
    }

    static func shard(ofPartFile path: String) -> Int {
        let name = (path as NSString).lastPathComponent
        return Int(name.dropFirst(5).dropLast(6)) ?? 0
    }

    static func days(from: String, to: String) -> [String] {
        guard let start = UTCTimestamp.parseDay(from), let end = UTCTimestamp.parseDay(to) else { return [] }
        var days: [String] = []
        var day = start
        while day <= end {
            days.append(UTCTimestamp.day(day))
            day = day.addingTimeInterval(86_400)
        }
        return days
    }

    static func shift(_ day: String, by days: Int) -> String {
        guard let date = UTCTimestamp.parseDay(day) else { return day }
        return UTCTimestamp.day(date.addingTimeInterval(Double(days) * 86_400))
    }
}
