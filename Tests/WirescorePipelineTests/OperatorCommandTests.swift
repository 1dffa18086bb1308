import Foundation
import Testing
import WirescoreTestSupport
@testable import WirescorePipeline
#if canImport(Glibc)
import Glibc
#endif

/// The operator-facing edges of the command line, run through the real binary: feed list
/// edits, tail's output root and follow, output URLs and files, and messages that say what
/// to do.
@Suite(.serialized)
struct OperatorCommandTests {
    /// A scratch pipeline over an OPML file with the given head and body.
    private func pipeline(in dir: String, body: String, head: String = "<title>t</title>", extra: String = "") throws -> String {
        let opml = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<head>\(head)</head>\n<body>\n\(body)\n</body>\n</opml>\n"
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/feeds.opml"))
        let yaml = "name: ops\nfeeds: [feeds.opml]\noutput: out\nfetch:\n  allow_private_networks: true\n  timeout: 5\n  retry_after_max_wait: 0\n\(extra)"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.yaml"))
        return dir + "/pipeline.yaml"
    }

    private func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    // MARK: feeds import | remove | reset

    /// A feed whose title slugs to an id already in use is refused at import (78, the reason,
    /// nothing written) rather than breaking the next `validate`; an import that goes through
    /// keeps the list's head and every outline attribute.
    @Test func importRefusesIdCollisionsAndKeepsHeadAndAttributes() throws {
        let dir = try RepositoryPaths.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: """
            <outline text="Markets" description="market desk">
              <outline type="rss" text="Wire" title="Wire News" language="en" description="the wire" htmlUrl="https://wire.example/" xmlUrl="https://wire.example/rss"/>
            </outline>
            """, head: "<title>Desk feeds</title><ownerName>Ops Desk</ownerName><dateCreated>Mon, 16 Nov 2026 10:00:00 GMT</dateCreated>")
        let original = try read(dir + "/feeds.opml")

        try Data("""
            <opml version="2.0"><head><title>x</title></head><body>
            <outline type="rss" text="Wire News" xmlUrl="https://other-wire.example/rss"/>
            </body></opml>
            """.utf8).write(to: URL(fileURLWithPath: dir + "/clash.opml"))
        let clash = try BinaryRun.run(["feeds", "import", dir + "/clash.opml", "--pipeline", path])
        #expect(clash.status == 78, "\(clash.stderr)")
        #expect(clash.stderr.contains("would get the id 'wire-news', already used by https://wire.example/rss"), "\(clash.stderr)")
        #expect(clash.stderr.split(separator: "\n").count == 1)
        #expect(try read(dir + "/feeds.opml") == original, "nothing written")
        #expect(!FileManager.default.fileExists(atPath: dir + "/feeds.opml.bak"))

