import Foundation

/// Writes a ``ReportSite`` to a folder.
///
/// The folder ends up holding exactly the report's pages: a previous report there (a folder
/// with `index.html`, `companies/`, `stories/`) is replaced, so pages of companies no longer
/// in range do not linger. A folder that holds anything else is refused rather than mixed into.
public enum ReportWriter {
    /// - Returns: how many files were written.
    /// - Throws: ``ReportError`` when the folder holds other files or cannot be written.
    @discardableResult
    public static func write(_ site: ReportSite, to directory: String) throws(ReportError) -> Int {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ReportError(reason: "\(directory) is a file, not a folder") }
            let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
            let ours: Set<String> = ["index.html", "companies", "stories"]
            let foreign = entries.filter { !ours.contains($0) && !$0.hasPrefix(".") }.sorted()
            if !foreign.isEmpty {
                throw ReportError(reason: "\(directory) holds other files (\(foreign.prefix(3).joined(separator: ", "))); choose an empty or a report folder")
            }
            for entry in entries where ours.contains(entry) {
                do { try fm.removeItem(atPath: directory + "/" + entry) } catch {
                    throw ReportError(reason: "cannot replace \(directory)/\(entry): \(error.localizedDescription)")
                }
            }
        }
        do {
            for sub in ["", "/companies", "/stories"] {
                try fm.createDirectory(atPath: directory + sub, withIntermediateDirectories: true)
            }
            for (path, html) in site.pages.sorted(by: { $0.key < $1.key }) {
                try writeFile(directory + "/" + path, html)
            }
        } catch {
            throw ReportError(reason: "cannot write the report to \(directory): \(error.localizedDescription)")
        }
        return site.pages.count
    }

    /// One page with fopen/fwrite/fclose: a report is thousands of small files, and a page
    /// lost in a crash is rewritten by the next `report`, so no fsync per file (Foundation's
    /// `Data.write` syncs each one, which was a tenth of a large report's time).
    private static func writeFile(_ path: String, _ text: String) throws {
        guard let file = fopen(path, "wb") else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
