import Foundation
import Testing
@testable import WirescoreCore

/// The one JSON writer: its single string escape and its number format.
struct JSONByteWriterTests {
    @Test func keepsKeyOrderAndEscapes() {
        let value = JSONValue.object([
            ("z", .string("a\"b\\c\nd\u{01}")), ("a", .int(-3)), ("m", .array([.null, .bool(true), .bool(false), .double(0.25)])),
        ])
        #expect(value.serialized() == #"{"z":"a\"b\\c\nd\u0001","a":-3,"m":[null,true,false,0.25]}"#)
        #expect(value.serializedBytes() == Array(value.serialized().utf8))
    }

    func written(_ s: String) -> String {
        var w = JSONByteWriter()
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// The rule, stated scalar by scalar, independently of the writer's byte scanning.
    func expected(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    @Test func oneEscapingRule() throws {
        // Every control character, quote, backslash, slash, DEL, the line and paragraph
        // separators and their neighbours, and non-ASCII of every UTF-8 length.
        #expect(written("\u{00}\u{01}\u{08}\t\n\u{0B}\u{0C}\r\u{1F} \"\\/\u{7F}")
                == #""\u0000\u0001\b\t\n\u000b\f\r\u001f \"\\/\#u{7F}""#)
        #expect(written("x\u{2028}y\u{2029}z\u{2027}\u{202A}\u{2026}") == "\"x\\u2028y\\u2029z\u{2027}\u{202A}\u{2026}\"")
        #expect(written("é東京📈\u{80}\u{FFFF}\u{FEFF}") == "\"é東京📈\u{80}\u{FFFF}\u{FEFF}\"")
        #expect(JSONValue.string("x\u{2028}y\u{2029}é").serialized() == "\"x\\u2028y\\u2029é\"")
        // Each ASCII character and each character of the General Punctuation block on its own,
        // and amid nine bytes of text (the eight-byte scan, then the byte loop).
        for value in Array(0..<0x80) + Array(0x2000...0x206F) {
            let u = String(Unicode.Scalar(UInt32(value))!)
            #expect(written(u) == expected(u), "U+\(String(value, radix: 16))")
            #expect(written("abcdefghi" + u + "jklmnopqr") == expected("abcdefghi" + u + "jklmnopqr"), "U+\(String(value, radix: 16))")
        }

        // Random strings over the interesting ranges, of lengths around the eight-byte scan.
        let pools: [ClosedRange<UInt32>] = [0...0x7F, 0x20...0x7E, 0x80...0x7FF, 0x2000...0x206F, 0xE000...0xFFFD, 0x1F600...0x1F64F]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3_000 {
            var s = ""
            for _ in 0..<(round % 40) {
                let pool = pools[Int.random(in: 0..<pools.count, using: &generator)]
                // U+FEFF is left out: the writer keeps it (checked above), but Foundation's reader
                // used below as the independent check drops a byte-order mark wherever it stands.
                let value = UInt32.random(in: pool, using: &generator)
                if value != 0xFEFF, let u = Unicode.Scalar(value) { s.unicodeScalars.append(u) }
            }
            let out = written(s)
            #expect(out == expected(s), "\(Array(s.unicodeScalars))")
            // Valid JSON that reads back to the very string, with no raw line break inside.
            let back = try JSONSerialization.jsonObject(with: Data(out.utf8), options: [.fragmentsAllowed]) as? String
            #expect(back == s)
            #expect(!out.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
            let needsNone = Array(s.utf8).withUnsafeBufferPointer { JSONByteWriter.needsNoEscape($0) }
            #expect(needsNone == (out == "\"" + s + "\""))
        }
    }

    @Test func numbers() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity), .double(-.infinity), .double(2), .double(-0.0)]).serialized()
                == "[null,null,null,2,0]")
        #expect(JSONValue.array([.int(.min), .int(.max), .int(0), .double(1e15), .double(1e20), .double(1e-5), .double(0.05)]).serialized()
                == "[-9223372036854775808,9223372036854775807,0,1000000000000000.0,1e+20,1e-05,0.05]")
        // Whole numbers below 1e15 as integers; everything else as `description`, whether the
        // writer formats it itself (four decimals) or not.
        func expected(_ d: Double) -> String {
            guard d.isFinite else { return "null" }
            return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : d.description
        }
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = (-30_000...30_000).map { Double($0) / 10_000 }
        for _ in 0..<30_000 {
            let d = Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -8...12, using: &generator)))
            values += [d, (d * 10_000).rounded() / 10_000, (d * 100).rounded() / 100,
                       Double(Int.random(in: -9_999_999_999_999...9_999_999_999_999, using: &generator)) / 10_000]
        }
        values += [999_999_999.9999, 1e9 + 0.5, 0.0001, -0.0001, 0.1 + 0.2, .ulpOfOne, .greatestFiniteMagnitude, .nan]
        var line = [UInt8](repeating: 0, count: 64)
        for d in values {
            var w = JSONByteWriter()
            w.double(d)
            #expect(String(decoding: w.bytes, as: UTF8.self) == expected(d), "\(d)")
            // The pointer writer gives the same bytes whenever it takes the value.
            let taken = line.withUnsafeMutableBufferPointer { b -> [UInt8]? in
                var u = UnsafeJSONByteWriter(base: b.baseAddress!)
                return u.double(d) ? Array(u.written) : nil
            }
            if let taken { #expect(taken == w.bytes, "\(d)") }
        }
    }

    @Test func pointerWriterWritesOnlyPlainStrings() {
        var line = [UInt8](repeating: 0, count: 64)
        line.withUnsafeMutableBufferPointer { b in
            var u = UnsafeJSONByteWriter(base: b.baseAddress!)
            u.raw("{\"id\":")
            #expect(Array("café".utf8).withUnsafeBufferPointer { u.plainString($0) })
            #expect(!Array("a\u{2028}".utf8).withUnsafeBufferPointer { u.plainString($0) })
            #expect(!Array("q\"".utf8).withUnsafeBufferPointer { u.plainString($0) })
            u.raw(","); u.int(-12); u.raw(UInt8(ascii: "}"))
            #expect(String(decoding: u.written, as: UTF8.self) == #"{"id":"café",-12}"#)
        }
    }
}

