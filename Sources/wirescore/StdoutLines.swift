import Foundation

/// Buffers output lines and writes them to stdout in large chunks: printing tens of thousands
/// of JSON lines one `print` at a time costs more than producing them.
struct StdoutLines {
    private var buffer = ""
    private let flushAt = 1 << 20

    mutating func append(_ line: String) {
        buffer += line
        buffer += "\n"
        if buffer.utf8.count >= flushAt { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}
