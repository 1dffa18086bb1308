/// Partial selection over distinct integer keys: the `k` largest moved to the front, in no
/// particular order, in linear expected time.
///
/// ``StoryTerm/top(_:limit:)`` keeps an article's most frequent terms; it needs which terms make
/// the cut, not their order, so a full sort of every distinct term did needless work.
enum TopSelection {
    /// Reorders `keys` so that its first `k` elements are its `k` largest (all of them when
    /// `k >= keys.count`). Quickselect (Hoare partition around a median of three); after more
    /// partition rounds than a balanced split needs (a pathological input), the range still
    /// open is sorted instead, so the worst case stays O(n log n).
    ///
    /// - Parameter partitionRounds: the rounds allowed before sorting; nil: twice the bits of
    ///   `keys.count` (tests pass a few to take the sorting path).
    static func moveLargest(_ k: Int, toFrontOf keys: inout [UInt64], partitionRounds: Int? = nil) {
        guard k > 0, k < keys.count else { return }
        keys.withUnsafeMutableBufferPointer { a in
            var lo = 0, hi = a.count - 1        // the open range, inclusive
            var rounds = partitionRounds ?? 2 * (Int.bitWidth - a.count.leadingZeroBitCount)
            while lo < hi {
                if rounds == 0 {
                    // Descending, so the range's largest come first, where the cut needs them.
                    var open = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
                    open.sort(by: >)
                    return
                }
                rounds -= 1
                let pivot = medianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi])
                // Descending partition: [lo, j] >= pivot >= [j + 1, hi].
                var i = lo - 1, j = hi + 1
                while true {
                    repeat { i += 1 } while a[i] > pivot
                    repeat { j -= 1 } while a[j] < pivot
                    if i >= j { break }
                    a.swapAt(i, j)
                }
                // The k-th largest (index k - 1) is on one side; the other side is settled.
                if k - 1 <= j { hi = j } else { lo = j + 1 }
            }
        }
    }

    @inline(__always) private static func medianOfThree(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        max(min(a, b), min(max(a, b), c))
    }
}
