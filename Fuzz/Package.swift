// swift-tools-version:6.0
//
// libFuzzer harnesses for wirescore, kept in their own package so that `swift build` and
// `swift test` at the repository root never compile them. Build and run with `scripts/fuzz`:
//
//     swift build -c debug -Xswiftc -sanitize=fuzzer,address --package-path Fuzz
//
// Each harness is an executable target whose entry point is `LLVMFuzzerTestOneInput`
// (libFuzzer supplies `main`), so its sources are compiled with `-parse-as-library`.
//
//   FuzzFeed      RSS/Atom/RDF/JSON Feed parsing (FeedParser) and OPML
//   FuzzHTML      HTML main-text and metadata extraction (ArticleExtractor)
//   FuzzDate      feed, page and RFC 3339 date parsing
//   FuzzPipeline  pipeline YAML loading (PipelineLoader) and feed lists (OPMLParser)
import PackageDescription

let package = Package(
    name: "wirescore-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "wirescore", path: "..")],
    targets: [
        .executableTarget(name: "FuzzFeed", dependencies: [.product(name: "WirescorePipeline", package: "wirescore")]),
        .executableTarget(name: "FuzzHTML", dependencies: [.product(name: "WirescorePipeline", package: "wirescore")]),
        .executableTarget(name: "FuzzDate", dependencies: [.product(name: "WirescorePipeline", package: "wirescore")]),
        .executableTarget(name: "FuzzPipeline", dependencies: [.product(name: "WirescorePipeline", package: "wirescore")]),
    ]
)

for target in package.targets {
    target.swiftSettings = [.unsafeFlags(["-parse-as-library"])]
}
