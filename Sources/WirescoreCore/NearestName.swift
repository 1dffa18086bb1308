/// "Did you mean ...?" for a misspelt name among a known set (a subcommand, a pipeline key, a
/// feed id).
///
/// An operator who types `ingset` or `alow_private_networks` wants the fix, not only the
/// refusal, so errors name the nearest known spelling when it is close enough to be the
/// likely intent. Pure functions; thread-safe.
public enum NearestName {
    /// The known name closest to `input` by edit distance (case-insensitive), or nil when none
    /// is close: at most 1 edit for names of up to 4 characters, 2 up to 8, else 3. Ties go
    /// to the first in `candidates`.
    public static func suggest(_ input: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(input.lowercased().unicodeScalars)
        guard !typed.isEmpty else { return nil }
        let limit = typed.count <= 4 ? 1 : typed.count <= 8 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.lowercased().unicodeScalars))
            guard distance <= limit, distance < (best?.distance ?? .max) else { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours (the commonest typo) each cost 1.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows: the one before the previous is needed for transpositions.
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
