/// Follows the part files of one kind of record across every day's partition, returning the
/// complete lines appended since the last look (what `wirescore tail --follow` prints).
///
/// The follower never sleeps and never reads a clock: the caller decides when to look (the
/// command polls twice a second; tests call ``poll()`` right after each change to the files).
/// Between two looks it notices:
/// - lines appended to any day's part file, the newest or an older one (an article published
///   yesterday and fetched today goes to yesterday's partition);
/// - a day or a shard's part file that appeared, read from its start;
/// - a part file replaced by rename (a reprocess swap, seen as a new inode) or cut shorter:
///   its records were shown before, so it goes on from the new file's end;
/// - a partial last line (a write in progress), returned only once its newline is there.
///
/// Value type, intentionally not shared: one caller owns it and calls ``poll()`` in turn.
public struct PartitionFollower: Sendable {
    private struct Position: Sendable {
        var offset: Int
        var inode: UInt64
    }

    public let kind: OutputLayout.Kind
    private let reader: PartitionReader
    /// Read position per part file path; a file missing here is read from its start.
    private var positions: [String: Position] = [:]

    public init(layout: OutputLayout, kind: OutputLayout.Kind) {
        self.reader = PartitionReader(layout: layout)
        self.kind = kind
    }

    /// Takes the files as they are now as read, and returns the complete lines of the newest
    /// day's part files (the caller shows the last few). Every older day counts as read up to
    /// its last complete line without being read (found from the end of each file).
    /// - Returns: the newest day's complete lines, part file by part file; nil when no
    ///   partition exists yet (then every file that appears later is read from its start).
    public mutating func start() -> [Substring]? {
        positions = [:]
        let days = reader.days(kind)
        for day in days.dropLast() {
            for path in reader.partFiles(kind, day: day) {
                if let end = PartitionReader.endOfCompleteLines(of: path) {
                    positions[path] = Position(offset: end.offset, inode: end.inode)
                }
            }
        }
        guard let newest = days.last else { return nil }
        var lines: [Substring] = []
        for path in reader.partFiles(kind, day: newest) {
            // The inode first: a swap right after the read then shows as a swap next time.
            guard let inode = PartitionReader.identity(of: path)?.inode else { continue }
            let read = PartitionReader.completeLines(of: path, from: 0)
            lines.append(contentsOf: read.lines)
            positions[path] = Position(offset: read.next, inode: inode)
        }
        return lines
    }

    /// The complete lines appended since the last ``start()`` or ``poll()``, oldest day first
    /// and part file by part file within a day.
    public mutating func poll() -> [Substring] {
        var lines: [Substring] = []
        for day in reader.days(kind) {
            for path in reader.partFiles(kind, day: day) {
                lines.append(contentsOf: advance(path))
            }
        }
        return lines
    }

    private mutating func advance(_ path: String) -> [Substring] {
        guard let identity = PartitionReader.identity(of: path) else { return [] }
        guard let known = positions[path] else {
            let read = PartitionReader.completeLines(of: path, from: 0)
            positions[path] = Position(offset: read.next, inode: identity.inode)
            return read.lines
        }
        if known.inode != identity.inode || identity.size < known.offset {
            // Swapped in by a reprocess (or cut short): what it holds was shown already.
            if let end = PartitionReader.endOfCompleteLines(of: path) {
                positions[path] = Position(offset: end.offset, inode: end.inode)
            }
            return []
        }
        guard identity.size > known.offset else { return [] }
        let read = PartitionReader.completeLines(of: path, from: known.offset)
        positions[path] = Position(offset: read.next, inode: known.inode)
        return read.lines
    }
}
