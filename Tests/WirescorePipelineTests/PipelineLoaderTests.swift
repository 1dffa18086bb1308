import WirescoreComposites
import Foundation
import Testing
@testable import WirescorePipeline

struct PipelineLoaderTests {
    /// A scratch folder with an OPML file, so `feeds:` entries resolve.
    private func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "wirescore-pipeline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let opml = """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>t</title></head><body>
              <outline type="rss" text="Alpha News" xmlUrl="feeds/alpha.xml"/>
            </body></opml>
            """
        try Data(opml.utf8).write(to: URL(fileURLWithPath: dir + "/list.opml"))
        return dir
    }

    private func expectError(_ yaml: String, line: Int?, containing text: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try PipelineLoader.parse(yaml: yaml, file: dir + "/p.yaml")
            Issue.record("expected an error containing '\(text)'")
        } catch {
            #expect(error.line == line)
            #expect(error.reason.contains(text), "\(error.reason)")
        }
    }

    @Test func readsSettingsAndResolvesPathsAgainstTheFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try PipelineLoader.parse(yaml: """
            name: test
            feeds: [list.opml]
            output: out
            include_text: false
            fetch:
              concurrency: 4
              max_bytes: 2MB
              protocols: [https, file]
              timeout: 2.5
            extract:
              min_words: 40
            """, file: dir + "/p.yaml")
        #expect(config.name == "test")
        #expect(config.feedLists == [dir + "/list.opml"])
        #expect(config.output == dir + "/out")
        #expect(config.includeText == false)
        #expect(config.fetch.concurrency == 4)
        #expect(config.fetch.maxBytes == 2_000_000)
        #expect(config.fetch.protocols == ["https", "file"])
        #expect(config.fetch.timeout == 2.5)
        #expect(config.extract.minWords == 40)
        #expect(config.fetch.userAgent.hasPrefix("wirescore/"))
    }

    /// The politeness keys of docs/sources.md: defaults, values, bounds, and the policy.
    @Test func readsThePolitenessKeys() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let defaults = try PipelineLoader.parse(yaml: "feeds: [list.opml]\n", file: dir + "/p.yaml")
        #expect(defaults.fetch.robots && defaults.fetch.perHostInterval == 0 && defaults.fetch.maxCrawlDelay == 10)
        #expect(defaults.fetchPolicy(environment: [:]).perHostInterval == .zero)
        let set = try PipelineLoader.parse(yaml: """
            feeds: [list.opml]
            fetch:
              robots: false
              per_host_interval: 1.5
              max_crawl_delay: 4
            """, file: dir + "/p.yaml")
        #expect(!set.fetch.robots && set.fetch.perHostInterval == 1.5 && set.fetch.maxCrawlDelay == 4)
        #expect(set.fetchPolicy(environment: [:]).perHostInterval == .milliseconds(1500))
        try expectError("feeds: [list.opml]\nfetch:\n  per_host_interval: -1\n", line: 3, containing: "between 0.0 and 600.0")
        try expectError("feeds: [list.opml]\nfetch:\n  robots: sometimes\n", line: 3, containing: "true or false")
    }

    @Test func rejectsUnknownKeysWithTheirLine() throws {
        try expectError("feeds: [list.opml]\nfetch:\n  concurency: 4\n", line: 3, containing: "unknown key 'concurency'")
    }

    /// A misspelt key names the nearest known one; a wrong type echoes what was found; both
    /// keep file:line: reason.
    @Test func unknownKeysSuggestAndWrongTypesEchoTheValue() throws {
        try expectError("feeds: [list.opml]\nfetch:\n  alow_private_networks: true\n", line: 3,
                        containing: "unknown key 'alow_private_networks'; did you mean 'allow_private_networks'?")
        try expectError("feeds: [list.opml]\nincude_text: false\n", line: 2, containing: "did you mean 'include_text'?")
        try expectError("feeds: [list.opml]\nzzzzzz: 1\n", line: 2, containing: "unknown key 'zzzzzz'")
        try expectError("feeds: [list.opml]\nfetch:\n  concurrency: lots\n", line: 3, containing: "whole number, got 'lots'")
        try expectError("feeds: [list.opml]\nfetch:\n  timeout: soon\n", line: 3, containing: "seconds, got 'soon'")
        try expectError("feeds: [list.opml]\ninclude_text: maybe\n", line: 2, containing: "true or false, got 'maybe'")
        try expectError("feeds: [list.opml]\nname: [a, b]\n", line: 2, containing: "must be a string, got a list")
        try expectError("feeds: [list.opml]\nfetch:\n  max_bytes: lots\n", line: 3, containing: "got 'lots'")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try PipelineLoader.parse(yaml: "feeds: [list.opml]\nfetch:\n  per_hots: 2\n", file: dir + "/p.yaml", displayName: "p.yaml")
            Issue.record("a misspelt key was accepted")
        } catch {
            #expect(error.description == "p.yaml:3: unknown key 'per_hots'; did you mean 'per_host'?")
        }
    }

    /// "cannot read the pipeline file" says why (strerror) and, for a relative path, where it
    /// was looked for.
    @Test func unreadablePipelineSaysWhyAndWhere() throws {
        do {
            _ = try PipelineLoader.load(path: "no-such-dir-\(UUID().uuidString)/p.yaml")
            Issue.record("a missing pipeline was loaded")
        } catch {
            #expect(error.reason.contains("cannot read the pipeline file: No such file or directory"), "\(error)")
            #expect(error.reason.contains("working directory \(FileManager.default.currentDirectoryPath)"), "\(error)")
        }
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try PipelineLoader.load(path: dir)
            Issue.record("a directory was loaded as a pipeline")
        } catch {
            #expect(error.reason.contains("Is a directory"), "\(error)")
            #expect(!error.reason.contains("working directory"), "\(error)")
        }
    }

    /// `output: s3://...` stays a URL (the commands refuse it), not a folder named `s3:`.
    @Test func outputURLsAreKeptAsWritten() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try PipelineLoader.parse(yaml: "feeds: [list.opml]\noutput: s3://bucket/news\n", file: dir + "/p.yaml")
        #expect(config.output == "s3://bucket/news")
    }

    @Test func proxySettingAndEnvironment() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func load(_ fetch: String) throws -> PipelineConfig {
            try PipelineLoader.parse(yaml: "feeds: [list.opml]\nfetch:\n\(fetch)", file: dir + "/p.yaml")
        }
        let env = ["http_proxy": "http://env-proxy:3128", "HTTPS_PROXY": "http://tls-proxy:3128", "no_proxy": "intra.example"]

        // No key: the environment, as curl reads it (lower case first, upper case too).
        let fromEnv = try load("  timeout: 5\n").fetchPolicy(environment: env)
        #expect(fromEnv.proxy == "http://env-proxy:3128")
        #expect(fromEnv.httpsProxy == "http://tls-proxy:3128")
        #expect(fromEnv.noProxy == "intra.example,localhost,127.0.0.0/8,::1")
        let upper = try load("  timeout: 5\n").fetchPolicy(environment: ["HTTP_PROXY": "http://u:1", "ALL_PROXY": "socks5h://s:1080"])
        #expect(upper.proxy == "http://u:1")
        #expect(upper.httpsProxy == "socks5h://s:1080")
        let onlyHTTP = try load("  timeout: 5\n").fetchPolicy(environment: ["http_proxy": "http://p:1"])
        #expect(onlyHTTP.httpsProxy == "")   // https goes direct, as with curl
        let none = try load("  timeout: 5\n").fetchPolicy(environment: [:])
        #expect(none.proxy == nil && none.httpsProxy == nil && none.noProxy == nil, "\(String(describing: none.proxy)) \(String(describing: none.httpsProxy))")

        // The key overrides the environment's proxies; no_proxy still names direct hosts.
        let explicit = try load("  proxy: http://pipeline-proxy:8080\n").fetchPolicy(environment: env)
        #expect(explicit.proxy == "http://pipeline-proxy:8080")
        #expect(explicit.httpsProxy == nil)
        #expect(explicit.noProxy?.hasPrefix("intra.example,") == true)
        // `none` and "" disable proxies whatever the environment says.
        for off in ["  proxy: none\n", "  proxy: \"\"\n", "  proxy: NONE\n"] {
            let direct = try load(off).fetchPolicy(environment: env)
            #expect(direct.proxy == nil && direct.httpsProxy == nil, "\(off)")
        }
        try expectError("feeds: [list.opml]\nfetch:\n  proxy: ftp://p:21\n", line: 3, containing: "got 'ftp://p:21'")
        try expectError("feeds: [list.opml]\nfetch:\n  proxy: proxy.example:3128\n", line: 3, containing: "proxy URL")
        try expectError("feeds: [list.opml]\nfetch:\n  proxy: [a]\n", line: 3, containing: "got a list")
    }

    @Test func rejectsBadValuesWithTheirLine() throws {
        try expectError("feeds: [list.opml]\nfetch:\n  concurrency: lots\n", line: 3, containing: "whole number")
        try expectError("feeds: [list.opml]\nfetch:\n  max_redirects: 9\n", line: 3, containing: "between 0 and 5")
        try expectError("feeds: [list.opml]\nfetch:\n  protocols: [http, gopher]\n", line: 3, containing: "gopher")
        try expectError("feeds: [list.opml]\ninclude_text: maybe\n", line: 2, containing: "true or false")
    }

    @Test func rejectsMissingFeedLists() throws {
        try expectError("name: x\nfeeds:\n  - list.opml\n  - missing.opml\n", line: 4, containing: "not found")
        try expectError("name: x\n", line: 1, containing: "'feeds'")
    }

    @Test func reportsYAMLSyntaxErrorsWithALine() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try PipelineLoader.parse(yaml: "feeds: [list.opml\nname: x\n", file: dir + "/p.yaml")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.line != nil)
            #expect(error.reason.hasPrefix("YAML syntax"))
        }
    }

    @Test func parsesShards() {
        #expect(ShardSpec(parsing: "2/4") == ShardSpec(index: 2, count: 4))
        #expect(ShardSpec(parsing: "4/4") == nil)
        #expect(ShardSpec(parsing: "x") == nil)
        let feeds = (0..<200).map { FeedSpec(id: "feed-\($0)", title: "", url: "https://x/\($0)", listFile: "", line: nil) }
        let owned = (0..<4).map { shard in feeds.filter(ShardSpec(index: shard, count: 4).owns).count }
        #expect(owned.reduce(0, +) == 200)
        #expect(owned.allSatisfy { $0 > 20 })
    }

    @Test func slugsFeedIDs() {
        #expect(FeedSpec.slug("MarketWire — Top Stories!") == "marketwire-top-stories")
        #expect(FeedSpec.slug("../../etc/passwd") == "etc-passwd")
    }
}

struct PipelineEntitiesTests {
    @Test func entitiesFileErrorsCarryFileAndLine() throws {
        let dir = try RepositoryPaths.temporaryDirectory("entities")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body><outline text=\"A\" xmlUrl=\"a.xml\"/></body></opml>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/list.opml"))
        try Data("openai\tOpenAI\tprivate\n\tno id here\n".utf8).write(to: URL(fileURLWithPath: dir + "/extra.tsv"))
        do {
            _ = try PipelineLoader.parse(yaml: "feeds: [list.opml]\nentities: extra.tsv\n", file: dir + "/p.yaml")
            Issue.record("expected the malformed entities file to be refused")
        } catch {
            #expect(error.file.hasSuffix("extra.tsv"))
            #expect(error.line == 2)
        }
        try Data("openai\tOpenAI\tprivate\n".utf8).write(to: URL(fileURLWithPath: dir + "/extra.tsv"))
        let config = try PipelineLoader.parse(yaml: "feeds: [list.opml]\nentities: extra.tsv\n", file: dir + "/p.yaml")
        let analysis = try config.makeAnalyzer().analyze(title: nil, text: "OpenAI said on Monday it had raised new funding.")
        #expect(analysis.entities.map(\.id).contains("openai"))
    }

    @Test func entitiesNameBuiltinListsThatNarrowTheUniverse() throws {
        let dir = try RepositoryPaths.temporaryDirectory("entity-lists")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body><outline text=\"A\" xmlUrl=\"a.xml\"/></body></opml>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/list.opml"))
        try Data("acme\tAcme Rockets\tprivate\n".utf8).write(to: URL(fileURLWithPath: dir + "/extra.tsv"))
        let text = "Microsoft and OpenAI extended their deal, while Acme Rockets and Volkswagen cut jobs and JetBlue Airways added flights."
        func ids(_ yaml: String) throws -> Set<String> {
            let config = try PipelineLoader.parse(yaml: "feeds: [list.opml]\n" + yaml, file: dir + "/p.yaml")
            return Set(try config.makeAnalyzer().analyze(title: nil, text: text).entities.map(\.id))
        }
        // Default: the whole universe (S&P 500, US-listed, global, private).
        #expect(try ids("") == ["MSFT", "openai", "VOW3.DE", "JBLU"])
        #expect(try ids("entities: sp500\n") == ["MSFT"])
        #expect(try ids("entities: [sp500, private]\n") == ["MSFT", "openai"])
        #expect(try ids("entities: [us-listed, extra.tsv]\n") == ["MSFT", "JBLU", "acme"])
        #expect(try ids("entities: [global]\n").contains("VOW3.DE"))
        #expect(try ids("entities: extra.tsv\n") == ["MSFT", "openai", "VOW3.DE", "JBLU", "acme"])
        do {
            _ = try PipelineLoader.parse(yaml: "feeds: [list.opml]\nentities: [sp500, russell9000]\n", file: dir + "/p.yaml")
            Issue.record("expected an unknown list name to be refused")
        } catch {
            #expect(error.line == 2)
            #expect(error.reason.contains("sp500, us-listed, global, private"))
        }
    }
}

struct PipelineCompositesTests {
    @Test func readsCompositesAndReportsBadSignalsWithLines() throws {
        let dir = try RepositoryPaths.temporaryDirectory("composites")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body><outline text=\"A\" xmlUrl=\"a.xml\"/></body></opml>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/list.opml"))
        let good = """
            feeds: [list.opml]
            composites:
              alpha:
                title: Alpha Score
                signals:
                  momentum: {weight: 30, source: factor, column: mom}
                  sentiment: {weight: 20, source: news_sentiment, half_life: 5}
            """
        let config = try PipelineLoader.parse(yaml: good, file: dir + "/p.yaml")
        let alpha = try #require(config.composites?.composites.first)
        #expect(alpha.name == "alpha")
        #expect(alpha.signals.map(\.name) == ["momentum", "sentiment"])
        #expect(alpha.signals[0].kind == .external(column: "mom"))
        #expect(alpha.signals[1].halfLifeDays == 5)

        let bad = "feeds: [list.opml]\ncomposites:\n  alpha:\n    signals:\n      x: {weight: 1, source: tea_leaves}\n"
        do {
            _ = try PipelineLoader.parse(yaml: bad, file: dir + "/p.yaml")
            Issue.record("expected an unknown source to be refused")
        } catch {
            #expect(error.line == 5)
            #expect(error.reason.contains("tea_leaves"))
        }
        try Data("date,ticker,mom\n2026-11-20,AAPL,not-a-number\n".utf8).write(to: URL(fileURLWithPath: dir + "/f.csv"))
        do {
            _ = try PipelineLoader.parse(yaml: "feeds: [list.opml]\nfactors: f.csv\n", file: dir + "/p.yaml")
            Issue.record("expected the bad factor row to be refused")
        } catch {
            #expect(error.file.hasSuffix("f.csv"))
            #expect(error.line == 2)
        }
    }
}
