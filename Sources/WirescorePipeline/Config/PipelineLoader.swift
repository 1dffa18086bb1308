import Foundation
import WirescoreCore
import WirescoreEntities
import WirescoreOutput
import Yams

/// Reads and validates a pipeline YAML file into a ``PipelineConfig``.
///
/// Errors carry the file, line and reason (`wirescore validate`, exit 78). The loader checks
/// the pipeline itself; ``FeedListLoader`` checks the OPML files it names.
public enum PipelineLoader {
    public static func load(path: String) throws(PipelineError) -> PipelineConfig {
        let absolute = absolutePath(path)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw PipelineError(file: path, line: nil, reason: "cannot read the pipeline file: " + FileProblem.reason(path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(file: path, line: nil, reason: "the pipeline file is not valid UTF-8")
        }
        return try parse(yaml: text, file: absolute, displayName: path)
    }

    /// Parses pipeline YAML; `file` anchors relative paths, `displayName` is used in errors.
    public static func parse(yaml: String, file: String, displayName: String? = nil) throws(PipelineError) -> PipelineConfig {
        let shown = displayName ?? file
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw PipelineError(file: shown, line: nil, reason: "the pipeline file is empty")
            }
            root = node
        } catch let error as PipelineError {
            throw error
        } catch let error as YamlError {
            throw PipelineError(file: shown, line: line(of: error), reason: "YAML syntax: \(problem(of: error))")
        } catch {
            throw PipelineError(file: shown, line: nil, reason: "YAML: \(error)")
        }
        let base = (file as NSString).deletingLastPathComponent
        var fields = try YAMLFields(root, file: shown, what: "a pipeline")

        let defaultName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = try fields.string("name") ?? defaultName
        guard !name.isEmpty, name.count <= 100 else {
            throw PipelineError(file: shown, line: fields.line, reason: "'name' must be 1 to 100 characters")
        }

