import Testing
@testable import WirescoreFetch

/// RobotsRules as a pure function: robots.txt text and a URL in, a verdict out.
@Suite struct RobotsRulesTests {
    func rules(_ text: String, agent: String = "wirescore") -> RobotsRules {
        RobotsRules(parsing: Array(text.utf8), userAgent: agent)
    }

    @Test func longestMatchWinsAndAllowWinsTies() {
        let r = rules("""
            User-agent: *
            Disallow: /markets/
            Allow: /markets/public/
            Disallow: /tie
            Allow: /tie
            """)
        #expect(!r.allows("https://site.example/markets/q3"))
        #expect(r.allows("https://site.example/markets/public/q3"))
        #expect(r.allows("https://site.example/news/q3"))
        #expect(r.allows("https://site.example/tie/x"))
        #expect(r.allows("https://site.example/robots.txt"))
    }

    @Test func wildcardsAndEndAnchor() {
        let r = rules("""
            User-agent: *
            Disallow: /*.pdf$
            Disallow: /private*/draft
            Disallow: /search?
            """)
        #expect(!r.allows("https://s.example/files/report.pdf"))
        #expect(r.allows("https://s.example/files/report.pdf?download=1"))
        #expect(!r.allows("https://s.example/private-area/x/draft/1"))
        #expect(r.allows("https://s.example/private-area/x/final"))
        #expect(!r.allows("https://s.example/search?q=acme"))
        #expect(r.allows("https://s.example/search"))
        #expect(r.allows("https://s.example"))
    }

    @Test func theMostSpecificGroupForTheAgentIsObeyed() {
        let text = """
            # comment line
            User-agent: *
            Disallow: /

            User-agent: Wirescore/0.1
            User-agent: otherbot
            Disallow: /members/
            Crawl-delay: 2.5

            User-agent: wire
            Disallow: /wire-only/

            Sitemap: https://s.example/news-sitemap.xml
            """
        let ours = rules(text)
        #expect(ours.allows("https://s.example/news/1"))
        #expect(!ours.allows("https://s.example/members/1"))
        #expect(ours.allows("https://s.example/wire-only/1"))   // the exact group wins over the prefix
        #expect(ours.crawlDelay == 2.5)
        #expect(ours.sitemaps == ["https://s.example/news-sitemap.xml"])
        // A token only the prefix group matches, and one only `*` matches.
        #expect(!rules(text, agent: "wirebot").allows("https://s.example/wire-only/1"))
        #expect(rules(text, agent: "wirebot").allows("https://s.example/members/1"))
        #expect(!rules(text, agent: "somebot").allows("https://s.example/news/1"))
    }

    @Test func groupsForTheSameAgentMergeAndEmptyDisallowAllowsAll() {
        let r = rules("User-agent: wirescore\nDisallow: /a\n\nUser-agent: WIRESCORE\nDisallow: /b\n")
        #expect(!r.allows("/a/1") && !r.allows("/b/1") && r.allows("/c/1"))
        #expect(rules("User-agent: *\nDisallow:\n").allows("/anything"))
        #expect(rules("").allows("/anything"))
    }

    @Test func oddInputIsReadLeniently() {
        // CR line ends, a BOM, rules before any group, lines without a colon, binary junk.
        let r = rules("\u{FEFF}Disallow: /before-any-group\rnonsense line\rUser-agent: *\r\u{01}\u{02}:\u{03}\rDisallow: /x\r")
        #expect(r.allows("/before-any-group"))
        #expect(!r.allows("/x/1"))
        // Percent-encoding is compared normalised; non-ASCII patterns match their encoding.
        let encoded = rules("User-agent: *\nDisallow: /caf%c3%a9\nDisallow: /ünï\n")
        #expect(!encoded.allows("https://s.example/caf%C3%A9/menu"))
        #expect(!encoded.allows("https://s.example/%C3%BCn%C3%AF"))
    }

    @Test func aTruncatedFileDropsItsCutLastLine() {
        // The body was cut inside "Disallow: /secret": the partial "Disallow: /" must not
        // disallow the whole site.
        let r = RobotsRules(parsing: Array("User-agent: *\nDisallow: /private\nDisallow: /".utf8), userAgent: "wirescore",
                            truncated: true)
        #expect(!r.allows("/private/1"))
        #expect(r.allows("/news/1"))
    }

    @Test func aLargeFileStillParses() {
        // 1 MB of rules for other paths, our rule first: parsed whole (the cache reads at most
        // 500 KiB of a file; BoundedReadTests serves a 10 MB one).
        var text = "User-agent: *\nDisallow: /blocked/\n"
        let line = "Disallow: /generated/path/that/is/long/enough/to/fill/space/\n"
        text += String(repeating: line, count: 1_000_000 / line.utf8.count)
        let r = rules(text)
        #expect(!r.allows("/blocked/1"))
        #expect(r.allows("/open/1"))
    }

    @Test func hostPacerSpacesStartsPerHost() {
        let pacer = HostPacer()
        let t0 = ContinuousClock.now
        #expect(pacer.reserve(host: "http://a", interval: .seconds(2), now: t0) == .zero)
        #expect(pacer.reserve(host: "http://a", interval: .seconds(2), now: t0) == .seconds(2))
        #expect(pacer.reserve(host: "http://a", interval: .seconds(2), now: t0 + .seconds(1)) == .seconds(3))
        #expect(pacer.reserve(host: "http://b", interval: .seconds(2), now: t0) == .zero)
        #expect(pacer.reserve(host: "http://a", interval: .zero, now: t0) == .zero)
        // Long after the last start, no wait.
        #expect(pacer.reserve(host: "http://a", interval: .seconds(2), now: t0 + .seconds(60)) == .zero)
    }
}
