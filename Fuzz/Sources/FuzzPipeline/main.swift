import FuzzSupport
import Foundation
import WirescoreFeeds
import WirescorePipeline

/// Pipeline loading: the bytes are a pipeline YAML file, parsed as if it sat in the
/// repository's Pipelines/ folder (so relative feed lists, factor and entities files resolve
/// to real files and their loaders run too). Inputs whose first byte is '<' are read as an
/// OPML feed list instead.
func fuzzPipeline(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let bytes = fuzzBytes(start, count)
    if bytes.first == UInt8(ascii: "<") {
        _ = try? OPMLParser().parse(bytes)
        return 0
    }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? PipelineLoader.parse(yaml: text, file: pipelinesFolder + "/fuzz.yaml")
    return 0
}

/// `<repository>/Pipelines`, found from this source file's location at build time, or from
/// `WIRESCORE_ROOT` when the binary runs elsewhere.
private let pipelinesFolder: String = {
    if let root = ProcessInfo.processInfo.environment["WIRESCORE_ROOT"] { return root + "/Pipelines" }
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/Pipelines"
}()

/// What libFuzzer's own `main` (linked in, though `main` is ours) expects to find.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 { fuzzPipeline(data, count) }

runFuzzer { fuzzPipeline($0, $1) }
