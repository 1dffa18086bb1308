import Dispatch
import WirescoreCore
import WirescoreEvents
import WirescoreSentiment
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `inspect text` over a whole input buffer: JSONL lines in, one answer line each, in order.
///
/// The input is cut at line ends into parts of about 256 KB; rounds of up to eight parts per
/// thread are analysed at once, each part with its own ``TextAnalyzer/Scratch`` and output
/// buffer, and the answers are written in input order after each round. Many small parts keep
/// the threads evenly loaded up to the round's end. Lines the flat reader (``InspectTextInput``)
/// does not handle are read with JSONSerialization; a line that is no JSON object with a "text"
/// string is answered `{"id","error"}`, so output lines stay aligned with input lines.
public enum InspectTextBatch {
    /// Bytes of input per part: large enough that thread hand-off costs nothing measurable,
    /// small enough that the threads finish a round together and memory stays bounded.
    static let partSize = 1 << 18

    /// Answers every non-blank line of `input` in order.
    /// - Parameters:
    ///   - input: JSONL, `{"id", "text", "target"?}` a line; read concurrently, never written.
    ///   - threads: how many parts are analysed at once (1...16).
    ///   - write: receives the answers in input order, a part's worth at a time, on the caller's thread.
    ///   - events: finds the corporate events of each text for the answer's `events` array;
    ///     nil leaves the key out.
    public static func run(input: UnsafeRawBufferPointer, analyzer: TextAnalyzer, events: EventDetector? = nil,
                           threads: Int, write: ([UInt8]) -> Void) {
        run(input: input, analyzer: analyzer, events: events, threads: threads, fallback: { line, lineNumber, w in
            answerDeclinedLine(line, lineNumber: lineNumber, analyzer: analyzer, events: events, to: &w)
        }, write: write)
    }

    /// The events of one text, with the analysis's companies as tone and main company.
    static func events(of text: String, _ analysis: TextAnalysis, _ detector: EventDetector?) -> [EventField]? {
        guard let detector else { return nil }
        let tones = Dictionary(analysis.entities.map { ($0.id, $0.sentiment) }, uniquingKeysWith: { a, _ in a })
        return detector.detect(title: nil, text: text, primary: analysis.entities.first { $0.relevance >= 60 }?.id,
                               tone: { tones[$0] })
    }

    /// ``run(input:analyzer:threads:write:)`` with the answer to the lines the flat reader
    /// declines given by `fallback` (the line, its 1-based number, the part's writer).
    static func run(input: UnsafeRawBufferPointer, analyzer: TextAnalyzer, events: EventDetector? = nil, threads: Int,
                    fallback: @escaping @Sendable (UnsafeRawBufferPointer, Int, inout JSONByteWriter) -> Void,
                    write: ([UInt8]) -> Void) {
        let threads = max(1, min(threads, 16))
        var start = 0
        var line = 1
        while start < input.count {
            var parts: [(range: Range<Int>, firstLine: Int)] = []
            var s = start
            while parts.count < (threads == 1 ? 1 : threads * 8), s < input.count {
                var e = min(input.count, s + partSize)
                while e < input.count, input[e - 1] != 0x0A { e += 1 }
                parts.append((s..<e, line))
                line += newlines(in: UnsafeRawBufferPointer(rebasing: input[s..<e]))
                s = e
            }
            start = s
            if parts.count == 1 {
                var scratch = TextAnalyzer.Scratch()
                write(process(UnsafeRawBufferPointer(rebasing: input[parts[0].range]), firstLine: parts[0].firstLine,
                              analyzer: analyzer, events: events, scratch: &scratch, fallback: fallback))
                continue
            }
            let outputs = Outputs(count: parts.count)
            let shared = SharedInput(bytes: input)
            let list = parts
            DispatchQueue.concurrentPerform(iterations: list.count) { p in
                var scratch = TextAnalyzer.Scratch()
                outputs.set(p, process(UnsafeRawBufferPointer(rebasing: shared.bytes[list[p].range]), firstLine: list[p].firstLine,
                                       analyzer: analyzer, events: events, scratch: &scratch, fallback: fallback))
            }
            for p in 0..<list.count { write(outputs.get(p)) }
            outputs.free()
        }
    }

