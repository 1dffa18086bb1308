import Foundation

/// The headline event-topic classifier: a linear model over hashed word and character
/// features (``TopicFeatures``), trained by scripts/events/train.py; format and decision rule in
/// Sources/WirescoreEvents/Data/event-topics.md. It says which kind of corporate news a
/// headline is (or that it is none); the rules say the exact type, company and role. A version-2
/// file adds stage 2: a small linear layer over the word model's logits and the groups of the
/// rule events found in the same text, which makes the final call (trained on out-of-fold
/// logits, so it knows how far to trust each).
public struct TopicModel: Sendable {
    public struct Decision: Sendable, Equatable {
        /// The event type for the class (`earnings`, `analyst-rating`, ...), nil for `other`.
        public var eventType: String?
        /// Softmax probability of the chosen class.
        public var probability: Double
        /// Softmax probability of each corporate class, by its event type (`earnings`, ...):
        /// how far the model backs a kind of event a rule found in the headline.
        public var probabilities: [String: Double] = [:]
    }

    /// Stage 2 (version 2): scores s[k] = bias[k] + sum_j a[k][j] z[j] + sum_g a[k][K + g] r[g],
    /// z the word model's logits, r[g] = 1 when a rule event of `groups[g]` was found.
    struct Stack: Sendable {
        let groups: [String]
        let otherOffset: Double
        /// A rule event whose topic is not the decision is kept when stage 2 gives its topic
        /// at least this probability (1: never).
        let keepProbability: Double
        let bias: [Double]
        /// K rows of K + groups.count weights.
        let weights: [Float]
    }
    let stack: Stack?
    /// How sure stage 2 must be of a rule event's topic, other than the one it decided, for the
    /// event to stay (1 without stage 2: the detector then decides as version 1 did).
    public var keepProbability: Double { stack?.keepProbability ?? 1 }
    /// Whether the file has stage 2 (the rules' groups take part in the decision).
    public var isStacked: Bool { stack != nil }

    let features: TopicFeatures
    let otherOffset: Double
    let classNames: [String]
    let eventTypes: [String]
    let bias: [Double]
    /// One row of `classNames.count` weights per feature id, rows in ascending id order.
    let weights: [Float]
    /// Row of each id, for ``logits(_:)``.
    let rowIndex: FeatureRowIndex

