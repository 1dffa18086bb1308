import ArgumentParser
import Foundation
import WirescorePipeline
import WirescoreReport

/// `wirescore scores`: one day's composite scores as a table on stdout.
struct ScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "Print one day's composite scores as a table (best first, or biggest change first).",
        discussion: """
            CHANGE is the difference from the company's score on the previous scored day. \
            Companies with no signal at all are left out unless --all-companies. Exits 1 when \
            the tree has no scores (or none for --date).
            """)

    @Option(help: "Pipeline file (YAML) whose output folder to read (its 'output' key).")
    var pipeline: String?

    @Option(help: "Output root (default: the pipeline's 'output' with --pipeline, else output/).")
    var output: String?

    @Option(help: "The day (YYYY-MM-DD; default: the newest scored day).")
    var date: String?

    @Option(help: "Only this composite (e.g. alpha).")
    var composite: String?

    @Option(help: "Only this company (id, case-insensitive).")
    var entity: String?

    @Option(help: "score (highest first) or change (largest move first).")
    var sort: ScoreTable.Sort = .score

    @Flag(help: "Also list companies with no signal at all.")
    var allCompanies = false

    func run() throws {
        var config: PipelineConfig?
        if output == nil, let pipeline {
            do { config = try PipelineLoader.load(path: pipeline) } catch {
                printError("wirescore: invalid pipeline: \(error)")
                throw ExitCodes.config
            }
        }
        let root = try resolveOutputRoot(output, config)
        let table = ScoreTable(composite: composite, entity: entity, sort: sort, includeEmpty: allCompanies)
        do {
            let (day, lines) = try OutputTreeReader.scoreLines(root: root, day: date)
            let text = table.render(lines, day: day)
            if text.count == 1 { printError("wirescore: no matching scores on \(day)") }
            FileHandle.standardOutput.write(Data((text.joined(separator: "\n") + "\n").utf8))
        } catch {
            printError("wirescore: \(error)")
            throw ExitCodes.failure
        }
    }
}

extension ScoreTable.Sort: ExpressibleByArgument {}
