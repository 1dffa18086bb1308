import Foundation
import WirescoreCore
import WirescoreOutput
import WirescoreStore

/// Brings run state and the output tree back in step after a crash, before anything new is
/// written: cuts partial trailing lines, then adopts the ids of article lines that were
/// appended after the last recorded commit (the run died between write and record).
enum StateReconciler {
    struct Result: Equatable {
        var bytesCut = 0
        var idsAdopted = 0
    }

    static func reconcile(layout: OutputLayout, state: StateStore) throws -> Result {
        var result = Result()
        for path in PartitionRepair.partFiles(in: layout) {
            result.bytesCut += try PartitionRepair.repair(path)
        }
        for path in PartitionRepair.partFiles(in: layout, kinds: [.articles]) {
            let relative = layout.relativePath(path)
            let committed = try state.committedBytes(of: relative) ?? 0
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            let size = Int((try? handle.seekToEnd()) ?? 0)
            guard size > committed else { continue }
            try handle.seek(toOffset: UInt64(committed))
            let tail = handle.readDataToEndOfFile()
            let day = dayOf(path)
            var adopted: [(id: String, url: String, day: String)] = []
            for line in tail.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                      let id = object["id"] as? String else { continue }
                adopted.append((id: id, url: object["url"] as? String ?? "", day: day))
            }
            try state.recordWritten(adopted, partFile: relative, committedBytes: size, at: Date())
            result.idsAdopted += adopted.count
        }
        return result
    }

    private static func dayOf(_ path: String) -> String {
        let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        return folder.hasPrefix("date=") ? String(folder.dropFirst(5)) : ""
    }
}
