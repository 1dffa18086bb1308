import Foundation
import Testing
@testable import WirescoreStore

struct StateStoreTests {
    private func freshDirectory() -> String {
        let dir = NSTemporaryDirectory() + "wirescore-store-\(UUID().uuidString)"
        return dir
    }

    @Test func keepsValidatorsAcrossReopen() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let store = try StateStore(directory: dir)
            try store.setValidators(HTTPValidators(etag: "\"v1\"", lastModified: "Sat, 21 Nov 2026 10:00:00 GMT"),
                                    for: "http://a.example/feed", at: now)
        }
        let reopened = try StateStore(directory: dir)
        let validators = try #require(try reopened.validators(for: "http://a.example/feed"))
        #expect(validators.etag == "\"v1\"")
        #expect(validators.lastModified == "Sat, 21 Nov 2026 10:00:00 GMT")
        #expect(try reopened.validators(for: "http://other.example/") == nil)
    }

    @Test func settlesItemsAfterSuccessOrTooManyAttempts() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StateStore(directory: dir)
        let now = Date()
        try store.recordItem("ok", feed: "f", outcome: "written", settled: true, at: now)
        #expect(try store.isItemSettled("ok"))
        try store.recordItem("flaky", feed: "f", outcome: "timeout", settled: false, maxAttempts: 2, at: now)
        #expect(try store.isItemSettled("flaky") == false)
        try store.recordItem("flaky", feed: "f", outcome: "timeout", settled: false, maxAttempts: 2, at: now)
        #expect(try store.isItemSettled("flaky"))
        #expect(try store.isItemSettled("never-seen") == false)
    }

    @Test func recordsWrittenIdsWithCommittedLength() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StateStore(directory: dir)
        try store.recordWritten([(id: "a1", url: "u1", day: "2026-11-20"), (id: "a2", url: "u2", day: "2026-11-20")],
                                partFile: "articles/date=2026-11-20/part-0.jsonl", committedBytes: 120, at: Date())
        #expect(try store.isArticleWritten("a1"))
        #expect(try store.isArticleWritten("zz") == false)
        #expect(try store.committedBytes(of: "articles/date=2026-11-20/part-0.jsonl") == 120)
        #expect(try store.articleCount() == 2)
    }

    /// The writer's one-transaction batch leaves the same state as the per-part and per-item
    /// calls it replaces, and a failure inside it leaves none of it.
    @Test func batchRecordsPartsAndItemsLikeSeparateCalls() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StateStore(directory: dir)
        let now = Date()
        try store.recordBatch(written: [
            (articles: [(id: "a1", url: "u1", day: "2026-11-20", fingerprint: 7)],
             partFile: "articles/date=2026-11-20/part-0.jsonl", committedBytes: 100),
            (articles: [(id: "a2", url: "u2", day: "2026-11-21", fingerprint: nil), (id: "a3", url: "u3", day: "2026-11-21", fingerprint: 9)],
             partFile: "articles/date=2026-11-21/part-0.jsonl", committedBytes: 250),
        ], items: [(key: "i1", feed: "f", outcome: "written", settled: true), (key: "i2", feed: "f", outcome: "timeout", settled: false)],
           at: now)
        #expect(try store.articleCount() == 3)
        #expect(try store.writtenArticle("a1")?.fingerprint == 7)
        #expect(try store.writtenArticle("a2") != nil && store.writtenArticle("a2")?.fingerprint == nil)
        #expect(try store.committedBytes(of: "articles/date=2026-11-20/part-0.jsonl") == 100)
        #expect(try store.committedBytes(of: "articles/date=2026-11-21/part-0.jsonl") == 250)
        #expect(try store.isItemSettled("i1"))
        #expect(try store.isItemSettled("i2") == false)
        // An item retried up to its attempts limit settles as with recordItems.
        try store.recordBatch(written: [], items: [(key: "i2", feed: "f", outcome: "timeout", settled: false)], maxAttempts: 2, at: now)
        #expect(try store.isItemSettled("i2"))
    }

    @Test func backsOffFailingFeedsAndResetsOnSuccess() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StateStore(directory: dir)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        try store.recordFeedFailure("f", url: "u", error: "timeout", status: nil, retryAfter: nil, at: t0)
        try store.recordFeedFailure("f", url: "u", error: "timeout", status: nil, retryAfter: nil, at: t0)
        var health = try #require(try store.health(of: "f"))
        #expect(health.consecutiveFailures == 2)
        #expect(health.nextAttempt == t0.addingTimeInterval(600))
        try store.recordFeedFailure("f", url: "u", error: "HTTP 429", status: 429, retryAfter: 42, at: t0)
        health = try #require(try store.health(of: "f"))
        #expect(health.nextAttempt == t0.addingTimeInterval(42))
        try store.recordFeedSuccess("f", url: "u", status: 200, at: t0)
        health = try #require(try store.health(of: "f"))
        #expect(health.consecutiveFailures == 0)
        #expect(health.nextAttempt == nil)
        #expect(FeedHealth.backoff(failures: 40) == 86_400)
    }

    /// `wirescore feeds reset`: the failure count and backoff go, the history stays.
    @Test func resetHealthClearsBackoffButKeepsHistory() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StateStore(directory: dir)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try store.resetHealth(of: "f") == nil)
        #expect(try store.health(of: "f") == nil)   // no row invented for an unknown feed
        try store.recordFeedFailure("f", url: "u", error: "timeout", status: nil, retryAfter: nil, at: t0)
        try store.recordFeedFailure("f", url: "u", error: "HTTP 503", status: 503, retryAfter: nil, at: t0)
        try store.recordFeedFailure("g", url: "v", error: "timeout", status: nil, retryAfter: nil, at: t0)
        let before = try #require(try store.resetHealth(of: "f"))
        #expect(before.consecutiveFailures == 2)
        let after = try #require(try StateStore(directory: dir).health(of: "f"))
        #expect(after.consecutiveFailures == 0)
        #expect(after.nextAttempt == nil)
        #expect(after.lastError == nil)
        #expect(after.lastFailure == t0)
        #expect(after.lastStatus == 503)
        #expect(try store.health(of: "g")?.consecutiveFailures == 1)
    }

    @Test func listedItemsStayOpenUntilTheySettleAndTheirValidatorsComeWithThem() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try StateStore(directory: dir)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        // The source's hints (tickers, language) come back with the item.
        let items = (0..<3).map { OpenItem(key: "https://a.example/\($0)", feed: "a", link: "https://a.example/\($0)",
                                            title: "T\($0)", published: now, entityHints: $0 == 0 ? ["NASDAQ:MSFT"] : [],
                                            language: $0 == 1 ? "zh-cn" : nil) }
        try store.acceptFeedListing(items, validators: HTTPValidators(etag: "\"e\"", lastModified: nil),
                                    feedURL: "https://a.example/feed", at: now)
        #expect(try store.validators(for: "https://a.example/feed")?.etag == "\"e\"")
        #expect(try store.openItems(feed: "a") == items)

        // Written: closed. A transient failure: open until its third attempt.
        try store.recordItem(items[0].key, feed: "a", outcome: "written", settled: true, at: now)
        try store.recordItem(items[1].key, feed: "a", outcome: "http_status", settled: false, at: now)
        #expect(try store.openItems(feed: "a").map(\.key) == [items[1].key, items[2].key])
        try store.recordItem(items[1].key, feed: "a", outcome: "http_status", settled: false, at: now)
        try store.recordItem(items[1].key, feed: "a", outcome: "http_status", settled: false, at: now)
        #expect(try store.openItems(feed: "a").map(\.key) == [items[2].key])

        // A later listing of settled items does not reopen them.
        try store.acceptFeedListing(items, validators: HTTPValidators(etag: "\"e2\"", lastModified: nil),
                                    feedURL: "https://a.example/feed", at: now)
        #expect(try store.openItems(feed: "a").map(\.key) == [items[2].key])
        #expect(try store.openItemCount() == 1)
    }

    /// A store written by the first schema opens, keeps its rows and gains the new tables.
    @Test func aVersionOneStoreIsMigrated() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do {
            let database = try SQLiteDatabase(path: dir + "/state.sqlite")
            try database.execute("""
                CREATE TABLE validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated_at REAL NOT NULL);
                CREATE TABLE items (key TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL,
                    attempts INTEGER NOT NULL, final INTEGER NOT NULL, updated_at REAL NOT NULL);
                CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT NOT NULL, day TEXT NOT NULL, written_at REAL NOT NULL);
                CREATE TABLE part_files (path TEXT PRIMARY KEY, committed_bytes INTEGER NOT NULL);
                CREATE TABLE feed_health (feed TEXT PRIMARY KEY, url TEXT NOT NULL, failures INTEGER NOT NULL,
                    last_success REAL, last_failure REAL, last_error TEXT, last_status INTEGER, next_attempt REAL);
                INSERT INTO articles VALUES ('old-id', 'https://a.example/old', '2026-11-01', 1.0);
                INSERT INTO feed_health VALUES ('a', 'https://a.example/feed', 0, 5.0, NULL, NULL, 200, NULL);
                PRAGMA user_version = 1;
                """)
        }
        let store = try StateStore(directory: dir)
        #expect(try store.writtenArticle("old-id") == WrittenArticle(fingerprint: nil))
        try store.recordWritten([(id: "new-id", url: "https://a.example/new", day: "2026-11-02", fingerprint: UInt64.max)],
                                partFile: "articles/date=2026-11-02/part-0.jsonl", committedBytes: 10, at: Date())
        #expect(try store.writtenArticle("new-id") == WrittenArticle(fingerprint: UInt64.max))
        #expect(try store.openItems(feed: "a").isEmpty)
        // Feed health kept its row and gained where a feed moved (none yet).
        #expect(try store.health(of: "a") == FeedHealth(feedID: "a", url: "https://a.example/feed",
                                                         lastSuccess: Date(timeIntervalSince1970: 5), lastStatus: 200))
        try store.recordFeedSuccess("a", url: "https://a.example/feed", status: 200, at: Date(timeIntervalSince1970: 9),
                                    movedTo: "https://b.example/feed")
        #expect(try store.health(of: "a")?.movedTo == "https://b.example/feed")
        // The next success without a move clears it (the list was updated, or the redirect went).
        try store.recordFeedSuccess("a", url: "https://a.example/feed", status: 304, at: Date(timeIntervalSince1970: 10))
        #expect(try store.health(of: "a")?.movedTo == nil)
    }

    /// Statements are kept prepared between calls; each call must still leave them reset, or a
    /// lookup stepped to a row would hold its read snapshot and miss what another connection
    /// wrote since (and keep the WAL from being checkpointed).
    @Test func cachedStatementsHoldNoSnapshotBetweenCalls() throws {
        let dir = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reader = try StateStore(directory: dir)
        let writer = try StateStore(directory: dir)
        try writer.recordWritten([(id: "a", url: "https://a.example/a", day: "2026-11-02", fingerprint: 1)],
                                 partFile: "articles/date=2026-11-02/part-0.jsonl", committedBytes: 10, at: Date())
        #expect(try reader.writtenArticle("a") == WrittenArticle(fingerprint: 1))
        for n in 2...5 {
            try writer.recordWritten([(id: "id\(n)", url: "https://a.example/\(n)", day: "2026-11-02", fingerprint: UInt64(n))],
                                     partFile: "articles/date=2026-11-02/part-0.jsonl", committedBytes: 10 * n, at: Date())
            #expect(try reader.writtenArticle("id\(n)") == WrittenArticle(fingerprint: UInt64(n)))
            #expect(try reader.writtenArticle("a") == WrittenArticle(fingerprint: 1))
            #expect(try reader.committedBytes(of: "articles/date=2026-11-02/part-0.jsonl") == 10 * n)
        }
        #expect(try reader.articleCount() == 5)
    }
}
