import Foundation
import Testing
import WirescoreTestSupport

/// A full disk is never ignored: the run ends with one clear error and a non-zero exit,
/// whichever write hit it first (archive, partition or run state), and once space is back the
/// next run completes with nothing lost and nothing written twice.
///
/// Needs a small file system of its own: a tmpfs mounted for the test (root, as CI runs).
/// Where mounting is not permitted the test is skipped rather than faked.
@Suite(.serialized)
struct FullDiskTests {
    static func mount(_ dir: String, size: String) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir]) == 0
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return -1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static let canMount: Bool = {
        guard getuid() == 0, let dir = try? RepositoryPaths.temporaryDirectory("mount-probe") else { return false }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard mount(dir, size: "64k") else { return false }
        run("/bin/umount", [dir])
        return true
    }()

    /// Room left: too little for run state to start, and enough to start and fill up mid-run.
    @Test(.enabled(if: FullDiskTests.canMount, "needs root and tmpfs mounts"), arguments: [100_000, 250_000])
    func aFullDiskEndsTheRunAndTheNextRunLosesNothing(room: Int) throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        let count = 30
        server.route("/feed.xml", .conditional(etag: "\"v1\"", lastModified: nil,
                                               body: InterruptedRunTests.feed(base: server.baseURL, count: count)))
        for n in 0..<count { server.route("/a/\(n).html", .ok(InterruptedRunTests.page(n), contentType: "text/html")) }

        let dir = try InterruptedRunTests.setUp(server)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(Self.mount(out, size: "2m"))
        defer { Self.run("/bin/umount", [out]) }
        let filler = out + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data(count: 2_097_152 - room)), "the filler must fit")

        let full = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
        #expect(full.status == 1, "\(full.stdout) \(full.stderr)")
        #expect(full.stderr.contains("No space left on device") || full.stderr.contains("disk is full"), "\(full.stderr)")
        #expect(full.stderr.split(separator: "\n").filter { $0.contains("ingest failed") }.count == 1, "\(full.stderr)")

        try FileManager.default.removeItem(atPath: filler)
        for _ in 0..<2 {
            let next = try BinaryRun.run(["ingest", "--pipeline", dir + "/pipeline.yaml"], timeout: 60)
            #expect(next.status == 0, "\(next.stdout) \(next.stderr)")
        }
        let urls = try readPartition(out, kind: "articles").compactMap { $0["url"] as? String }
        #expect(urls.count == count && Set(urls).count == count, "\(urls.count) written of \(count)")
    }
}
