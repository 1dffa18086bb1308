import Foundation
import Testing
@testable import WirescoreOutput

struct PartitionWriterTests {
    private func tempRoot() -> String { NSTemporaryDirectory() + "wirescore-out-\(UUID().uuidString)" }

    @Test func buildsHiveStylePathsFromValidDaysOnly() {
        let layout = OutputLayout(root: "/data/out/", shard: 3)
        #expect(layout.partFile(.articles, day: "2026-11-20") == "/data/out/articles/date=2026-11-20/part-3.jsonl")
        #expect(layout.partFile(.errors, day: "../../etc") == nil)
        #expect(layout.partFile(.scores, day: "2026-13-01") == nil)
    }

    @Test func appendsWholeLinesAndReportsSize() throws {
        let root = tempRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = OutputLayout(root: root)
        let path = try #require(layout.partFile(.articles, day: "2026-11-20"))
        let writer = PartitionWriter()
        let size1 = try writer.append([#"{"id":"a"}"#, #"{"id":"b"}"#], to: path)
        let size2 = try writer.append([#"{"id":"c"}"#], to: path)
        writer.closeAll()
        let content = try String(contentsOfFile: path, encoding: .utf8)
        #expect(content == "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n")
        #expect(size1 == 22)
        #expect(size2 == 33)
    }

    @Test func repairCutsATrailingPartialLine() throws {
        let root = tempRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let path = root + "/part-0.jsonl"
        try Data("{\"id\":1}\n{\"id\":2}\n{\"id\":".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try PartitionRepair.repair(path) == 6)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"id\":1}\n{\"id\":2}\n")
        #expect(try PartitionRepair.repair(path) == 0)

        let noNewline = root + "/part-1.jsonl"
        try Data("{\"partial\":".utf8).write(to: URL(fileURLWithPath: noNewline))
        #expect(try PartitionRepair.repair(noNewline) == 11)
        #expect(try Data(contentsOf: URL(fileURLWithPath: noNewline)).isEmpty)
    }

    @Test func secondLockOnTheSameDirectoryIsRefused() throws {
        let root = tempRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = OutputLayout(root: root)
        let first = try OutputLock(path: layout.lockPath)
        // flock locks belong to open file descriptions, so a second open in the same process
        // conflicts just as another process would.
        #expect(throws: OutputLock.Busy.self) { _ = try OutputLock(path: layout.lockPath) }
        first.release()
        let again = try OutputLock(path: layout.lockPath)
        again.release()
    }
}
