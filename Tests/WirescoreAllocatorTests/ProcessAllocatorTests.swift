import Testing
#if canImport(Glibc)
import Glibc
#endif
import WirescoreAllocator

/// Linking jemalloc only helps if it, not libc, answers `malloc`: a link order or an
/// `--as-needed` change would silently bring back glibc's allocator and its memory growth.
@Suite struct ProcessAllocatorTests {
    #if os(Linux)
    @Test func jemallocServesMallocOnLinux() throws {
        let version = try #require(ProcessAllocator.jemallocVersion)
        #expect(version.hasPrefix("5."))
        #expect(ProcessAllocator.jemallocServesMalloc())
        #expect(ProcessAllocator.name.hasPrefix("jemalloc 5."))
        // The program's start-up options reached jemalloc (unless MALLOC_CONF replaced them).
        if getenv("MALLOC_CONF") == nil {
            #expect(ProcessAllocator.startupOptions == "narenas:2")
            // Two, plus the one jemalloc keeps for huge allocations (the default is 4 per CPU).
            #expect((ProcessAllocator.arenaCount ?? 0) <= 3)
        }
    }
    #endif
}

@Suite struct BatchDecayTests {
    #if os(Linux)
    /// The batch setting reaches jemalloc (unless the user's MALLOC_CONF says otherwise).
    @Test func batchRunsReturnFreedPagesSooner() throws {
        try #require(getenv("MALLOC_CONF") == nil)
        #expect(ProcessAllocator.configureForBatchRun())
        #expect(ProcessAllocator.dirtyDecayMilliseconds == ProcessAllocator.batchDirtyDecayMilliseconds)
    }
    #endif
}
