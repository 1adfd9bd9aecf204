//! The side-by-side explanation of one pair.

use crate::corpus::Corpus;
use crate::relation::{judge, sentence_vectors, Evidence, Prepared, Relation};
use crate::score::{judged_score, shown_weight};
use serde::Serialize;
use storyline_align::{Link, MatchKind};
use storyline_clean::Removed;

/// One side of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Date, when known.
    pub date: Option<String>,
    /// Body sentences, indexed by the alignment.
    pub sentences: Vec<String>,
    /// Sentences only this side has (indices into `sentences`).
    pub only_here: Vec<usize>,
    /// Editorial additions removed from the body (date line, FAQ, sources).
    pub additions: Vec<Removed>,
    /// Scraping debris removed from the body (credits, repeated headlines, tags).
    pub boilerplate: Vec<Removed>,
}

/// One row of the side-by-side view.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Row {
    /// Sentences matched across the two sides.
    Match {
        /// Sentence index in A.
        a: usize,
        /// Sentence index in B.
        b: usize,
        /// Verbatim, edited or paraphrase.
        kind: MatchKind,
        /// Sentence similarity.
        similarity: f32,
    },
    /// A sentence only A has.
    OnlyA {
        /// Sentence index in A.
        a: usize,
    },
    /// A sentence only B has.
    OnlyB {
        /// Sentence index in B.
        b: usize,
    },
}

/// Everything `compare` shows.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The relation label.
    pub relation: Relation,
    /// Pair similarity in [0, 1].
    pub score: f32,
    /// Figures behind the label.
    pub evidence: Evidence,
    /// The first article.
    pub a: Side,
    /// The second article.
    pub b: Side,
    /// Rows in reading order: matches, with unmatched sentences where they stand.
    pub rows: Vec<Row>,
}

/// Explain how documents `a` and `b` of `corpus` relate.
pub fn explain(corpus: &Corpus, a: usize, b: usize) -> Explanation {
    let tuning = corpus.tuning();
    let (da, db) = (corpus.document(a), corpus.document(b));
    let (da, db) = (&*da, &*db);
    let cosine = corpus.cosine(a, b);
    let same_story = corpus.link_weight(a, b, cosine) >= tuning.story_threshold;
    let va = sentence_vectors(da, &corpus.model, tuning);
    let vb = sentence_vectors(db, &corpus.model, tuning);
    let (pa, pb) = (
        Prepared::new(da, &va, tuning),
        Prepared::new(db, &vb, tuning),
    );
    let score = shown_weight(cosine, corpus.meaning(a, b), (pa.when, pb.when), tuning);
    let judgement = judge(pa, pb, cosine, same_story, tuning);
    let alignment = judgement.alignment;
    Explanation {
        relation: judgement.relation,
        score: judged_score(judgement.relation, score, tuning),
        evidence: judgement.evidence,
        rows: rows(
            &alignment.links,
            da.analysed.sentences.len(),
            db.analysed.sentences.len(),
        ),
        a: side(da, alignment.only_a),
        b: side(db, alignment.only_b),
    }
}

fn side(doc: &crate::Document, only_here: Vec<usize>) -> Side {
    let (additions, boilerplate) = doc
        .cleaned
        .removed
        .iter()
        .cloned()
        .partition(|r| r.kind.is_addition());
    Side {
        id: doc.id().to_string(),
        title: doc.title().map(str::to_string),
        date: doc.date.clone(),
        sentences: doc
            .analysed
            .sentences
            .iter()
            .map(|s| s.text.clone())
            .collect(),
        only_here,
        additions,
        boilerplate,
    }
}

/// Interleave links with the unmatched sentences before each of them.
fn rows(links: &[Link], len_a: usize, len_b: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let (mut next_a, mut next_b) = (0, 0);
    let ends = links
        .iter()
        .map(|l| (l.a, l.b, Some(l)))
        .chain(std::iter::once((len_a, len_b, None)));
    for (a, b, link) in ends {
        rows.extend((next_a..a).map(|a| Row::OnlyA { a }));
        rows.extend((next_b..b).map(|b| Row::OnlyB { b }));
        if let Some(l) = link {
            rows.push(Row::Match {
                a: l.a,
                b: l.b,
                kind: l.kind,
                similarity: l.similarity,
            });
        }
        (next_a, next_b) = (a + 1, b + 1);
    }
    rows
}
