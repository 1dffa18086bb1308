import Foundation
import Testing
import WirescoreOutput
import WirescoreStore
@testable import WirescorePipeline

/// What a run killed at the worst moment leaves behind, and how the next run repairs it.
struct StateReconcilerTests {
    @Test func adoptsLinesWrittenAfterTheLastCommitAndCutsPartialLines() throws {
        let root = try RepositoryPaths.temporaryDirectory("reconcile")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = OutputLayout(root: root)
        let state = try StateStore(directory: layout.stateDirectory)
        let path = try #require(layout.partFile(.articles, day: "2026-11-20"))
        let writer = PartitionWriter()
        // A committed batch...
        let size = try writer.append([#"{"id":"a1","url":"u1"}"#], to: path)
        try state.recordWritten([(id: "a1", url: "u1", day: "2026-11-20")], partFile: layout.relativePath(path),
                                committedBytes: size, at: Date())
        // ...then a batch written but never recorded, and half a line from a write cut short.
        try writer.append([#"{"id":"a2","url":"u2"}"#, #"{"id":"a3","url":"u3"}"#], to: path)
        writer.closeAll()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":"a4","u"#.utf8))
        try handle.close()

        let result = try StateReconciler.reconcile(layout: layout, state: state)
        #expect(result.bytesCut == 13)
        #expect(result.idsAdopted == 2)
        #expect(try state.isArticleWritten("a2"))
        #expect(try state.isArticleWritten("a3"))
        #expect(try state.isArticleWritten("a4") == false)
        let lines = PartitionReader.completeLines(of: path, from: 0).lines
        #expect(lines.count == 3)
        // A second pass finds nothing more to do.
        #expect(try StateReconciler.reconcile(layout: layout, state: state) == .init())
    }
}
