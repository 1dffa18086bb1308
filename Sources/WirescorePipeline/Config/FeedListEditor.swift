import Foundation
import WirescoreCore
import WirescoreFeeds
import WirescoreOutput

/// Why a feed list edit (`wirescore feeds import | remove`) was refused; nothing was written.
public enum FeedListEditError: Error, Sendable, CustomStringConvertible {
    /// The result, an input file or the pipeline's lists are invalid (exit 78, as `validate`).
    case invalid(PipelineError)
    /// No feed of the pipeline has this id (exit 64).
    case unknownFeed(id: String, suggestion: String?)
    /// The rewrite itself failed (exit 1).
    case write(path: String, reason: String)
    /// `feeds add` of a URL the pipeline already lists (nothing written).
    case alreadyListed(id: String, url: String, listFile: String)

    public var description: String {
        switch self {
        case .invalid(let error): return "\(error)"
        case let .unknownFeed(id, suggestion):
            return "no feed with id '\(id)' in the pipeline's feed lists"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? " (see 'wirescore feeds list')")
        case let .write(path, reason): return "cannot rewrite \(path): \(reason)"
        case let .alreadyListed(id, url, listFile): return "\(url) is already listed as feed '\(id)' in \(listFile); nothing added"
        }
    }
}

/// Edits a pipeline's OPML feed lists: adds the feeds of another OPML file, removes one feed.
///
/// Every edit is checked as `wirescore validate` would check the result (unique feed ids, at
/// least one feed per list) before anything is written, so an edit never leaves a pipeline
/// that the next run refuses. Each changed list is rewritten atomically (a temporary file
/// renamed over it) after a copy of the original is kept as `FILE.bak`. Lists are kept whole
/// (head, folders, every outline attribute, comments) through ``OPMLDocument``.
public enum FeedListEditor {
    public struct ImportResult: Sendable {
        /// The feed list written to: the pipeline's first.
        public var target: String
        public var added: [FeedSpec]
        /// Feeds of the import file whose URL the pipeline already lists (skipped).
        public var alreadyListed: Int
    }

    public struct RemoveResult: Sendable {
        public var removed: FeedSpec
        /// The lists rewritten (every list holding an outline with the feed's URL).
        public var files: [String]
    }

    /// Adds the feeds of the OPML file `opml` to the pipeline's first feed list. Feeds whose
    /// URL is already listed are skipped; a new feed whose id (slug of its title, or its `id`
    /// attribute) is already taken refuses the whole import. The imported outlines keep all
    /// their attributes; `xmlUrl` is written absolute (it was relative to the import file).
    /// - Throws: ``FeedListEditError``; nothing is written when it throws before the rewrite.
    public static func importFeeds(from opml: String, into config: PipelineConfig) throws(FeedListEditError) -> ImportResult {
        guard let target = config.feedLists.first else {
            throw .invalid(PipelineError(file: config.file, line: nil, reason: "the pipeline names no feed list"))
        }
        let lists = try loadLists(config)
        let existing = try wrap { () throws(PipelineError) in try FeedListLoader.merge(lists) }
        let incomingBytes = try read(opml, what: "the OPML file")
        let incomingDoc = try document(incomingBytes, file: opml)
        let incoming = try wrap { () throws(PipelineError) in try FeedListLoader.parse(incomingBytes, file: opml) }
        var targetDoc = try document(try read(target, what: "the feed list"), file: target)

        let knownURLs = Set(existing.map(\.url))
        var idsInUse = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var addedURLs: Set<String> = []
        var added: [FeedSpec] = []
        var alreadyListed = 0
        // `feedOutlines` and `parse` walk the same outlines in the same order.
        for (outline, spec) in zip(incomingDoc.feedOutlines, incoming) {
            if knownURLs.contains(spec.url) || addedURLs.contains(spec.url) { alreadyListed += 1; continue }
            if let other = idsInUse[spec.id] {
                throw .invalid(PipelineError(file: opml, line: spec.line, reason:
                    "feed '\(spec.title)' (\(spec.url)) would get the id '\(spec.id)', already used by \(other.url) at "
                    + "\(other.listFile):\(other.line ?? 0); give the outline a distinct title or an id attribute (nothing imported)"))
            }
            idsInUse[spec.id] = spec
            addedURLs.insert(spec.url)
            targetDoc.appendOutline(importedAttributes(outline, url: spec.url))
            added.append(FeedSpec(id: spec.id, title: spec.title, url: spec.url, listFile: target, line: nil))
        }
        let result = ImportResult(target: target, added: added, alreadyListed: alreadyListed)
        guard !added.isEmpty else { return result }

        let text = targetDoc.serialized()
        var after = lists
        after[0] = try wrap { () throws(PipelineError) in try FeedListLoader.parse(Array(text.utf8), file: target) }
        _ = try wrap { () throws(PipelineError) in try FeedListLoader.merge(after) }
        try rewrite(target, with: text)
        return result
    }

    public struct AddResult: Sendable {
        /// The feed list written to: the pipeline's first.
        public var target: String
        public var added: FeedSpec
    }