        try Data("""
            <opml version="2.0"><head><title>x</title></head><body>
            <outline text="Tech"><outline type="rss" text="Chip Daily" language="de" description="chips" xmlUrl="chips.xml"/></outline>
            <outline type="rss" text="Again" xmlUrl="https://wire.example/rss"/>
            </body></opml>
            """.utf8).write(to: URL(fileURLWithPath: dir + "/more.opml"))
        let imported = try BinaryRun.run(["feeds", "import", dir + "/more.opml", "--pipeline", path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 1 feed(s)") && imported.stdout.contains("(1 already listed)"), "\(imported.stdout)")
        #expect(try read(dir + "/feeds.opml.bak") == original)
        let rewritten = try read(dir + "/feeds.opml")
        for kept in ["<ownerName>Ops Desk</ownerName>", "<dateCreated>Mon, 16 Nov 2026 10:00:00 GMT</dateCreated>",
                     "<title>Desk feeds</title>", "description=\"market desk\"", "language=\"en\"", "description=\"the wire\"",
                     "htmlUrl=\"https://wire.example/\"", "language=\"de\"", "description=\"chips\"", "category=\"Tech\""] {
            #expect(rewritten.contains(kept), "lost \(kept):\n\(rewritten)")
        }
        // The imported relative xmlUrl is written absolute: it was relative to the import file.
        #expect(rewritten.contains("xmlUrl=\"file://\(dir)/chips.xml\""), "\(rewritten)")
        let valid = try BinaryRun.run(["validate", "--pipeline", path])
        #expect(valid.status == 0 && valid.stdout.contains("2 feed(s)"), "\(valid.stdout)\(valid.stderr)")
    }

    /// An OPML file that is plain text gets one "invalid OPML" and the real reason, not
    /// libxml2's "Document is empty".
    @Test func importOfANonXMLFileSaysSoOnce() throws {
        let dir = try RepositoryPaths.temporaryDirectory("import-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: "<outline type=\"rss\" text=\"One\" xmlUrl=\"https://one.example/rss\"/>")
        try Data("just some notes\nnot xml\n".utf8).write(to: URL(fileURLWithPath: dir + "/notes.opml"))
        let run = try BinaryRun.run(["feeds", "import", dir + "/notes.opml", "--pipeline", path])
        #expect(run.status == 78)
        #expect(run.stderr.components(separatedBy: "invalid OPML").count == 2, "\(run.stderr)")
        #expect(run.stderr.contains("not an XML document"), "\(run.stderr)")
        #expect(!run.stderr.contains("Document is empty"), "\(run.stderr)")
    }

    @Test func removeDropsTheFeedAtomicallyKeepingABackup() throws {
        let dir = try RepositoryPaths.temporaryDirectory("remove")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: """
            <outline type="rss" text="One" language="en" xmlUrl="https://one.example/rss"/>
            <outline type="rss" text="Two" xmlUrl="https://two.example/rss"/>
            """)
        let original = try read(dir + "/feeds.opml")

        let typo = try BinaryRun.run(["feeds", "remove", "tow", "--pipeline", path])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("no feed with id 'tow'") && typo.stderr.contains("did you mean 'two'?"), "\(typo.stderr)")

