/// The label bands of DESIGN.md: Strong >= 75, Moderate 55-74, Weak 26-54, Poor <= 25.
///
/// Deliberately different from ``ProfileWord``: the reference product labels 54 "Weak" while
/// its summary calls the same 54 a "moderate overall profile", and DESIGN.md keeps that.
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

    /// The label of a score that could not be computed.
    public static let insufficientData = "Insufficient data"
}

/// The summary's words, for the "overall profile" and for each signal: strong >= 75,
/// moderate 50-74, weak 26-49, poor <= 25 (DESIGN.md).
public enum ProfileWord: String, Sendable, CaseIterable {
    case strong, moderate, weak, poor

    public init(score: Int) {
        switch score {
        case 75...: self = .strong
        case 50...: self = .moderate
        case 26...: self = .weak
        default: self = .poor
        }
    }
}
