import Synchronization

/// ``TextAnalyzer/Scratch`` buffers shared by the threads of a parallel caller (the ingest
/// workers), so an analysis reuses grown buffers instead of allocating them per text.
///
/// A fresh `Scratch` per article allocated and zero-filled room for half a token per byte of
/// text (about 200 KB for a 10 KB article) before tokenising, 12% of the analysis in profiles.
/// Each call takes a scratch (or makes one), uses it alone and gives it back; results do not
/// depend on which scratch ran, since every analysis overwrites the parts it reads.
public final class AnalyzerScratchPool: Sendable {
    private let free = Mutex<[TextAnalyzer.Scratch]>([])
    /// Scratches kept at most: about one per thread that analyses at the same time.
    private let keep: Int
    /// A scratch that grew for a text longer than this many bytes is dropped rather than kept,
    /// so one huge page does not hold its buffers for the rest of the run (the token room is
    /// about 20 bytes per byte of text).
    private let largestKeptText: Int

    public init(keep: Int = 4, largestKeptText: Int = 64 * 1024) {
        self.keep = keep
        self.largestKeptText = largestKeptText
    }

    /// Runs `body` with a scratch that no other call uses meanwhile.
    public func withScratch<R>(textBytes: Int, _ body: (inout TextAnalyzer.Scratch) -> R) -> R {
        var scratch = free.withLock { $0.popLast() } ?? TextAnalyzer.Scratch()
        let result = body(&scratch)
        if textBytes <= largestKeptText {
            free.withLock { pool in
                if pool.count < keep { pool.append(scratch) }
            }
        }
        return result
    }
}
