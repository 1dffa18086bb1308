import Foundation
import Testing
@testable import WirescorePipeline

/// Pipeline files that crashed the loader under fuzzing (Fuzz/regressions/FuzzPipeline), kept
/// as tests: each must now be refused with file, line and reason (exit 78), not trap.
struct PipelineFuzzRegressionTests {
    /// A size whose value passes Int.max once scaled (`1e300KB`, `infKB`) trapped in Int(_:).
    @Test(arguments: ["1e300KB", "infKB", "1e19B", "9223372036854775807GiB", "1.8e308MB"])
    func hugeByteSizesAreRefusedNotTrapped(_ size: String) throws {
        let dir = NSTemporaryDirectory() + "wirescore-fuzzreg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"a\" xmlUrl=\"a.xml\"/></body></opml>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/list.opml"))
        let yaml = "feeds: [list.opml]\nfetch:\n  max_bytes: \(size)\n"
        do {
            _ = try PipelineLoader.parse(yaml: yaml, file: dir + "/p.yaml")
            Issue.record("\(size) was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.reason.contains("max_bytes"), "\(error.reason)")
        }
    }

    @Test func theKeptCrasherFileIsRefused() throws {
        let file = RepositoryPaths.root + "/Fuzz/regressions/FuzzPipeline/max-bytes-past-int-max.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(throws: PipelineError.self) {
            _ = try PipelineLoader.parse(yaml: text, file: RepositoryPaths.root + "/Pipelines/fuzz.yaml")
        }
    }
}
