/// One company (or other organisation) the matcher can find in text.
public struct GazetteerEntity: Sendable, Hashable {
    /// The ticker for listed companies, else a slug ("openai").
    public var id: String
    public var name: String
    /// "company" unless an entities file says otherwise.
    public var type: String
    public var exchange: String?
    public var sector: String?
    /// Names the text may use, in their usual case ("Apple", "iPhone maker").
    public var aliases: [String]
    /// Every ticker of the entity (share classes merged), uppercase.
    public var tickers: [String]
    /// The short name is also an ordinary word or a person's name: matches need case plus a cue.
    public var nameIsWord: Bool
    /// The aliases (a subset of ``aliases``) that are ordinary words ("Apple", not "Apple Inc.").
    public var wordAliases: [String]
    /// The ticker is a word or a common acronym: only `$cashtags` and exchange-qualified forms count.
    public var tickerIsWord: Bool

    public init(id: String, name: String, type: String = "company", exchange: String? = nil, sector: String? = nil,
                aliases: [String] = [], tickers: [String] = [], nameIsWord: Bool = false, wordAliases: [String] = [], tickerIsWord: Bool = true) {
        self.id = id; self.name = name; self.type = type; self.exchange = exchange; self.sector = sector
        self.aliases = aliases; self.tickers = tickers; self.nameIsWord = nameIsWord; self.wordAliases = wordAliases; self.tickerIsWord = tickerIsWord
    }
}
