import ArgumentParser
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
