/// One accepted mention of a gazetteer entity in a tokenised text.
public struct EntityMention: Sendable, Equatable {
    public enum Form: String, Sendable {
        /// A name or alias ("Microsoft", "Apple Inc.").
        case name
        /// `$MSFT`.
        case cashtag
        /// "(NASDAQ: MSFT)", "NYSE:TGT".
        case exchange
        /// A bare uppercase ticker that is not a word ("AAPL").
        case ticker
    }
    /// Index into ``Gazetteer/entities``.
    public var entity: Int
    /// Token index range of the mention.
    public var tokens: Range<Int>
    public var form: Form
}
