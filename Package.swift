// swift-tools-version:6.0
//
// The layout of wirescore, readable from this file alone:
//
//   C system libraries (one Swift module is the only importer of each):
//     CCurl      -> WirescoreFetch     libcurl multi interface: the fetcher
//     CLibXML2   -> WirescoreXML       libxml2 SAX (feeds, OPML) and HTML parser (pages)
//     CSQLite    -> WirescoreStore     run state: validators, seen items, feed health
//     CZlib      -> WirescoreArchive   raw responses as WARC 1.1, one gzip member per record
//     CCrypto    -> WirescoreArchive   SHA-1 for the WARC digests (OpenSSL libcrypto)
//     CIsal      -> WirescoreArchive   gzip members for the archive (ISA-L igzip; zlib reads them)
//     CSSL       -> WirescoreStream    TLS to the NATS server (OpenSSL libssl, over memory BIOs)
//     CJemalloc  -> WirescoreAllocator jemalloc, the process allocator on Linux (flat memory in long runs)
//     CJemallocSettings (C) -> WirescoreAllocator  the options jemalloc reads at start-up
//     CSHA1Pair (C)  -> WirescoreArchive   both WARC SHA-1 digests of a response at once (x86 SHA extensions)
//
//   Pure Swift:
//     WirescoreCore      records, the one JSON writer, dates, hashing, errors; imports no C
//     WirescoreFeeds     RSS/Atom/RDF parsing on WirescoreXML's SAX events, dates, OPML, news sitemaps
//     WirescoreExtract   main text and metadata from an HTML DOM
//     WirescoreEntities  the company gazetteer and one-pass mention matching
//     WirescoreSentiment sentence, article and entity-level sentiment (scoring only)
//     WirescoreInspect   `inspect text` I/O: JSONL lines read and answered in parallel batches
//     WirescoreStories   same-story clustering across outlets and novelty
//     WirescoreComposites daily Alpha-style composite scores: signals, scaling, bands, summaries
//     WirescoreOutput    Hive-style JSONL partitions, whole-line appends, the output lock
//     WirescoreReport    `report`: the output tree read into a model, static HTML pages with SVG charts
//     WirescoreObjectStore the tree as objects in an S3 bucket (spool, parts, multipart), over
//                        WirescoreFetch's SigV4 client and WirescoreArchive's SHA-256
//     WirescoreStream    NATS JetStream output: a small NATS client over POSIX sockets, TLS optional
//     WirescorePipeline  pipeline YAML, the staged ingest run (bounded channels)
//     WirescoreAllocator which malloc serves the process (linked into the executable only)
//     wirescore          the command line: parses flags, calls the libraries
import PackageDescription

