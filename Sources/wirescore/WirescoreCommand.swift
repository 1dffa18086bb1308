import ArgumentParser

/// The `wirescore` command line. Each subcommand parses its flags and calls into the libraries;
/// no pipeline logic lives here.
@main
struct WirescoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wirescore",
        abstract: "News ingestion and company sentiment scoring, written to dated JSONL partitions.",
        discussion: """
            Exit codes: 0 done (individual feed or article failures are recorded in errors/), \
            64 bad flags, 75 another run holds the output lock, 78 invalid pipeline or feed list, 1 anything else.
            """,
        version: "0.1.0",
        subcommands: [IngestCommand.self, ReprocessCommand.self, FeedsCommand.self, ValidateCommand.self, TailCommand.self, InspectCommand.self, FetchCommand.self]
    )
}
