import Foundation
import Testing
import WirescoreOutput

@Suite struct AtomicFileTests {
    private func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
    }

    /// A document written in chunks arrives whole, replaces the old file, and leaves no
    /// temporary file behind; no chunks at all write an empty file.
    @Test func chunkedWritesArriveWhole() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state/stories-0.json"
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try AtomicFile.write(Data("old".utf8), to: path)
        try AtomicFile.write(to: path) { append in
            for start in stride(from: 0, to: bytes.count, by: 65_536) {
                try bytes[start..<min(start + 65_536, bytes.count)].withUnsafeBytes { try append($0) }
            }
        }
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/state") == ["stories-0.json"])
        try AtomicFile.write(to: path) { _ in }
        #expect(FileManager.default.contents(atPath: path)?.isEmpty == true)
    }

    /// A producer that fails half way leaves the old file as it was and no temporary file.
    @Test func aFailedProducerLeavesTheOldFile() throws {
        struct Interrupted: Error {}
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/stories-0.json"
        try AtomicFile.write(Data("old".utf8), to: path)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: path) { append in
                try Array("half of the new".utf8).withUnsafeBytes { try append($0) }
                throw Interrupted()
            }
        }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["stories-0.json"])
    }
}
