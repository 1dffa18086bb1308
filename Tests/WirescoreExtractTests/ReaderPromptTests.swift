import Foundation
import Testing
@testable import WirescoreExtract

/// ``ReaderPrompt`` decides ASCII lines on their bytes; it must decide exactly as the String
/// definition (lowercased, Foundation's `contains`) that non-ASCII lines still use.
struct ReaderPromptTests {
    /// The rules as plain String operations.
    static func reference(_ text: String) -> Bool {
        guard text.utf8.count <= ReaderPrompt.maximumLength else { return false }
        let l = text.lowercased()
        let social = ReaderPrompt.socialNetworks.reduce(0) { $0 + (l.contains($1) ? 1 : 0) }
        if social > 0, ReaderPrompt.followPhrases.contains(where: { l.contains($0) }) || social >= 2 && l.contains("follow") { return true }
        if l.contains("newsletter"), !l.contains("this newsletter"), ReaderPrompt.newsletterPhrases.contains(where: { l.contains($0) }) { return true }
        if l.contains("subscri"), ReaderPrompt.paywallPhrases.contains(where: { l.contains($0) }) { return true }
        if ReaderPrompt.supportPhrases.contains(where: { l.contains($0) }),
           ReaderPrompt.donationPhrases.contains(where: { l.contains($0) }) { return true }
        if ReaderPrompt.issuePhrases.contains(where: { l.contains($0) }),
           ReaderPrompt.outletPhrases.contains(where: { l.contains($0) }) { return true }
        return false
    }

    @Test func knownLines() {
        #expect(ReaderPrompt.isPrompt("Follow us on Twitter and Facebook"))
        #expect(ReaderPrompt.isPrompt("Sign up for our NEWSLETTER"))
        #expect(ReaderPrompt.isPrompt("Already a subscriber? Log in"))
        #expect(ReaderPrompt.isPrompt("Folgen Sie uns auf Instagram"))
        #expect(!ReaderPrompt.isPrompt("The company said its Twitter account had been hacked."))
        #expect(!ReaderPrompt.isPrompt("Read this newsletter every week to sign up"))
        // A magazine's promotion of its own issue: the issue and where to get it.
        #expect(ReaderPrompt.isPrompt("Die aktuelle Ausgabe der Hafenpost jetzt an jedem Bahnhofskiosk, im Abo und als e-Paper erhältlich."))
        #expect(ReaderPrompt.isPrompt("The latest issue is available on the newsstand now."))
        #expect(!ReaderPrompt.isPrompt("Die aktuelle Ausgabe des Berichts nennt keine Zahlen."))
    }

    @Test func bytePathAgreesWithTheStringDefinition() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ReaderPrompt.socialNetworks + ReaderPrompt.followPhrases + ReaderPrompt.newsletterPhrases
            + ReaderPrompt.paywallPhrases + ReaderPrompt.supportPhrases + ReaderPrompt.donationPhrases
            + ReaderPrompt.issuePhrases + ReaderPrompt.outletPhrases + ["ERHÄLTLICH", "AKTUELLE AUSGABE", "follow", "newsletter", "this newsletter", "subscri", "the", "news", "on",
                                              "FOLLOW US", "Sign Up", "TWITTER", "Subscribe", "İnstagram", "é", "ünete", "x"]
        var checked = 0
        for _ in 0..<4_000 {
            let words = (0..<Int.random(in: 1...7, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
            var line = words.joined(separator: [" ", "", ", ", "  "].randomElement(using: &rng)!)
            if Bool.random(using: &rng) { line = line.uppercased() }
            #expect(ReaderPrompt.isPrompt(line) == Self.reference(line), "\(line)")
            checked += ReaderPrompt.isPrompt(line) ? 1 : 0
        }
        // The lines are built to hit the rules often, so both answers are exercised.
        #expect(checked > 100)
    }
}
