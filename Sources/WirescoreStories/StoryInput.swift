import Foundation
import WirescoreCore

/// What the story stage needs to know about one article.
///
/// `entities` are the tickers the entity stage found; they gate rewrite matching, because two
/// texts about different companies can share a lot of market vocabulary without being one event.
public struct StoryInput: Sendable, Equatable {
    public var id: String
    public var published: Date
    public var entities: [String]
    /// The words' features, computed once when the input is made (off the index's task).
    public var features: StoryFeatures

    public init(id: String, published: Date, title: String, text: String, entities: [String]) {
        self.init(id: id, published: published, entities: entities, features: StoryFeatures(title: title, text: text))
    }

    public init(id: String, published: Date, entities: [String], features: StoryFeatures) {
        self.id = id; self.published = published
        self.entities = entities; self.features = features
    }
}

/// The story an article joined: DESIGN.md's `story` field.
public struct StoryAssignment: Sendable, Equatable {
    /// The id of the story's first article, so ids are stable across runs and readable.
    public var storyID: String
    /// 100 for the first article of a story, then x0.75 per earlier member, rounded.
    public var novelty: Int
    /// Published time of the story's first article.
    public var firstSeen: Date

    public init(storyID: String, novelty: Int, firstSeen: Date) {
        self.storyID = storyID; self.novelty = novelty; self.firstSeen = firstSeen
    }

    /// The article record's `story`.
    public var field: StoryField { StoryField(id: storyID, novelty: novelty, firstSeen: firstSeen) }
}
