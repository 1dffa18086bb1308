import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline and every file it names; report problems with file and line (exit 78).")

    @OptionGroup var options: PipelineOptions

    func run() throws {
        let (config, feeds) = try options.load()
        // `output:` is read as written: a URL or a file there is refused as ingest would (64).
        if let output = config.output { try checkOutputRoot(output) }
        print("\(options.pipeline): ok (pipeline '\(config.name)', \(config.feedLists.count) feed list(s), \(feeds.count) feed(s))")
    }
}
