import ArgumentParser
import Foundation
import WirescoreCore
import WirescorePipeline
import WirescoreReport

/// `wirescore report`: a static HTML site drawn from the output tree (docs/report.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a static HTML report (overview, a page per company and per story) from the output tree.",
        discussion: """
            The report is self-contained: inline styles, SVG charts written by wirescore, no \
            scripts and nothing fetched when it is viewed. The same output tree gives the same \
            files. With --pipeline, price context comes from the pipeline's factor file when it \
            has 'price' (and 'change') columns. Exits 1 when the tree holds no output, 64 for \
            bad flags or a --out folder that holds other files.
            """)

    @Option(help: "Pipeline file (YAML) whose output folder to read (its 'output' key) and whose factor file gives prices.")
    var pipeline: String?

    @Option(help: "Output root (default: the pipeline's 'output' with --pipeline, else output/).")
    var output: String?

    @Option(help: "First day to show (YYYY-MM-DD; default: 90 days before --to, or the tree's first day when later).")
    var from: String?

    @Option(help: "Last day to show (YYYY-MM-DD; default: the tree's last day).")
    var to: String?

    @Option(help: "Only this company (repeatable; ids, case-insensitive).")
    var entity: [String] = []

    @Option(help: "The folder to write (created; a previous report there is replaced).")
    var out: String

    func validate() throws {
        for day in [from, to].compactMap({ $0 }) where UTCTimestamp.parseDay(day) == nil {
            throw ValidationError("\(day) is not a date (YYYY-MM-DD)")
        }
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() throws {
        var config: PipelineConfig?
        if let pipeline {
            do { config = try PipelineLoader.load(path: pipeline) } catch {
                printError("wirescore: invalid pipeline: \(error)")
                throw ExitCodes.config
            }
        }
        let root = try resolveOutputRoot(output, config)
        let started = Date()
        let input: ReportInput
        do {
            input = try OutputTreeReader.read(ReportOptions(outputRoot: root, from: from, to: to, entities: entity,
                                                            factorsPath: config?.factorsFile))
        } catch {
            printError("wirescore: \(error)")
            throw ExitCodes.failure
        }
        let read = Date()
        let site = ReportSite(input: input, entities: entity)
        let rendered = Date()
        do {
            let count = try ReportWriter.write(site, to: out)
            let end = Date()
            func s(_ a: Date, _ b: Date) -> String { String(format: "%.2f", b.timeIntervalSince(a)) }
            printError("wirescore: wrote \(count) pages to \(out) (\(input.articles.count) articles, \(input.scores.count) score lines, \(input.from) to \(input.to)) in \(s(started, end)) s (read \(s(started, read)), render \(s(read, rendered)), write \(s(rendered, end)))")
        } catch {
            printError("wirescore: \(error)")
            throw ExitCodes.usage
        }
    }
}
