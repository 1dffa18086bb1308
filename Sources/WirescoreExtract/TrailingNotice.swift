import Foundation
import WirescoreCore

/// Page furniture that ends the text: a licence notice ("Dieser Text steht unter CC BY-SA 4.0")
/// or a press contact block ("Jane Doe / E-Mail: press@example.org / Tel.: +49 …").
///
/// Both are written under the article as plain paragraphs in its column, so neither name nor
/// layout tells them apart; what does is their place (the last paragraph) together with their
/// form: a licence short name, or short lines labelled with a contact channel. In the middle of
/// the text the same lines are a caption's credit or an address the story gives, and stay.
enum TrailingNotice {
    /// A licence notice is a short line; a paragraph about licences is article text.
    static let maximumNoticeBytes = 250
    /// Creative Commons short names as publishers print them ("CC BY-NC-ND 4.0", "CC-BY", "CC0").
    static let licenceTokens = ["CC BY", "CC-BY", "CC0", "CC-0"]
    /// Labels that open a line of a contact block, compared case-insensitively before a colon.
    static let contactLabels: Set<String> = [
        "tel", "tel.", "telefon", "telephone", "phone", "fax", "e-mail", "email", "mail", "mobil", "mobile",
        "handy", "tél", "tél.", "téléphone", "teléfono", "telefono", "telefone",
    ]

    /// `text` ("\n\n"-separated paragraphs) without its last paragraphs while they are a licence
    /// notice or a contact block (at most two are removed; a text that is only such lines is kept).
    static func removing(from text: String) -> String {
        // The separators are found in one forward byte scan, as `components(separatedBy:)`
        // would find them (non-overlapping, left to right); only the last paragraphs become
        // Strings. Splitting the whole text with Foundation cost ~4% of extraction.
        let bytes = Array(text.utf8)
        var separators: [Int] = []
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 10, bytes[i + 1] == 10 {
                separators.append(i)
                i += 2
            } else {
                i += 1
            }
        }
        var end = bytes.count
        var removed = 0
        while removed < 2, let separator = separators.last {
            let last = String(decoding: bytes[(separator + 2)..<end], as: UTF8.self)
            guard isLicenceNotice(last) || isContactBlock(last) || isLegalLinkLine(last) else { break }
            end = separator
            separators.removeLast()
            removed += 1
        }
        return removed == 0 ? text : String(decoding: bytes[0..<end], as: UTF8.self)
    }

    /// Names of the legal pages a site footer links to, compared case-insensitively.
    static let legalPages: Set<String> = [
        "impressum", "datenschutz", "datenschutzerklärung", "agb", "nutzungsbedingungen", "imprint", "privacy",
        "privacy policy", "terms", "terms of use", "terms of service", "cookies", "cookie policy", "disclaimer",
        "mentions légales", "aviso legal", "política de privacidad", "privacidad", "polityka prywatności",
    ]

    /// A site footer's line of legal links set between bars ("Impressum | Datenschutz | © …"):
    /// at most 300 bytes, two or more of its bar-separated parts the names of legal pages.
    static func isLegalLinkLine(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 300, paragraph.contains("|") else { return false }
        let parts = paragraph.split(separator: "|").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        return parts.filter { legalPages.contains($0) }.count >= 2
    }

    /// A short paragraph naming a Creative Commons licence by its short name.
    static func isLicenceNotice(_ paragraph: String) -> Bool {
        // The tokens are ASCII with no other canonically equivalent spelling, so a paragraph
        // without one's bytes cannot match and skips Foundation's search.
        paragraph.utf8.count <= maximumNoticeBytes
            && licenceTokens.contains { UTF8Search.contains(paragraph, $0) && paragraph.contains($0) }
    }

    /// A paragraph of at most eight short lines (100 bytes each), one of which is a contact label,
    /// a colon and a number or mail address ("Telefon: +49 40 …", "E-Mail: presse@…").
    static func isContactBlock(_ paragraph: String) -> Bool {
        // Every contact line has a colon; a paragraph without one is not split into lines.
        guard UTF8Search.contains(paragraph, byte: UInt8(ascii: ":")) else { return false }
        let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty, lines.count <= 8, lines.allSatisfy({ $0.utf8.count <= 100 }) else { return false }
        return lines.contains { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            let label = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard contactLabels.contains(label) else { return false }
            return line[line.index(after: colon)...].contains { $0.isNumber || $0 == "@" }
        }
    }
}