struct UTCTimestampTests {
    @Test func formatsAndParsesDays() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 7)))
        #expect(UTCTimestamp.rfc3339(date) == "2024-02-29T23:59:07Z")
        #expect(UTCTimestamp.day(date) == "2024-02-29")
        #expect(UTCTimestamp.parseDay("2024-02-29") != nil)
        #expect(UTCTimestamp.parseDay("2023-02-29") == nil)
        #expect(UTCTimestamp.parseDay("2023-2-01") == nil)
    }

    @Test func parsesWhatItWrites() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 2026, month: 11, day: 21, hour: 18, minute: 5, second: 39)))
        #expect(UTCTimestamp.parseRFC3339(UTCTimestamp.rfc3339(date)) == date)
        #expect(UTCTimestamp.parseRFC3339("2026-11-21T18:05:39+01:00") == nil)
        #expect(UTCTimestamp.parseRFC3339("2026-02-30T00:00:00Z") == nil)
    }

    @Test func appliesOffsets() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 2026, month: 1, day: 1, hour: 1), offsetSeconds: 2 * 3600))
        #expect(UTCTimestamp.rfc3339(date) == "2025-12-31T23:00:00Z")
    }

    @Test func handlesDatesBeforeEpoch() throws {
        let date = try #require(UTCTimestamp.date(from: .init(year: 1969, month: 12, day: 31, hour: 12)))
        #expect(UTCTimestamp.rfc3339(date) == "1969-12-31T12:00:00Z")
    }
}

struct StableHashTests {
    @Test func isStableAndWide() {
        #expect(StableHash.hex128("https://example.com/a") == StableHash.hex128("https://example.com/a"))
        #expect(StableHash.hex128("https://example.com/a").count == 32)
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.hex128("a") != StableHash.hex128("b"))
    }

    @Test func countsWords() {
        #expect(WordCount.count("Q3 revenue rose 12% to $4.5bn; the company's outlook is well-known.") == 11)
        #expect(WordCount.count("Sales of 1,200 units - up 3.5%.") == 6)
        #expect(WordCount.count("") == 0)
    }

    @Test func wordCountBytesAgreeWithScalars() {
        let pieces = ["Q3", " ", "revenue", "4.5bn", "1,200", "-", "'", "\u{2019}", "é", "Größe", "日本語", "😀", "ß-", ".",
                      ",", "12", "\n\n", "a", "Ż", "\u{0301}", "٣", "--", "''",
                      // Long ASCII runs and the bytes either side of the letter and digit ranges.
                      "abcdefghijklmnopq", "WELL-Known", "0123456789x", "@[`{/:", "Z[a`z{", "Q4:2024."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(WordCount.count(text) == countWordsByScalars(text), "\(text.debugDescription)")
        }
    }
}

