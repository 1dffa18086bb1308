/// The label bands of DESIGN.md: Strong >= 75, Moderate 55-74, Weak 26-54, Poor <= 25.
public enum CompositeBand: String, Sendable, CaseIterable {
    case strong = "Strong", moderate = "Moderate", weak = "Weak", poor = "Poor"

    public init(score: Int) {
        switch score {
        case 75...: self = .strong
        case 55...: self = .moderate
        case 26...: self = .weak
        default: self = .poor
        }
    }
}
