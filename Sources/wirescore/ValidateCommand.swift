import ArgumentParser
import WirescoreObjectStore
import WirescoreOutput

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline and every file it names; report problems with file and line (exit 78).")

    @OptionGroup var options: PipelineOptions

    func run() throws {
        let (config, feeds) = try options.load()
        // `output:` is read as written: a URL or a file there is refused as ingest would (64);
        // an s3:// URL must name a bucket (credentials are the environment's, checked by a run).
        if let output = config.output {
            if OutputRoot.urlScheme(of: output)?.lowercased() == "s3" {
                do {
                    _ = try S3Location(parsing: output)
                } catch {
                    printError("wirescore: output \(error)")
                    throw ExitCodes.usage
                }
            } else {
                try checkOutputRoot(output)
            }
        }
        print("\(options.pipeline): ok (pipeline '\(config.name)', \(config.feedLists.count) feed list(s), \(feeds.count) feed(s))")
    }
}