let package = Package(
    name: "wirescore",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wirescore", targets: ["wirescore"]),
        .library(name: "WirescorePipeline", targets: ["WirescorePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSSL", pkgConfig: "libssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CIsal", pkgConfig: "libisal",
                       providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc",
                       providers: [.apt(["libjemalloc-dev"])]),

        .target(name: "WirescoreCore"),
        .target(name: "WirescoreXML", dependencies: ["CLibXML2", "WirescoreCore"]),
        .target(name: "WirescoreFeeds", dependencies: ["WirescoreCore", "WirescoreXML"]),
        .target(name: "WirescoreExtract", dependencies: ["WirescoreCore", "WirescoreXML"]),
        .target(name: "WirescoreFetch", dependencies: [
            "CCurl", "WirescoreCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "WirescoreStore", dependencies: ["CSQLite", "WirescoreCore"]),
        .target(name: "WirescoreOutput", dependencies: ["WirescoreCore"]),
        .target(name: "CSHA1Pair"),
        .target(name: "WirescoreArchive", dependencies: ["CZlib", "CCrypto", "CIsal", "CSHA1Pair", "WirescoreCore"]),
        .target(name: "WirescoreObjectStore", dependencies: ["WirescoreFetch", "WirescoreArchive", "WirescoreOutput"]),
        .target(name: "WirescoreStream", dependencies: ["CSSL", "WirescoreOutput"]),
        .target(name: "WirescoreEntities", dependencies: ["WirescoreCore"], exclude: ["Generated/GAZETTEER-SOURCES.md"]),
        .target(name: "WirescoreSentiment", dependencies: ["WirescoreCore", "WirescoreEntities"],
                exclude: ["Data"]),
        .target(name: "WirescoreInspect", dependencies: ["WirescoreCore", "WirescoreSentiment", "WirescoreEvents"]),
        .target(name: "WirescoreStories", dependencies: ["WirescoreCore"]),
        .target(name: "WirescoreEvents", dependencies: ["WirescoreCore", "WirescoreEntities"], exclude: ["Data"]),
        .target(name: "WirescoreComposites", dependencies: ["WirescoreCore"]),
        .target(name: "WirescoreReport", dependencies: [
            "WirescoreCore", "WirescoreOutput", "WirescoreStore", "WirescoreComposites",
        ]),
        .target(name: "CJemallocSettings"),
        .target(name: "WirescoreAllocator", dependencies: [
            .target(name: "CJemalloc", condition: .when(platforms: [.linux])),
            .target(name: "CJemallocSettings", condition: .when(platforms: [.linux])),
        ]),
        .target(name: "WirescorePipeline", dependencies: [
            "WirescoreCore", "WirescoreFeeds", "WirescoreExtract", "WirescoreFetch",
            "WirescoreStore", "WirescoreOutput", "WirescoreArchive", "WirescoreEntities", "WirescoreSentiment",
            "WirescoreStories", "WirescoreComposites", "WirescoreEvents", "WirescoreObjectStore", "WirescoreStream",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
        ]),
        .executableTarget(name: "wirescore", dependencies: [
            "WirescorePipeline", "WirescoreFeeds", "WirescoreExtract", "WirescoreCore", "WirescoreEntities",
            "WirescoreSentiment", "WirescoreInspect", "WirescoreFetch", "WirescoreAllocator", "WirescoreReport", "WirescoreObjectStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // A real HTTP/1.1 server on 127.0.0.1 with scripted behaviours, shared by the tests.
        .target(name: "WirescoreTestSupport", dependencies: ["WirescoreCore"], path: "Tests/Support"),
        // That server with every fault mode, serving a generated corpus for scripts/fault-run.
        .executableTarget(name: "wirescore-fault-server", dependencies: ["WirescoreTestSupport"], path: "Tests/FaultServer"),

        .testTarget(name: "WirescoreCoreTests", dependencies: ["WirescoreCore"]),
        .testTarget(name: "WirescoreFeedsTests", dependencies: ["WirescoreFeeds", "WirescoreXML", "WirescoreTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WirescoreExtractTests", dependencies: ["WirescoreExtract", "WirescoreXML", "WirescoreTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WirescoreFetchTests", dependencies: ["WirescoreFetch", "WirescoreTestSupport"]),
        .testTarget(name: "WirescoreStoreTests", dependencies: ["WirescoreStore"]),
        .testTarget(name: "WirescoreOutputTests", dependencies: ["WirescoreOutput"]),
        .testTarget(name: "WirescoreObjectStoreTests", dependencies: [
            "WirescoreObjectStore", "WirescoreFetch", "WirescoreOutput", "WirescoreTestSupport",
        ]),
        .testTarget(name: "WirescoreStreamTests", dependencies: ["WirescoreStream", "WirescoreOutput", "WirescoreTestSupport"]),
        .testTarget(name: "WirescoreEventsTests", dependencies: ["WirescoreEvents", "WirescoreEntities"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "WirescoreArchiveTests", dependencies: ["WirescoreArchive", "WirescoreCore"]),
        .testTarget(name: "WirescoreEntitiesTests", dependencies: ["WirescoreEntities"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WirescoreSentimentTests", dependencies: ["WirescoreSentiment", "WirescoreEntities", "WirescoreCore"]),
        .testTarget(name: "WirescoreInspectTests", dependencies: ["WirescoreInspect", "WirescoreSentiment", "WirescoreEntities", "WirescoreCore", "WirescoreEvents"]),
        .testTarget(name: "WirescoreStoriesTests", dependencies: ["WirescoreStories", "WirescoreCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WirescoreCompositesTests", dependencies: ["WirescoreComposites", "WirescoreCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WirescoreAllocatorTests", dependencies: ["WirescoreAllocator"]),
        .testTarget(name: "WirescoreReportTests", dependencies: ["WirescoreReport", "WirescoreCore"]),
        .testTarget(name: "WirescorePipelineTests", dependencies: [
            "WirescorePipeline", "WirescoreTestSupport", "WirescoreComposites", "WirescoreExtract",
        ]),
    ]
)

// One place for settings every Swift target shares (swift-log does the same).
// Release builds also optimise across module boundaries (the hot paths call small generic helpers
// in WirescoreCore and WirescoreXML that otherwise stay unspecialised) and drop the run-time
// exclusivity checks that debug builds, and so the tests, keep: a paired real-pages ingest measured
// 0.981 of the CPU per page (Benchmarks/e2e/run.sh --real-pages --pair, 3 rounds: 0.966 0.981 0.987).
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release)))
    target.swiftSettings = settings
}
