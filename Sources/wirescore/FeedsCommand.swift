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
        subcommands: [List.self, Add.self, Import.self, Export.self, Remove.self, Reset.self],
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
            let layout = OutputLayout(root: try resolveOutputRoot(output, config))
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
                out += pad("FEED", 28) + pad("TYPE", 8) + pad("HEALTH", 12) + pad("FAILS", 6) + pad("LAST OK", 22) + pad("NEXT TRY", 22) + "URL\n"
            }
            for feed in feeds {
                let h = health[feed.id]
                let status: String
                if h == nil { status = "new" }
                else if (h?.consecutiveFailures ?? 0) == 0 { status = h?.movedTo == nil ? "ok" : "moved" }
                else if let next = h?.nextAttempt, next > now { status = "backing-off" }
                else { status = "failing" }
                if json {
                    var o = JSONObjectBuilder()
                    o.set("id", feed.id)
                    o.set("title", feed.title)
                    o.set("url", feed.url)
                    o.set("type", feed.kind == .sitemap ? "sitemap" : "feed")
                    o.set("health", status)
                    o.set("consecutive_failures", h?.consecutiveFailures ?? 0)
                    o.set("last_success", h?.lastSuccess.map(UTCTimestamp.rfc3339))
                    o.set("last_error", h?.lastError)
                    o.set("next_attempt", h?.nextAttempt.map(UTCTimestamp.rfc3339))
                    o.set("moved_to", h?.movedTo)
                    out += o.value.serialized() + "\n"
                } else {
                    out += pad(feed.id, 28) + pad(feed.kind == .sitemap ? "sitemap" : "feed", 8) + pad(status, 12) + pad(String(h?.consecutiveFailures ?? 0), 6)
                        + pad(h?.lastSuccess.map(UTCTimestamp.rfc3339) ?? "-", 22)
                        + pad(h?.nextAttempt.map(UTCTimestamp.rfc3339) ?? "-", 22) + feed.url
                        + (h?.movedTo.map { " -> " + $0 } ?? "") + "\n"
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
            let outlines = feeds.map { OPMLOutline(title: $0.title, text: $0.title, xmlUrl: $0.url, type: $0.kind == .sitemap ? "sitemap" : "rss", id: $0.id, line: $0.line ?? 0) }
            print(OPMLWriter.write(outlines, title: "wirescore feeds of pipeline \(config.name)"), terminator: "")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the feeds of an OPML file to the pipeline's first feed list.",
            discussion: """
                Feeds whose URL is already listed are skipped. A new feed whose id (the slug of its \
                title, or its id attribute) is already used by another feed is refused with the reason \
                and exit 78, as 'validate' would refuse the result; nothing is written. The feed list \
                keeps its head, folders and every outline attribute; it is rewritten atomically (a \
                temporary file renamed over it) and the original is kept as FILE.bak.
                """)

        @OptionGroup var options: PipelineOptions

        @Argument(help: "OPML file to import.")
        var opml: String

        func run() throws {
            let (config, _) = try options.load()
            let result: FeedListEditor.ImportResult
            do {
                result = try FeedListEditor.importFeeds(from: opml, into: config)
            } catch {
                throw editExit(error)
            }
            guard !result.added.isEmpty else {
                print("nothing to import: all \(result.alreadyListed) feed(s) are already listed in \(result.target)")
                return
            }
            print("imported \(result.added.count) feed(s) into \(result.target) (\(result.alreadyListed) already listed)")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a feed, or discover a site's feeds or news sitemaps and add the first.",
            discussion: """
                URL may be a feed (RSS, Atom, JSON Feed), a sitemap, or a web page. For a page, its \
                <link rel="alternate"> feeds are used; when it names none, the well-known paths \
                (/feed, /rss.xml, /atom.xml, ...) are tried; when none answers with a feed, the news \
                sitemaps named in the site's robots.txt. Everything found is printed; the first is \
                added to the pipeline's first feed list (type "rss" or "sitemap"), which keeps the \
                rest of its content and is rewritten atomically (the original kept as FILE.bak). \
                A URL already listed is refused (exit 64); an id clash exits 78; nothing found or \
                the URL unreachable exits 1. Requests follow the pipeline's fetch settings.
                """)

        @OptionGroup var options: PipelineOptions

        @Option(help: "Title of the new feed (also its id, as a slug); default: the feed's own title.")
        var title: String?

        @Argument(help: "A feed, sitemap or page URL (http or https).")
        var url: String

        func run() async throws {
            let (config, _) = try options.load()
            guard let scheme = URLComponents(string: url)?.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                printError("wirescore: '\(url)' is not an http(s) URL")
                throw ExitCodes.usage
            }
            let discoverer: FeedDiscoverer
            do {
                discoverer = try FeedDiscoverer(pipeline: config)
            } catch {
                printError("wirescore: cannot start the fetcher: \(error)")
                throw ExitCodes.failure
            }
            defer { discoverer.shutdown() }
            let found: [FeedDiscoverer.Found]
            do {
                found = try await discoverer.discover(url)
            } catch {
                printError("wirescore: \(error)")
                throw ExitCodes.failure
            }
            guard let chosen = found.first else {
                printError("wirescore: no feed or news sitemap found for \(url) (looked at the page's alternate links, "
                           + "the well-known feed paths and the sitemaps in robots.txt)")
                throw ExitCodes.failure
            }
            for source in found {
                print("found \(source.format) \(source.url)" + (source.title.map { " \"\($0)\"" } ?? "") + " (\(source.via))")
            }
            let name = title ?? chosen.title.flatMap { $0.isEmpty ? nil : $0 }
                ?? URLCanonicalizer.host(of: chosen.url) ?? chosen.url
            do {
                let result = try FeedListEditor.add(url: chosen.url, title: name, kind: chosen.kind,
                                                    pageURL: chosen.url == url ? nil : url, into: config)
                print("added \(result.added.kind == .sitemap ? "sitemap" : "feed") '\(result.added.id)' (\(result.added.url)) to \(result.target)")
            } catch {
                throw editExit(error)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Drop a feed from the pipeline's feed lists.",
            discussion: """
                Removes every outline whose URL is the feed's from the pipeline's OPML feed lists, \
                each rewritten atomically with the original kept as FILE.bak. Refused (exit 78, \
                nothing written) when a list would be left without feeds; an unknown id exits 64. \
                The feed's run state is kept: records already written still name it.
                """)

        @OptionGroup var options: PipelineOptions

        @Argument(help: "The feed's id (as 'wirescore feeds list' shows it).")
        var id: String

        func run() throws {
            let (config, _) = try options.load()
            do {
                let result = try FeedListEditor.remove(id: id, from: config)
                print("removed feed '\(result.removed.id)' (\(result.removed.url)) from \(result.files.joined(separator: ", "))")
            } catch {
                throw editExit(error)
            }
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset",
            abstract: "Clear a feed's failure count and backoff so the next run fetches it.",
            discussion: """
                Use after fixing what made a feed fail, instead of waiting out its backoff (up to a \
                day). Changes run state only (output/state); no lock is taken: a run in progress \
                that fetches the feed records its own outcome afterwards. An unknown id exits 64.
                """)

        @OptionGroup var options: PipelineOptions

        @Option(help: "Output root holding the run state (default: the pipeline's 'output').")
        var output: String?

        @Argument(help: "The feed's id (as 'wirescore feeds list' shows it).")
        var id: String

        func run() throws {
            let (config, feeds) = try options.load()
            let layout = OutputLayout(root: try resolveOutputRoot(output, config))
            let statePath = layout.stateDirectory + "/state.sqlite"
            let stateExists = FileManager.default.fileExists(atPath: statePath)
            do {
                let store = stateExists ? try StateStore(directory: layout.stateDirectory) : nil
                // A feed no longer listed may still have health to clear; anything else is a typo.
                let listed = feeds.contains { $0.id == id }
                guard try listed || store?.health(of: id) != nil else {
                    let near = NearestName.suggest(id, among: feeds.map(\.id))
                    printError("wirescore: no feed with id '\(id)' in the pipeline's feed lists"
                               + (near.map { "; did you mean '\($0)'?" } ?? " (see 'wirescore feeds list')"))
                    throw ExitCodes.usage
                }
                guard let before = try store?.resetHealth(of: id) else {
                    print("feed '\(id)' has no recorded failures under \(layout.root); nothing to reset")
                    return
                }
                guard before.consecutiveFailures > 0 || before.nextAttempt != nil else {
                    print("feed '\(id)' is not failing; nothing to reset")
                    return
                }
                let next = before.nextAttempt.map { ", next attempt was \(UTCTimestamp.rfc3339($0))" } ?? ""
                print("reset feed '\(id)': cleared \(before.consecutiveFailures) consecutive failure(s)\(next); the next run fetches it")
            } catch let error as StoreError {
                printError("wirescore: cannot update run state: \(error)")
                throw ExitCodes.failure
            }
        }
    }
}

/// The exit for a refused feed list edit, after one line on stderr: 78 for an invalid result
/// or input (as `validate`), 64 for an unknown feed id, 1 when the rewrite failed.
private func editExit(_ error: FeedListEditError) -> ExitCode {
    printError("wirescore: \(error)")
    switch error {
    case .invalid: return ExitCodes.config
    case .unknownFeed, .alreadyListed: return ExitCodes.usage
    case .write: return ExitCodes.failure
    }
}
