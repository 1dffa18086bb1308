import Testing
@testable import WirescoreEntities

struct GazetteerTests {
    @Test func builtinHoldsTheIndexWithMergedShareClasses() {
        let g = Gazetteer.builtin
        #expect(g.entities.count >= 490)
        let byID = Dictionary(g.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let alphabet = byID["GOOGL"]
        #expect(alphabet?.tickers.contains("GOOG") == true)
        #expect(alphabet?.aliases.contains("YouTube") == true)
        #expect(byID["GOOG"] == nil)
        #expect(byID["META"]?.aliases.contains("WhatsApp") == true)
        #expect(byID["AMZN"]?.aliases.contains("AWS") == true)
        #expect(byID["BRK.B"]?.tickers.contains("BRK.A") == true)
        #expect(byID["MSFT"]?.exchange == "Nasdaq")
        #expect(byID["MSFT"]?.sector == "Information Technology")
        #expect(byID["AAPL"]?.nameIsWord == true)
        #expect(byID["A"]?.tickerIsWord == true)
    }

    @Test func legalSuffixesAreStripped() {
        let byID = Dictionary(Gazetteer.builtin.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["A"]?.aliases.contains("Agilent") == true)
        #expect(byID["TGT"]?.aliases.contains("Target") == true)
    }

    @Test func entitiesFileParsesAndReportsLines() throws {
        let text = "# private companies\nopenai\tOpenAI\tcompany\tChatGPT maker\n\nanthropic\tAnthropic\n"
        let es = try EntitiesFile.parse(text, file: "e.tsv")
        #expect(es.map(\.id) == ["openai", "anthropic"])
        #expect(es[0].aliases == ["OpenAI", "ChatGPT maker"])
        #expect(es[1].type == "company")
        do {
            _ = try EntitiesFile.parse("openai\tOpenAI\nonlyid\n", file: "e.tsv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "e.tsv:2: expected at least 2 tab-separated columns (id, name)")
        }
        #expect(throws: EntityError.self) { try EntitiesFile.parse("x\tX\nx\tY\n", file: "e.tsv") }
        #expect(throws: EntityError.self) { try EntitiesFile.load(path: "/nonexistent/entities.tsv") }
    }

    @Test func privateEntitiesAreMatched() throws {
        let extra = try EntitiesFile.parse("openai\tOpenAI\tcompany\tChatGPT maker\n", file: "e.tsv")
        let m = EntityMatcher(gazetteer: Gazetteer.builtin.adding(extra))
        let found = m.mentions(in: Tokenizer.tokenize("OpenAI and Microsoft extended their partnership."))
        #expect(found.map { m.gazetteer.entities[$0.entity].id } == ["openai", "MSFT"])
    }

    @Test func tokenizerKeepsCompoundsAndSplitsPossessives() {
        let r = Tokenizer.tokenize("AT&T's Coca-Cola deal isn't U.S. news. $MSFT rose 3.5%!\n\nNew paragraph here.")
        #expect(r.tokens.indices.map(r.lower) == ["at&t", "'s", "coca-cola", "deal", "isn't", "u.s", ".", "news", ".", "msft", "rose", "3.5", "%", "!", "new", "paragraph", "here", "."])
        #expect(r.sentences.count == 3)
        #expect(r.paragraphs == [0, 0, 1])
    }
}
