import WirescoreCore

/// The result of ``TextAnalyzer/analyze(title:text:target:)``: article tone, per-entity
/// sentiment, and optionally the sentiment toward a named target.
public struct TextAnalysis: Sendable {
    /// One tagged entity with its sentiment, in DESIGN.md's article-record shape.
    public struct Entity: Sendable {
        public var id: String
        public var name: String
        public var type: String
        public var exchange: String?
        public var sector: String?
        public var mentions: Int
        /// 0-100: headline 100, lead paragraph high, later and rarer lower.
        public var relevance: Int
        public var sentiment: Double
        public var label: SentimentLabel
        /// The sentence that drove the sentiment (the strongest one mentioning the entity).
        public var evidence: String
    }
    public struct Target: Sendable {
        public var name: String
        public var sentiment: Double
    }

    public var score: Double
    public var label: SentimentLabel
    public var entities: [Entity]
    public var target: Target?

    /// `{score, label}` for the article record's `sentiment`.
    public func sentimentJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        b.set("score", .double(Self.rounded(score)))
        b.set("label", label.rawValue)
        return b.value
    }

    /// The article record's `entities` array.
    public func entitiesJSON() -> JSONValue {
        .array(entities.map { e in
            var b = JSONObjectBuilder()
            b.set("id", e.id)
            b.set("name", e.name)
            b.set("type", e.type)
            b.set("exchange", e.exchange)
            b.set("sector", e.sector)
            b.set("mentions", e.mentions)
            b.set("relevance", e.relevance)
            b.set("sentiment", .double(Self.rounded(e.sentiment)))
            b.set("label", e.label.rawValue)
            b.set("evidence", e.evidence)
            return b.value
        })
    }

    /// The `inspect text` line: `{"id","score","label","entities":[{id,name,sentiment,relevance,mentions}],"target"?}`.
    public func inspectJSON(id: JSONValue) -> JSONValue {
        var b = JSONObjectBuilder()
        b.set("id", id)
        b.set("score", .double(Self.rounded(score)))
        b.set("label", label.rawValue)
        b.set("entities", .array(entities.map { e in
            var o = JSONObjectBuilder()
            o.set("id", e.id); o.set("name", e.name); o.set("sentiment", .double(Self.rounded(e.sentiment)))
            o.set("relevance", e.relevance); o.set("mentions", e.mentions)
            return o.value
        }))
        if let t = target {
            var o = JSONObjectBuilder()
            o.set("name", t.name); o.set("sentiment", .double(Self.rounded(t.sentiment)))
            b.set("target", o.value)
        }
        return b.value
    }

    /// Four decimals keep records short and byte-stable across runs.
    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

extension TextAnalysis {
    /// Appends the `inspect text` line (as ``inspectJSON(id:)`` serialises it) and a newline to
    /// `out`, without building a JSON tree.
    public func appendInspectLine(id: InspectTextInput.ID, to out: inout [UInt8]) {
        if entities.isEmpty, target == nil, case let .string(s) = id, appendPlainLine(id: s, to: &out) { return }
        JSONBytes.append("{\"id\":", to: &out)
        switch id {
        case let .string(s): JSONBytes.appendString(s, to: &out)
        case let .int(i): JSONBytes.appendInt(i, to: &out)
        case let .double(d):
            if d == d.rounded(), abs(d) < 1e15 { JSONBytes.appendInt(Int(d), to: &out) } else { out.append(contentsOf: "\(d)".utf8) }
        case .null: JSONBytes.append("null", to: &out)
        }
        JSONBytes.append(",\"score\":", to: &out)
        JSONBytes.appendScore(score, to: &out)
        JSONBytes.append(",\"label\":\"", to: &out)
        switch label {
        case .positive: JSONBytes.append("positive\"", to: &out)
        case .neutral: JSONBytes.append("neutral\"", to: &out)
        case .negative: JSONBytes.append("negative\"", to: &out)
        }
        JSONBytes.append(",\"entities\":[", to: &out)
        for (n, e) in entities.enumerated() {
            JSONBytes.append(n == 0 ? "{\"id\":" : ",{\"id\":", to: &out)
            JSONBytes.appendString(e.id, to: &out)
            JSONBytes.append(",\"name\":", to: &out)
            JSONBytes.appendString(e.name, to: &out)
            JSONBytes.append(",\"sentiment\":", to: &out)
            JSONBytes.appendScore(e.sentiment, to: &out)
            JSONBytes.append(",\"relevance\":", to: &out)
            JSONBytes.appendInt(e.relevance, to: &out)
            JSONBytes.append(",\"mentions\":", to: &out)
            JSONBytes.appendInt(e.mentions, to: &out)
            out.append(0x7D)
        }
        out.append(0x5D)
        if let t = target {
            JSONBytes.append(",\"target\":{\"name\":", to: &out)
            JSONBytes.appendString(t.name, to: &out)
            JSONBytes.append(",\"sentiment\":", to: &out)
            JSONBytes.appendScore(t.sentiment, to: &out)
            out.append(0x7D)
        }
        JSONBytes.append("}\n", to: &out)
    }

    /// The common line — a plain ASCII string id, no entities, no target — written into a small
    /// stack buffer and appended once; false (nothing written) for anything else. Eight or so
    /// appends per line, each a call with a uniqueness check, were 5% of the run in profiles.
    func appendPlainLine(id: String, to out: inout [UInt8]) -> Bool {
        var id = id
        return id.withUTF8 { idBytes -> Bool in
            // Only ids that need no escaping take this path (JSONBytes.appendString handles the rest).
            guard idBytes.count <= 128 else { return false }
            for b in idBytes where b < 0x20 || b == 0x22 || b == 0x5C || b >= 0x80 { return false }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer -> Bool in
                guard let base = buffer.baseAddress else { return false }
                var w = JSONBytes.Writer(base: base)
                w.put("{\"id\":\"")
                w.put(idBytes)
                w.put("\",\"score\":")
                guard w.putScore(score) else { return false }
                switch label {
                case .positive: w.put(",\"label\":\"positive\",\"entities\":[]}\n")
                case .neutral: w.put(",\"label\":\"neutral\",\"entities\":[]}\n")
                case .negative: w.put(",\"label\":\"negative\",\"entities\":[]}\n")
                }
                out.append(contentsOf: UnsafeBufferPointer(start: base, count: w.count))
                return true
            }
        }
    }
}
