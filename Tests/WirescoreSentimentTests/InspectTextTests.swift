import Testing
import WirescoreCore
import WirescoreEntities
@testable import WirescoreSentiment

/// The byte-level `inspect text` path must answer exactly as the JSON-tree path does.
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
                    var viaBytes: [UInt8] = [], viaString: [UInt8] = []
                    analyzer.analyze(asciiText: ascii, target: full.target, scratch: &scratch).appendInspectLine(id: full.id, to: &viaBytes)
                    analyzer.analyze(title: nil, text: text, target: full.target).appendInspectLine(id: full.id, to: &viaString)
                    #expect(viaBytes == viaString, "\(line)")
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

    @Test func bytesMatchTheJSONTree() {
        let cases: [(String, String?)] = [
            ("Apple Inc. raised its dividend; Microsoft shares fell 3%.", nil),
            ("Morrisons profit slumps, while Tesco sales rise", "Morrisons"),
            ("Line\u{2028}separator \"quoted\" \\ back\tslash\u{01}", nil),
            ("", "Nobody"),
            ("The outlook is negative.", nil),
        ]
        let ids: [(InspectTextInput.ID, JSONValue)] = [(.string("x\"1"), .string("x\"1")), (.int(-42), .int(-42)),
                                                       (.double(2.5), .double(2.5)), (.null, .null),
                                                       // Plain ids: the one-buffer line for texts without entities.
                                                       (.string("17"), .string("17")), (.string(""), .string("")),
                                                       (.string("doc-9 a/b"), .string("doc-9 a/b")), (.string("café"), .string("café"))]
        for (text, target) in cases {
            let a = analyzer.analyze(title: nil, text: text, target: target)
            for (id, json) in ids {
                var out: [UInt8] = []
                a.appendInspectLine(id: id, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == a.inspectJSON(id: json).serialized() + "\n")
            }
        }
    }

    @Test func scoresAreWrittenLikeJSONWriter() {
        for x in [0.0, -0.0, 1, -1, 0.5, -0.03125, 0.00004, -0.00005, 0.12345, 0.99999, 1e-9, 0.1, 0.7] {
            var out: [UInt8] = []
            JSONBytes.appendScore(x, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == JSONValue.double(TextAnalysis.rounded(x)).serialized(), "\(x)")
            var bytes = [UInt8](repeating: 0, count: 64)
            let written = bytes.withUnsafeMutableBufferPointer { b -> Int in
                var w = JSONBytes.Writer(base: b.baseAddress!)
                let ok = w.putScore(x)
                #expect(ok)
                return w.count
            }
            #expect(Array(bytes[0..<written]) == out, "\(x)")
        }
        var out: [UInt8] = []
        JSONBytes.appendScore(.nan, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "null")
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
                                     fallback: { _, n in Array("fallback \(n)\n".utf8) },
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