        guard let feedEntries = try fields.strings("feeds"), !feedEntries.isEmpty else {
            throw PipelineError(file: shown, line: fields.line,
                                reason: "'feeds' must name at least one OPML feed list")
        }
        var feedLists: [String] = []
        for (entry, line) in feedEntries {
            let resolved = resolve(entry, against: base)
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                throw PipelineError(file: shown, line: line, reason: "feed list '\(entry)' not found (looked at \(resolved))")
            }
            feedLists.append(resolved)
        }

        // A URL (`s3://...`) is kept as written, not turned into a folder named `s3:`; the
        // commands refuse what they cannot write to (OutputRoot.check).
        let output = try fields.string("output").map { OutputRoot.urlScheme(of: $0) == nil ? resolve($0, against: base) : $0 }
        let includeText = try fields.bool("include_text") ?? true
        // `entities:` a file, a built-in list (sp500, us-listed, global, private, all) or a list
        // of them: the named lists narrow the built-in universe, a file adds to it.
        var entitiesFile: String?
        var entityLists: GazetteerLists = []
        for (entry, line) in try fields.strings("entities") ?? [] {
            if let list = GazetteerLists(name: entry) { entityLists.formUnion(list); continue }
            let resolved = resolve(entry, against: base)
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                throw PipelineError(file: shown, line: line, reason: "entities file '\(entry)' not found (looked at \(resolved)); the built-in lists are sp500, us-listed, global, private, all")
            }
            guard entitiesFile == nil else {
                throw PipelineError(file: shown, line: line, reason: "at most one entities file; merge '\(entry)' into the first")
            }
            entitiesFile = resolved
        }
        if entityLists.isEmpty { entityLists = .all }

        var fetch = PipelineConfig.FetchSettings()
        if var f = try fields.mapping("fetch") {
            fetch.concurrency = try f.int("concurrency", in: 1...1024) ?? fetch.concurrency
            fetch.perHost = try f.int("per_host", in: 1...64) ?? fetch.perHost
            fetch.connectTimeout = try f.seconds("connect_timeout", in: 0.1...300) ?? fetch.connectTimeout
            fetch.timeout = try f.seconds("timeout", in: 0.1...3600) ?? fetch.timeout
            fetch.lowSpeedLimit = try f.int("low_speed_limit", in: 0...100_000_000) ?? fetch.lowSpeedLimit
            fetch.lowSpeedTime = try f.seconds("low_speed_time", in: 1...3600) ?? fetch.lowSpeedTime
            fetch.maxRedirects = try f.int("max_redirects", in: 0...5) ?? fetch.maxRedirects
            fetch.maxBytes = try f.bytes("max_bytes", in: 1024...(1 << 30)) ?? fetch.maxBytes
            fetch.allowPrivateNetworks = try f.bool("allow_private_networks") ?? fetch.allowPrivateNetworks
            fetch.retryAfterMaxWait = try f.seconds("retry_after_max_wait", in: 0...300) ?? fetch.retryAfterMaxWait
            fetch.maxItemsPerFeed = try f.int("max_items_per_feed", in: 1...10_000) ?? fetch.maxItemsPerFeed
            fetch.robots = try f.bool("robots") ?? fetch.robots
            fetch.perHostInterval = try f.seconds("per_host_interval", in: 0...600) ?? fetch.perHostInterval
            fetch.maxCrawlDelay = try f.seconds("max_crawl_delay", in: 0...600) ?? fetch.maxCrawlDelay
            if let contact = try f.string("contact") {
                guard contact.hasPrefix("http://") || contact.hasPrefix("https://") || contact.hasPrefix("mailto:") else {
                    throw f.error(f.value("contact"), "'contact' must be an http(s) or mailto: URL")
                }
                fetch.contact = contact
            }
            if let proxyNode = f.value("proxy") {
                fetch.proxy = try proxySetting(proxyNode, fields: f)
            }
            if let protocols = try f.strings("protocols") {
                var list: [String] = []
                for (name, line) in protocols {
                    let lowered = name.lowercased()
                    guard ["http", "https", "file"].contains(lowered) else {
                        throw PipelineError(file: shown, line: line,
                                            reason: "protocol '\(name)' is not supported (http, https, file)")
                    }
                    list.append(lowered)
                }
                fetch.protocols = list
            }
            try f.rejectUnknownKeys()
        }

        var extract = PipelineConfig.ExtractSettings()
        if var e = try fields.mapping("extract") {
            extract.minWords = try e.int("min_words", in: 0...100_000) ?? extract.minWords
            try e.rejectUnknownKeys()
        }

        var factorsFile: String?
        if let entry = try fields.string("factors") {
            let resolved = resolve(entry, against: base)
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                throw fields.error(fields.value("factors"), "factor file '\(entry)' not found (looked at \(resolved))")
            }
            factorsFile = resolved
        }
        let composites = try fields.value("composites").map { node throws(PipelineError) in
            try CompositesLoader.parse(node, file: shown)
        }

        var stages: [String]?
        if let names = try fields.strings("stages") {
            let known = ArticleSteps.standard.map(\.name)
            var chosen: [String] = []
            for (name, line) in names {
                guard known.contains(name) else {
                    throw PipelineError(file: shown, line: line,
                                        reason: "unknown stage '\(name)' (known: \(known.joined(separator: ", ")))")
                }
                chosen.append(name)
            }
            for step in ArticleSteps.standard where step.required && !chosen.contains(step.name) {
                throw fields.error(fields.value("stages"), "stages must include '\(step.name)' (\(step.summary))")
            }
            stages = chosen
        }

        let objectStore = try objectStoreSettings(&fields, base: base)
        let stream = try streamSettings(&fields, pipelineName: name, base: base)
        try fields.rejectUnknownKeys()
        var config = PipelineConfig(file: file, name: name, feedLists: feedLists, output: output,
                                    includeText: includeText, entitiesFile: entitiesFile, fetch: fetch, extract: extract)
        config.composites = composites
        config.factorsFile = factorsFile
        config.stages = stages
        config.entityLists = entityLists
        config.objectStore = objectStore
        config.stream = stream
        // Read the entities and factor files now so `validate` reports their errors with file and line.
        if entitiesFile != nil { _ = try config.makeAnalyzer() }
        if factorsFile != nil { _ = try config.loadFactors() }
        return config
    }

    /// `fetch.proxy`: `none` or `""` for direct, else a proxy URL with a scheme libcurl speaks.
    private static func proxySetting(_ node: Node, fields: YAMLFields) throws(PipelineError) -> PipelineConfig.ProxySetting {
        guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) else {
            throw fields.error(node, "'proxy' must be a proxy URL or none, got \(YAMLFields.found(node))")
        }
        if text.isEmpty || text.lowercased() == "none" { return .none }
        let schemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]
        guard let scheme = OutputRoot.urlScheme(of: text)?.lowercased(), schemes.contains(scheme),
              text.count > scheme.count + 3, !text.contains(where: { $0.isNewline || $0 == "\0" || $0 == " " }) else {
            throw fields.error(node, "'proxy' must be a proxy URL such as http://proxy.example:3128 "
                               + "(\(schemes.joined(separator: ", "))) or none, got \(YAMLFields.found(node))")
        }
        return .url(text)
    }

    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        let cwd = FileManager.default.currentDirectoryPath
        return ((cwd as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    static func resolve(_ path: String, against base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((base as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _):
            if let context { return "\(problem) \(context.text)".trimmingCharacters(in: .whitespaces) }
            return problem
        default: return "\(error)"
        }
    }
}
