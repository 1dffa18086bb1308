import Testing
import WirescoreCore
import WirescoreEntities
@testable import WirescoreInspect
import WirescoreSentiment

/// `inspect text` I/O: the flat line reader, the answer line, the parallel batch.
struct InspectTextTests {
    let analyzer = TextAnalyzer(gazetteer: .builtin)

    func parse(_ s: String) -> InspectTextInput? {
        Array(s.utf8).withUnsafeBytes { InspectTextInput.parse($0) }
    }

    @Test func readsFlatLines() {
        let a = parse(#"{"id": "a1", "text": "Profit rose.", "target": "Acme"}"#)
        #expect(a?.id == .string("a1"))
        #expect(a?.text == "Profit rose.")
        #expect(a?.target == "Acme")
        #expect(parse(#" {"text":"x","id":7} "#)?.id == .int(7))
        #expect(parse(#"{"id":1.5,"text":"x"}"#)?.id == .double(1.5))
        #expect(parse(#"{"id":true,"text":"x","extra":null,"n":-2e3}"#)?.id == .null)
        #expect(parse(#"{"text":"tab\there \"q\" \u00e9 \ud83d\ude00"}"#)?.text == "tab\there \"q\" é 😀")
        #expect(parse(#"{"text":"x","target":5}"#)?.target == nil)
    }

    @Test func plainASCIITextsStayBytesAndAnalyseAlike() {
        let lines = [#"{"id":"p","text":"Apple Inc. raised its dividend; Microsoft shares fell 3%.","target":"Apple"}"#,
                     #"{"id":"q","text":"Profit rose to EUR 9.1 mn from EUR 7.4 mn."}"#,
                     #"{"text":""}"#,
                     #"{"text":"caf\u00e9 \"quoted\""}"#,       // escapes: a String
                     #"{"text":"café rose"}"#]                  // non-ASCII: a String
        for (n, line) in lines.enumerated() {
            Array(line.utf8).withUnsafeBytes { raw in
                guard let (input, ascii) = InspectTextInput.parseLine(raw), let full = InspectTextInput.parse(raw), let text = full.text else {
                    Issue.record("not read: \(line)"); return
                }
                #expect((ascii != nil) == (n < 3), "\(line)")
                if let ascii {
                    #expect(input.text == nil)
                    #expect(String(decoding: ascii, as: UTF8.self) == text)
                    var scratch = TextAnalyzer.Scratch()
                    var viaBytes = JSONByteWriter(), viaString = JSONByteWriter()
                    analyzer.analyze(asciiText: ascii, target: full.target, scratch: &scratch).appendInspectLine(id: full.id, to: &viaBytes)
                    analyzer.analyze(title: nil, text: text, target: full.target).appendInspectLine(id: full.id, to: &viaString)
                    #expect(viaBytes.bytes == viaString.bytes, "\(line)")
                } else {
                    #expect(input.text == text)
                }
            }
        }
    }

    @Test func leavesAnythingElseToTheFullParser() {
        for line in [#"{"id":1}"#, #"{"id":1,"text":5}"#, #"{"text":"a","text":"b"}"#, #"{"text":"x","tags":[1]}"#,
                     #"{"text":"x","o":{}}"#, #"{"text":"unterminated}"#, #"{"text":"x"} trailing"#, "[1]", "",
                     #"{"text":"bad \q escape"}"#, "{\"text\":\"raw\u{01}control\"}"] {
            #expect(parse(line) == nil, "\(line)")
        }
        // Invalid UTF-8 inside the string.
        let bad: [UInt8] = Array(#"{"text":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(bad.withUnsafeBytes { InspectTextInput.parse($0) } == nil)
    }

    /// The answer line as a `JSONValue` tree: the record shape, stated independently of the
    /// byte writer's constant keys.
    func tree(_ a: TextAnalysis, id: JSONValue) -> JSONValue {
        var b = JSONObjectBuilder()
        b.set("id", id)
        b.set("score", .double(TextAnalysis.rounded(a.score)))
        b.set("label", a.label.rawValue)
        b.set("entities", .array(a.entities.map { e in
            var o = JSONObjectBuilder()
            o.set("id", e.id); o.set("name", e.name); o.set("sentiment", .double(TextAnalysis.rounded(e.sentiment)))
            o.set("label", e.label.rawValue); o.set("relevance", e.relevance); o.set("mentions", e.mentions)
            return o.value
        }))
        if let t = a.target {
            var o = JSONObjectBuilder()
            o.set("name", t.name); o.set("sentiment", .double(TextAnalysis.rounded(t.sentiment)))
            b.set("target", o.value)
        }
        return b.value
    }

    @Test func linesMatchTheRecordShape() {
        let cases: [(String, String?)] = [
            ("Apple Inc. raised its dividend; Microsoft shares fell 3%.", nil),
            ("Morrisons profit slumps, while Tesco sales rise", "Morrisons"),
            ("Line\u{2028}separator \"quoted\" \\ back\tslash\u{01}", nil),
            ("", "Nobody"),
            ("The outlook is negative.", nil),
        ]
        let ids: [(InspectTextInput.ID, JSONValue)] = [(.string("x\"1"), .string("x\"1")), (.int(-42), .int(-42)),
                                                       (.double(2.5), .double(2.5)), (.double(3), .double(3)), (.null, .null),
                                                       // Plain ids: the one-buffer line for texts without entities.
                                                       (.string("17"), .string("17")), (.string(""), .string("")),
                                                       (.string("doc-9 a/b"), .string("doc-9 a/b")), (.string("café"), .string("café")),
                                                       // Ids that need escapes take the general line.
                                                       (.string("a\u{2028}b"), .string("a\u{2028}b")), (.string("t\tab"), .string("t\tab")),
                                                       (.string(String(repeating: "long", count: 40)), .string(String(repeating: "long", count: 40)))]
        for (text, target) in cases {
            let a = analyzer.analyze(title: nil, text: text, target: target)
            for (id, json) in ids {
                var w = JSONByteWriter()
                a.appendInspectLine(id: id, to: &w)
                #expect(String(decoding: w.bytes, as: UTF8.self) == tree(a, id: json).serialized() + "\n")
            }
        }
        var w = JSONByteWriter()
        analyzer.analyze(title: nil, text: "The outlook is negative.", target: nil).appendInspectLine(id: .string("a\u{2028}"), to: &w)
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"id":"a\u2028","score":-0.4731,"label":"negative","entities":[]}"# + "\n")
    }

    @Test func declinedLinesAreReadByFoundationOrAnsweredWithAnError() {
        func answer(_ line: String, _ n: Int) -> String {
            var w = JSONByteWriter()
            Array(line.utf8).withUnsafeBytes { InspectTextBatch.answerDeclinedLine($0, lineNumber: n, analyzer: analyzer, to: &w) }
            return String(decoding: w.bytes, as: UTF8.self)
        }
        #expect(answer("not json", 3) == #"{"id":null,"error":"line 3: expected a JSON object with a \"text\" string"}"# + "\n")
        #expect(answer(#"{"id":"x\u2029","text":5}"#, 9) == #"{"id":"x\u2029","error":"line 9: expected a JSON object with a \"text\" string"}"# + "\n")
        let nested = answer(#"{"id":7,"text":"The outlook is negative.","meta":{"a":[1]}}"#, 1)
        let direct = analyzer.analyze(title: nil, text: "The outlook is negative.", target: nil)
        #expect(nested == tree(direct, id: .int(7)).serialized() + "\n")
        #expect(answer(#"{"id":true,"text":"The outlook is negative.","o":{}}"#, 1) == tree(direct, id: .int(1)).serialized() + "\n")
    }

    @Test func batchKeepsOrderAndLineNumbersOnEveryThreadCount() {
        var lines: [String] = []
        // Over a megabyte, so the batch is cut into several parts and rounds.
        let pad = String(repeating: " The meeting took place in the city hall on a weekday.", count: 3)
        for k in 0..<8000 {
            switch k % 7 {
            case 3: lines.append("")                                  // blank: no answer
            case 5: lines.append(#"{"id":\#(k),"note":"no text"}"#)    // fallback
            default: lines.append(#"{"id":\#(k),"text":"Quarterly profit \#(k % 2 == 0 ? "rose" : "fell") at Apple Inc.\#(pad)"}"#)
            }
        }
        let input = Array(lines.joined(separator: "\n").utf8)
        #expect(input.count > 2 * InspectTextBatch.partSize)
        func run(_ threads: Int) -> [String] {
            var out: [UInt8] = []
            input.withUnsafeBytes { bytes in
                InspectTextBatch.run(input: bytes, analyzer: analyzer, threads: threads,
                                     fallback: { _, n, w in w.bytes += Array("fallback \(n)\n".utf8) },
                                     write: { out.append(contentsOf: $0) })
            }
            return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        let one = run(1)
        #expect(one == run(3))
        #expect(one.count == lines.filter { !$0.isEmpty }.count)
        #expect(one.contains("fallback 6"))       // line 6 holds k = 5
        #expect(one.first?.hasPrefix(#"{"id":0,"score":"#) == true)
        #expect(one.last == "fallback 8000")                             // k = 7999 (7999 % 7 == 5)
        #expect(one[one.count - 2].hasPrefix(#"{"id":7998,"score":"#))
    }
}
