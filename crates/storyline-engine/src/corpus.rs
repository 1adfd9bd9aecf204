//! A corpus of prepared documents and the full pipeline over it.

use crate::candidates::{similar_pairs, Edge};
use crate::cluster::{average_linkage, Link, Linkage};
use crate::document::{Document, Summary};
use crate::neighbourhood::{smoothed, Profiles, Smoothing};
use crate::original::{likely_original, Facts};
use crate::progress::{NoProgress, Progress};
use crate::relation::{judge, sentence_vectors, Evidence, Prepared, Relation};
use crate::score::{blended, judged_score, pair_score, shown_weight};
use crate::store::{Entry, Store};
use crate::tuning::Tuning;
use crate::vectorise::{bag, dot, Bag, Model, SparseVec};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::Arc;
use storyline_align::SentenceVectors;
use storyline_embed::Embedder;
use storyline_ingest::Article;

/// Prepared articles with their corpus statistics and similarity graph,
/// all weighted by one [`Tuning`].
pub struct Corpus {
    /// What every stage needs of each article, in input order.
    pub summaries: Vec<Summary>,
    /// Term ids and document frequencies.
    pub model: Model,
    /// Weighted the vectors, and rules clustering and labelling; fixed once
    /// the corpus is built, so it is read through [`Corpus::tuning`].
    tuning: Tuning,
    /// Candidate pairs with their cosines: the similarity graph.
    edges: Vec<Edge>,
    store: Store,
    /// Each article's sentence embedding, when the model reads its
    /// language; empty when no model was given.
    meanings: Vec<Option<Vec<f32>>>,
}

/// Builds a [`Corpus`] from articles given a batch at a time, so a large
/// input is never held whole: each batch is prepared in parallel and
/// reduced to summaries and term bags, and its documents are kept in memory
/// or spilled to disk (see the `store` module).
pub struct Builder {
    tuning: Tuning,
    summaries: Vec<Summary>,
    bags: Vec<Bag>,
    store: Store,
    model: Option<Arc<Embedder>>,
    meanings: Vec<Option<Vec<f32>>>,
}

impl Builder {
    /// Start a corpus weighted by `tuning`; `spill` keeps the articles in a
    /// temporary file instead of their prepared documents in memory.
    pub fn new(tuning: Tuning, spill: bool) -> std::io::Result<Self> {
        Ok(Builder {
            tuning,
            summaries: Vec::new(),
            bags: Vec::new(),
            store: Store::new(spill)?,
            model: None,
            meanings: Vec::new(),
        })
    }

    /// Also embed every article in a language the sentence-embedding model
    /// reads, and blend two such articles' embedding cosine into their
    /// similarity (see [`blended`]).
    pub fn with_model(mut self, model: Arc<Embedder>) -> Self {
        self.model = Some(model);
        self
    }

    /// Clean and analyse a batch of articles (in parallel), reporting each
    /// one to `progress` (whose stage the caller opens and closes).
    pub fn add(&mut self, articles: Vec<Article>, progress: &dyn Progress) -> std::io::Result<()> {
        let (store, tuning, model) = (&self.store, &self.tuning, &self.model);
        let prepared: Vec<(Summary, Bag, Option<Vec<f32>>, Entry)> = articles
            .into_par_iter()
            .map(|article| {
                let doc = Document::prepare(article);
                let meaning = model
                    .as_ref()
                    .and_then(|m| doc.meaning(m, tuning.meaning_tokens));
                let kept = (Summary::of(&doc, tuning.lead_sentences), bag(&doc, tuning));
                progress.advance(1);
                (kept.0, kept.1, meaning, store.entry(doc))
            })
            .collect();
        for (summary, bag, meaning, entry) in prepared {
            self.summaries.push(summary);
            self.bags.push(bag);
            if self.model.is_some() {
                self.meanings.push(meaning);
            }
            self.store.push(entry)?;
        }
        Ok(())
    }

