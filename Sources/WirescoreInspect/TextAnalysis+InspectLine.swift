import WirescoreCore
import WirescoreEvents
import WirescoreSentiment

extension TextAnalysis {
    /// Appends the `inspect text` answer line and its newline:
    /// `{"id","score","label","entities":[{"id","name","sentiment","label","relevance","mentions"}],
    /// "events"?:[{"type","company","role","sentiment","ess","confidence","evidence"}],"target"?:{"name","sentiment"}}`,
    /// scores rounded as records carry them (``TextAnalysis/rounded(_:)``); `events` when a
    /// detector ran (nil: the key is left out).
    public func appendInspectLine(id: InspectTextInput.ID, events: [EventField]? = nil, to w: inout JSONByteWriter) {
        if entities.isEmpty, target == nil, events?.isEmpty ?? true, case let .string(s) = id,
           appendPlainLine(id: s, withEvents: events != nil, to: &w) { return }
        w.raw("{\"id\":")
        id.write(to: &w)
        w.raw(",\"score\":")
        w.double(Self.rounded(score))
        switch label {
        case .positive: w.raw(",\"label\":\"positive\",\"entities\":[")
        case .neutral: w.raw(",\"label\":\"neutral\",\"entities\":[")
        case .negative: w.raw(",\"label\":\"negative\",\"entities\":[")
        }
        for index in entities.indices {
            w.raw(index == 0 ? "{\"id\":" : ",{\"id\":")
            w.string(entities[index].id)
            w.raw(",\"name\":")
            w.string(entities[index].name)
            w.raw(",\"sentiment\":")
            w.double(Self.rounded(entities[index].sentiment))
            w.raw(",\"label\":")
            w.string(entities[index].label.rawValue)
            w.raw(",\"relevance\":")
            w.int(entities[index].relevance)
            w.raw(",\"mentions\":")
            w.int(entities[index].mentions)
            w.raw(UInt8(ascii: "}"))
        }
        w.raw(UInt8(ascii: "]"))
        if let events {
            w.raw(",\"events\":[")
            for (index, e) in events.enumerated() {
                w.raw(index == 0 ? "{\"type\":" : ",{\"type\":")
                w.string(e.type)
                w.raw(",\"company\":")
                if let company = e.company { w.string(company) } else { w.raw("null") }
                w.raw(",\"role\":")
                w.string(e.role)
                w.raw(",\"sentiment\":")
                w.double(e.sentiment)
                w.raw(",\"ess\":")
                w.int(e.ess)
                w.raw(",\"confidence\":")
                w.double(e.confidence)
                w.raw(",\"evidence\":")
                w.string(e.evidence)
                w.raw(UInt8(ascii: "}"))
            }
            w.raw(UInt8(ascii: "]"))
        }
        if let t = target {
            w.raw(",\"target\":{\"name\":")
            w.string(t.name)
            w.raw(",\"sentiment\":")
            w.double(Self.rounded(t.sentiment))
            w.raw(UInt8(ascii: "}"))
        }
        w.raw("}\n")
    }

    /// The common line (a string id that needs no escape, no entities, no target) built in a
    /// small stack buffer and appended once; false, nothing written, for anything else.
    func appendPlainLine(id: String, withEvents: Bool, to w: inout JSONByteWriter) -> Bool {
        var id = id
        return id.withUTF8 { idBytes -> Bool in
            // Room: the id and its quotes, about 60 bytes of keys and label, one number.
            guard idBytes.count <= 128 else { return false }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer -> Bool in
                guard let base = buffer.baseAddress else { return false }
                var line = UnsafeJSONByteWriter(base: base)
                line.raw("{\"id\":")
                guard line.plainString(idBytes) else { return false }
                line.raw(",\"score\":")
                guard line.double(Self.rounded(score)) else { return false }
                switch label {
                case .positive: line.raw(withEvents ? ",\"label\":\"positive\",\"entities\":[],\"events\":[]}\n"
                                             : ",\"label\":\"positive\",\"entities\":[]}\n")
                case .neutral: line.raw(withEvents ? ",\"label\":\"neutral\",\"entities\":[],\"events\":[]}\n"
                                             : ",\"label\":\"neutral\",\"entities\":[]}\n")
                case .negative: line.raw(withEvents ? ",\"label\":\"negative\",\"entities\":[],\"events\":[]}\n"
                                             : ",\"label\":\"negative\",\"entities\":[]}\n")
                }
                w.raw(line.written)
                return true
            }
        }
    }
}
