import Foundation
import WirescoreCore
import WirescoreOutput
import WirescoreStories

/// Loads and saves the same-story index of one shard (`state/stories-<shard>.json`): only the
/// last 72 hours of articles, so the file stays small however long the archive grows.
enum StoryState {
    static func path(_ layout: OutputLayout) -> String { layout.stateDirectory + "/stories-\(layout.shard).json" }

    /// The saved index, or a fresh one when there is none. A damaged file is set aside (renamed
    /// `.bad`) rather than failing the run: stories restart, nothing else is lost.
    static func load(_ layout: OutputLayout) -> (index: StoryIndex, problem: String?) {
        let file = path(layout)
        guard let data = FileManager.default.contents(atPath: file) else { return (StoryIndex(), nil) }
        do {
            let index = data.withUnsafeBytes { bytes in
                Result { () throws(StoryError) in try StoryIndex(snapshotBytes: bytes) }
            }
            return (try index.get(), nil)
        } catch {
            _ = rename(file, file + ".bad")
            return (StoryIndex(), "story state \(file) unreadable (\(error)); set aside as .bad, starting afresh")
        }
    }

    /// Writes the index atomically (temporary file, then rename), streamed entry by entry.
    static func save(_ index: StoryIndex, _ layout: OutputLayout) throws {
        try AtomicFile.write(to: path(layout)) { append in try index.writeSnapshot(append) }
    }
}

extension ArticleRecord {
    /// The input the story index needs, with the features the `story` step computed.
    func storyInput(features: StoryFeatures) -> StoryInput {
        StoryInput(id: id, published: published ?? fetched, entities: entityIDs, features: features)
    }
}

extension ArticleRecord {
    /// Sets the story the writer assigned, and with it each event's novelty: an event is as
    /// new as the telling of the story that reports it.
    mutating func assign(story: StoryField) {
        self.story = story
        if let events { self.events = events.map { var e = $0; e.novelty = story.novelty; return e } }
    }
}
