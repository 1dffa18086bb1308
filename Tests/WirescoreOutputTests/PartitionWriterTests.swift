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

struct PartitionReaderTests {
    @Test func readsOnlyCompleteLinesAndListsDays() throws {
        let root = NSTemporaryDirectory() + "wirescore-reader-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = OutputLayout(root: root)
        let writer = PartitionWriter()
        let a = try #require(layout.partFile(.articles, day: "2026-11-19"))
        let b = try #require(layout.partFile(.articles, day: "2026-11-20"))
        try writer.append(["one"], to: a)
        try writer.append(["two", "three"], to: b)
        writer.closeAll()
        try FileManager.default.createDirectory(atPath: root + "/articles/date=bogus", withIntermediateDirectories: true)
        let reader = PartitionReader(layout: layout)
        #expect(reader.days(.articles) == ["2026-11-19", "2026-11-20"])
        #expect(reader.partFiles(.articles, day: "2026-11-20") == [b])

        let handle = try #require(FileHandle(forWritingAtPath: b))
        handle.seekToEndOfFile()
        handle.write(Data("half".utf8))
        try handle.close()
        let read = PartitionReader.completeLines(of: b, from: 0)
        #expect(read.lines == ["two", "three"])
        #expect(read.next == 10)
        let more = PartitionReader.completeLines(of: b, from: read.next)
        #expect(more.lines.isEmpty)
        #expect(more.next == 10)
    }
}
