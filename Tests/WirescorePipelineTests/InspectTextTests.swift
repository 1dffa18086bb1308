import Foundation
import Testing

/// `wirescore inspect text`: one output line per input line, ids kept as given, escapes decoded,
/// bad lines answered with an error rather than dropped.
struct InspectTextTests {
    @Test func answersEveryLineInOrder() throws {
        let input = [
            #"{"id":1,"text":"Nvidia beat estimates and raised its forecast.\nShares \"soared\" \u00e9 \ud83d\ude00"}"#,
            #"{"id":"b","text":"Target cut its outlook after sales fell.","target":"Target"}"#,
            "not json",
            #"{"id":2.5,"text":"Markets were quiet.","extra":{"nested":[1,2]}}"#,
            "",
            #"{"id":3,"text":"bad \x escape"}"#,
        ].joined(separator: "\n") + "\n"
        let run = try BinaryRun.run(["inspect", "text"], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        #expect(lines.count == 5)
        #expect(lines[0]["id"] as? Int == 1)
        #expect(lines[0]["label"] as? String == "positive")
        #expect((lines[0]["entities"] as? [[String: Any]])?.first?["id"] as? String == "NVDA")
        #expect(lines[1]["id"] as? String == "b")
        #expect((lines[1]["target"] as? [String: Any])?["name"] as? String == "Target")
        #expect(((lines[1]["target"] as? [String: Any])?["sentiment"] as? Double ?? 0) < 0)
        #expect((lines[2]["error"] as? String)?.hasPrefix("line 3:") == true)
        #expect(lines[3]["id"] as? Double == 2.5)
        #expect(lines[3]["label"] as? String == "neutral")
        #expect((lines[4]["error"] as? String)?.hasPrefix("line 6:") == true)
    }
}
