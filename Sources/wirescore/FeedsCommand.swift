import ArgumentParser
import Foundation
import WirescoreCore
import WirescoreFeeds
import WirescoreOutput
import WirescorePipeline
import WirescoreStore

struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Show the pipeline's feeds with each feed's health.",
        subcommands: [List.self, Import.self, Export.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "One line per feed: id, health, consecutive failures, last success, next attempt, URL.")

        @OptionGroup var options: PipelineOptions

        @Option(help: "Output root holding the run state (default: the pipeline's 'output').")
        var output: String?

        @Flag(help: "Print JSON lines instead of a table.")
        var json = false

        func run() throws {
            let (config, feeds) = try options.load()
            let layout = OutputLayout(root: output ?? config.output ?? "output")
            var health: [String: FeedHealth] = [:]
            let statePath = layout.stateDirectory + "/state.sqlite"
            if FileManager.default.fileExists(atPath: statePath) {
                do {
                    for h in try StateStore(directory: layout.stateDirectory).allHealth() { health[h.feedID] = h }
                } catch {
                    printError("wirescore: cannot read run state: \(error)")
                    throw ExitCodes.failure
                }
            }
            let now = Date()
            var out = ""
            if !json {
                out += pad("FEED", 28) + pad("HEALTH", 12) + pad("FAILS", 6) + pad("LAST OK", 22) + pad("NEXT TRY", 22) + "URL\n"
            }
            for feed in feeds {
                let h = health[feed.id]
                let status: String
                if h == nil { status = "new" }
                else if (h?.consecutiveFailures ?? 0) == 0 { status = "ok" }
                else if let next = h?.nextAttempt, next > now { status = "backing-off" }
                else { status = "failing" }
                if json {
                    var o = JSONObjectBuilder()
                    o.set("id", feed.id)
                    o.set("title", feed.title)
                    o.set("url", feed.url)
                    o.set("health", status)
                    o.set("consecutive_failures", h?.consecutiveFailures ?? 0)
                    o.set("last_success", h?.lastSuccess.map(UTCTimestamp.rfc3339))
                    o.set("last_error", h?.lastError)
                    o.set("next_attempt", h?.nextAttempt.map(UTCTimestamp.rfc3339))
                    out += o.value.serialized() + "\n"
                } else {
                    out += pad(feed.id, 28) + pad(status, 12) + pad(String(h?.consecutiveFailures ?? 0), 6)
                        + pad(h?.lastSuccess.map(UTCTimestamp.rfc3339) ?? "-", 22)
                        + pad(h?.nextAttempt.map(UTCTimestamp.rfc3339) ?? "-", 22) + feed.url + "\n"
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }

        private func pad(_ s: String, _ width: Int) -> String {
            s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Print the pipeline's feeds as one OPML 2.0 list on stdout.")

        @OptionGroup var options: PipelineOptions

        func run() throws {
            let (config, feeds) = try options.load()
            let outlines = feeds.map { OPMLOutline(title: $0.title, text: $0.title, xmlUrl: $0.url, type: "rss", id: $0.id, line: $0.line ?? 0) }
            print(OPMLWriter.write(outlines, title: "wirescore feeds of pipeline \(config.name)"), terminator: "")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the feeds of an OPML file to the pipeline's first feed list.",
            discussion: """
                Feeds whose URL is already listed are skipped. The feed list is rewritten \
                atomically (a temporary file renamed over it); the original is kept as FILE.bak.
                """)

        @OptionGroup var options: PipelineOptions

        @Argument(help: "OPML file to import.")
        var opml: String

        func run() throws {
            let (config, existing) = try options.load()
            guard let target = config.feedLists.first else { throw ExitCodes.config }
            let incoming: [FeedSpec]
            do {
                incoming = try FeedListLoader.load(file: opml)
            } catch {
                printError("wirescore: invalid OPML: \(error)")
                throw ExitCodes.config
            }
            guard let data = FileManager.default.contents(atPath: target) else {
                printError("wirescore: cannot read \(target)")
                throw ExitCodes.failure
            }
            var outlines: [OPMLOutline]
            do {
                outlines = try OPMLParser().parse([UInt8](data))
            } catch {
                printError("wirescore: \(target): \(error)")
                throw ExitCodes.config
            }
            let known = Set(existing.map(\.url))
            var added = 0
            for feed in incoming where !known.contains(feed.url) {
                outlines.append(OPMLOutline(title: feed.title, text: feed.title, xmlUrl: feed.url, type: "rss"))
                added += 1
            }
            guard added > 0 else {
                print("nothing to import: all \(incoming.count) feed(s) are already listed in \(target)")
                return
            }
            let text = OPMLWriter.write(outlines, title: "wirescore feeds")
            do {
                try? FileManager.default.removeItem(atPath: target + ".bak")
                try FileManager.default.copyItem(atPath: target, toPath: target + ".bak")
                try AtomicFile.write(Data(text.utf8), to: target)
            } catch {
                printError("wirescore: cannot rewrite \(target): \(error)")
                throw ExitCodes.failure
            }
            print("imported \(added) feed(s) into \(target) (\(incoming.count - added) already listed)")
        }
    }
}
