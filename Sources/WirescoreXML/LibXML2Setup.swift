internal import CLibXML2

/// libxml2's one-time global set-up. Its own lazy initialisation inside the first parser
/// context is not thread safe ("call xmlInitParser() once before processing in case of use in
/// multithreaded programs"), and wirescore parses on several threads from the start (ingest
/// workers, `inspect page` over many files), so every parse entry point goes through this.
enum LibXML2Setup {
    /// Swift initialises a static once, under a lock, on first use.
    private static let done: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensure() { _ = done }
}
