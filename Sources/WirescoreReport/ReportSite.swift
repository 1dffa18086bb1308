import Foundation

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
        // Company pages are independent: rendered in parallel, merged in company order.
        let companies = index.companies
        let rendered = ResultSlots<(html: String, stories: [String])>(count: companies.count)
        DispatchQueue.concurrentPerform(iterations: companies.count) { i in
            rendered.set(i, CompanyPage(index: index, entity: companies[i]).render())
        }
        for (entity, page) in zip(companies, rendered.values) {
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