struct URLCanonicalizerTests {
    @Test func dropsTrackingFragmentsAndDefaultPorts() {
        #expect(URLCanonicalizer.canonical("HTTPS://News.Example:443/a/b?utm_source=x&id=7&fbclid=z#top")
                == "https://news.example/a/b?id=7")
        #expect(URLCanonicalizer.canonical("http://news.example") == "http://news.example/")
        #expect(URLCanonicalizer.canonical("not a url") == nil)
    }

    /// The byte check that lets a URL skip `URLComponents` must only vouch for URLs that
    /// `URLComponents` gives back unchanged: every combination of these parts, the odd ones
    /// included, gets the same answer both ways, and the same article id as the `range(of:)` form.
    @Test func byteCheckAgreesWithURLComponents() {
        let schemes = ["http://", "https://", "HTTP://", "Https://", "ftp://", "http:/", "file://"]
        let hosts = ["news.example", "NEWS.example", "a-b.example", "-a.example", "a-.example", "a--b.example",
                     "xn--bcher-kva.example", "a..b", ".a.b", "127.0.0.1", "localhost", "example.com.", "1.2",
                     String(repeating: "x", count: 63) + ".example", String(repeating: "x", count: 64) + ".example",
                     "user@news.example", "[::1]", "", "b\u{00FC}cher.example"]
        let ports = ["", ":80", ":443", ":8080", ":42157", ":080", ":0", ":65535", ":65536", ":", ":123456"]
        let paths = ["", "/", "/a/b.html", "/a%20b", "/a%2", "/a%zz%2F", "/\u{00FC}ber", "/a b", "/a?b=1", "/a?utm_source=x",
                     "/a#x", "/a;b=c,d", "/~user/@x:y", "//double", "/a/../b", "/(x)!*'$&+=", "/a\\b", "/a\"b", "/a|b",
                     "/a^b", "/a`b", "/a{b}", "/a[1]", " /a", "/a ", "/a\n", "/%41%e9", "/%e9", "/%C3%A9", "/%7e%00"]
        var fast = 0, total = 0
        for scheme in schemes {
            for host in hosts {
                for port in ports {
                    for path in paths {
                        let url = scheme + host + port + path
                        total += 1
                        if URLCanonicalizer.isAlreadyCanonical(url) { fast += 1 }
                        #expect(URLCanonicalizer.canonical(url) == URLCanonicalizer.canonicalByComponents(url), "\(url.debugDescription)")
                        let normal = URLCanonicalizer.canonicalByComponents(url) ?? url
                        let expectedID = StableHash.hex128(String(normal.range(of: "://").map { normal[$0.upperBound...] } ?? Substring(normal)))
                        #expect(URLCanonicalizer.articleID(for: url) == expectedID, "\(url.debugDescription)")
                    }
                }
            }
        }
        // The check is not vacuous: the plain combinations (a few hundred) take the byte path.
        #expect(fast >= 500, "\(fast) of \(total)")
        #expect(URLCanonicalizer.isAlreadyCanonical("http://127.0.0.1:42157/a0000/00000.html"))
        #expect(!URLCanonicalizer.isAlreadyCanonical("http://127.0.0.1:80/a0000/00000.html"))
    }

    @Test func idIgnoresSchemeAndTracking() {
        #expect(URLCanonicalizer.articleID(for: "http://news.example/a?utm_medium=rss")
                == URLCanonicalizer.articleID(for: "https://NEWS.example/a"))
        #expect(URLCanonicalizer.articleID(for: "https://news.example/a")
                != URLCanonicalizer.articleID(for: "https://news.example/b"))
    }

    @Test func resolvesRelativeLinks() {
        #expect(URLCanonicalizer.resolve("../p/x.html", against: "file:///repo/Feeds/sample/feed.xml")
                == "file:///repo/Feeds/p/x.html")
        #expect(URLCanonicalizer.resolve("https://a.example/x", against: nil) == "https://a.example/x")
    }
}

/// `WordCount.count` by `unicodeScalars`: the definition the byte loop is held to.
private func countWordsByScalars(_ text: String) -> Int {
    var count = 0
    var inWord = false
    var previousIsDigit = false
    var pendingJoiner = false
    for scalar in text.unicodeScalars {
        let value = scalar.value
        let isDigit = value &- 0x30 < 10
        let isWordChar = isDigit
            || (value < 0x80 ? (value | 0x20) &- 0x61 < 26 : scalar.properties.isAlphabetic)
        if isWordChar {
            if !inWord && !pendingJoiner { count += 1 }
            inWord = true
            pendingJoiner = false
            previousIsDigit = isDigit
            continue
        }
        let joins = scalar == "'" || scalar == "\u{2019}" || scalar == "-"
            || (previousIsDigit && (scalar == "." || scalar == ","))
        if inWord && joins && !pendingJoiner {
            pendingJoiner = true
            inWord = false
        } else {
            inWord = false
            pendingJoiner = false
        }
        previousIsDigit = false
    }
    return count
}
