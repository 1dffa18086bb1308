/// One company (or other organisation) the matcher can find in text.
public struct GazetteerEntity: Sendable, Hashable {
    /// The ticker for listed companies (a home listing such as "VOW3.DE" for a company with no US
    /// listing), else a slug ("openai").
    public var id: String
    public var name: String
    /// "company", "private" (no listing) or what an entities file says.
    public var type: String
    public var exchange: String?
    public var sector: String?
    /// Names the text may use, in their usual case ("Apple", "iPhone maker").
    public var aliases: [String]
    /// Every ticker of the entity (share classes merged; home listings of non-US companies), uppercase.
    public var tickers: [String]
    /// The short name is also an ordinary word or a person's name: matches need case plus a cue.
    public var nameIsWord: Bool
    /// The aliases (a subset of ``aliases``) that are ordinary words ("Apple", not "Apple Inc.").
    public var wordAliases: [String]
    /// The ticker is a word or a common acronym: only `$cashtags` and exchange-qualified forms count.
    public var tickerIsWord: Bool
    /// Aliases of a small company whose name is a word or a person's name ("Root", "Dave"): the
    /// matcher needs strong evidence (a legal suffix, a wire code or exchange mention, or a
    /// stronger mention of the company in the same text).
    public var strongEvidenceAliases: [String] = []
    /// Aliases that are proper names (a surname, a place): not accepted right after another
    /// capitalised word mid-sentence ("Harrison Ford", "Paris Hilton").
    public var properNameAliases: [String] = []
    /// Units, brands and products that stand for this company in financial news (YouTube, AWS).
    public var unitAliases: [String] = []
    /// Names the company had before (Facebook for Meta).
    public var formerNames: [String] = []
    /// SEC Central Index Key, for companies that file with the SEC.
    public var cik: String?
    /// ISINs of the company's shares, where known.
    public var isins: [String] = []
    /// Country of the headquarters, where known.
    public var country: String?
    /// The built-in lists the entity belongs to (what a pipeline's `entities:` may select).
    public var lists: GazetteerLists = []

    public init(id: String, name: String, type: String = "company", exchange: String? = nil, sector: String? = nil,
                aliases: [String] = [], tickers: [String] = [], nameIsWord: Bool = false, wordAliases: [String] = [], tickerIsWord: Bool = true) {
        self.id = id; self.name = name; self.type = type; self.exchange = exchange; self.sector = sector
        self.aliases = aliases; self.tickers = tickers; self.nameIsWord = nameIsWord; self.wordAliases = wordAliases; self.tickerIsWord = tickerIsWord
    }
}

/// The parts of the built-in universe, which a pipeline may choose from (`entities:`).
public struct GazetteerLists: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// S&P 500 constituents.
    public static let sp500 = GazetteerLists(rawValue: 1)
    /// Companies listed on a US exchange (Nasdaq, NYSE, Cboe), ADRs included.
    public static let usListed = GazetteerLists(rawValue: 2)
    /// Companies of the world indices (Europe, Japan, US) and the few major Asian names added.
    public static let global = GazetteerLists(rawValue: 4)
    /// Notable private companies.
    public static let privateCompanies = GazetteerLists(rawValue: 8)
    public static let all: GazetteerLists = [.sp500, .usListed, .global, .privateCompanies]

    /// The list a pipeline names: "sp500", "us-listed", "global", "private", "all".
    public init?(name: String) {
        switch name.lowercased() {
        case "sp500", "s&p500", "s&p 500": self = .sp500
        case "us-listed", "us": self = .usListed
        case "global": self = .global
        case "private": self = .privateCompanies
        case "all": self = .all
        default: return nil
        }
    }
}
