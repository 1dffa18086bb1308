import Foundation
import Testing
import WirescoreOutput

/// `tail --follow`'s logic without the command: each test changes the files, then polls once.
/// No sleeps and no clocks: what a poll returns depends only on the files at that moment.
struct PartitionFollowerTests {
    /// A scratch output root with helpers that write part files the ways wirescore does.
    struct Tree: ~Copyable {
        let root = NSTemporaryDirectory() + "wirescore-follow-\(UUID().uuidString)"
        var layout: OutputLayout { OutputLayout(root: root) }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func path(_ day: String, shard: Int = 0) -> String {
            root + "/articles/date=\(day)/part-\(shard).jsonl"
        }

        /// Appends raw text (whole lines or not) to a day's part file, creating it as needed.
        func append(_ day: String, _ text: String, shard: Int = 0) throws {
            let file = path(day, shard: shard)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: file) {
                #expect(FileManager.default.createFile(atPath: file, contents: nil))
            }
            let handle = try #require(FileHandle(forWritingAtPath: file))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        }

        func records(_ day: String, _ ids: String..., shard: Int = 0) throws {
            try append(day, ids.map { "{\"id\":\"\($0)\"}\n" }.joined(), shard: shard)
        }

        /// Writes a new file aside and renames it over the part file, as reprocess does.
        func swap(_ day: String, _ ids: String...) throws {
            let aside = root + "/articles/date=\(day)/.part-0.jsonl.new"
            try Data(ids.map { "{\"id\":\"\($0)\"}\n" }.joined().utf8).write(to: URL(fileURLWithPath: aside))
            #expect(rename(aside, path(day)) == 0)
        }
    }

    private func ids(_ lines: [Substring]?) -> [String]? {
        lines?.map { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            return object?["id"] ?? "unparsable: \(line)"
        }
    }

    @Test func startReturnsTheNewestDayAndCountsOlderDaysAsRead() throws {
        let tree = Tree()
        try tree.records("2026-11-19", "a1", "a2")
        try tree.records("2026-11-20", "b1", "b2", "b3")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        #expect(ids(follower.start()) == ["b1", "b2", "b3"])
        #expect(follower.poll().isEmpty)
    }

    @Test func startSaysWhenThereIsNoPartitionYetAndLaterFilesAreReadWhole() throws {
        let tree = Tree()
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        #expect(follower.start() == nil)
        #expect(follower.poll().isEmpty)
        try tree.records("2026-11-20", "a1", "a2")
        #expect(ids(follower.poll()) == ["a1", "a2"])
    }

    @Test func appendsToTheNewestFileAreReturnedOnce() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        try tree.records("2026-11-20", "r2", "r3")
        #expect(ids(follower.poll()) == ["r2", "r3"])
        #expect(follower.poll().isEmpty)
        try tree.records("2026-11-20", "r4")
        #expect(ids(follower.poll()) == ["r4"])
    }

    @Test func aPartialLastLineWaitsForItsNewline() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        try tree.append("2026-11-20", "{\"id\":\"r2\"}\n{\"id\":")
        #expect(ids(follower.poll()) == ["r2"])
        #expect(follower.poll().isEmpty)
        try tree.append("2026-11-20", "\"r3\"}\n")
        #expect(ids(follower.poll()) == ["r3"])
    }

    @Test func aPartialLineAtStartIsLeftForLater() throws {
        let tree = Tree()
        try tree.append("2026-11-20", "{\"id\":\"r1\"}\n{\"id\":\"r")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        #expect(ids(follower.start()) == ["r1"])
        try tree.append("2026-11-20", "2\"}\n")
        #expect(ids(follower.poll()) == ["r2"])
    }

    @Test func aNewDayIsReadFromItsStart() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        try tree.records("2026-11-21", "n1", "n2")
        #expect(ids(follower.poll()) == ["n1", "n2"])
    }

    /// An article published yesterday and fetched today goes to yesterday's partition, and
    /// a day older than any seen may appear too.
    @Test func appendsToOlderDaysAndNewOlderDaysAreReturnedOldestDayFirst() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1")
        try tree.records("2026-11-21", "r2")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        #expect(ids(follower.start()) == ["r2"])
        try tree.records("2026-11-21", "r5")
        try tree.records("2026-11-20", "r3")
        try tree.records("2026-11-19", "r4")
        #expect(ids(follower.poll()) == ["r4", "r3", "r5"])
    }

    @Test func anotherShardsFileIsReadFromItsStart() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "s0")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        try tree.records("2026-11-20", "s1a", "s1b", shard: 1)
        #expect(ids(follower.poll()) == ["s1a", "s1b"])
    }

    /// Reprocess renames a rebuilt file over the old one: its records were shown already, so
    /// only what is appended after the swap is returned.
    @Test func aSwappedFileContinuesFromItsEnd() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1", "r2")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        try tree.swap("2026-11-20", "r1", "r2", "r3 rebuilt")
        #expect(follower.poll().isEmpty)
        try tree.records("2026-11-20", "r4")
        #expect(ids(follower.poll()) == ["r4"])
    }

    /// A swap to a shorter file, then appends before the next look: the appends are part of
    /// the new file's content when it is first seen, so they are not shown (as with `tail -F`).
    @Test func aSwapToAShorterFileIsNotMistakenForAppends() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1", "r2", "r3")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        try tree.swap("2026-11-20", "r1")
        #expect(follower.poll().isEmpty)
        try tree.records("2026-11-20", "r9")
        #expect(ids(follower.poll()) == ["r9"])
    }

    @Test func aFileCutShorterInPlaceContinuesFromItsEnd() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1", "r2", "r3")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        #expect(truncate(tree.path("2026-11-20"), 12) == 0)
        #expect(follower.poll().isEmpty)
        try tree.records("2026-11-20", "r4")
        #expect(ids(follower.poll()) == ["r4"])
    }

    @Test func filesThatAreNotPartFilesAndOtherKindsAreIgnored() throws {
        let tree = Tree()
        try tree.records("2026-11-20", "r1")
        var follower = PartitionFollower(layout: tree.layout, kind: .articles)
        _ = follower.start()
        let dir = tree.root + "/articles/date=2026-11-20"
        try Data("{\"id\":\"aside\"}\n".utf8).write(to: URL(fileURLWithPath: dir + "/.part-0.jsonl.new"))
        try FileManager.default.createDirectory(atPath: tree.root + "/errors/date=2026-11-20", withIntermediateDirectories: true)
        try Data("{\"id\":\"error\"}\n".utf8).write(to: URL(fileURLWithPath: tree.root + "/errors/date=2026-11-20/part-0.jsonl"))
        try FileManager.default.createDirectory(atPath: tree.root + "/articles/date=junk", withIntermediateDirectories: true)
        #expect(follower.poll().isEmpty)
    }
}
