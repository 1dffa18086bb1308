import Foundation

/// The complete lines of a part file as byte slices, for parsers that take bytes.
///
/// A line counts only when its newline has been written (DESIGN.md: whole-line appends), so a
/// line an ingest is still writing is not read half. Splitting on the byte 0x0A is exact for
/// UTF-8 and avoids decoding the file into a String first, which dominated large reports.
enum LineFile {
    /// - Returns: the file's complete, non-empty lines without their newlines; empty when the
    ///   file cannot be read.
    static func completeLines(of path: String) -> [Data] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var lines: [Data] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var start = 0
            for i in 0..<raw.count where raw[i] == 0x0A {
                if i > start { lines.append(data.subdata(in: start..<i)) }
                start = i + 1
            }
        }
        return lines
    }
}