    /// Articles added so far.
    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    /// Whether no article has been added.
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// Fit the term model, weight every article's vector and find the
    /// candidate pairs. The vectors are then let go: the similarity graph
    /// is all the later stages need, and a pair's cosine can be had again
    /// from its two documents ([`Corpus::cosine`]).
    pub fn finish(mut self, progress: &dyn Progress) -> std::io::Result<Corpus> {
        self.store.finish()?;
        progress.start("vectorise", self.bags.len() as u64);
        let model = Model::fit(&self.bags);
        let mut vectors = self.bags;
        vectors.par_iter_mut().for_each(|bag| model.vectorise(bag));
        progress.finish();
        let edges = similar_pairs(&vectors, &self.tuning, progress);
        drop(vectors);
        Ok(Corpus {
            summaries: self.summaries,
            model,
            tuning: self.tuning,
            edges,
            store: self.store,
            meanings: self.meanings,
        })
    }
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
    /// Judge two documents (see [`judge`]) by their term `cosine` and
    /// record the pair as `ids`. An exact copy scores 1; any other pair its
    /// [`shown_weight`] (with their embeddings' cosine `meaning`, if any),
    /// as reported ([`judged_score`]).
    pub fn judged(
        ids: (usize, usize),
        (a, b): (Prepared, Prepared),
        (cosine, meaning): (f32, Option<f32>),
        same_story: bool,
        tuning: &Tuning,
    ) -> Pair {
        let judgement = judge(a, b, cosine, same_story, tuning);
        let weight = shown_weight(cosine, meaning, (a.when, b.when), tuning);
        let score = judged_score(judgement.relation, weight, tuning);
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
    /// Clean and analyse every article (in parallel) and fit the term model,
    /// with the default tuning.
    pub fn new(articles: Vec<Article>) -> Self {
        Self::with_tuning(articles, Tuning::default(), &NoProgress)
    }

    /// [`Corpus::new`] with a tuning, reporting progress.
    pub fn with_tuning(articles: Vec<Article>, tuning: Tuning, progress: &dyn Progress) -> Self {
        Self::with_model(articles, tuning, None, progress)
    }

    /// [`Corpus::with_tuning`], embedding every article with `model` when
    /// one is given (see [`Builder::with_model`]).
    pub fn with_model(
        articles: Vec<Article>,
        tuning: Tuning,
        model: Option<Arc<Embedder>>,
        progress: &dyn Progress,
    ) -> Self {
        let memory = "a corpus held in memory does no I/O";
        let mut builder = Builder::new(tuning, false).expect(memory);
        if let Some(model) = model {
            builder = builder.with_model(model);
        }
        progress.start("clean + analyse", articles.len() as u64);
        builder.add(articles, progress).expect(memory);
        progress.finish();
        builder.finish(progress).expect(memory)
    }

    /// The tuning the corpus was built with.
    pub fn tuning(&self) -> &Tuning {
        &self.tuning
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    /// Whether the corpus has no article.
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// The prepared document at `index`: borrowed from memory, or read back
    /// from the spill file.
    pub fn document(&self, index: usize) -> Cow<'_, Document> {
        self.store.get(index)
    }

    /// Index of the article with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.summaries.iter().position(|d| d.id == id)
    }

    /// Cluster into stories and label the pairs inside them.
    pub fn stories(&self) -> Stories {
        self.stories_with_progress(&NoProgress)
    }

    /// [`Corpus::stories`] reporting progress.
    pub fn stories_with_progress(&self, progress: &dyn Progress) -> Stories {
        let (tuning, edges) = (&self.tuning, &self.edges);
        progress.start("cluster", edges.len() as u64);
        let labels = self.cluster(edges, tuning);
        let groups = group_members(&labels);
        progress.finish();
        // Only edges inside a story are labelled; the rest can go.
        let edge_map: HashMap<(usize, usize), f32> = edges
            .iter()
            .filter(|e| labels[e.a as usize] == labels[e.b as usize])
            .map(|e| ((e.a as usize, e.b as usize), e.cosine))
            .collect();
        progress.start("label pairs", groups.len() as u64);
        let per_story: Vec<(Vec<usize>, Vec<Pair>)> = groups
            .into_par_iter()
            .map(|members| {
                let pairs = self.label_story(&members, &edge_map);
                progress.advance(1);
                (members, pairs)
            })
            .collect();
        progress.finish();
        self.assemble(per_story)
    }

    fn cluster(&self, edges: &[Edge], tuning: &Tuning) -> Vec<u32> {
        let links = edges.iter().map(|e| Link {
            a: e.a,
            b: e.b,
            weight: self.link_weight(e.a as usize, e.b as usize, e.cosine),
        });
        let smoothing = Smoothing {
            size: tuning.profile_size,
            self_weight: tuning.profile_self_weight,
            share: tuning.profile_share,
        };
        let profiles = Profiles::new(self.len(), links.clone(), smoothing);
        let links = links.map(|link| smoothed(link, &profiles, smoothing));
        let linkage = Linkage {
            threshold: tuning.smoothed_story_threshold,
            cohesion_ratio: tuning.cohesion_ratio,
            cohesion_cap: tuning.cohesion_cap,
        };
        average_linkage(self.len(), links, linkage)
    }

