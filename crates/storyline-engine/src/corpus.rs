//! A corpus of prepared documents and the full pipeline over it.

use crate::candidates::{similar_pairs, Edge};
use crate::cluster::{average_linkage, Link, Linkage};
use crate::document::Document;
use crate::original::{likely_original, Facts};
use crate::progress::{NoProgress, Progress};
use crate::relation::{judge, sentence_vectors, Evidence, Relation};
use crate::score::pair_score;
use crate::tuning::Tuning;
use crate::vectorise::{dot, Model, SparseVec};
use rayon::prelude::*;
use std::collections::HashMap;
use storyline_align::SentenceVectors;
use storyline_ingest::Article;

/// Documents with their corpus statistics.
pub struct Corpus {
    /// The documents, in input order.
    pub docs: Vec<Document>,
    /// Term ids and document frequencies.
    pub model: Model,
}

/// One story: articles (corpus indices, ascending) and its likely original.
#[derive(Debug, Clone)]
pub struct Story {
    /// Stable id: `s` and a number, largest stories first.
    pub id: String,
    /// Member indices.
    pub articles: Vec<usize>,
    /// The likely original, when one can be named.
    pub original: Option<usize>,
}

/// A labelled pair inside a story.
#[derive(Debug, Clone)]
pub struct Pair {
    /// Corpus index of the first article (`a < b`).
    pub a: usize,
    /// Corpus index of the second.
    pub b: usize,
    /// How they relate.
    pub relation: Relation,
    /// Similarity in [0, 1].
    pub score: f32,
    /// What the label was decided on.
    pub evidence: Evidence,
    /// Share of A's words in sentences aligned with B.
    pub covered_a: f32,
    /// Share of B's words in sentences aligned with A.
    pub covered_b: f32,
}

impl Pair {
    /// Judge two documents (see [`judge`]) and record the pair as `ids`.
    /// An exact copy scores 1; any other pair its cosine, damped by date
    /// distance ([`pair_score`]).
    pub fn judged(
        ids: (usize, usize),
        (a, b): ((&Document, &SentenceVectors), (&Document, &SentenceVectors)),
        cosine: f32,
        same_story: bool,
        tuning: &Tuning,
    ) -> Pair {
        let judgement = judge(a, b, cosine, same_story, tuning);
        let score = match judgement.relation {
            Relation::Exact => 1.0,
            _ => pair_score(cosine, a.0.day(), b.0.day(), tuning),
        };
        Pair {
            a: ids.0,
            b: ids.1,
            relation: judgement.relation,
            score,
            evidence: judgement.evidence,
            covered_a: judgement.alignment.coverage_a,
            covered_b: judgement.alignment.coverage_b,
        }
    }
}

/// The result of clustering a corpus.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    /// Every article belongs to exactly one story (possibly alone).
    pub stories: Vec<Story>,
    /// Labelled pairs within multi-article stories.
    pub pairs: Vec<Pair>,
}

impl Corpus {
    /// Clean and analyse every article (in parallel) and fit the term model.
    pub fn new(articles: Vec<Article>) -> Self {
        Self::with_progress(articles, &NoProgress)
    }

    /// [`Corpus::new`] reporting progress.
    pub fn with_progress(articles: Vec<Article>, progress: &dyn Progress) -> Self {
        progress.start("clean + analyse", articles.len() as u64);
        let docs: Vec<Document> = articles
            .into_par_iter()
            .map(|a| {
                let doc = Document::prepare(a);
                progress.advance(1);
                doc
            })
            .collect();
        progress.finish();
        let model = Model::fit(&docs);
        Corpus { docs, model }
    }

