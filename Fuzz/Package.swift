// swift-tools-version:6.0
//
// libFuzzer harnesses for wirescore, kept in their own package so that `swift build` and
// `swift test` at the repository root never compile them. Build and run with `scripts/fuzz`:
//
//     swift build -c debug -Xswiftc -sanitize=fuzzer,address --package-path Fuzz
//
// Each harness is an executable target whose `main.swift` hands its one-input function to
// libFuzzer's `LLVMFuzzerRunDriver` (see FuzzSupport).
//
//   FuzzFeed      RSS/Atom/RDF/JSON Feed parsing (FeedParser) and OPML
//   FuzzHTML      HTML main-text and metadata extraction (ArticleExtractor)
//   FuzzDate      feed, page and RFC 3339 date parsing
//   FuzzPipeline  pipeline YAML loading (PipelineLoader) and feed lists (OPMLParser)
import PackageDescription

let package = Package(
    name: "wirescore-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "wirescore", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzFeed", dependencies: ["FuzzSupport", .product(name: "WirescorePipeline", package: "wirescore")]),
        .executableTarget(name: "FuzzHTML", dependencies: ["FuzzSupport", .product(name: "WirescorePipeline", package: "wirescore")]),
        .executableTarget(name: "FuzzDate", dependencies: ["FuzzSupport", .product(name: "WirescorePipeline", package: "wirescore")]),
        .executableTarget(name: "FuzzPipeline", dependencies: ["FuzzSupport", .product(name: "WirescorePipeline", package: "wirescore")]),
    ]
)
