import Foundation

/// libFuzzer's documented entry for programs that keep their own `main`
/// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library). SwiftPM links every
/// executable with `main` aliased to `<Target>_main`, so a harness cannot leave `main` to
/// libFuzzer; each harness's `main.swift` calls ``runFuzzer(_:)`` instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// One fuzz input as a byte array (libFuzzer may pass a null pointer for the empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let data, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
}

/// Hands the process's arguments and `harness` to libFuzzer; never returns.
public func runFuzzer(_ harness: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, harness))
}
