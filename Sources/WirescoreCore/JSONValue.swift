/// A JSON value whose objects keep their keys in insertion order.
///
/// DESIGN.md fixes the key order of every record, and `reprocess` must be byte-identical
/// run to run, so records are built as `JSONValue` and serialised by ``JSONByteWriter`` rather
/// than through `JSONEncoder`, whose key order is an implementation detail.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// `.string(s)` or `.null` when `s` is nil.
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// Looks a key up in an object (first match); nil for other cases.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The value as a string when it is one.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// Serialises compactly on one line (no newline added), as ``JSONByteWriter`` writes it.
    public func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// ``serialized()`` as UTF-8 bytes.
    public func serializedBytes() -> [UInt8] {
        var writer = JSONByteWriter(reservingCapacity: 1024)
        writer.value(self)
        return writer.bytes
    }
}

/// Builds an ordered JSON object, skipping nothing: use ``JSONObjectBuilder/set(_:_:)`` in the
/// order the record's contract lists its keys.
public struct JSONObjectBuilder: Sendable {
    public private(set) var pairs: [(String, JSONValue)] = []
    public init() {}
    public mutating func set(_ key: String, _ value: JSONValue) { pairs.append((key, value)) }
    public mutating func set(_ key: String, _ value: String?) { pairs.append((key, .optional(value))) }
    public mutating func set(_ key: String, _ value: Int) { pairs.append((key, .int(value))) }
    public mutating func set(_ key: String, _ value: Bool) { pairs.append((key, .bool(value))) }
    public var value: JSONValue { .object(pairs) }
}
