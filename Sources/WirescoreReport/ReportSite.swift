/// The whole report as pages in memory: relative path -> HTML.
///
/// Pure: the same ``ReportInput`` gives the same pages, byte for byte (no clock, no random,
/// every list sorted), which is what makes a report diffable and testable.
public struct ReportSite: Sendable {
    /// Pages keyed by their path inside the report folder, e.g. "companies/AAPL.html".
    public let pages: [String: String]

    /// - Parameters:
    ///   - entities: when not empty, only these companies get pages (ids, case-insensitive).
    public init(input: ReportInput, entities: [String] = []) {
        let index = ReportIndex(input, only: Set(entities.map { $0.uppercased() }))
        var pages: [String: String] = [:]
        var stories = Set<String>()
        let overview = OverviewPage(index: index).render()
        pages["index.html"] = overview.html
        stories.formUnion(overview.stories)
        for entity in index.companies {
            let page = CompanyPage(index: index, entity: entity).render()
            pages[ReportPaths.company(entity)] = page.html
            stories.formUnion(page.stories)
        }
        for id in stories.sorted() {
            guard let story = StorySummary(id: id, index: index) else { continue }
            pages[ReportPaths.story(id)] = StoryPage(story: story, index: index).render()
        }
        self.pages = pages
    }
}
