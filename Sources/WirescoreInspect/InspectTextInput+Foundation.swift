import Foundation

extension InspectTextInput {
    /// A line the flat reader declines (nested values, duplicate keys, unusual escapes,
    /// malformed input) read with JSONSerialization. `text` is nil when the line is not a JSON
    /// object with a "text" string.
    static func parsedByFoundation(_ line: UnsafeRawBufferPointer) -> InspectTextInput {
        let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
        return InspectTextInput(id: id(object?["id"]), text: object?["text"] as? String, target: object?["target"] as? String)
    }

    /// The input's id as it came: string, integer or other number (JSONSerialization hands
    /// numbers, and booleans, over as NSNumber).
    static func id(_ value: Any?) -> ID {
        switch value {
        case let s as String: return .string(s)
        case let n as NSNumber:
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 9e15 ? .int(n.intValue) : .double(d)
        default: return .null
        }
    }
}
