import Synchronization

/// `WARC-Record-ID`s: `<urn:uuid:…>` in the random (version 4) UUID form, made without a
/// system call each.
///
/// Foundation's `UUID()` opened, read and closed `/dev/urandom` for every id, three per
/// archived page, which was about 0.6% of ingest CPU. An id only has to be unique, not
/// unpredictable: here 128 bits of seed are drawn from the system generator once per process
/// and each id is the next value of a counter pushed through two different bijective 64-bit
/// mixers keyed by the seed. The mixers are bijections of the counter, so within a process two
/// ids agree only if 122 of their bits collide by chance (six are the version and variant);
/// across processes the seeds differ.
enum RecordIDs {
    private static let seed: (UInt64, UInt64) = {
        var system = SystemRandomNumberGenerator()
        return (system.next(), system.next())
    }()
    private static let counter = Atomic<UInt64>(0)

    /// The next id, e.g. `<urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e>`.
    static func next() -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        var high = mix(n &+ seed.0)
        var low = mix(n ^ seed.1 &* 0x9E37_79B9_7F4A_7C15)
        // Version 4 and the RFC 4122 variant, as a random UUID carries them.
        high = (high & ~0xF000) | 0x4000
        low = (low & ~(0xC000 << 48)) | (0x8000 << 48)
        var out = [UInt8]()
        out.reserveCapacity(47)
        out.append(contentsOf: "<urn:uuid:".utf8)
        let hex = Array("0123456789abcdef".utf8)
        func put(_ value: UInt64, digits: Int) {
            for k in stride(from: digits - 1, through: 0, by: -1) { out.append(hex[Int((value >> UInt64(4 * k)) & 0xF)]) }
        }
        put(high >> 32, digits: 8); out.append(0x2D)
        put(high >> 16 & 0xFFFF, digits: 4); out.append(0x2D)
        put(high & 0xFFFF, digits: 4); out.append(0x2D)
        put(low >> 48, digits: 4); out.append(0x2D)
        put(low & 0xFFFF_FFFF_FFFF, digits: 12)
        out.append(0x3E)
        return String(decoding: out, as: UTF8.self)
    }

    /// MurmurHash3's 64-bit finaliser: a bijection, every input bit moving every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33; k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33; k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
