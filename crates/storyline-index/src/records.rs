//! What the index answers with: plain records, serialisable as the HTTP API's
//! JSON and the CLI's `--format json`.

use serde::Serialize;

/// Stories are numbered by the arrival number (`seq`) of their first article;
/// when two merge, the older number stays.
pub type StoryId = i64;

/// A stored article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleInfo {
    /// The id it was added with.
    pub id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Address of the page.
    pub url: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Its story.
    pub story: StoryId,
    /// When it was added (seconds since the epoch).
    pub added_at: i64,
    /// Words in its cleaned body.
    pub words: i64,
    /// The body as cleaning kept it, one paragraph per entry (only for
    /// single-article reads).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
}

/// An article similar to another.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    /// Its id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its story.
    pub story: StoryId,
    /// The pair's relation, when the pair has been labelled.
    pub relation: Option<String>,
    /// Pair score in [0, 1]: the cosine, damped in time
    /// (`storyline_engine::score::pair_score`), as reported
    /// (`storyline_engine::score::judged_score`: 1 for an exact copy, as in
    /// the batch job's pairs).
    pub score: f32,
    /// Cosine of the two term vectors.
    pub cosine: f32,
}

/// What happened to one added article.
#[derive(Debug, Clone, Serialize)]
pub struct Added {
    /// The article's id.
    pub id: String,
    /// The story it is now in.
    pub story: StoryId,
    /// False when an article with this id was already indexed (the add was
    /// a no-op, so a retried batch is safe).
    pub created: bool,
    /// Stories that this article bridged into `story`.
    pub merged: Vec<StoryId>,
    /// Its strongest matches, best first.
    pub matches: Vec<Match>,
}

/// One story in a list.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    /// Story number.
    pub id: StoryId,
    /// Articles in it.
    pub size: i64,
    /// Headline of its likely original, else of its first article.
    pub title: Option<String>,
    /// Id of its likely original, when one can be named.
    pub original: Option<String>,
    /// Earliest and latest article dates.
    pub first_date: Option<String>,
    /// Latest article date.
    pub last_date: Option<String>,
    /// Arrival number of the article that last changed it (larger is newer).
    pub updated: i64,
}

/// A page of stories.
#[derive(Debug, Clone, Serialize)]
pub struct StoryPage {
    /// Stories matching the request, in all.
    pub total: i64,
    /// This page.
    pub stories: Vec<StorySummary>,
}

/// A labelled pair inside a story.
#[derive(Debug, Clone, Serialize)]
pub struct RelationRow {
    /// First article id (the earlier arrival).
    pub a: String,
    /// Second article id.
    pub b: String,
    /// exact, near-copy, rewrite, same-story or unrelated.
    pub relation: String,
    /// Pair score.
    pub score: f32,
}

/// A recorded merge of two stories.
#[derive(Debug, Clone, Serialize)]
pub struct MergeRow {
    /// The story that was absorbed.
    pub from_story: StoryId,
    /// The story it joined.
    pub into_story: StoryId,
    /// The bridging article (its id, if still indexed).
    pub by_article: Option<String>,
    /// Average link score across the two stories when they merged.
    pub average: f32,
    /// When (seconds since the epoch).
    pub at: i64,
}

/// A story with its articles, relations and merges.
#[derive(Debug, Clone, Serialize)]
pub struct StoryDetail {
    /// The summary line.
    #[serde(flatten)]
    pub summary: StorySummary,
    /// Its articles in order of arrival.
    pub articles: Vec<ArticleInfo>,
    /// Its labelled pairs.
    pub relations: Vec<RelationRow>,
    /// Merges into it.
    pub merges: Vec<MergeRow>,
}

/// Counts for `/metrics` and `index stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Articles indexed.
    pub articles: i64,
    /// Stories (single articles included).
    pub stories: i64,
    /// Stories with more than one article.
    pub multi_article_stories: i64,
    /// Merges recorded.
    pub merges: i64,
    /// Distinct terms.
    pub terms: usize,
}