    /// Adds one source to the pipeline's first feed list (`wirescore feeds add`): an outline
    /// with `type="rss"` or `type="sitemap"`, its title, and the page it was found from as
    /// `htmlUrl`. The rest of the list is kept as it was.
    /// - Throws: ``FeedListEditError``: `.alreadyListed` when any list has the URL; `.invalid`
    ///   when its id (the slug of `title`) is taken by another feed. Nothing is written then.
    public static func add(url: String, title: String, kind: FeedSpec.Kind, pageURL: String?,
                           into config: PipelineConfig) throws(FeedListEditError) -> AddResult {
        guard let target = config.feedLists.first else {
            throw .invalid(PipelineError(file: config.file, line: nil, reason: "the pipeline names no feed list"))
        }
        let lists = try loadLists(config)
        let existing = try wrap { () throws(PipelineError) in try FeedListLoader.merge(lists) }
        if let listed = lists.joined().first(where: { $0.url == url }) {
            throw .alreadyListed(id: listed.id, url: url, listFile: listed.listFile)
        }
        var attributes: [OPMLDocument.Attribute] = [
            .init(name: "type", value: kind == .sitemap ? "sitemap" : "rss"),
            .init(name: "text", value: title), .init(name: "title", value: title),
            .init(name: "xmlUrl", value: url),
        ]
        if let pageURL, pageURL != url { attributes.append(.init(name: "htmlUrl", value: pageURL)) }
        var targetDoc = try document(try read(target, what: "the feed list"), file: target)
        targetDoc.appendOutline(attributes)
        let text = targetDoc.serialized()
        var after = lists
        after[0] = try wrap { () throws(PipelineError) in try FeedListLoader.parse(Array(text.utf8), file: target) }
        guard let added = after[0].last(where: { $0.url == url }) else {
            throw .invalid(PipelineError(file: target, line: nil, reason: "the new outline for \(url) did not read back"))
        }
        if let other = existing.first(where: { $0.id == added.id }) {
            throw .invalid(PipelineError(file: target, line: nil, reason:
                "'\(title)' would get the id '\(added.id)', already used by \(other.url) at \(other.listFile):\(other.line ?? 0); "
                + "give it another title with --title (nothing added)"))
        }
        _ = try wrap { () throws(PipelineError) in try FeedListLoader.merge(after) }
        try rewrite(target, with: text)
        return AddResult(target: target, added: FeedSpec(id: added.id, title: added.title, url: added.url,
                                                         listFile: target, line: nil, kind: added.kind))
    }

    /// Removes the feed `id` from the pipeline: every outline, in any of its feed lists, whose
    /// `xmlUrl` is that feed's URL. Run state (the feed's health) is left alone.
    /// - Throws: ``FeedListEditError``: `.unknownFeed` with the nearest id; `.invalid` when a
    ///   list would be left without feeds. Nothing is written when it throws before a rewrite.
    public static func remove(id: String, from config: PipelineConfig) throws(FeedListEditError) -> RemoveResult {
        let lists = try loadLists(config)
        let existing = try wrap { () throws(PipelineError) in try FeedListLoader.merge(lists) }
        guard let feed = existing.first(where: { $0.id == id }) else {
            throw .unknownFeed(id: id, suggestion: NearestName.suggest(id, among: existing.map(\.id)))
        }
        var after = lists
        var changes: [(path: String, text: String)] = []
        for (index, list) in config.feedLists.enumerated() {
            var doc = try document(try read(list, what: "the feed list"), file: list)
            let removed = doc.removeOutlines { element in
                element.attribute("xmlUrl").flatMap { FeedListLoader.resolvedURL($0, listFile: list) } == feed.url
            }
            guard removed > 0 else { continue }
            let text = doc.serialized()
            do {
                after[index] = try FeedListLoader.parse(Array(text.utf8), file: list)
            } catch {
                throw .invalid(PipelineError(file: list, line: nil, reason:
                    "removing '\(id)' would leave this feed list without feeds (\(error.reason)); "
                    + "remove the list from the pipeline's 'feeds' instead (nothing changed)"))
            }
            changes.append((list, text))
        }
        _ = try wrap { () throws(PipelineError) in try FeedListLoader.merge(after) }
        for change in changes { try rewrite(change.path, with: change.text) }
        return RemoveResult(removed: feed, files: changes.map(\.path))
    }

    // MARK: - Helpers

    private static func loadLists(_ config: PipelineConfig) throws(FeedListEditError) -> [[FeedSpec]] {
        var lists: [[FeedSpec]] = []
        for list in config.feedLists {
            lists.append(try wrap { () throws(PipelineError) in try FeedListLoader.load(file: list) })
        }
        return lists
    }

    private static func wrap<T>(_ body: () throws(PipelineError) -> T) throws(FeedListEditError) -> T {
        do { return try body() } catch { throw .invalid(error) }
    }

    private static func read(_ path: String, what: String) throws(FeedListEditError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid(PipelineError(file: path, line: nil, reason: "cannot read \(what): " + FileProblem.reason(path)))
        }
        return [UInt8](data)
    }

    private static func document(_ bytes: [UInt8], file: String) throws(FeedListEditError) -> OPMLDocument {
        do {
            return try OPMLDocument(parsing: bytes)
        } catch {
            throw .invalid(PipelineError(file: file, line: error.line > 0 ? error.line : nil, reason: "invalid OPML: \(error.message)"))
        }
    }

    /// The outline's own attributes (namespaced ones dropped: their declarations stay behind
    /// in the import file), with `xmlUrl` made absolute and the folder path as `category`
    /// when it had none, since the outline leaves its folders behind.
    private static func importedAttributes(_ outline: OPMLDocument.FeedOutline, url: String) -> [OPMLDocument.Attribute] {
        var attributes = outline.element.attributes.filter { !$0.name.contains(":") }
        for index in attributes.indices where attributes[index].name.lowercased() == "xmlurl" {
            attributes[index].value = url
        }
        if outline.element.attribute("category") == nil, !outline.folders.isEmpty {
            attributes.append(.init(name: "category", value: outline.folders.joined(separator: "/")))
        }
        return attributes
    }

    private static func rewrite(_ path: String, with text: String) throws(FeedListEditError) {
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: path + ".bak") { try fm.removeItem(atPath: path + ".bak") }
            try fm.copyItem(atPath: path, toPath: path + ".bak")
            try AtomicFile.write(Data(text.utf8), to: path)
        } catch {
            throw .write(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
