import Foundation
import Testing
import WirescoreCore
import WirescoreEntities
import WirescoreEvents
import WirescoreSentiment
@testable import WirescoreInspect

/// `inspect text` answers carry the events of each text (so the events evaluation can read
/// them headline by headline), and an empty array when there are none.
struct InspectEventsTests {
    @Test func answersCarryEvents() throws {
        let analyzer = TextAnalyzer(gazetteer: .builtin)
        let input = Array(("{\"id\":\"a\",\"text\":\"Goldman Sachs upgrades Nvidia to buy\"}\n"
                           + "{\"id\":\"b\",\"text\":\"Nice weather today\"}\n").utf8)
        var out: [UInt8] = []
        input.withUnsafeBytes { bytes in
            InspectTextBatch.run(input: bytes, analyzer: analyzer, events: EventDetector(matcher: analyzer.matcher),
                                 threads: 1) { out.append(contentsOf: $0) }
        }
        let lines = try String(decoding: out, as: UTF8.self).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let events = lines.first?["events"] as? [[String: Any]]
        #expect(events?.first?["type"] as? String == "analyst/rating/upgrade")
        #expect(events?.first?["company"] as? String == "NVDA")
        #expect((events?.first?["ess"] as? Int ?? 0) > 50)
        #expect((lines.last?["events"] as? [Any])?.isEmpty == true)
    }
}
