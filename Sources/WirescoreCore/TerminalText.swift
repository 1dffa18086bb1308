/// Text from the web made safe to print on a terminal.
public enum TerminalText {
    /// `text` with C0 controls (ESC, BEL, ...), DEL and C1 controls (U+0080-U+009F; U+009B is
    /// CSI to many terminals) removed, and tabs and line breaks turned into spaces. Titles and
    /// names are data anyone could have written: they must not move the cursor, retitle the
    /// window or ring the bell.
    public static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
