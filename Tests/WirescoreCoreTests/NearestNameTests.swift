import Testing
import WirescoreCore

/// The "did you mean" suggestions behind misspelt subcommands, pipeline keys and feed ids.
@Suite struct NearestNameTests {
    @Test func distancesCountEditsAndNeighbourSwaps() {
        #expect(NearestName.editDistance("ingest", "ingest") == 0)
        #expect(NearestName.editDistance("ingset", "ingest") == 1)   // one swap
        #expect(NearestName.editDistance("kitten", "sitting") == 3)
        #expect(NearestName.editDistance("", "abc") == 3)
        #expect(NearestName.editDistance("abc", "") == 3)
    }

    @Test func suggestsOnlyCloseNames() {
        let commands = ["ingest", "reprocess", "feeds", "validate", "tail", "inspect", "fetch"]
        #expect(NearestName.suggest("ingset", among: commands) == "ingest")
        #expect(NearestName.suggest("INGEST", among: commands) == "ingest")
        #expect(NearestName.suggest("validat", among: commands) == "validate")
        #expect(NearestName.suggest("tial", among: commands) == "tail")
        #expect(NearestName.suggest("xyzzy", among: commands) == nil)
        #expect(NearestName.suggest("", among: commands) == nil)
        let keys = ["allow_private_networks", "concurrency", "per_host", "timeout"]
        #expect(NearestName.suggest("alow_private_network", among: keys) == "allow_private_networks")
        #expect(NearestName.suggest("timeuot", among: keys) == "timeout")
    }
}
