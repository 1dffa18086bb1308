import Foundation
import Synchronization
import WirescoreComposites
import WirescoreEntities
import WirescoreSentiment
import WirescoreStream

/// A validated pipeline: what `wirescore ingest` runs. Built by ``PipelineLoader`` from YAML;
/// every path in it is absolute (relative paths in the file resolve against the file's folder).
public struct PipelineConfig: Sendable {
    /// The pipeline file it came from.
    public var file: String
    /// The pipeline's name, written into every record's `pipeline` field.
    public var name: String
    /// OPML feed lists, absolute paths.
    public var feedLists: [String]
    /// The default output root, when the file sets one.
    public var output: String?
    /// Whether article records carry their `text`.
    public var includeText: Bool
    /// An extra entities file (TSV) added to the built-in gazetteer, absolute path.
    public var entitiesFile: String?
    /// The parts of the built-in universe the pipeline tracks (`entities: [sp500, private]`);
    /// all of it unless the file names lists.
    public var entityLists: GazetteerLists = .all
    /// The daily composites to score (nil: no `scores/` output).
    public var composites: CompositeConfiguration?
    /// The external factor file (CSV or JSONL keyed by date and ticker), absolute path.
    public var factorsFile: String?
    public var fetch: FetchSettings
    public var extract: ExtractSettings
    /// The article steps to run (`stages:`), by name; nil runs every step (``ArticleSteps``).
    public var stages: [String]?
    /// How an `s3://` output is reached and staged (`object_store:`).
    public var objectStore = ObjectStoreSettings()
    /// The stream output beside the files (`stream:`), if any.
    public var stream: JetStreamOutput.Settings?

    /// How pages and feeds are fetched; mapped onto the fetcher's policy.
    public struct FetchSettings: Sendable {
        /// Transfers in flight at once.
        public var concurrency = 16
        /// Connections to one host at once (politeness).
        public var perHost = 4
        public var connectTimeout = 10.0
        public var timeout = 30.0
        /// Abort a transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds.
        public var lowSpeedLimit = 256
        public var lowSpeedTime = 20.0
        public var maxRedirects = 5
        /// Cap on a decompressed body.
        public var maxBytes = 10 * 1024 * 1024
        /// Allowed URL schemes; `file` only where a pipeline opts in (the offline demo).
        public var protocols: [String] = ["http", "https"]
        /// Whether targets on private, loopback or link-local addresses may be fetched.
        public var allowPrivateNetworks = false
        /// A 429/503 asking to wait at most this long is retried within the run.
        public var retryAfterMaxWait = 10.0
        /// The contact URL in the User-Agent, so site owners can reach the operator.
        public var contact = "https://github.com/wirescore/wirescore"
        /// Article pages fetched per feed per run, newest first.
        public var maxItemsPerFeed = 100
        /// Where requests go through: `fetch.proxy`, else the environment.
        public var proxy: ProxySetting = .environment
        /// Whether article pages are checked against their site's robots.txt (`fetch.robots`).
        /// Feeds and sitemaps the feed list names are fetched without a check.
        public var robots = true
        /// Least seconds between the starts of two requests to one host
        /// (`fetch.per_host_interval`); 0 spaces nothing beyond `per_host`.
        public var perHostInterval = 0.0
        /// The longest robots.txt `Crawl-delay` honoured, in seconds (`fetch.max_crawl_delay`):
        /// a site asking for more gets this.
        public var maxCrawlDelay = 10.0
        public init() {}

        public var userAgent: String { "wirescore/\(WirescoreVersion.software) (+\(contact))" }
    }

    /// The pipeline's `fetch.proxy`.
    public enum ProxySetting: Sendable, Equatable {
        /// Key absent: `http_proxy`, `https_proxy`, `all_proxy` and `no_proxy` (or their
        /// upper-case forms) from the environment, as curl reads them.
        case environment
        /// `proxy: none` or `""`: always direct, whatever the environment says.
        case none
        /// `proxy: URL`: every request through this proxy; `no_proxy` from the environment
        /// still names hosts reached directly, as with curl's `--proxy`.
        case url(String)
    }

    /// Extraction and quality settings.
    public struct ExtractSettings: Sendable {
        /// Articles with fewer words are kept but marked `thin`.
        public var minWords = 80
        public init() {}
    }

    public init(file: String, name: String, feedLists: [String], output: String?, includeText: Bool,
                entitiesFile: String? = nil, fetch: FetchSettings = .init(), extract: ExtractSettings = .init()) {
        self.file = file; self.name = name; self.feedLists = feedLists; self.output = output
        self.includeText = includeText; self.entitiesFile = entitiesFile; self.fetch = fetch; self.extract = extract
    }

    /// The factor table, when the pipeline names one.
    /// - Throws: ``PipelineError`` with the factor file's line when it is malformed.
    public func loadFactors() throws(PipelineError) -> FactorTable? {
        guard let factorsFile else { return nil }
        do {
            return try FactorTable.load(path: factorsFile)
        } catch {
            throw PipelineError(file: error.file, line: error.line, reason: error.reason)
        }
    }

    /// The built-in gazetteer (the lists the pipeline names) plus its entities file, as a text analyzer.
    /// - Throws: ``PipelineError`` with the entities file's line when it is malformed.
    public func makeAnalyzer() throws(PipelineError) -> TextAnalyzer {
        // Steps that tag companies (analyze, events) share one analyzer per entities file:
        // building the matcher is the costly part of a run's start.
        let key = (entitiesFile ?? "") + "\u{0}" + String(entityLists.rawValue)
        if let cached = AnalyzerCache.shared.analyzer(for: key) { return cached }
        var gazetteer = Gazetteer.builtin(lists: entityLists)
        if let entitiesFile {
            do {
                gazetteer = gazetteer.adding(try EntitiesFile.load(path: entitiesFile))
            } catch {
                throw PipelineError(file: error.file, line: error.line, reason: error.reason)
            }
        }
        let analyzer = TextAnalyzer(gazetteer: gazetteer)
        AnalyzerCache.shared.store(analyzer, for: key)
        return analyzer
    }
}

/// Text analyzers already built in this process, by entities file and built-in lists. Entities files are read once per process; a command runs one pipeline.
final class AnalyzerCache: Sendable {
    static let shared = AnalyzerCache()
    private let analyzers = Mutex<[String: TextAnalyzer]>([:])

    func analyzer(for file: String?) -> TextAnalyzer? {
        analyzers.withLock { $0[file ?? ""] }
    }

    func store(_ analyzer: TextAnalyzer, for file: String?) {
        analyzers.withLock { $0[file ?? ""] = analyzer }
    }
}

/// Versions written into records and the User-Agent.
public enum WirescoreVersion {
    /// The software release.
    public static let software = "0.1.0"
    /// The scoring version in each record's `version`: bump when extraction or scoring changes
    /// what a reprocess would write. 2026.12.0: extraction rounds 4-7 (furniture lines, author
    /// boxes, NFC, escaped JSON-LD bodies), the retrained event model and its rule fixes, legacy
    /// charsets guessed, the source's language as a fallback for `lang`.
    public static let scoring = "2026.12.0"
}
