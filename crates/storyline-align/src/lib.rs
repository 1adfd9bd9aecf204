//! Align: which sentences of two articles correspond, in order.
//!
//! The alignment is monotone (a rewrite keeps the order of its source) and
//! one-to-one. It maximises the total similarity of matched pairs by dynamic
//! programming over the sentence-by-sentence similarity table, so a sentence
//! that matches nothing well enough stays unmatched and shows up as an
//! addition of its side.

mod similarity;

use serde::Serialize;
pub use similarity::{copy_similarity, normalise, sparse_dot, sum_by_key, SentenceVectors};
use storyline_analyse::Sentence;

/// How a matched pair of sentences relates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The same words.
    Verbatim,
    /// The same words with light edits.
    Edited,
    /// The same content in other words.
    Paraphrase,
}

impl MatchKind {
    /// The label used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Verbatim => "verbatim",
            MatchKind::Edited => "edited",
            MatchKind::Paraphrase => "paraphrase",
        }
    }

    /// A one-character mark for side-by-side views.
    pub fn mark(self) -> &'static str {
        match self {
            MatchKind::Verbatim => "=",
            MatchKind::Edited => "~",
            MatchKind::Paraphrase => "≈",
        }
    }
}

/// Thresholds that decide when two sentences match.
#[derive(Debug, Clone, Copy)]
pub struct AlignParams {
    /// Least word-sequence similarity ([`copy_similarity`]) for an edited copy.
    pub edited_min: f32,
    /// Least content similarity for a paraphrase.
    pub paraphrase_min: f32,
}

/// One matched pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Link {
    /// Sentence index in A.
    pub a: usize,
    /// Sentence index in B.
    pub b: usize,
    /// How they relate.
    pub kind: MatchKind,
    /// Similarity in [0, 1] (word-sequence similarity for copies, content
    /// similarity for paraphrases).
    pub similarity: f32,
}

/// The alignment of two articles' sentences.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Alignment {
    /// Matched pairs, in order.
    pub links: Vec<Link>,
    /// Sentences of A matched by nothing.
    pub only_a: Vec<usize>,
    /// Sentences of B matched by nothing.
    pub only_b: Vec<usize>,
    /// Share of A's words inside matched sentences.
    pub coverage_a: f32,
    /// Share of B's words inside matched sentences.
    pub coverage_b: f32,
    /// Share of A's words inside verbatim or edited matches.
    pub copied_a: f32,
    /// Share of B's words inside verbatim or edited matches.
    pub copied_b: f32,
}

impl Alignment {
    /// Coverage of the shorter side: how much of it the other contains.
    pub fn coverage_of_shorter(&self, words_a: usize, words_b: usize) -> f32 {
        if words_a <= words_b {
            self.coverage_a
        } else {
            self.coverage_b
        }
    }

    /// Copied share of the shorter side.
    pub fn copied_of_shorter(&self, words_a: usize, words_b: usize) -> f32 {
        if words_a <= words_b {
            self.copied_a
        } else {
            self.copied_b
        }
    }
}

/// Align two sentence lists. `vectors_a`/`vectors_b` hold each sentence's
/// weighted content terms (see [`SentenceVectors`]).
pub fn align(
    a: &[Sentence],
    b: &[Sentence],
    vectors_a: &SentenceVectors,
    vectors_b: &SentenceVectors,
    params: AlignParams,
) -> Alignment {
    let table = match_table(a, b, vectors_a, vectors_b, params);
    let links = best_monotone_path(&table, a.len(), b.len());
    summarise(a, b, links)
}

/// Best match of every sentence pair, or `None` where they do not match.
fn match_table(
    a: &[Sentence],
    b: &[Sentence],
    vectors_a: &SentenceVectors,
    vectors_b: &SentenceVectors,
    params: AlignParams,
) -> Vec<Option<Link>> {
    let mut table = Vec::with_capacity(a.len() * b.len());
    let mut contents = vec![0f32; b.len()];
    for (i, sa) in a.iter().enumerate() {
        vectors_a.cosines_into(i, vectors_b, &mut contents);
        for ((j, sb), &content) in b.iter().enumerate().zip(&contents) {
            table.push(classify(i, j, sa, sb, content, params));
        }
    }
    table
}

fn classify(
    i: usize,
    j: usize,
    sa: &Sentence,
    sb: &Sentence,
    content: f32,
    p: AlignParams,
) -> Option<Link> {
    let link = |kind, similarity| {
        Some(Link {
            a: i,
            b: j,
            kind,
            similarity,
        })
    };
    if sa.words == sb.words && !sa.words.is_empty() {
        return link(MatchKind::Verbatim, 1.0);
    }
    // Word-sequence similarity is bounded by content overlap, so skip the
    // quadratic comparison for pairs that share little.
    if content >= p.edited_min * 0.5 {
        let copy = copy_similarity(&sa.words, &sb.words);
        if copy >= p.edited_min {
            return link(MatchKind::Edited, copy);
        }
    }
    (content >= p.paraphrase_min).then_some(Link {
        a: i,
        b: j,
        kind: MatchKind::Paraphrase,
        similarity: content,
    })
}

/// Dynamic programming over the table: the one-to-one, order-keeping set of
/// links with the largest total similarity. Ties go to the earlier pair so the
/// result is deterministic.
fn best_monotone_path(table: &[Option<Link>], n: usize, m: usize) -> Vec<Link> {
    let mut score = vec![0f32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in 1..=n {
        for j in 1..=m {
            let skip = score[at(i - 1, j)].max(score[at(i, j - 1)]);
            let take = table[(i - 1) * m + (j - 1)]
                .map_or(f32::MIN, |l| score[at(i - 1, j - 1)] + l.similarity);
            score[at(i, j)] = skip.max(take);
        }
    }
    let (mut i, mut j, mut links) = (n, m, Vec::new());
    while i > 0 && j > 0 {
        let here = score[at(i, j)];
        if here == score[at(i - 1, j)] {
            i -= 1;
        } else if here == score[at(i, j - 1)] {
            j -= 1;
        } else {
            links.push(table[(i - 1) * m + (j - 1)].expect("a taken cell holds a link"));
            i -= 1;
            j -= 1;
        }
    }
    links.reverse();
    links
}

fn summarise(a: &[Sentence], b: &[Sentence], links: Vec<Link>) -> Alignment {
    let words = |s: &[Sentence], idx: &mut dyn Iterator<Item = usize>| {
        idx.map(|i| s[i].words.len()).sum::<usize>()
    };
    let total_a = a.iter().map(|s| s.words.len()).sum::<usize>().max(1) as f32;
    let total_b = b.iter().map(|s| s.words.len()).sum::<usize>().max(1) as f32;
    let copies = || links.iter().filter(|l| l.kind != MatchKind::Paraphrase);
    let only = |n: usize, used: &dyn Fn(&Link) -> usize| -> Vec<usize> {
        (0..n)
            .filter(|i| !links.iter().any(|l| used(l) == *i))
            .collect()
    };
    Alignment {
        coverage_a: words(a, &mut links.iter().map(|l| l.a)) as f32 / total_a,
        coverage_b: words(b, &mut links.iter().map(|l| l.b)) as f32 / total_b,
        copied_a: words(a, &mut copies().map(|l| l.a)) as f32 / total_a,
        copied_b: words(b, &mut copies().map(|l| l.b)) as f32 / total_b,
        only_a: only(a.len(), &|l| l.a),
        only_b: only(b.len(), &|l| l.b),
        links,
    }
}

#[cfg(test)]
mod tests;
