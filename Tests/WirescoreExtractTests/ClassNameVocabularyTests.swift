import Testing
@testable import WirescoreExtract

/// What class and id names say about an element (names made up for these tests).
@Suite struct ClassNameVocabularyTests {
    func flags(_ v: String) -> UInt8 { ClassNameVocabulary.flags(Array(v.utf8)[...]) }

    @Test func strongHardWeakAndPositiveParts() {
        #expect(flags("site-footer") & ClassVerdictCache.strong != 0)
        #expect(flags("CommentList") & ClassVerdictCache.hard != 0)
        #expect(flags("ad-slot") & ClassVerdictCache.weak != 0)
        #expect(flags("article__body") == ClassVerdictCache.positive)
        #expect(flags("grid col-8 mt-4") == 0)
    }

    @Test func qualifiersTaxonomyAndCompoundHideDescribeThePage() {
        #expect(flags("no-sidebar has-comments") == 0)
        #expect(flags("tag-ads category-social") == 0)
        #expect(flags("list hide-ordinal") == 0)
        #expect(flags("hide-for-small-only") == 0)
        #expect(flags("hide") & ClassVerdictCache.weak != 0)
    }
}