    /// Answers every line of `part`.
    static func process(_ part: UnsafeRawBufferPointer, firstLine: Int, analyzer: TextAnalyzer,
                        events detector: EventDetector? = nil, scratch: inout TextAnalyzer.Scratch,
                        fallback: (UnsafeRawBufferPointer, Int, inout JSONByteWriter) -> Void) -> [UInt8] {
        var out = JSONByteWriter(reservingCapacity: part.count / 2 + 64)
        var lineNumber = firstLine - 1
        var start = 0
        while start < part.count {
            let end = lineEnd(part, from: start)
            lineNumber += 1
            let line = UnsafeRawBufferPointer(rebasing: part[start..<end])
            start = end + 1
            var blank = true
            for b in line where b != 0x20 && b != 0x09 && b != 0x0D { blank = false; break }
            if blank { continue }
            if let (input, ascii) = InspectTextInput.parseLine(line), ascii != nil || input.text != nil {
                let analysis: TextAnalysis
                if let ascii {
                    analysis = analyzer.analyze(asciiText: ascii, target: input.target, scratch: &scratch)
                } else {
                    analysis = analyzer.analyze(title: nil, text: input.text ?? "", target: input.target, scratch: &scratch)
                }
                let found = detector == nil ? nil
                    : events(of: ascii.map { String(decoding: $0, as: UTF8.self) } ?? input.text ?? "", analysis, detector)
                analysis.appendInspectLine(id: input.id, events: found, to: &out)
            } else {
                fallback(line, lineNumber, &out)
            }
        }
        return out.bytes
    }

    /// The answer to a line the flat reader declined: read with JSONSerialization, analysed
    /// when it has a "text" string, else `{"id","error"}` naming the line.
    static func answerDeclinedLine(_ line: UnsafeRawBufferPointer, lineNumber: Int, analyzer: TextAnalyzer,
                                   events detector: EventDetector? = nil, to w: inout JSONByteWriter) {
        let input = InspectTextInput.parsedByFoundation(line)
        if let text = input.text {
            let analysis = analyzer.analyze(title: nil, text: text, target: input.target)
            analysis.appendInspectLine(id: input.id, events: events(of: text, analysis, detector), to: &w)
            return
        }
        w.raw("{\"id\":")
        input.id.write(to: &w)
        w.raw(",\"error\":")
        w.string("line \(lineNumber): expected a JSON object with a \"text\" string")
        w.raw("}\n")
    }

    /// The index of the next newline at or after `from`, or the end (libc memchr: vectorised).
    static func lineEnd(_ b: UnsafeRawBufferPointer, from: Int) -> Int {
        guard from < b.count, let base = b.baseAddress,
              let p = memchr(base + from, 0x0A, b.count - from) else { return b.count }
        return base.distance(to: UnsafeRawPointer(p))
    }

    static func newlines(in b: UnsafeRawBufferPointer) -> Int {
        var n = 0, k = 0
        while k < b.count { k = lineEnd(b, from: k) + 1; if k <= b.count { n += 1 } }
        return n
    }

    /// The input, read concurrently by the workers (never written while they run).
    struct SharedInput: @unchecked Sendable { let bytes: UnsafeRawBufferPointer }

    /// One output slot per part; each worker writes only its own slot.
    final class Outputs: @unchecked Sendable {
        let slots: UnsafeMutablePointer<[UInt8]>
        let count: Int
        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: [], count: count)
        }
        func set(_ i: Int, _ v: [UInt8]) { slots[i] = v }
        func get(_ i: Int) -> [UInt8] { slots[i] }
        func free() { slots.deinitialize(count: count); slots.deallocate() }
    }
}
