import ArgumentParser
import WirescoreObjectStore
import WirescoreOutput
import WirescorePipeline

/// `--pipeline FILE`, shared by the commands that run or check a pipeline.
struct PipelineOptions: ParsableArguments {
    @Option(name: .long, help: "Pipeline file (YAML).")
    var pipeline: String = "Pipelines/default.yaml"

    /// Loads and validates the pipeline and its feed lists, exiting 78 with file, line and
    /// reason when either is invalid.
    func load() throws -> (PipelineConfig, [FeedSpec]) {
        do {
            let config = try PipelineLoader.load(path: pipeline)
            let feeds = try FeedListLoader.load(config)
            return (config, feeds)
        } catch {
            printError("wirescore: invalid pipeline: \(error)")
            throw ExitCodes.config
        }
    }
}

/// The output root a command works on: `--output`, else the pipeline's `output:`, else
/// `output/`; checked by ``checkOutputRoot(_:)``.
func resolveOutputRoot(_ flag: String?, _ config: PipelineConfig?) throws -> String {
    let root = flag ?? config?.output ?? "output"
    try checkOutputRoot(root)
    return root
}

/// Exits 64 with one line when `root` cannot be an output root: a URL (`s3://...` is not
/// supported yet; anything else never) or a path that is a file. Every command that takes
/// `--output` or reads the pipeline's `output:` calls this before touching the tree.
func checkOutputRoot(_ root: String) throws {
    do {
        try OutputRoot.check(root)
    } catch {
        printError("wirescore: \(error)")
        throw ExitCodes.usage
    }
}

/// The object-store target when `root` is `s3://...`, else nil (a local root, checked by the
/// caller). Exits 64 for a malformed `s3://` URL and 78 when credentials or the endpoint in
/// the pipeline or environment are missing or malformed.
func objectStoreTarget(_ root: String, _ config: PipelineConfig) throws -> ObjectStoreTarget? {
    guard OutputRoot.urlScheme(of: root)?.lowercased() == "s3" else { return nil }
    guard (try? S3Location(parsing: root)) != nil else {
        do { _ = try S3Location(parsing: root) } catch { printError("wirescore: output \(error)") }
        throw ExitCodes.usage
    }
    do {
        return try ObjectStoreTarget.resolve(root, settings: config.objectStore)
    } catch {
        printError("wirescore: \(error)")
        throw ExitCodes.config
    }
}
