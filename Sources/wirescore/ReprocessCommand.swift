import ArgumentParser
import Foundation
import WirescoreAllocator
import WirescoreObjectStore
import WirescoreOutput
import WirescorePipeline

struct ReprocessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Rebuild the article and error partitions of a date range from the raw archive (no network).",
        discussion: """
            Re-extracts and re-scores every archived page whose article falls in the range, writes \
            the new partitions aside and swaps each file in atomically. Running it twice gives \
            byte-identical output. Takes the same lock as ingest (exit 75 when a run holds it).
            """)

    @OptionGroup var options: PipelineOptions

    @Option(help: "First day (YYYY-MM-DD, UTC).")
    var from: String

    @Option(help: "Last day (YYYY-MM-DD, UTC), inclusive.")
    var to: String

    @Option(help: "Output root (default: the pipeline's 'output', else output/).")
    var output: String?

    @Flag(help: ArgumentHelp(
        "Only recompute the range's composite scores from the article partitions as they stand.",
        discussion: "Reads every shard's articles (local tree or bucket) and replaces each day's scores; articles, errors and the archive are left alone. Run it after sharded runs that ended at different times."))
    var scoresOnly = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        do {
            try Reprocessor.validateRange(from: from, to: to)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let logger = LogSetup.bootstrap(quiet: quiet, verbose: false)
        ProcessAllocator.configureForBatchRun()
        let (config, _) = try options.load()
        var root = output ?? config.output ?? "output"
        // An s3:// output: the archive is read from the bucket; the local root is a spool.
        let objectStore = try objectStoreTarget(root, config)
        if let objectStore {
            root = objectStore.reprocessSpoolRoot
        } else {
            root = try resolveOutputRoot(output, config)
        }
        let layout = OutputLayout(root: root)
        guard objectStore != nil || scoresOnly || FileManager.default.fileExists(atPath: root + "/raw") else {
            printError("wirescore: no raw archive under \(root)/raw: nothing to reprocess")
            throw ExitCodes.failure
        }
        let lock = try lockOutputOrExit(layout)
        defer { lock.release() }
        let showProgress = !quiet && isatty(STDERR_FILENO) == 1
        var reprocessor = Reprocessor(pipeline: config, outputRoot: root, from: from, to: to, logger: logger)
        reprocessor.objectStore = objectStore
        reprocessor.scoresOnly = scoresOnly
        let summary: Reprocessor.Summary
        do {
            summary = try reprocessor.run { done, total in
                guard showProgress, total > 0 else { return }
                let width = 30
                let filled = width * done / total
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                FileHandle.standardError.write(Data("\rreprocess [\(bar)] \(done)/\(total) archives".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        } catch let error as S3Error where error.isConfiguration {
            printError("wirescore: the object store refused this run: \(error)")
            throw ExitCodes.config
        } catch {
            printError("wirescore: reprocess failed: \(error)")
            throw ExitCodes.failure
        }
        if !quiet {
            print(scoresOnly ? "wirescore reprocess \(from)..\(to): scores recomputed for \(summary.days) day(s)"
                             : "wirescore reprocess \(from)..\(to): \(summary.line)")
        }
    }
}
