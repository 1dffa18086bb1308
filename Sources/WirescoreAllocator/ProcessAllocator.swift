#if canImport(CJemalloc)
internal import CJemalloc
#endif
#if canImport(CJemallocSettings)
internal import CJemallocSettings
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The allocator serving this process's `malloc`: jemalloc on Linux.
///
/// Why not glibc's: an ingest passes page-sized buffers (bodies, parse trees, archive members)
/// through several threads while the story index keeps thousands of small long-lived
/// allocations. glibc's per-thread arenas kept the holes between them resident, so peak RSS
/// crept up with the length of a run (10,000 articles 101 MB, 100,000 articles 126 MB: 1.25x,
/// with `malloc_trim` every 2 s). jemalloc's size classes and decay-based purging held the same
/// runs at 107 MB and 115 MB (1.07x) for the same CPU time (Benchmarks/e2e).
///
/// Linking is all it takes (the library precedes libc in symbol lookup); this type reports what
/// is in effect, and referencing it keeps the linker from dropping the library.
public enum ProcessAllocator {
    /// "jemalloc 5.3.0" when jemalloc serves `malloc`, else "other malloc" (libc's, or a preloaded one).
    public static var name: String {
        guard let version = jemallocVersion, jemallocServesMalloc() else { return "other malloc" }
        return "jemalloc \(version.prefix { $0 != "-" })"
    }

    /// How long (ms) jemalloc keeps freed pages resident before returning them, for a batch
    /// run: 1 s where its default is 10 s. In a 100,000-article ingest the default kept ~7 MB
    /// more resident at the peak (112 MB, against 105 MB at 1 s) for the same CPU time.
    public static let batchDirtyDecayMilliseconds = 1_000

    /// Applies ``batchDirtyDecayMilliseconds`` (and drops returned pages at once) unless the
    /// user tuned jemalloc through `MALLOC_CONF`. Call early, before the heavy allocations.
    /// - Returns: whether the setting took effect.
    @discardableResult
    public static func configureForBatchRun() -> Bool {
        #if canImport(CJemalloc)
        guard getenv("MALLOC_CONF") == nil, jemallocVersion != nil else { return false }
        return cjemalloc_set_decay(batchDirtyDecayMilliseconds, 0) == 0
        #else
        return false
        #endif
    }

    /// jemalloc's current dirty-page decay for new arenas in milliseconds, or nil without jemalloc.
    public static var dirtyDecayMilliseconds: Int? {
        #if canImport(CJemalloc)
        let value = cjemalloc_dirty_decay_ms()
        return value == -2 ? nil : value
        #else
        return nil
        #endif
    }

    /// The options the program gives jemalloc at start-up (before `MALLOC_CONF`), or nil.
    public static var startupOptions: String? {
        #if canImport(CJemallocSettings)
        return String(cString: wirescore_malloc_conf())
        #else
        return nil
        #endif
    }

    /// How many arenas jemalloc runs, or nil without jemalloc.
    public static var arenaCount: Int? {
        #if canImport(CJemalloc)
        let count = cjemalloc_narenas()
        return count == 0 ? nil : Int(count)
        #else
        return nil
        #endif
    }

    /// jemalloc's version when it is loaded, else nil.
    public static var jemallocVersion: String? {
        #if canImport(CJemalloc)
        return cjemalloc_version().map { String(cString: $0) }
        #else
        return nil
        #endif
    }

    /// True when the process's `malloc` is jemalloc's: the symbol found first in global lookup
    /// is the one jemalloc's library defines (jemalloc can be loaded and still lose `malloc`
    /// to libc, for instance when libc precedes it in the link).
    public static func jemallocServesMalloc() -> Bool {
        #if canImport(CJemalloc) && canImport(Glibc)
        guard let library = dlopen(jemallocSoname, RTLD_LAZY | RTLD_NOLOAD) else { return false }
        defer { dlclose(library) }
        guard let inUse = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc"),   // RTLD_DEFAULT
              let jemallocs = dlsym(library, "malloc") else { return false }
        return inUse == jemallocs
        #else
        return false
        #endif
    }

    /// The library Debian's libjemalloc-dev links against.
    static let jemallocSoname = "libjemalloc.so.2"
}
