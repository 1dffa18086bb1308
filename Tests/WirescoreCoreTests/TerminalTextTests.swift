import Testing
import WirescoreCore

@Suite struct TerminalTextTests {
    @Test func controlSequencesCannotReachTheTerminal() {
        // ESC [2J (clear screen), an OSC window title ended by BEL, and the one-byte C1 CSI.
        let hostile = "A\u{1B}[2Jb\u{1B}]0;owned\u{07}c\u{9B}31md\u{7F}e"
        #expect(TerminalText.printable(hostile) == "A[2Jb]0;ownedc31mde")
    }

    @Test func lineBreaksAndTabsBecomeSpacesAndTextIsKept() {
        #expect(TerminalText.printable("Q3 beat\tand\r\nraise") == "Q3 beat and  raise")
        #expect(TerminalText.printable("Zürich – 東京 📈") == "Zürich – 東京 📈")
    }
}
