//! The storyline engine: from articles to stories, pair relations and explanations.
//!
//! The modules follow the data flow:
//! [`document`] (clean + analyse each article, keeping a small
//! [`Summary`]) → `store` (prepared documents in memory, or the articles in
//! a temporary file for a corpus too large for that; see [`Builder`]) →
//! [`vectorise`] (weighted term vectors) → [`candidates`] (similar pairs through an inverted index, never all
//! pairs) → [`score`] (pair similarity, damped when the articles' leads name
//! different weekdays ([`when`]) or, when asked, their dates are far apart, and
//! blended with a sentence-embedding model's cosine when one is given; see
//! [`Builder::with_model`]) →
//! [`neighbourhood`] (links reweighted by shared neighbours) → [`cluster`]
//! (average linkage into stories) → [`relation`] (exact / near-copy / rewrite /
//! same-story per pair) → [`original`] (the likely original) → [`explain`](mod@explain)
//! (side-by-side alignment). Every tuned number lives in [`tuning`].
//!
//! ```
//! use storyline_engine::Corpus;
//! use storyline_ingest::{Article, Origin};
//!
//! let origin = || Origin { path: "mem".into(), line: None };
//! let articles = vec![
//!     Article::new("a", "Floods closed the Marlow bridge on Friday, officials said.", origin()),
//!     Article::new("b", "Floods closed the Marlow bridge on Friday, officials said.", origin()),
//!     Article::new("c", "The chess final in Oslo ended in a draw after six hours.", origin()),
//! ];
//! let result = Corpus::new(articles).stories();
//! assert_eq!(result.stories[0].articles, vec![0, 1]);
//! assert_eq!(result.pairs[0].relation.as_str(), "exact");
//! ```

pub mod candidates;
pub mod cluster;
pub mod corpus;
pub mod document;
pub mod explain;
pub mod neighbourhood;
pub mod original;
pub mod progress;
pub mod relation;
pub mod score;
mod store;
pub mod tuning;
pub mod vectorise;
pub mod when;

pub use corpus::{Builder, Corpus, Pair, Stories, Story};
pub use document::{Document, Summary};
pub use explain::{explain, Explanation};
pub use progress::{NoProgress, Progress};
pub use relation::Relation;
pub use tuning::Tuning;
