import Dispatch

/// Maps `count` independent jobs on all cores and hands the results back in input order, a
/// window at a time, so a command over thousands of files keeps its output order and bounded
/// memory while using every core (the evaluation runners pass whole sets in one process).
enum OrderedParallelMap {
    static func run(count: Int, window: Int = 256, transform: (Int) -> String, emit: (String) -> Void) {
        var start = 0
        while start < count {
            let size = min(window, count - start)
            let slots = UnsafeMutableBufferPointer<String>.allocate(capacity: size)
            slots.initialize(repeating: "")
            // Each iteration writes only its own slot, and the slots are read after
            // concurrentPerform returns, so no two threads touch one element.
            nonisolated(unsafe) let shared = slots
            let base = start
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let job = transform
                DispatchQueue.concurrentPerform(iterations: size) { offset in
                    shared[offset] = job(base + offset)
                }
            }
            for line in slots { emit(line) }
            slots.deinitialize()
            slots.deallocate()
            start += size
        }
    }
}
