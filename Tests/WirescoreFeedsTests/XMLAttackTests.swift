import Foundation
import Testing
import WirescoreFeeds
import WirescoreXML

/// One test per XML attack on the feed parser (libxml2 hardened: no DTD loading, no external or
/// parameter entities, no network, amplification limits). A canary file stands in for a secret.
struct XMLAttackTests {
    let parser = FeedParser()

    /// A scratch folder with a canary file and a DTD declaring an entity holding the canary.
    func scratch() throws -> (dir: String, canary: String) {
        let dir = NSTemporaryDirectory() + "wirescore-xml-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let canary = "CANARY-\(UUID().uuidString)"
        try Data(canary.utf8).write(to: URL(fileURLWithPath: dir + "/secret.txt"))
        try Data("<!ENTITY leak \"\(canary)\">".utf8).write(to: URL(fileURLWithPath: dir + "/evil.dtd"))
        try Data("<!ENTITY leak SYSTEM \"file://\(dir)/secret.txt\">".utf8).write(to: URL(fileURLWithPath: dir + "/external.dtd"))
        return (dir, canary)
    }

    func titles(_ xml: String) throws -> String {
        let doc = try parser.parse(Array(xml.utf8), url: nil, contentType: "application/rss+xml")
        return ([doc.feed.title] + doc.entries.map(\.title)).compactMap { $0 }.joined(separator: "|")
    }

    @Test func externalGeneralEntityIsNotRead() throws {
        let (dir, canary) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY leak SYSTEM \"file://\(dir)/secret.txt\">]>"
            + "<rss version=\"2.0\"><channel><title>a&leak;b</title><item><title>&leak;</title><link>https://x.example/1</link></item></channel></rss>"
        #expect(try !titles(xml).contains(canary))
    }

    @Test func externalDTDIsNotLoaded() throws {
        let (dir, canary) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file://\(dir)/evil.dtd\">"
            + "<rss version=\"2.0\"><channel><title>a&leak;b</title></channel></rss>"
        #expect(try !titles(xml).contains(canary))
    }

    @Test func parameterEntityIsNotLoaded() throws {
        let (dir, canary) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM \"file://\(dir)/external.dtd\"> %ext;]>"
            + "<rss version=\"2.0\"><channel><title>a&leak;b</title></channel></rss>"
        #expect(try !titles(xml).contains(canary))
    }

    @Test func xincludeIsNotProcessed() throws {
        let (dir, canary) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel>"
            + "<title>t<xi:include href=\"file://\(dir)/secret.txt\" parse=\"text\"/></title></channel></rss>"
        #expect(try !titles(xml).contains(canary))
    }

    /// Quadratic blowup: no nesting, one 32 KB entity referenced 40,000 times (1.3 GB if expanded).
    @Test func quadraticBlowupIsStopped() throws {
        let big = String(repeating: "x", count: 32_768)
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"\(big)\">]><rss version=\"2.0\"><channel><title>"
            + String(repeating: "&big;", count: 40_000) + "</title></channel></rss>"
        let doc = try parser.parse(Array(xml.utf8), url: nil, contentType: nil)
        #expect(doc.bozo)
        // The budget, plus at most the entity being expanded when it ran out.
        #expect((doc.feed.title?.utf8.count ?? 0) <= XMLStreamParser.textBudget(forDocumentBytes: xml.utf8.count) + 32_768)
        #expect(doc.bozoException?.contains("entity expansion") == true)
        // What follows the attack is still read.
        let tail = try parser.parse(Array(xml.replacingOccurrences(of: "</channel>", with: "<item><title>after</title></item></channel>").utf8),
                                    url: nil, contentType: nil)
        #expect(tail.entries.map(\.title) == ["after"])
    }

    @Test func billionLaughsIsStopped() throws {
        var dtd = "<!ENTITY a \"" + String(repeating: "a", count: 70) + "\">"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        for (previous, name) in zip(names, names.dropFirst()) {
            dtd += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(dtd)]><rss version=\"2.0\"><channel><title>&j;</title></channel></rss>"
        let doc = try? parser.parse(Array(xml.utf8), url: nil, contentType: nil)
        #expect((doc?.feed.title?.utf8.count ?? 0) < 10_000_000)
    }
}
