import FuzzSupport
import WirescoreFeeds

/// Feed parsing: the bytes are a response body. The first byte picks the Content-Type the
/// server claimed (none, XML with a charset, HTML, JSON), so charset overrides are fuzzed too;
/// every fourth input is read as an OPML feed list instead.
func fuzzFeed(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let bytes = fuzzBytes(start, count)
    guard let selector = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    let types: [String?] = [nil, "application/rss+xml", "application/atom+xml; charset=iso-8859-1",
                            "text/xml; charset=utf-16", "text/html", "application/feed+json",
                            "application/xml; charset=windows-1252", "text/plain; charset=bogus"]
    if selector % 4 == 3 {
        _ = try? OPMLParser().parse(body)
        return 0
    }
    if let document = try? FeedParser().parse(body, url: "https://fuzz.example/feed/", contentType: types[Int(selector >> 2) % types.count],
                                              contentLocation: selector & 0x80 != 0 ? "../other/" : nil,
                                              contentLanguage: "en") {
        // The JSON rendering is what `inspect feed` prints: exercise it too.
        _ = document.feedparserJSON().serialized()
    }
    return 0
}

/// What libFuzzer's own `main` (linked in, though `main` is ours) expects to find.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 { fuzzFeed(data, count) }

runFuzzer { fuzzFeed($0, $1) }
