/// The three-way label DESIGN.md uses for every sentiment score.
public enum SentimentLabel: String, Sendable, CaseIterable {
    case positive, neutral, negative

    /// The label for a score in -1...1 with a symmetric neutral band.
    public init(score: Double, neutralBand: Double = 0.05) {
        if score >= neutralBand { self = .positive } else if score <= -neutralBand { self = .negative } else { self = .neutral }
    }
}
