import Foundation
import WirescoreCore
import Yams

/// Reads one YAML mapping with line-accurate errors.
///
/// Every problem in a pipeline file must name the file and line (DESIGN.md, exit 78), and a
/// misspelt key must be an error rather than a silently ignored setting, so fields are read
/// through this wrapper, which remembers which keys were consumed and reports the rest.
struct YAMLFields {
    let file: String
    let node: Node
    private let pairs: [(key: String, value: Node, line: Int)]
    private var consumed: Set<String> = []

    init(_ node: Node, file: String, what: String) throws(PipelineError) {
        self.file = file
        self.node = node
        guard let mapping = node.mapping else {
            throw PipelineError(file: file, line: node.mark?.line, reason: "\(what) must be a mapping of keys to values")
        }
        var pairs: [(String, Node, Int)] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            guard let name = key.string else {
                throw PipelineError(file: file, line: key.mark?.line, reason: "keys must be strings")
            }
            guard seen.insert(name).inserted else {
                throw PipelineError(file: file, line: key.mark?.line, reason: "duplicate key '\(name)'")
            }
            pairs.append((name, value, key.mark?.line ?? value.mark?.line ?? 0))
        }
        self.pairs = pairs
    }

    var line: Int? { node.mark?.line }

    mutating func value(_ key: String) -> Node? {
        consumed.insert(key)
        guard let pair = pairs.first(where: { $0.key == key }) else { return nil }
        if case .scalar = pair.value, pair.value.null != nil { return nil }
        return pair.value
    }

    func error(_ node: Node?, _ reason: String) -> PipelineError {
        PipelineError(file: file, line: node?.mark?.line ?? line, reason: reason)
    }

    mutating func string(_ key: String) throws(PipelineError) -> String? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else { throw error(node, "'\(key)' must be a string, got \(Self.found(node))") }
        return scalar.string
    }

    mutating func bool(_ key: String) throws(PipelineError) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let value = node.bool else { throw error(node, "'\(key)' must be true or false, got \(Self.found(node))") }
        return value
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) throws(PipelineError) -> Int? {
        guard let node = value(key) else { return nil }
        guard let value = node.int else { throw error(node, "'\(key)' must be a whole number, got \(Self.found(node))") }
        guard range.contains(value) else {
            throw error(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    mutating func seconds(_ key: String, in range: ClosedRange<Double>) throws(PipelineError) -> Double? {
        guard let node = value(key) else { return nil }
        guard let value = node.float ?? node.int.map(Double.init) else {
            throw error(node, "'\(key)' must be a number of seconds, got \(Self.found(node))")
        }
        guard range.contains(value) else {
            throw error(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound) seconds, got \(value)")
        }
        return value
    }

    /// A byte size: a number, or a number with a unit (`512KB`, `10MB`, `1GiB`).
    mutating func bytes(_ key: String, in range: ClosedRange<Int>) throws(PipelineError) -> Int? {
        guard let node = value(key) else { return nil }
        if let n = node.int {
            guard range.contains(n) else {
                throw error(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound) bytes, got \(n)")
            }
            return n
        }
        guard let text = node.string?.trimmingCharacters(in: .whitespaces).uppercased() else {
            throw error(node, "'\(key)' must be a size such as 10MB, got \(Self.found(node))")
        }
        let units: [(String, Int)] = [("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10),
                                      ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1000), ("B", 1)]
        for (suffix, multiplier) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Double(number), value >= 0 {
                // Compared as a Double first: Int(_:) traps past Int.max ("1e300KB", "infKB").
                let scaled = value * Double(multiplier)
                guard scaled <= Double(range.upperBound), case let total = Int(scaled), range.contains(total) else {
                    throw error(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound) bytes, got \(Self.found(node))")
                }
                return total
            }
        }
        throw error(node, "'\(key)' must be a size such as 10MB, got \(Self.found(node))")
    }

    mutating func strings(_ key: String) throws(PipelineError) -> [(String, Int?)]? {
        guard let node = value(key) else { return nil }
        if let scalar = node.scalar { return [(scalar.string, node.mark?.line)] }
        guard let sequence = node.sequence else { throw error(node, "'\(key)' must be a list of strings, got \(Self.found(node))") }
        var result: [(String, Int?)] = []
        for item in sequence {
            guard let scalar = item.scalar else { throw error(item, "'\(key)' entries must be strings, got \(Self.found(item))") }
            result.append((scalar.string, item.mark?.line))
        }
        return result
    }

    mutating func mapping(_ key: String) throws(PipelineError) -> YAMLFields? {
        guard let node = value(key) else { return nil }
        return try YAMLFields(node, file: file, what: "'\(key)'")
    }

    /// Fails on the first key that no reader asked for: almost always a typo, so the message
    /// names the nearest key that was asked for when one is close.
    func rejectUnknownKeys(known extra: [String] = []) throws(PipelineError) {
        for pair in pairs where !consumed.contains(pair.key) && !extra.contains(pair.key) {
            var reason = "unknown key '\(pair.key)'"
            if let near = NearestName.suggest(pair.key, among: consumed.sorted() + extra) {
                reason += "; did you mean '\(near)'?"
            }
            throw PipelineError(file: file, line: pair.line, reason: reason)
        }
    }

    /// The value found where another was expected, for messages: a scalar quoted (cut at 60
    /// characters, so a pasted blob stays one line), else what kind of node it is.
    static func found(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            var text = scalar.string.replacingOccurrences(of: "\n", with: " ")
            if text.count > 60 { text = String(text.prefix(60)) + "..." }
            return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