    /// Index of the article with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id() == id)
    }

    /// Cluster into stories and label the pairs inside them.
    pub fn stories(&self, tuning: &Tuning) -> Stories {
        self.stories_with_progress(tuning, &NoProgress)
    }

    /// [`Corpus::stories`] reporting progress.
    pub fn stories_with_progress(&self, tuning: &Tuning, progress: &dyn Progress) -> Stories {
        progress.start("vectorise", self.docs.len() as u64);
        let vectors = self.model.vectors(&self.docs, tuning);
        progress.finish();
        let edges = similar_pairs(&vectors, tuning, progress);
        progress.start("cluster", edges.len() as u64);
        let labels = self.cluster(&edges, tuning);
        let groups = group_members(&labels);
        progress.finish();
        // Only edges inside a story are labelled; the rest can go.
        let edge_map: HashMap<(usize, usize), f32> = edges
            .iter()
            .filter(|e| labels[e.a as usize] == labels[e.b as usize])
            .map(|e| ((e.a as usize, e.b as usize), e.cosine))
            .collect();
        drop(edges);
        progress.start("label pairs", groups.len() as u64);
        let per_story: Vec<(Vec<usize>, Vec<Pair>)> = groups
            .into_par_iter()
            .map(|members| {
                let pairs = self.label_story(&members, &vectors, &edge_map, tuning);
                progress.advance(1);
                (members, pairs)
            })
            .collect();
        progress.finish();
        self.assemble(per_story)
    }

    fn cluster(&self, edges: &[Edge], tuning: &Tuning) -> Vec<u32> {
        let links: Vec<Link> = edges
            .iter()
            .map(|e| {
                let (a, b) = (&self.docs[e.a as usize], &self.docs[e.b as usize]);
                Link {
                    a: e.a,
                    b: e.b,
                    weight: pair_score(e.cosine, a.day(), b.day(), tuning),
                }
            })
            .collect();
        let linkage = Linkage {
            threshold: tuning.story_threshold,
            cohesion_ratio: tuning.cohesion_ratio,
            cohesion_cap: tuning.cohesion_cap,
        };
        average_linkage(self.docs.len(), &links, linkage)
    }

    /// Label the pairs of one story: all pairs of a small story, only its graph
    /// edges in a large one.
    fn label_story(
        &self,
        members: &[usize],
        vectors: &[SparseVec],
        edges: &HashMap<(usize, usize), f32>,
        tuning: &Tuning,
    ) -> Vec<Pair> {
        let mut pairs = Vec::new();
        let sentences: Vec<SentenceVectors> = members
            .iter()
            .map(|&m| sentence_vectors(&self.docs[m], &self.model, tuning))
            .collect();
        for (i, &a) in members.iter().enumerate() {
            for (j, &b) in members.iter().enumerate().skip(i + 1) {
                let cosine = match edges.get(&(a, b)) {
                    Some(&c) => c,
                    None if members.len() <= tuning.max_all_pairs => dot(&vectors[a], &vectors[b]),
                    None => continue,
                };
                pairs.push(self.judge_pair(
                    (a, &sentences[i]),
                    (b, &sentences[j]),
                    cosine,
                    true,
                    tuning,
                ));
            }
        }
        pairs
    }

    /// Judge one pair of documents.
    pub fn pair(&self, a: usize, b: usize, cosine: f32, same_story: bool, tuning: &Tuning) -> Pair {
        let va = sentence_vectors(&self.docs[a], &self.model, tuning);
        let vb = sentence_vectors(&self.docs[b], &self.model, tuning);
        self.judge_pair((a, &va), (b, &vb), cosine, same_story, tuning)
    }

    fn judge_pair(
        &self,
        (a, va): (usize, &SentenceVectors),
        (b, vb): (usize, &SentenceVectors),
        cosine: f32,
        same_story: bool,
        tuning: &Tuning,
    ) -> Pair {
        let sides = ((&self.docs[a], va), (&self.docs[b], vb));
        Pair::judged((a, b), sides, cosine, same_story, tuning)
    }

    /// Cosine of two documents' vectors.
    pub fn cosine(&self, a: usize, b: usize, tuning: &Tuning) -> f32 {
        dot(
            &self.model.vector(&self.docs[a], tuning),
            &self.model.vector(&self.docs[b], tuning),
        )
    }

    fn assemble(&self, mut per_story: Vec<(Vec<usize>, Vec<Pair>)>) -> Stories {
        let facts: Vec<Facts> = self.docs.iter().map(Facts::of).collect();
        per_story.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then(x.0[0].cmp(&y.0[0])));
        let width = per_story.len().to_string().len();
        let mut out = Stories::default();
        for (n, (members, pairs)) in per_story.into_iter().enumerate() {
            let original = if members.len() > 1 {
                likely_original(&members, &facts, &pairs)
            } else {
                None
            };
            out.stories.push(Story {
                id: format!("s{:0width$}", n + 1),
                articles: members,
                original,
            });
            out.pairs.extend(pairs);
        }
        out
    }
}

/// Members of each cluster label, in order of first member.
fn group_members(labels: &[u32]) -> Vec<Vec<usize>> {
    let mut groups: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &label) in labels.iter().enumerate() {
        groups.entry(label).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by_key(|g| g[0]);
    groups
}
