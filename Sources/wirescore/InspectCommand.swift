import ArgumentParser
import Foundation
import Synchronization
import WirescoreCore
import WirescoreExtract
import WirescoreFeeds

/// Single stages, exposed for debugging and for the evaluation runners.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Run one stage on local input and print what it sees (JSON).",
        subcommands: [InspectFeedCommand.self, InspectPageCommand.self, InspectTextCommand.self])
}

struct InspectFeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Parse a feed file and print a feedparser-shaped JSON object.")

    @Argument(help: "Feed file(s) ('-' for stdin). Several files print one JSON line each, in one process.")
    var files: [String]

    @Option(help: "The document's URL: the base for relative links.")
    var url: String?

    @Option(name: .long, help: ArgumentHelp("An HTTP response header, e.g. 'Content-Type: application/xml; charset=utf-8'. Repeatable.", valueName: "Name: value"))
    var header: [String] = []

    func validate() throws {
        for h in header where !h.contains(":") {
            throw ValidationError("--header must look like 'Name: value', got '\(h)'")
        }
    }

    func run() throws {
        var headers: [String: String] = [:]
        for h in header {
            let parts = h.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            headers[parts[0].trimmingCharacters(in: .whitespaces).lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        let parser = FeedParser()
        // JSON is written as bytes straight from the parsed document (no JSONValue tree).
        var out = StdoutBytes()
        for file in files {
            do {
                let bytes: [UInt8]
                if file == "-" {
                    bytes = try readInput(file)
                } else {
                    guard let read = readFileBytes(file) else { throw ValidationError("cannot read \(file)") }
                    bytes = read
                }
                let doc = try parser.parse(bytes, url: url, contentType: headers["content-type"],
                                           contentLocation: headers["content-location"],
                                           contentLanguage: headers["content-language"])
                doc.appendFeedparserJSON(to: &out.buffer)
            } catch {
                // feedparser's answer for a document that is no feed at all: bozo, nothing parsed.
                let json = JSONValue.object([("bozo", .int(1)), ("bozo_exception", .string("\(error)")), ("encoding", .string("utf-8")),
                                             ("version", .string("")), ("feed", .object([])), ("entries", .array([]))])
                out.buffer.append(contentsOf: json.serializedBytes())
            }
            out.endLine()
        }
        out.flush()
    }
}

struct InspectPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Extract main text and metadata from HTML files: one JSON line per file.")

    @Argument(help: "HTML files.")
    var files: [String]

    @Option(help: "The page's URL (base for relative links; applies to every file).")
    var url: String?

    /// A file that cannot be read still gets its JSON line (one per FILE, in order, with
    /// "error"), and also one line on stderr; the command then exits 1 after the others.
    func run() throws {
        let extractor = ArticleExtractor()
        var out = StdoutLines()
        let files = files, url = url
        let unreadable = UnreadableFiles()
        // Pages are independent: extract them on all cores, print in the order given.
        OrderedParallelMap.run(count: files.count, transform: { index in
            Self.line(for: files[index], index: index, url: url, extractor: extractor, unreadable: unreadable)
        }, emit: { out.append($0) })
        out.flush()
        let failures = unreadable.sorted
        guard !failures.isEmpty else { return }
        for message in failures { printError("wirescore: \(message)") }
        throw ExitCodes.failure
    }

    private static func line(for file: String, index: Int, url: String?, extractor: ArticleExtractor,
                             unreadable: UnreadableFiles) -> String {
        var o = JSONObjectBuilder()
        o.set("file", file)
        do {
            let bytes: [UInt8]
            if file == "-" {
                bytes = try readInput(file)
            } else {
                guard let read = readFileBytes(file) else {
                    let message = "cannot read \(file): \(FileProblem.reason(file))"
                    unreadable.add(index, message)
                    throw ValidationError(message)
                }
                bytes = read
            }
            let page = try extractor.extract(html: bytes, url: url, contentType: nil)
            o.set("title", page.title)
            o.set("author", page.author)
            o.set("published", page.published.map(UTCTimestamp.rfc3339) ?? page.publishedRaw)
            o.set("lang", page.lang)
            o.set("canonical_url", page.canonicalURL)
            o.set("text", page.text)
            o.set("kind", page.kind.rawValue)
        } catch {
            o.set("title", .null)
            o.set("author", .null)
            o.set("published", .null)
            o.set("lang", .null)
            o.set("canonical_url", .null)
            o.set("text", "")
            o.set("error", "\(error)")
        }
        return o.value.serialized()
    }
}

/// The files `inspect page` could not read, collected from its parallel workers.
private final class UnreadableFiles: Sendable {
    private let messages = Mutex<[(index: Int, message: String)]>([])

    func add(_ index: Int, _ message: String) {
        messages.withLock { $0.append((index, message)) }
    }

    /// The messages in the order the files were given (workers finish in any order).
    var sorted: [String] {
        messages.withLock { $0.sorted { $0.index < $1.index }.map(\.message) }
    }
}

/// Reads a whole file, or stdin for "-".
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("cannot read \(path)")
    }
    return [UInt8](data)
}
