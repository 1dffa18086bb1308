import Foundation
import Testing
@testable import WirescoreReport

struct ReportSiteTests {
    private func site(_ fixture: OutputTreeFixture, entities: [String] = [], factors: String? = nil) throws -> (ReportInput, ReportSite) {
        let input = try OutputTreeReader.read(ReportOptions(outputRoot: fixture.root, entities: entities, factorsPath: factors))
        return (input, ReportSite(input: input, entities: entities))
    }

    @Test func pagesForTheOverviewEachCompanyWithASignalAndEachLinkedStory() throws {
        let fixture = try OutputTreeFixture("pages")
        defer { fixture.remove() }
        let (input, site) = try site(fixture)
        #expect(input.unreadableLines == 1)
        #expect(input.articles.count == 4 && input.errors.count == 2)
        #expect(site.pages.keys.sorted() == [
            "companies/AAA.html", "companies/BBB.html", "companies/CCC.html", "index.html",
            "stories/s1.html", "stories/s2.html", "stories/s3.html",
        ])
        // ZZZ has score lines, but none with a signal: no page, no row.
        #expect(try !#require(site.pages["index.html"]).contains("ZZZ"))
    }

    @Test func scoreHistoryPointsAndTableCarryTheRecordsNumbers() throws {
        let fixture = try OutputTreeFixture("history")
        defer { fixture.remove() }
        let (_, site) = try site(fixture)
        let page = try #require(site.pages["companies/CCC.html"])
        let chart = try figure("score-history", in: page)
        // CCC has no alpha line on the first day: two points for alpha, three for news? No: CCC has no news lines.
        let ys = attributeValues("data-y", in: chart, marker: "class=\"point\"")
        let xs = attributeValues("data-x", in: chart, marker: "class=\"point\"")
        #expect(xs == ["2026-11-19", "2026-11-20"])
        #expect(ys == ["50", "52"])
        #expect(attributeValues("data-points", in: chart, marker: "<svg") == ["2"])
        // The table beside it: newest first, a dash for the missing day.
        #expect(chart.contains("<tr><td>2026-11-20</td><td class=\"num\">52</td></tr><tr><td>2026-11-19</td><td class=\"num\">50</td></tr><tr><td>2026-11-18</td><td class=\"num\">–</td></tr>"))

        let aaa = try #require(site.pages["companies/AAA.html"])
        let aaaChart = try figure("score-history", in: aaa)
        let alphaPoints = attributeValues("data-y", in: aaaChart, marker: "data-series=\"Alpha Score\"")
        #expect(alphaPoints == (OutputTreeFixture.alpha["AAA"] ?? []).map { $0.map(String.init) ?? "" })
        #expect(attributeValues("data-y", in: aaaChart, marker: "data-series=\"News Score\"") == ["50", "51", "52"])
    }

    @Test func dailySentimentBarsCountTheCompanysArticles() throws {
        let fixture = try OutputTreeFixture("sentiment")
        defer { fixture.remove() }
        let (_, site) = try site(fixture)
        let chart = try figure("sentiment-volume", in: try #require(site.pages["companies/AAA.html"]))
        #expect(attributeValues("data-x", in: chart, marker: "class=\"bar\"") == ["2026-11-19", "2026-11-20"])
        #expect(attributeValues("data-y", in: chart, marker: "class=\"bar\"") == ["1", "2"])
        // Equal relevance: the day's sentiment is the plain mean of 0.5 and 0.3.
        #expect(attributeValues("data-y", in: chart, marker: "class=\"point\"") == ["0.60", "0.40"])
        #expect(chart.contains("<td>2026-11-20</td><td class=\"num\">2</td><td class=\"num\">+0.40</td>"))
    }

    @Test func panelShowsScoreBandSignalsSummaryCapAndPrice() throws {
        let fixture = try OutputTreeFixture("panel")
        defer { fixture.remove() }
        let factors = fixture.root + "/factors.csv"
        try Data("date,ticker,price,change\n2026-11-20,AAA,187.5,-0.012\n".utf8).write(to: URL(fileURLWithPath: factors))
        let (_, site) = try site(fixture, factors: factors)
        let page = try #require(site.pages["companies/AAA.html"])
        #expect(page.contains("<span class=\"big\" data-score=\"71\">71</span><span class=\"label band-moderate\">Moderate</span>"))
        #expect(page.contains("<span class=\"up\">+7</span> <span class=\"muted\">since 2026-11-19</span>"))
        // Signals in the record's order, a missing one shown as such.
        let signals = attributeValues("data-signal", in: page, marker: "class=\"signal\"")
        #expect(signals.prefix(3) == ["momentum", "value", "sentiment"])
        #expect(page.contains("<b class=\"num\">–</b><span class=\"word\">no data</span>"))
        #expect(page.contains("Alpha Score of 71 reflects moderate overall profile"))
        #expect(page.contains("Based on 2 of 3 signals — capped at 90"))
        #expect(page.contains("Price <b>187.50</b> <span class=\"down\">-1.2%</span> on the day"))
        #expect(try !#require(site.pages["companies/BBB.html"]).contains("Price <b>"))
    }

    @Test func overviewRanksTheDayAndCountsErrors() throws {
        let fixture = try OutputTreeFixture("overview")
        defer { fixture.remove() }
        let (_, site) = try site(fixture)
        let page = try #require(site.pages["index.html"])
        #expect(page.contains("News and scores for 2026-11-20"))
        let highest = try #require(page.range(of: "id=\"alpha-highest\"")).upperBound
        let order = ["AAA", "CCC", "BBB"].map { page.range(of: "companies/\($0).html", range: highest..<page.endIndex)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!)
        // Biggest changes: BBB -8 before AAA +7 before CCC +2.
        let changes = try #require(page.range(of: "id=\"alpha-changes\"")).upperBound
        let b = page.range(of: "−8", range: changes..<page.endIndex), a = page.range(of: "+7", range: changes..<page.endIndex)
        #expect(b != nil && a != nil && b!.lowerBound < a!.lowerBound)
        // The top story is the one two outlets told, with both outlets linked.
        let stories = try #require(page.range(of: "Top stories on 2026-11-20")).upperBound
        let first = try #require(page.range(of: "stories/", range: stories..<page.endIndex))
        #expect(page[first.upperBound...].hasPrefix("s2.html"))
        #expect(page.contains("2 outlet(s), 2 article(s)"))
        #expect(page.contains("<a href=\"https://dailytwo.example/a3\" rel=\"noopener noreferrer\">Daily Two</a>"))
        // Source mix and errors.
        let mix = try figure("source-mix", in: page)
        #expect(attributeValues("data-y", in: mix, marker: "class=\"bar\"") == ["2", "2"])
        #expect(page.contains("<td>http_status</td><td class=\"num\">0</td><td class=\"num\">1</td>"))
        #expect(page.contains("<td>timeout</td><td class=\"num\">1</td><td class=\"num\">0</td>"))
        #expect(page.contains("1 unreadable line(s) skipped"))
    }

    @Test func eventsTimelineAndStoryPage() throws {
        let fixture = try OutputTreeFixture("events")
        defer { fixture.remove() }
        let (_, site) = try site(fixture)
        let chart = try figure("events", in: try #require(site.pages["companies/AAA.html"]))
        #expect(attributeValues("data-type", in: chart, marker: "class=\"point event\"") == ["earnings/result/beat", "earnings/guidance/raise"])
        let story = try #require(site.pages["stories/s2.html"])
        #expect(story.contains("2 article(s) from 2 outlet(s): Wire One, Daily Two"))
        #expect(story.contains("<td class=\"num\">30</td>"))  // the rewrite's novelty
        // The headline's markup is text, never markup.
        #expect(story.contains("AAA raises guidance &lt;b&gt;again&lt;/b&gt;"))
        #expect(!story.contains("<b>again</b>"))
    }

    @Test func selfContainedAndDeterministic() throws {
        let fixture = try OutputTreeFixture("static")
        defer { fixture.remove() }
        let (_, first) = try site(fixture)
        let (_, second) = try site(fixture)
        #expect(first.pages == second.pages)
        for (path, html) in first.pages {
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<link"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            #expect(!html.contains("@import") && !html.contains("url("), "\(path)")
            #expect(attributeValues("src", in: html, marker: "src=").isEmpty, "\(path)")
            // Every chart has points and a table right beside it.
            for count in attributeValues("data-points", in: html, marker: "<svg") { #expect(Int(count) ?? 0 > 0, "\(path)") }
            #expect(html.components(separatedBy: "<div class=\"chart-svg\">").count == html.components(separatedBy: "<div class=\"chart-table\"><table").count)
        }
    }

    @Test func entityFilterAndDateRange() throws {
        let fixture = try OutputTreeFixture("filter")
        defer { fixture.remove() }
        let input = try OutputTreeReader.read(ReportOptions(outputRoot: fixture.root, from: "2026-11-19", to: "2026-11-19",
                                                            entities: ["aaa"]))
        let site = ReportSite(input: input, entities: ["aaa"])
        #expect(site.pages.keys.filter { $0.hasPrefix("companies/") } == ["companies/AAA.html"])
        #expect(input.articles.map(\.id) == ["a1"])
        // The day before the range is read for changes, not shown as a day.
        #expect(Set(input.scores.map(\.date)) == ["2026-11-18", "2026-11-19"])
        let page = try #require(site.pages["companies/AAA.html"])
        #expect(attributeValues("data-x", in: try figure("score-history", in: page), marker: "class=\"point\"") == ["2026-11-19", "2026-11-19"])
        #expect(throws: ReportError.self) {
            try OutputTreeReader.read(ReportOptions(outputRoot: fixture.root + "/missing"))
        }
    }

    /// A pipeline without composites writes no scores: the overview describes the newest day
    /// with articles, not a later day that only has errors.
    @Test func aTreeWithoutScoresIsDescribedByItsNewestNews() throws {
        let fixture = try OutputTreeFixture("noscores")
        defer { fixture.remove() }
        try FileManager.default.removeItem(atPath: fixture.root + "/scores")
        let errors = fixture.root + "/errors/date=2026-11-22"
        try FileManager.default.createDirectory(atPath: errors, withIntermediateDirectories: true)
        try Data(#"{"at":"2026-11-22T08:00:00Z","kind":"feed","feed":"f","url":"https://x.example/","code":"timeout","reason":"r"}"#.utf8 + [0x0A])
            .write(to: URL(fileURLWithPath: errors + "/part-0.jsonl"))
        let (input, site) = try site(fixture)
        #expect(input.to == "2026-11-22")
        let page = try #require(site.pages["index.html"])
        #expect(page.contains("News and scores for 2026-11-20"))
        #expect(page.contains("the newest day with articles"))
        #expect(page.contains("id=\"most-covered\""))
        #expect(!page.contains("Alpha Score"))
    }

    @Test func writerReplacesAReportButRefusesOtherFolders() throws {
        let fixture = try OutputTreeFixture("writer")
        defer { fixture.remove() }
        let (_, site) = try site(fixture)
        let out = fixture.root + "/report"
        try FileManager.default.createDirectory(atPath: out + "/companies", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/companies/GONE.html"))
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/index.html"))
        #expect(try ReportWriter.write(site, to: out) == site.pages.count)
        #expect(!FileManager.default.fileExists(atPath: out + "/companies/GONE.html"))
        #expect(try String(contentsOfFile: out + "/companies/AAA.html", encoding: .utf8) == site.pages["companies/AAA.html"])
        // The output tree itself is not a report folder.
        #expect(throws: ReportError.self) { try ReportWriter.write(site, to: fixture.root) }
        #expect(FileManager.default.fileExists(atPath: fixture.root + "/articles"))
    }
}

struct ReportPiecesTests {
    @Test func escapingAndLinks() {
        #expect(HTMLEscape.text("<a href=\"x\">'&'</a>\u{1}") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscape.href("javascript:alert(1)") == nil)
        #expect(HTMLEscape.href("https://x.example/?a=1&b=\"") == "https://x.example/?a=1&amp;b=&quot;")
        #expect(ReportPaths.fileName("BRK.B") == "BRK.B")
        #expect(ReportPaths.fileName("../etc") == "~2E.~2Fetc")
        #expect(ReportPaths.fileName("A/B") != ReportPaths.fileName("A.B"))
    }

    @Test func jsonNodeKeepsKeyOrderAndDecodesEscapes() throws {
        let line = Data(#"{"signals":{"momentum":{"score":1,"label":"x"},"value":null,"quality":{"a":[1,{"b":2}]},"sentiment":null},"s":"a\"b\\c\/d\n\u00e9\ud83d\ude00","n":-1.5e2,"i":-42,"t":true,"f":false}"#.utf8)
        let node = try #require(JSONNode.parse(line))
        #expect(node["signals"]?.pairs?.map(\.0) == ["momentum", "value", "quality", "sentiment"])
        #expect(node["signals"]?["value"] == .null)
        #expect(node["s"]?.string == "a\"b\\c/d\né😀")
        #expect(node["n"]?.double == -150)
        #expect(node["i"]?.int == -42)
        #expect(node["t"]?.bool == true && node["f"]?.bool == false)
        // The same answers as Foundation's parser on a real record shape.
        let reference = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(node["s"]?.string == reference["s"] as? String)
        for bad in [#"{"a":1"#, #"{"a":1} x"#, #"{"a":"\q"}"#, "{not json", #"{"a":"tab\#there"}"#, #"[1,]"#, ""] {
            #expect(JSONNode.parse(Data(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func articleTextIsCutBeforeParsing() throws {
        let line = Data(#"{"id":"a","title":"say \"text\":\"x\"","text":"long \"quoted\" body \\","words":3}"#.utf8)
        let stripped = ArticleText.stripped(line)
        #expect(String(decoding: stripped, as: UTF8.self) == #"{"id":"a","title":"say \"text\":\"x\"","text":"","words":3}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: stripped) as? [String: Any])
        #expect(parsed["title"] as? String == #"say "text":"x""#)
        #expect(parsed["words"] as? Int == 3)
        // No text key, or one whose string never ends: the line is left as it is.
        let plain = Data(#"{"id":"a"}"#.utf8)
        #expect(ArticleText.stripped(plain) == plain)
        let broken = Data(#"{"text":"never ends"#.utf8)
        #expect(ArticleText.stripped(broken) == broken)
    }

    @Test func scoreTableSortsAndLeavesOutNoSignalLines() throws {
        let fixture = try OutputTreeFixture("table")
        defer { fixture.remove() }
        let (day, lines) = try OutputTreeReader.scoreLines(root: fixture.root, day: nil)
        #expect(day == "2026-11-20")
        let byScore = ScoreTable(composite: "alpha").rows(lines, day: day)
        #expect(byScore.map(\.line.entity) == ["AAA", "CCC", "BBB"])
        #expect(byScore.map(\.change) == [7, 2, -8])
        let byChange = ScoreTable(composite: "alpha", sort: .change).rows(lines, day: day)
        #expect(byChange.map(\.line.entity) == ["BBB", "AAA", "CCC"])
        #expect(!ScoreTable().rows(lines, day: day).contains { $0.line.entity == "ZZZ" })
        #expect(ScoreTable(includeEmpty: true).rows(lines, day: day).contains { $0.line.entity == "ZZZ" })
        let text = ScoreTable(entity: "bbb").render(lines, day: day)
        #expect(text.count == 3)
        #expect(text[0].hasPrefix("ENTITY  NAME      COMPOSITE  SCORE  LABEL  CHANGE  MOMENTUM  VALUE  SENTIMENT  ARTICLES"))
        #expect(text[1] == "BBB     BBB Corp  news          52  Weak       +1        52      -         55         2")
        #expect(throws: ReportError.self) { try OutputTreeReader.scoreLines(root: fixture.root, day: "2026-01-01") }
    }
}
