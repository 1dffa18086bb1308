import ArgumentParser
import Foundation
import WirescoreEntities
import WirescoreEvents
import WirescoreInspect
import WirescoreSentiment

struct InspectTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Tag companies and score sentiment: JSONL {id, text, target?} on stdin, one JSON line out per line in.",
        discussion: """
            Output: {"id", "score" (-1..1), "label", "entities": [{"id", "name", "sentiment", "label", "relevance", \
            "mentions"}], "events": [{"type", "company", "role", "sentiment", "ess", "confidence", "evidence"}], \
            "target"?: {"name", "sentiment"}} (events: docs/events.md). "target" asks for the sentiment toward that \
            company rather than the text's overall tone. A line that is not a JSON object with a "text" \
            string yields {"id", "error"} so output lines stay aligned with input lines.
            """)

    @Option(help: "Extra entities file (TSV: id, name[, type, aliases, tickers, exchange, sector]).")
    var entities: String?

    func run() throws {
        let extra: [GazetteerEntity]
        do {
            extra = try entities.map(EntitiesFile.load(path:)) ?? []
        } catch {
            printError("wirescore: \(error)")
            throw ExitCodes.config
        }
        // Start-up work runs while stdin is read: the gazetteer and its matcher on one thread, the
        // merged word table on another (together about 15 ms, a few percent of a large run's wall
        // time when done one after another).
        let setup = DispatchGroup()
        let built = AnalyzerBox()
        DispatchQueue.global().async(group: setup) { TextAnalyzer.prepareTables() }
        DispatchQueue.global().async(group: setup) {
            built.analyzer = TextAnalyzer(gazetteer: extra.isEmpty ? Gazetteer.builtin : Gazetteer.builtin.adding(extra))
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        setup.wait()
        guard let analyzer = built.analyzer else { throw ExitCodes.config }   // (always set by then)
        // Output bytes go straight to stdout in large writes; InspectTextBatch reads the common
        // flat input line and writes its answer without JSON trees, several parts at a time.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        func flush() {
            guard !out.isEmpty else { return }
            FileHandle.standardOutput.write(Data(out))
            out.removeAll(keepingCapacity: true)
        }
        input.withUnsafeBytes { (all: UnsafeRawBufferPointer) in
            InspectTextBatch.run(input: all, analyzer: analyzer, events: EventDetector(matcher: analyzer.matcher),
                                 threads: ProcessInfo.processInfo.activeProcessorCount) { bytes in
                out.append(contentsOf: bytes)
                if out.count >= 1 << 20 { flush() }
            }
        }
        flush()
    }

    /// The analyzer built during start-up; written by one task before `DispatchGroup.wait` returns,
    /// read only after it.
    final class AnalyzerBox: @unchecked Sendable {
        var analyzer: TextAnalyzer?
    }
}
