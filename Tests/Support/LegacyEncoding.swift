import Foundation

/// Text in a legacy encoding for tests, made by the `iconv` program (glibc's converters, the
/// ones the parsers decode with), so fixtures are written as readable strings instead of byte
/// dumps. The program rather than the C API: importing iconv's header here clashes with the
/// ICU types libxml2's headers bring into the same build.
public enum LegacyEncoding {
    /// `bytes` converted from `source` to `target` (iconv names); nil when iconv lacks either
    /// or the text has a character `target` cannot hold.
    public static func convert(_ bytes: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", source, "-t", target]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(bytes))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : nil
    }

    /// `text` in `encoding`.
    public static func encode(_ text: String, as encoding: String) -> [UInt8]? {
        convert(Array(text.utf8), from: "UTF-8", to: encoding)
    }
}
