import Foundation
import Testing
import WirescoreOutput

/// The local output driven directly through the `RecordOutput` seam.
struct LocalHiveOutputTests {
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "wirescore-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func appendsWholeLinesAndReportsWhatIsCommitted() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output: any RecordOutput = LocalHiveOutput(root: root)
        let partition = Partition(kind: .articles, day: "2026-11-19", shard: 2)
        let first = try output.append([#"{"id":"a"}"#, #"{"id":"b"}"#], to: partition)
        #expect(first == AppendReceipt(part: "articles/date=2026-11-19/part-2.jsonl", committedBytes: 22))
        let second = try output.append([#"{"id":"c"}"#], to: partition)
        #expect(second.committedBytes == 33)
        try output.close(partition)
        // Closed partitions take appends again (a later batch of the same day).
        _ = try output.append([#"{"id":"d"}"#], to: partition)
        try output.finish()
        #expect(read(root + "/" + first.part) == "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n{\"id\":\"d\"}\n")
    }

    @Test func replaceSwapsWholePartitionsAndNoLinesRemovesOne() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = LocalHiveOutput(root: root)
        let scores = Partition(kind: .scores, day: "2026-11-19", shard: 0)
        #expect(try output.replace(scores, with: ["1", "2"]))
        #expect(read(root + "/scores/date=2026-11-19/part-0.jsonl") == "1\n2\n")
        #expect(try output.replace(scores, with: ["3"]))
        #expect(read(root + "/scores/date=2026-11-19/part-0.jsonl") == "3\n")
        #expect(try output.replace(scores, with: []))
        #expect(!FileManager.default.fileExists(atPath: root + "/scores/date=2026-11-19/part-0.jsonl"))
        #expect(try output.replace(scores, with: []) == false)
        // No temporary file is left beside the part.
        let left = try FileManager.default.contentsOfDirectory(atPath: root + "/scores/date=2026-11-19")
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aDayThatIsNotADateIsRefused() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = LocalHiveOutput(root: root)
        #expect(throws: OutputError.self) {
            try output.append(["x"], to: Partition(kind: .errors, day: "../../etc", shard: 0))
        }
    }
}
