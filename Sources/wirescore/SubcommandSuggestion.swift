import ArgumentParser
import WirescoreCore

/// "did you mean 'ingest'?" for a misspelt subcommand.
///
/// swift-argument-parser answers `wirescore ingset` with "Unexpected argument 'ingset'", which
/// does not say that a command name was expected, nor which. This looks at the words before
/// the first option and, where a subcommand is expected and the word is none, names the
/// nearest one. Pure; thread-safe.
enum SubcommandSuggestion {
    /// A one-line problem for `arguments` (without the program name), or nil when every word
    /// in command position names a subcommand, or when it cannot tell: after an option, at
    /// `help`, and at a command with a default subcommand unless the word is a near miss (it
    /// may be an argument of the default).
    static func problem(in arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.map { $0._commandName }
            let suggestion = NearestName.suggest(word, among: names)
            if command.configuration.defaultSubcommand != nil && suggestion == nil { return nil }
            let place = path.joined(separator: " ")
            if let suggestion { return "unknown command '\(word)' for '\(place)'; did you mean '\(suggestion)'?" }
            return "unknown command '\(word)' for '\(place)'; commands: \(names.joined(separator: ", "))"
        }
        return nil
    }
}
