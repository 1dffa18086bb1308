import Foundation
import Testing
import WirescoreFetch
@testable import WirescoreObjectStore
import WirescoreOutput

/// The client and the output against a real S3 API that checks signatures (SeaweedFS).
@Suite(.serialized, .enabled(if: SeaweedServer.binary != nil, "SeaweedFS (weed) is not installed: run scripts/check-s3 once (it installs .build/venv-s3) or set WIRESCORE_WEED"))
struct S3StoreTests {
    let server: SeaweedServer

    init() throws { server = try SeaweedServer.shared.get() }

    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "wirescore-s3-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func objectsRoundTripWithEqualsSignsInTheirKeys() throws {
        let client = try server.client("s3://wirescore/roundtrip")
        try client.put("articles/date=2026-12-01/part-0-r-0.jsonl", body: Array("{\"id\":\"a\"}\n".utf8))
        try client.put("articles/date=2026-12-02/odd name+%.jsonl", body: Array("x\n".utf8))
        #expect(try client.get("articles/date=2026-12-01/part-0-r-0.jsonl") == Array("{\"id\":\"a\"}\n".utf8))
        #expect(try client.list("articles/").map(\.key)
                == ["articles/date=2026-12-01/part-0-r-0.jsonl", "articles/date=2026-12-02/odd name+%.jsonl"])
        #expect(try client.folders("articles/") == ["date=2026-12-01", "date=2026-12-02"])
        try client.delete("articles/date=2026-12-02/odd name+%.jsonl")
        #expect(try client.get("articles/date=2026-12-02/odd name+%.jsonl") == nil)
    }

    @Test func aLargeFileGoesUpInPartsAndComesBackWhole() throws {
        let client = try server.client("s3://wirescore/multipart")
        client.multipartThreshold = 6 * 1024 * 1024
        client.partSize = 5 * 1024 * 1024
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var bytes = [UInt8](repeating: 0, count: 12 * 1024 * 1024 + 123)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 2654435761 >> 13) }
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/big.warc.gz"))
        let before = client.requests
        try client.upload(file: directory + "/big.warc.gz", as: "raw/date=2026-12-01/big.warc.gz", contentType: "application/warc")
        // Start, three parts, completion.
        #expect(client.requests - before == 5)
        #expect(try client.get("raw/date=2026-12-01/big.warc.gz") == bytes)
    }

    @Test func aWrongSecretIsRefusedWithTheStoresCodeInOneLine() throws {
        let client = try server.client("s3://wirescore/x", secret: "not-the-secret")
        #expect {
            try client.checkAccess()
        } throws: { error in
            guard let error = error as? S3Error else { return false }
            return error.isConfiguration && error.code == "SignatureDoesNotMatch"
                && error.description.hasPrefix("check access to s3://wirescore/x: 403 SignatureDoesNotMatch:")
                && !error.description.contains("\n")
        }
        let missing = try server.client("s3://no-such-bucket-here/x")
        #expect { try missing.checkAccess() } throws: { ($0 as? S3Error)?.code == "NoSuchBucket" }
    }

    @Test func appendedLinesReachTheBucketWhenThePartCloses() throws {
        let spool = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let output = S3HiveOutput(client: try server.client("s3://wirescore/append"), spool: ObjectSpool(root: spool), run: "r1")
        let partition = Partition(kind: .articles, day: "2026-12-01", shard: 2)
        let receipt = try output.append(["{\"id\":\"a\"}", "{\"id\":\"b\"}"], to: partition)
        _ = try output.append(["{\"id\":\"c\"}"], to: partition)
        #expect(receipt.part == "articles/date=2026-12-01/part-2-r1-0.jsonl")
        let client = try server.client("s3://wirescore/append")
        #expect(try client.list("articles/").isEmpty)   // staged, not uploaded yet
        try output.close(partition)
        #expect(try client.get("articles/date=2026-12-01/part-2-r1-0.jsonl") == Array("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n".utf8))
        #expect(ObjectSpool(root: spool).pendingFiles().isEmpty)
        // The next part of the same partition in this run gets the next sequence number.
        _ = try output.append(["{\"id\":\"d\"}"], to: partition)
        try output.finish()
        #expect(try client.list("articles/").map(\.key)
                == ["articles/date=2026-12-01/part-2-r1-0.jsonl", "articles/date=2026-12-01/part-2-r1-1.jsonl"])
    }

    @Test func aPartClosesWhenItReachesItsSizeLimit() throws {
        let spool = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let output = S3HiveOutput(client: try server.client("s3://wirescore/sized"), spool: ObjectSpool(root: spool), run: "r",
                                  limits: .init(partMaxBytes: 100))
        let partition = Partition(kind: .errors, day: "2026-12-01", shard: 0)
        for index in 0..<10 { _ = try output.append([String(repeating: "x", count: 30) + "\(index)"], to: partition) }
        try output.finish()
        let objects = try server.client("s3://wirescore/sized").list("errors/")
        #expect(objects.count == 4)   // 3 lines of 32 bytes fit in 100
        #expect(objects.reduce(0) { $0 + $1.size } == 10 * 32)
    }

    @Test func withTheStoreDownRecordsWaitInTheSpoolAndTheNextRunUploadsThemUnderTheSameNames() throws {
        let spool = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        // Nothing listens on port 9 (discard): connections are refused at once.
        let down = S3Endpoint(baseURL: "http://127.0.0.1:9", pathStyle: true, credentials: server.endpoint().credentials)
        let unreachable = try S3Client(location: S3Location(parsing: "s3://wirescore/down"), endpoint: down)
        unreachable.retry = .init(attempts: 2, baseDelay: 0.01, maxDelay: 0.02)
        let first = S3HiveOutput(client: unreachable, spool: ObjectSpool(root: spool), run: "r1")
        let partition = Partition(kind: .articles, day: "2026-12-01", shard: 0)
        _ = try first.append(["{\"id\":\"a\"}"], to: partition)
        try first.close(partition)
        try first.finish()
        #expect(first.storeDown?.kind == .unreachable)
        #expect(first.figures.objectsLeftInSpool == 1)
        #expect(ObjectSpool(root: spool).pendingFiles().map(\.relative) == ["articles/date=2026-12-01/part-0-r1-0.jsonl"])

        let second = S3HiveOutput(client: try server.client("s3://wirescore/down"), spool: ObjectSpool(root: spool), run: "r2")
        #expect(second.uploadPending() == 1)
        #expect(try server.client("s3://wirescore/down").list("").map(\.key) == ["articles/date=2026-12-01/part-0-r1-0.jsonl"])
        #expect(ObjectSpool(root: spool).pendingFiles().isEmpty)
    }

    @Test func aFullSpoolEndsTheRunWithAClearErrorAndKeepsWhatItHolds() throws {
        let spool = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let down = S3Endpoint(baseURL: "http://127.0.0.1:9", pathStyle: true, credentials: server.endpoint().credentials)
        let unreachable = try S3Client(location: S3Location(parsing: "s3://wirescore/full"), endpoint: down)
        unreachable.retry = .init(attempts: 1)
        let output = S3HiveOutput(client: unreachable, spool: ObjectSpool(root: spool), run: "r",
                                  limits: .init(partMaxBytes: 50, spoolMaxBytes: 100))
        let partition = Partition(kind: .articles, day: "2026-12-01", shard: 0)
        _ = try output.append([String(repeating: "a", count: 40)], to: partition)
        _ = try output.append([String(repeating: "b", count: 40)], to: partition)
        #expect {
            _ = try output.append([String(repeating: "c", count: 40)], to: partition)
        } throws: { error in
            "\(error)".contains("spool full") && "\(error)".contains("object_store.spool_max_bytes")
        }
        #expect(ObjectSpool(root: spool).pendingFiles().reduce(0) { $0 + $1.size } == 82)
    }

    @Test func replacingAPartitionLeavesOneObjectForTheShardAndTouchesNoOtherShard() throws {
        let client = try server.client("s3://wirescore/replace")
        for name in ["part-1-r1-0.jsonl", "part-1-r2-0.jsonl", "part-10-r1-0.jsonl"] {
            try client.put("articles/date=2026-12-01/" + name, body: Array("{\"id\":\"\(name)\"}\n".utf8))
        }
        let spool = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let output = S3HiveOutput(client: client, spool: ObjectSpool(root: spool), run: "rp")
        #expect(try output.replace(Partition(kind: .articles, day: "2026-12-01", shard: 1), with: ["{\"id\":\"new\"}"]))
        #expect(try client.list("articles/").map(\.key)
                == ["articles/date=2026-12-01/part-1-reprocessed.jsonl", "articles/date=2026-12-01/part-10-r1-0.jsonl"])
        // The day's scores: one object, replaced in place.
        try output.replace(Partition(kind: .scores, day: "2026-12-01", shard: 0), with: ["{\"score\":1}"])
        try output.replace(Partition(kind: .scores, day: "2026-12-01", shard: 0), with: ["{\"score\":2}"])
        #expect(try client.get("scores/date=2026-12-01/part-0.jsonl") == Array("{\"score\":2}\n".utf8))
        // No lines: the shard's objects go.
        #expect(try output.replace(Partition(kind: .articles, day: "2026-12-01", shard: 1), with: []))
        #expect(try client.list("articles/").map(\.key) == ["articles/date=2026-12-01/part-10-r1-0.jsonl"])
        let source = S3PartitionSource(client: client)
        #expect(try source.days(.articles) == ["2026-12-01"])
        #expect(try source.parts(.articles, day: "2026-12-01").map { "\($0.shard) \($0.lines)" } == ["10 [\"{\\\"id\\\":\\\"part-10-r1-0.jsonl\\\"}\"]"])
    }

    @Test func theFollowerShowsObjectsThatAppearAndSkipsOnesReplacedInPlace() throws {
        let client = try server.client("s3://wirescore/follow")
        try client.put("articles/date=2026-12-01/part-0-r1-0.jsonl", body: Array("old1\nold2\n".utf8))
        try client.put("articles/date=2026-12-02/part-0-r1-0.jsonl", body: Array("new1\n".utf8))
        var follower = ObjectFollower(client: client, kind: .articles)
        #expect(try follower.start() == ["new1"])
        #expect(try follower.poll().isEmpty)
        // Another shard's part on an older day, and a new day.
        try client.put("articles/date=2026-12-01/part-1-r2-0.jsonl", body: Array("late\n".utf8))
        try client.put("articles/date=2026-12-03/part-0-r3-0.jsonl", body: Array("a\nb\n".utf8))
        #expect(try follower.poll() == ["late", "a", "b"])
        // A reprocess replaces a part in place: shown before, not again.
        try client.put("articles/date=2026-12-02/part-0-r1-0.jsonl", body: Array("new1 rebuilt\n".utf8))
        #expect(try follower.poll().isEmpty)
        var empty = ObjectFollower(client: client, kind: .scores)
        #expect(try empty.start() == nil)
    }
}
