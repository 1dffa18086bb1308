/// The matcher's trie edges, (node, lowercased token) -> child node, in one flat hash table.
///
/// Every token of every text probes the root, and almost all probes miss, so the probe is kept
/// cheap: FNV-1a over the token's UTF-8 bytes mixed with the node number, linear probing, no
/// per-node dictionaries and no seeded SipHash. Immutable after `init`; `Sendable`.
struct TrieEdges: Sendable {
    private var nodes: [Int32]
    private var words: [String]
    private var targets: [Int32]
    private var slots: [Int32]
    private var mask: Int

    /// - Parameter children: per node, its children keyed by lowercased token.
    init(_ children: [[String: Int32]]) {
        let count = children.reduce(0) { $0 + $1.count }
        var cap = 16
        while cap < count * 2 { cap <<= 1 }
        mask = cap - 1
        slots = [Int32](repeating: -1, count: cap)
        nodes = []; words = []; targets = []
        for (node, edges) in children.enumerated() {
            for (word, child) in edges.sorted(by: { $0.key < $1.key }) {
                var s = Self.slot(Int32(node), word, mask)
                while slots[s] >= 0 { s = (s + 1) & mask }
                slots[s] = Int32(words.count)
                nodes.append(Int32(node)); words.append(word); targets.append(child)
            }
        }
    }

    @inline(__always) static func slot(_ node: Int32, _ word: String, _ mask: Int) -> Int {
        var h: UInt32 = 2_166_136_261 ^ (UInt32(bitPattern: node) &* 0x9E37_79B1)
        for b in word.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return Int(h ^ (h >> 15)) & mask
    }

    /// The child of `node` along `word`, or nil.
    @inline(__always) func child(of node: Int32, _ word: String) -> Int32? {
        var s = Self.slot(node, word, mask)
        while true {
            let e = slots[s]
            if e < 0 { return nil }
            let i = Int(e)
            if nodes[i] == node, words[i] == word { return targets[i] }
            s = (s + 1) & mask
        }
    }
}
