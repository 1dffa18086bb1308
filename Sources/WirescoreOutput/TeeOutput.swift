/// Sends records to a stream and to the files: every call goes to `stream` first, then to
/// `files`, whose receipt is the one run state keeps.
///
/// Why this order: the sink records a batch in run state only after `append` returns. A
/// stream that fails first leaves the batch unrecorded and unwritten, so the next run sends
/// it to both again (the stream drops what it had by the record's id). The other order could
/// leave lines in the files that the stream never got, and the crash repair would adopt them.
public final class TeeOutput: RecordOutput {
    public let stream: any RecordOutput
    public let files: any RecordOutput

    public init(stream: any RecordOutput, files: any RecordOutput) { self.stream = stream; self.files = files }

    public func append(_ lines: [String], to partition: Partition) throws -> AppendReceipt {
        _ = try stream.append(lines, to: partition)
        return try files.append(lines, to: partition)
    }

    @discardableResult
    public func replace(_ partition: Partition, with lines: [String]) throws -> Bool {
        try stream.replace(partition, with: lines)
        return try files.replace(partition, with: lines)
    }

    public func close(_ partition: Partition) throws {
        try stream.close(partition)
        try files.close(partition)
    }

    public func finish() throws {
        try stream.finish()
        try files.finish()
    }
}
