import WirescoreCore

/// The text of a how-to or a recipe as the page declares it in JSON-LD, for pages whose HTML
/// holds none of it.
///
/// Script-rendered pages (the article is built in the browser from data the page carries) leave
/// the DOM with menus and a footer; DIY and recipe sites among them still ship the schema.org
/// `HowTo` or `Recipe` object for search engines, and its `description`, ingredients and steps
/// are the page's text as the publisher wrote it. Used only when the DOM gave next to nothing.
enum StructuredBody {
    /// Paragraphs from the first `HowTo` or `Recipe` object: its description, its ingredients
    /// (one per line) and the text of each step, nested sections included; "" when there is none.
    static func text(in objects: [JSONValue], stripTags: (String) -> String) -> String {
        guard let object = objects.first(where: { isType($0["@type"], ["HowTo", "Recipe"]) }) else { return "" }
        var parts: [String] = []
        func add(_ s: String) {
            let clean = (s.contains("<") ? stripTags(s) : s).trimmingWhitespaceKeepingParagraphs()
            if !clean.isEmpty, !parts.contains(clean) { parts.append(clean) }
        }
        if case let .string(d)? = object["description"] { add(d) }
        if case let .array(items)? = object["recipeIngredient"] {
            let lines = items.compactMap { if case let .string(s) = $0 { return s.trimmingWhitespace() } else { return nil } }
            if !lines.isEmpty { parts.append(lines.joined(separator: "\n")) }
        }
        for key in ["step", "recipeInstructions"] {
            if let steps = object[key] { collectSteps(steps, depth: 0, add) }
        }
        return parts.joined(separator: "\n\n")
    }

    /// A step's `text`, or the steps listed in its `itemListElement` (sections, directions).
    private static func collectSteps(_ v: JSONValue, depth: Int, _ add: (String) -> Void) {
        guard depth < 5 else { return }
        switch v {
        case let .string(s): add(s)
        case let .array(items): for item in items { collectSteps(item, depth: depth + 1, add) }
        case .object:
            if case let .string(s)? = v["text"] { add(s) }
            else if let inner = v["itemListElement"] { collectSteps(inner, depth: depth + 1, add) }
        default: break
        }
    }

    private static func isType(_ t: JSONValue?, _ names: [String]) -> Bool {
        switch t {
        case let .string(s)?: return names.contains(s)
        case let .array(items)?: return items.contains { isType($0, names) }
        default: return false
        }
    }
}

extension String {
    /// Each line trimmed and whitespace-collapsed, blank lines dropped, paragraphs kept apart.
    func trimmingWhitespaceKeepingParagraphs() -> String {
        split(separator: "\n\n", omittingEmptySubsequences: true)
            .map { String($0).trimmingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n\n")
    }
}