    /// The model built into the binary, or the file named by `WIRESCORE_EVENT_MODEL` (for
    /// evaluating a model trained on one half of a set against the other half).
    public static let builtin: TopicModel? = {
        if let path = ProcessInfo.processInfo.environment["WIRESCORE_EVENT_MODEL"], !path.isEmpty {
            if path == "off" { return nil }   // the rules alone (for measuring them)
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return try? TopicModel(bytes: [UInt8](data))
        }
        // The line breaks dropped byte by byte: filtering the 700 KB String by Character was
        // most of the model's load time, a single-threaded stretch at the start of every run.
        let compact = eventTopicModelBase64.utf8.filter { $0 != 0x0A && $0 != 0x0D }
        guard let data = Data(base64Encoded: Data(compact)) else { return nil }
        return try? TopicModel(bytes: [UInt8](data))
    }()

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the binary format, version 1 (word model) or 2 (word model + stage 2).
    public init(bytes: [UInt8]) throws(FormatError) {
        var offset = 0
        func need(_ n: Int) throws(FormatError) {
            guard offset + n <= bytes.count else { throw FormatError(description: "event model truncated at byte \(offset)") }
        }
        func u32() throws(FormatError) -> UInt32 {
            try need(4)
            defer { offset += 4 }
            return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
        }
        func f32() throws(FormatError) -> Float { Float(bitPattern: try u32()) }
        func string() throws(FormatError) -> String {
            try need(2)
            let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
            offset += 2
            try need(length)
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
        try need(8)
        guard Array(bytes[0..<8]) == Array("WSEVTOPC".utf8) else { throw FormatError(description: "not an event model") }
        offset = 8
        let version = try u32()
        guard version == 1 || version == 2 else { throw FormatError(description: "unsupported event model version") }
        let bits = Int(try u32()), classes = Int(try u32()), rows = Int(try u32())
        let bigrams = try u32() != 0
        var chargrams: [Int] = []
        for _ in 0..<Int(try u32()) { chargrams.append(Int(try u32())) }
        guard (1...30).contains(bits), (2...64).contains(classes), chargrams.allSatisfy({ (1...16).contains($0) }) else {
            throw FormatError(description: "event model header out of range")
        }
        otherOffset = Double(try f32())
        var names: [String] = [], types: [String] = []
        for _ in 0..<classes {
            names.append(try string())
            types.append(try string())
        }
        var bias: [Double] = []
        for _ in 0..<classes { bias.append(Double(try f32())) }
        try need(rows * (4 + 4 * classes))
        var ids: [UInt32] = [], weights: [Float] = []
        ids.reserveCapacity(rows)
        weights.reserveCapacity(rows * classes)
        for _ in 0..<rows {
            ids.append(try u32())
            for _ in 0..<classes { weights.append(try f32()) }
        }
        if version == 2 {
            let count = Int(try u32())
            guard count <= 256 else { throw FormatError(description: "event model header out of range") }
            var groups: [String] = []
            for _ in 0..<count { groups.append(try string()) }
            let offset2 = Double(try f32()), keep = Double(try f32())
            var bias2: [Double] = []
            for _ in 0..<classes { bias2.append(Double(try f32())) }
            try need(classes * (classes + count) * 4)
            var a: [Float] = []
            a.reserveCapacity(classes * (classes + count))
            for _ in 0..<(classes * (classes + count)) { a.append(try f32()) }
            stack = Stack(groups: groups, otherOffset: offset2, keepProbability: keep, bias: bias2, weights: a)
        } else {
            stack = nil
        }
        guard offset == bytes.count else { throw FormatError(description: "event model has trailing bytes") }
        features = TopicFeatures(bits: bits, bigrams: bigrams, chargrams: chargrams)
        classNames = names; eventTypes = types; self.bias = bias; self.weights = weights
        rowIndex = FeatureRowIndex(ids)
    }

    /// Logits per class for `text` (bias, then the weights of its distinct ids in ascending
    /// order, the order the reference sums in: rows are stored by ascending id).
    func logits(_ text: String) -> [Double] {
        var z = bias
        let k = z.count
        // Only the text's ids the model has are sorted and de-duplicated: a hashed lookup per
        // id instead of a binary search over every row, and a sort of a few rows, not all ids.
        var rows: [Int32] = []
        for id in features.rawIDs(text) {
            if let row = rowIndex.row(of: id) { rows.append(row) }
        }
        rows.sort()
        var last: Int32 = -1
        for row in rows where row != last {
            last = row
            let base = Int(row) * k
            for c in 0..<k { z[c] += Double(weights[base + c]) }
        }
        return z
    }

    /// Stage 2's scores from the word model's logits and the rule groups found in the text
    /// (the logits unchanged without stage 2).
    func scores(_ z: [Double], ruleGroups: Set<String>) -> [Double] {
        guard let stack else { return z }
        let k = z.count, width = k + stack.groups.count
        var s = stack.bias
        for c in 0..<k {
            var sum = s[c]
            for j in 0..<k { sum += Double(stack.weights[c * width + j]) * z[j] }
            for (g, name) in stack.groups.enumerated() where ruleGroups.contains(name) {
                sum += Double(stack.weights[c * width + k + g])
            }
            s[c] = sum
        }
        return s
    }

    /// The class the decision rule picks for `text`, given the groups of the rule events
    /// found in it (read by stage 2 only).
    public func decide(_ text: String, ruleGroups: Set<String> = []) -> Decision {
        let z = scores(logits(text), ruleGroups: ruleGroups)
        let otherOffset = stack?.otherOffset ?? self.otherOffset
        guard let other = eventTypes.firstIndex(of: "") else { return Decision(eventType: nil, probability: 0) }
        var adjusted = z
        adjusted[other] += otherOffset
        var best = 0
        for c in adjusted.indices where adjusted[c] > adjusted[best] { best = c }
        let top = z.max() ?? 0
        let total = z.reduce(0) { $0 + exp($1 - top) }
        let probability = exp(z[best] - top) / total
        var probabilities: [String: Double] = [:]
        for c in z.indices where c != other { probabilities[eventTypes[c]] = exp(z[c] - top) / total }
        return Decision(eventType: best == other ? nil : eventTypes[best], probability: probability,
                        probabilities: probabilities)
    }
}

/// An open-addressing table from a feature id to its row in the model, built once at load:
/// one or two probes per feature of a headline where a binary search over the rows took
/// fourteen (`inspect text` spent a sixth of its time there).
struct FeatureRowIndex: Sendable {
    private let keys: [UInt32]
    private let rows: [Int32]
    private let shift: UInt64
    /// Marks an empty slot: ids are hashes masked to at most 30 bits, so never this.
    private static let empty = UInt32.max

    init(_ ids: [UInt32]) {
        var size = 16
        while size < ids.count * 3 { size *= 2 }   // load at most a third: short probe runs
        shift = UInt64(64 - size.trailingZeroBitCount)
        var keys = [UInt32](repeating: Self.empty, count: size)
        var rows = [Int32](repeating: -1, count: size)
        for (row, id) in ids.enumerated() {
            var slot = Self.slot(id, shift)
            while keys[slot] != Self.empty, keys[slot] != id { slot = (slot + 1) & (size - 1) }
            guard keys[slot] == Self.empty else { continue }   // a repeated id keeps its first row
            keys[slot] = id
            rows[slot] = Int32(row)
        }
        self.keys = keys
        self.rows = rows
    }

    @inline(__always) private static func slot(_ id: UInt32, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The row of `id`, nil when the model has no weights for it.
    @inline(__always) func row(of id: UInt32) -> Int32? {
        var slot = Self.slot(id, shift)
        let mask = keys.count - 1
        while true {
            let key = keys[slot]
            if key == id { return rows[slot] }
            if key == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
