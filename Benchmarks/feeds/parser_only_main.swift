import Foundation
import WirescoreFeeds

let dir = CommandLine.arguments[1]
let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
let blobs = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))) }
let total = blobs.reduce(0) { $0 + $1.count }
let parser = FeedParser()
var best = Double.infinity
var entries = 0
let iterations = Int(ProcessInfo.processInfo.environment["ITER"] ?? "3") ?? 3
for _ in 0..<iterations {
    let t0 = DispatchTime.now().uptimeNanoseconds
    entries = 0
    for b in blobs { entries += (try? parser.parse(b, url: "https://example.com/feed", contentType: nil).entries.count) ?? 0 }
    let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    best = min(best, dt)
}
print(String(format: "parser-only %.1f MB/s (%.3f s, %d entries, %.1f MB)", Double(total) / 1e6 / best, best, entries, Double(total) / 1e6))