    /// Label the pairs of one story: all pairs of a small story, only its graph
    /// edges in a large one. A story of one article needs no document.
    fn label_story(&self, members: &[usize], edges: &HashMap<(usize, usize), f32>) -> Vec<Pair> {
        let tuning = &self.tuning;
        let mut pairs = Vec::new();
        if members.len() < 2 {
            return pairs;
        }
        let docs: Vec<Cow<Document>> = members.iter().map(|&m| self.document(m)).collect();
        let sentences: Vec<SentenceVectors> = docs
            .iter()
            .map(|d| sentence_vectors(d, &self.model, tuning))
            .collect();
        let vectors: Vec<SparseVec> = docs.iter().map(|d| self.vector(d)).collect();
        let prepared: Vec<Prepared> = docs
            .iter()
            .zip(&sentences)
            .map(|(d, s)| Prepared::new(d, s, tuning))
            .collect();
        for (i, &a) in members.iter().enumerate() {
            for (j, &b) in members.iter().enumerate().skip(i + 1) {
                let cosine = match edges.get(&(a, b)) {
                    Some(&c) => c,
                    None if members.len() <= tuning.max_all_pairs => dot(&vectors[i], &vectors[j]),
                    None => continue,
                };
                let sides = (prepared[i], prepared[j]);
                let likeness = (cosine, self.meaning(a, b));
                pairs.push(Pair::judged((a, b), sides, likeness, true, tuning));
            }
        }
        pairs
    }

    /// Judge one pair of documents.
    pub fn pair(&self, a: usize, b: usize, cosine: f32, same_story: bool) -> Pair {
        let (da, db) = (self.document(a), self.document(b));
        let va = sentence_vectors(&da, &self.model, &self.tuning);
        let vb = sentence_vectors(&db, &self.model, &self.tuning);
        let sides = (
            Prepared::new(&da, &va, &self.tuning),
            Prepared::new(&db, &vb, &self.tuning),
        );
        let likeness = (cosine, self.meaning(a, b));
        Pair::judged((a, b), sides, likeness, same_story, &self.tuning)
    }

    /// The cosine of two articles' embeddings, when the corpus was built
    /// with a model that reads both.
    pub fn meaning(&self, a: usize, b: usize) -> Option<f32> {
        match (self.meanings.get(a), self.meanings.get(b)) {
            (Some(Some(x)), Some(Some(y))) => Some(storyline_embed::cosine(x, y)),
            _ => None,
        }
    }

    /// The link weight of two articles whose term cosine is `cosine`, before
    /// dates: the cosine itself, or its blend with their embeddings' cosine
    /// ([`Tuning::link_blend`]).
    pub fn similarity(&self, a: usize, b: usize, cosine: f32) -> f32 {
        blended(cosine, self.meaning(a, b), self.tuning.link_blend())
    }

    /// The weight of the link between two articles whose term cosine is
    /// `cosine`, as clustering sees it: [`Corpus::similarity`] damped in
    /// time ([`pair_score`]). `explain`'s same-story verdict reads it too.
    pub fn link_weight(&self, a: usize, b: usize, cosine: f32) -> f32 {
        let when = |i: usize| self.summaries[i].when();
        let similarity = self.similarity(a, b, cosine);
        pair_score(similarity, when(a), when(b), &self.tuning)
    }

    /// Cosine of two documents' vectors.
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        let (da, db) = (self.document(a), self.document(b));
        dot(&self.vector(&da), &self.vector(&db))
    }

    /// A document's term vector, as the candidate search saw it.
    fn vector(&self, doc: &Document) -> SparseVec {
        let mut vector = bag(doc, &self.tuning);
        self.model.vectorise(&mut vector);
        vector
    }

    fn assemble(&self, mut per_story: Vec<(Vec<usize>, Vec<Pair>)>) -> Stories {
        let facts: Vec<Facts> = self.summaries.iter().map(|s| s.facts).collect();
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
    let mut groups: HashMap<u32, Vec<usize>> = HashMap::default();
    for (i, &label) in labels.iter().enumerate() {
        groups.entry(label).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by_key(|g| g[0]);
    groups
}
