/// The matcher's trie edges below the root, (node, vocabulary index) -> child node, in one flat
/// open-addressing table of integers.
///
/// Root edges live on the matcher's vocabulary entries (one probe per token finds both the word
/// and its root edge); this table is consulted only while a name is being followed, so it needs
/// no more than a cheap integer mix. Immutable after `init`; `Sendable`.
struct TrieEdges: Sendable {
    /// Per slot: key (node << 32 | word) + 1, 0 = empty.
    private var keys: [UInt64]
    private var targets: [Int32]
    private var mask: Int

    /// - Parameter edges: child node by ``key(_:_:)`` of (parent node, vocabulary index), the
    ///   root's edges excluded.
    init(_ edges: [UInt64: Int32]) {
        var cap = 16
        while cap < edges.count * 2 { cap <<= 1 }
        mask = cap - 1
        keys = [UInt64](repeating: 0, count: cap)
        targets = [Int32](repeating: -1, count: cap)
        for (key, child) in edges {
            var s = Self.slot(key, mask)
            while keys[s] != 0 { s = (s + 1) & mask }
            keys[s] = key; targets[s] = child
        }
    }

    @inline(__always) static func key(_ node: Int32, _ word: Int) -> UInt64 {
        (UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(truncatingIfNeeded: word))) &+ 1
    }

    @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 32) & mask
    }

    /// The child of `node` along vocabulary word `word`, or nil.
    @inline(__always) func child(of node: Int32, _ word: Int) -> Int32? {
        let key = Self.key(node, word)
        var s = Self.slot(key, mask)
        while true {
            let k = keys[s]
            if k == 0 { return nil }
            if k == key { return targets[s] }
            s = (s + 1) & mask
        }
    }
}