        let removed = try BinaryRun.run(["feeds", "remove", "two", "--pipeline", path])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("removed feed 'two'"))
        #expect(try read(dir + "/feeds.opml.bak") == original)
        let after = try read(dir + "/feeds.opml")
        #expect(!after.contains("two.example") && after.contains("language=\"en\""), "\(after)")
        let list = try BinaryRun.run(["feeds", "list", "--pipeline", path, "--json"])
        #expect(list.stdout.split(separator: "\n").count == 1, "\(list.stdout)")

        // The last feed of a list cannot go: the pipeline would stop validating.
        let last = try BinaryRun.run(["feeds", "remove", "one", "--pipeline", path])
        #expect(last.status == 78, "\(last.stderr)")
        #expect(last.stderr.contains("without feeds"), "\(last.stderr)")
        #expect(try read(dir + "/feeds.opml") == after)
    }

    /// A failing feed backs off; `feeds reset` clears it and the next run fetches it again.
    @Test func resetClearsBackoffSoTheNextRunFetches() throws {
        let server = TestHTTPServer()
        try server.start()
        defer { server.stop() }
        server.route("/down.xml", .status(500))
        let dir = try RepositoryPaths.temporaryDirectory("reset")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: "<outline type=\"rss\" text=\"Down\" xmlUrl=\"\(server.url("/down.xml"))\"/>")

        // The only feed failed: no feed answered (69).
        #expect(try BinaryRun.run(["ingest", "--pipeline", path, "--quiet"]).status == 69)
        let fetched = server.requests.count
        let backingOff = try BinaryRun.run(["ingest", "--pipeline", path])
        #expect(backingOff.stdout.contains("backing_off=1"), "\(backingOff.stdout)")
        #expect(server.requests.count == fetched)

        let typo = try BinaryRun.run(["feeds", "reset", "dwon", "--pipeline", path])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean 'down'?"), "\(typo.stderr)")
        let reset = try BinaryRun.run(["feeds", "reset", "down", "--pipeline", path])
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout.contains("cleared 1 consecutive failure(s)"), "\(reset.stdout)")
        let list = try BinaryRun.run(["feeds", "list", "--pipeline", path, "--json"])
        #expect(list.stdout.contains("\"consecutive_failures\":0"), "\(list.stdout)")
        #expect(!list.stdout.contains("\"next_attempt\":\"2"), "\(list.stdout)")

        let again = try BinaryRun.run(["ingest", "--pipeline", path])
        #expect(again.stdout.contains("backing_off=0"), "\(again.stdout)")
        #expect(server.requests.count > fetched, "the reset feed was fetched again")
        let nothing = try BinaryRun.run(["feeds", "reset", "down", "--pipeline", path, "--output", dir + "/elsewhere"])
        #expect(nothing.status == 0 && nothing.stdout.contains("nothing to reset"), "\(nothing.stdout)")
    }

    // MARK: tail

    private func appendRecords(_ root: String, _ day: String, _ lines: [String]) throws {
        let dir = root + "/articles/date=\(day)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/part-0.jsonl"
        if !FileManager.default.fileExists(atPath: path) {
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        try handle.close()
    }

    @Test func tailReadsThePipelinesOutputAndRefusesMissingTrees() throws {
        let dir = try RepositoryPaths.temporaryDirectory("tail-root")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: "<outline type=\"rss\" text=\"One\" xmlUrl=\"https://one.example/rss\"/>")
        try appendRecords(dir + "/out", "2026-11-20", ["{\"id\":\"a1\"}", "{\"id\":\"a2\"}"])

        let viaPipeline = try BinaryRun.run(["tail", "--pipeline", path, "-n", "1"])
        #expect(viaPipeline.status == 0, "\(viaPipeline.stderr)")
        #expect(viaPipeline.stdout == "{\"id\":\"a2\"}\n")

        let missing = try BinaryRun.run(["tail", "--output", dir + "/typo"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no wirescore output at \(dir)/typo"), "\(missing.stderr)")
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let notATree = try BinaryRun.run(["tail", "--output", dir + "/empty", "--follow"], timeout: 30)
        #expect(notATree.status == 1 && notATree.stderr.contains("holds none of"), "\(notATree.stderr)")
    }

    /// On a terminal, titles lose C0 controls (ESC, BEL) and C1 controls (U+0080-U+009F,
    /// U+009B being CSI to many terminals).
    @Test func tailStripsControlCharactersOnATerminal() throws {
        let root = try RepositoryPaths.temporaryDirectory("tail-tty")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let title = #"\u001b]0;pwned\u0007Red \u009b31mAlert\u0085 end\u0090x"#
        try appendRecords(root, "2026-11-20", [#"{"id":"t1","source":"Wire\u009c","title":""# + title + #"","published":"2026-11-20T10:00:00Z"}"#])
        let run = try TerminalRun.run(["tail", "--output", root])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Alert"), "\(run.stdout)")
        let scalars = run.stdout.unicodeScalars.map(\.value)
        #expect(!scalars.contains { ($0 < 0x20 && $0 != 0x0A && $0 != 0x0D) || (0x7F...0x9F).contains($0) },
                "\(run.stdout.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    /// The compact line names the article's main event (the most confident one).
    @Test func tailShowsTheMainEventOnATerminal() throws {
        let root = try RepositoryPaths.temporaryDirectory("tail-event")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try appendRecords(root, "2026-11-20", [#"{"id":"e1","source":"Wire","title":"Apple cut to sell","published":"2026-11-20T10:00:00Z","events":[{"type":"price-move/down","company":"AAPL","role":"subject","sentiment":-0.4,"ess":30,"confidence":0.7,"evidence":"x"},{"type":"analyst/rating/downgrade","company":"AAPL","role":"subject","sentiment":-0.5,"ess":25,"confidence":0.9,"evidence":"x"}]}"#])
        let run = try TerminalRun.run(["tail", "--output", root])
        #expect(run.status == 0)
        #expect(run.stdout.contains("[analyst/rating/downgrade AAPL]  Apple cut to sell"), "\(run.stdout)")
    }

    // MARK: output roots

    /// `--output s3://...` (or `output:` in the pipeline) is taken by ingest, reprocess and tail
    /// (which then need credentials: 78 without), refused with 64 by the commands that read a
    /// local tree, and any other URL scheme is refused with 64 everywhere. No folder named
    /// `s3:` appears.
    @Test func outputURLsOtherThanS3AreRefusedAndS3NeedsCredentials() throws {
        let dir = try RepositoryPaths.temporaryDirectory("output-url")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: "<outline type=\"rss\" text=\"One\" xmlUrl=\"https://one.example/rss\"/>")
        let cwd = FileManager.default.currentDirectoryPath
        // Empty counts as unset: whatever the runner's environment holds, no credentials.
        let noCredentials = ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "WIRESCORE_SPOOL": dir + "/spool"]
        let s3Commands: [[String]] = [
            ["ingest", "--pipeline", path, "--output", "s3://bucket/news"],
            ["reprocess", "--pipeline", path, "--output", "s3://bucket/news", "--from", "2026-11-01", "--to", "2026-11-02"],
            ["tail", "--output", "s3://bucket/news"],
        ]
        for arguments in s3Commands {
            let run = try BinaryRun.run(arguments, environment: noCredentials)
            #expect(run.status == 78, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("no credentials for s3://bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
                    "\(arguments): \(run.stderr)")
        }
        let badBucket = try BinaryRun.run(["ingest", "--pipeline", path, "--output", "s3://Bad_Bucket/x"], environment: noCredentials)
        #expect(badBucket.status == 64 && badBucket.stderr.contains("is not a bucket name"), "\(badBucket.stderr)")
        let local = try BinaryRun.run(["feeds", "reset", "one", "--pipeline", path, "--output", "s3://bucket/news"])
        #expect(local.status == 64 && local.stderr.contains("s3:// works with ingest, reprocess and tail"), "\(local.stderr)")
        let gs = try BinaryRun.run(["feeds", "list", "--pipeline", path, "--output", "gs://bucket/news"])
        #expect(gs.status == 64 && gs.stderr.contains("object storage through gs:// is not supported"), "\(gs.stderr)")
        let ftp = try BinaryRun.run(["tail", "--output", "ftp://host/x"])
        #expect(ftp.status == 64 && ftp.stderr.contains("URL scheme 'ftp' is not supported"), "\(ftp.stderr)")

        let yaml = try read(path).replacingOccurrences(of: "output: out", with: "output: s3://bucket/news")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        for arguments in [["ingest", "--pipeline", path], ["tail", "--pipeline", path]] {
            let run = try BinaryRun.run(arguments, environment: noCredentials)
            #expect(run.status == 78, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("no credentials for s3://bucket"), "\(arguments): \(run.stderr)")
        }
        let validate = try BinaryRun.run(["validate", "--pipeline", path], environment: noCredentials)
        #expect(validate.status == 0, "\(validate.stderr)")
        for place in [dir, cwd] {
            #expect(!FileManager.default.fileExists(atPath: place + "/s3:"), "a folder named s3: appeared in \(place)")
            #expect(!FileManager.default.fileExists(atPath: place + "/gs:"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/spool"), "a run without credentials staged something")
    }

    @Test func anOutputPathThatIsAFileIsNamed() throws {
        let dir = try RepositoryPaths.temporaryDirectory("output-file")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: "<outline type=\"rss\" text=\"One\" xmlUrl=\"https://one.example/rss\"/>")
        #expect(FileManager.default.createFile(atPath: dir + "/plain", contents: Data("x".utf8)))
        let run = try BinaryRun.run(["ingest", "--pipeline", path, "--output", dir + "/plain"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("output path \(dir)/plain is a file, not a directory"), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        // A file deeper in the tree (the state folder) is named too.
        try FileManager.default.createDirectory(atPath: dir + "/tree", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: dir + "/tree/state", contents: Data("x".utf8)))
        let deep = try BinaryRun.run(["ingest", "--pipeline", path, "--output", dir + "/tree"])
        #expect(deep.status == 1)
        #expect(deep.stderr.contains("\(dir)/tree/state: is a file, not a directory"), "\(deep.stderr)")
        #expect(!deep.stderr.contains("NSCocoaErrorDomain"))
    }

    // MARK: messages

    @Test func inspectPageReportsAMissingFileAndGoesOn() throws {
        let dir = try RepositoryPaths.temporaryDirectory("inspect")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<html><head><title>Here</title></head><body><p>Acme rose.</p></body></html>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/here.html"))
        let run = try BinaryRun.run(["inspect", "page", dir + "/gone.html", dir + "/here.html"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot read \(dir)/gone.html: No such file or directory"), "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains("\"title\":\"Here\"") == true, "\(run.stdout)")
        #expect(lines.last?.contains("\"kind\":\"article\"") == true, "\(run.stdout)")
    }

    @Test func misspeltSubcommandsGetASuggestion() throws {
        let run = try BinaryRun.run(["ingset", "--pipeline", "x.yaml"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("did you mean 'ingest'?"), "\(run.stderr)")
        let nested = try BinaryRun.run(["feeds", "remvoe", "x"])
        #expect(nested.status == 64 && nested.stderr.contains("did you mean 'remove'?"), "\(nested.stderr)")
        let inspect = try BinaryRun.run(["inspect", "pgae", "x.html"])
        #expect(inspect.status == 64 && inspect.stderr.contains("did you mean 'page'?"), "\(inspect.stderr)")
        // Real commands and options are untouched.
        #expect(try BinaryRun.run(["help", "ingest"]).status == 0)
        #expect(try BinaryRun.run(["feeds", "--help"]).status == 0)
    }

    @Test func versionAgreesWithTheRecords() throws {
        let run = try BinaryRun.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.contains(WirescoreVersion.scoring), "\(run.stdout)")
        #expect(run.stdout.contains(WirescoreVersion.software), "\(run.stdout)")
    }

    /// `http_proxy` from the environment is honoured by `wirescore fetch` (and ingest: same
    /// policy); `fetch.proxy: none` turns it off.
    @Test func environmentProxyIsUsedAndPipelineCanTurnItOff() async throws {
        let proxy = TestHTTPServer()
        try proxy.start()
        defer { proxy.stop() }
        proxy.route("http://feeds.example.test/feed.xml", .ok("via proxy", contentType: "text/plain"))
        let dir = try RepositoryPaths.temporaryDirectory("proxy")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try pipeline(in: dir, body: "<outline type=\"rss\" text=\"One\" xmlUrl=\"https://one.example/rss\"/>")
        let env = ["http_proxy": proxy.baseURL, "HTTPS_PROXY": proxy.baseURL]
        let viaProxy = try BinaryRun.run(["fetch", "--pipeline", path, "http://feeds.example.test/feed.xml"], environment: env, timeout: 60)
        #expect(viaProxy.status == 0, "\(viaProxy.stdout)\(viaProxy.stderr)")
        #expect(viaProxy.stdout.hasPrefix("200\t9\t"), "\(viaProxy.stdout)")
        #expect(proxy.requests.map(\.path) == ["http://feeds.example.test/feed.xml"])

        let yaml = try read(path) + "  proxy: none\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        let direct = try BinaryRun.run(["fetch", "--pipeline", path, "http://feeds.example.test/feed.xml"], environment: env, timeout: 60)
        #expect(direct.status == 1, "\(direct.stdout)")
        #expect(proxy.requests.count == 1, "proxy: none still went through the proxy")
    }
}

/// Runs the binary with stdout on a pseudo-terminal, so it prints as it would for a person.
enum TerminalRun {
    static func run(_ arguments: [String], timeout: Double = 30) throws -> (status: Int32, stdout: String) {
        // posix_openpt and friends are not in Swift's Glibc module; these are their Linux ioctls.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(.ENODEV) }
        defer { close(master) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        let TIOCSPTLCK: UInt = 0x4004_5431, TIOCGPTN: UInt = 0x8004_5430
        guard ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else { throw POSIXError(.ENODEV) }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENODEV) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RepositoryPaths.binary)
        process.arguments = arguments
        process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { close(slave); throw error }
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { kill(pid, SIGKILL) } }
        process.waitUntilExit()
        close(slave)
        // Everything the child wrote waits in the terminal's buffer; read it without blocking.
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        return (process.terminationStatus, String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
    }
}
