import ArgumentParser
import Foundation
import WirescorePipeline

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
        // The records' `version` field is the scoring version; say both, from the one source
        // the records and the User-Agent use, so they cannot drift apart.
        version: "wirescore \(WirescoreVersion.software) (records' version: \(WirescoreVersion.scoring))",
        subcommands: [IngestCommand.self, ReprocessCommand.self, FeedsCommand.self, ValidateCommand.self, TailCommand.self, InspectCommand.self, FetchCommand.self, ScoresCommand.self, ReportCommand.self]
    )

    /// Names the nearest subcommand for a misspelt one (exit 64) before the usual parsing.
    static func main() async {
        if let problem = SubcommandSuggestion.problem(in: Array(CommandLine.arguments.dropFirst()), root: Self.self) {
            printError("wirescore: \(problem)")
            Foundation.exit(ExitCodes.usage.rawValue)
        }
        await main(nil)
    }
}
