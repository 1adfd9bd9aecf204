//! How two articles relate: exact, near-copy, rewrite, same-story or unrelated.
//!
//! The label comes mostly from the sentence alignment, because the relations
//! differ in *how* text corresponds, not just how much vocabulary is shared:
//! a near-copy keeps most sentences word for word (or lightly edited) — or,
//! when edits have merged sentences, nearly all of its weighted vocabulary; a
//! rewrite keeps the order and content of sentences but not their words;
//! same-story coverage shares the event but its sentences do not line up.

use crate::document::Document;
use crate::tuning::Tuning;
use crate::vectorise::Model;
use crate::when::When;
use serde::{Deserialize, Serialize};
use storyline_align::{align, Alignment, SentenceVectors};

/// The relation between two articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The same text after cleaning.
    Exact,
    /// Light edits: typos, a changed paragraph, a new headline.
    NearCopy,
    /// The same source text reworded, sentences in the same order.
    Rewrite,
    /// Different reporting of the same event.
    SameStory,
    /// Not the same story.
    Unrelated,
}

impl Relation {
    /// The label used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Exact => "exact",
            Relation::NearCopy => "near-copy",
            Relation::Rewrite => "rewrite",
            Relation::SameStory => "same-story",
            Relation::Unrelated => "unrelated",
        }
    }

    /// The relation a label from [`Relation::as_str`] names.
    pub fn from_label(label: &str) -> Option<Self> {
        [
            Relation::Exact,
            Relation::NearCopy,
            Relation::Rewrite,
            Relation::SameStory,
            Relation::Unrelated,
        ]
        .into_iter()
        .find(|r| r.as_str() == label)
    }

    /// True for the relations that mean one text was made from the other.
    pub fn is_copy(self) -> bool {
        matches!(
            self,
            Relation::Exact | Relation::NearCopy | Relation::Rewrite
        )
    }
}

/// The figures a relation was decided on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evidence {
    /// Cosine of the weighted term vectors.
    pub cosine: f32,
    /// Days between the articles' dates, when both have one.
    pub days_apart: Option<i64>,
    /// Whether their headlines and leads name weekdays, none of them the
    /// same, which damps the score (see `Tuning::weekday_penalty`).
    #[serde(default)]
    pub weekdays_differ: bool,
    /// Share of the shorter article inside aligned sentences.
    pub aligned: f32,
    /// Share of the shorter article inside verbatim or edited sentences.
    pub copied: f32,
    /// Number of aligned sentence pairs.
    pub links: usize,
    /// Aligned sentence pairs over the shorter side's sentence count.
    pub sentence_share: f32,
}

/// The relation of a pair, with evidence and the alignment behind it.
#[derive(Debug, Clone)]
pub struct Judgement {
    /// The label.
    pub relation: Relation,
    /// Figures behind it.
    pub evidence: Evidence,
    /// The sentence alignment.
    pub alignment: Alignment,
}

/// One article of a pair as judging reads it: the document, its sentence
/// vectors and its time. Made once per article, however many pairs it is in.
#[derive(Debug, Clone, Copy)]
pub struct Prepared<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its sentences' term vectors.
    pub sentences: &'a SentenceVectors,
    /// Its date and the weekdays its lead names.
    pub when: When,
}

impl<'a> Prepared<'a> {
    /// `doc` with its sentence vectors, its lead read as `tuning` says.
    pub fn new(doc: &'a Document, sentences: &'a SentenceVectors, tuning: &Tuning) -> Self {
        Prepared {
            doc,
            sentences,
            when: doc.when(tuning.lead_sentences),
        }
    }
}

/// Judge two documents. `same_story` says whether clustering put them in one
/// story: without a copy relation, that alone decides same-story vs unrelated.
pub fn judge(
    x: Prepared,
    y: Prepared,
    cosine: f32,
    same_story: bool,
    tuning: &Tuning,
) -> Judgement {
    let (a, b) = (x.doc, y.doc);
    let alignment = align(
        &a.analysed.sentences,
        &b.analysed.sentences,
        x.sentences,
        y.sentences,
        tuning.align,
    );
    let (words_a, words_b) = (a.analysed.word_count(), b.analysed.word_count());
    let evidence = Evidence {
        cosine,
        days_apart: x.when.day.zip(y.when.day).map(|(p, q)| (p - q).abs()),
        weekdays_differ: x.when.weekdays.conflict(y.when.weekdays),
        aligned: alignment.coverage_of_shorter(words_a, words_b),
        copied: alignment.copied_of_shorter(words_a, words_b),
        links: alignment.links.len(),
        sentence_share: sentence_share(alignment.links.len(), a, b),
    };
    let relation = if a.body_key == b.body_key && words_a > 0 {
        Relation::Exact
    } else if evidence.copied >= tuning.near_copy_min_copied
        || evidence.cosine >= tuning.near_copy_min_cosine
    {
        Relation::NearCopy
    } else if evidence.aligned >= tuning.rewrite_min_coverage
        && evidence.sentence_share >= tuning.rewrite_min_sentence_share
    {
        Relation::Rewrite
    } else if same_story {
        Relation::SameStory
    } else {
        Relation::Unrelated
    };
    Judgement {
        relation,
        evidence,
        alignment,
    }
}

fn sentence_share(links: usize, a: &Document, b: &Document) -> f32 {
    let shorter = a.analysed.sentences.len().min(b.analysed.sentences.len());
    if shorter == 0 {
        0.0
    } else {
        links as f32 / shorter as f32
    }
}

/// A document's sentence vectors: IDF from its corpus, names weighted by
/// [`Model::sentence_boost`].
pub fn sentence_vectors(doc: &Document, model: &Model, tuning: &Tuning) -> SentenceVectors {
    SentenceVectors::new(&doc.analysed.sentences, |t| {
        model.sentence_weight(t, tuning)
    })
}
