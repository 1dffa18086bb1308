import FuzzSupport
import WirescoreExtract

/// HTML extraction: the bytes are an article page; the first byte picks the Content-Type the
/// server claimed, so charset sniffing and overrides are fuzzed with the DOM walk.
func fuzzHTML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let bytes = fuzzBytes(start, count)
    guard let selector = bytes.first else { return 0 }
    let types: [String?] = [nil, "text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252",
                            "text/html; charset=shift_jis", "application/xhtml+xml", "text/html; charset=nonsense",
                            "text/html; charset=utf-16le"]
    let page = try? ArticleExtractor().extract(html: Array(bytes.dropFirst()), url: "https://fuzz.example/news/2026/11/19/story",
                                               contentType: types[Int(selector) % types.count])
    _ = page?.text.utf8.count
    return 0
}

/// What libFuzzer's own `main` (linked in, though `main` is ours) expects to find.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 { fuzzHTML(data, count) }

runFuzzer { fuzzHTML($0, $1) }
