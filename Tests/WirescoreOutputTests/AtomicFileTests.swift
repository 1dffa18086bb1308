import Foundation
import Testing
import WirescoreOutput

@Suite struct AtomicFileTests {
    /// Bytes written without a `Data` copy arrive whole, replace the old file, and leave no
    /// temporary file behind; an empty array writes an empty file.
    @Test func writesByteArraysWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state/stories-0.json"
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try AtomicFile.write(bytes: Array("old".utf8), to: path)
        try AtomicFile.write(bytes: bytes, to: path)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/state") == ["stories-0.json"])
        try AtomicFile.write(bytes: [], to: path)
        #expect(FileManager.default.contents(atPath: path)?.isEmpty == true)
    }
}
