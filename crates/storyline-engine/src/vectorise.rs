//! Weighted term vectors: TF-IDF with sublinear term frequency, headline,
//! lead and name boosts, L2-normalised so a dot product is a cosine.

use crate::document::Document;
use crate::tuning::Tuning;
use rustc_hash::FxHashMap as HashMap;
use storyline_align::normalise;
use storyline_analyse::Term;

/// A sparse vector: `(term id, weight)` sorted by term id.
pub type SparseVec = Vec<(u32, f32)>;

/// Term ids and document frequencies of one corpus.
///
/// The model numbers terms itself, in order of first appearance in the
/// corpus, rather than using the process-wide interned ids: interned ids
/// depend on which thread analysed what first, and the order of a sparse dot
/// product's terms must not change its last bits from run to run.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Model id of each interned term id (`NONE` when not in the corpus).
    ids: Vec<u32>,
    df: Vec<u32>,
    docs: usize,
}

/// Marks an interned term the model has not seen.
const NONE: u32 = u32::MAX;

impl Model {
    /// Count document frequencies. Ids are given in first-seen order, so the
    /// same input always yields the same model.
    pub fn fit(bags: &[Bag]) -> Self {
        let mut model = Model {
            docs: bags.len(),
            ..Model::default()
        };
        for bag in bags {
            // A bag lists each term once.
            for &(term, _) in bag {
                let id = model.intern(term);
                model.df[id as usize] += 1;
            }
        }
        model
    }

    fn intern(&mut self, term: u32) -> u32 {
        let slot = term as usize;
        if slot >= self.ids.len() {
            self.ids.resize(slot + 1, NONE);
        }
        if self.ids[slot] == NONE {
            self.ids[slot] = self.df.len() as u32;
            self.df.push(0);
        }
        self.ids[slot]
    }

    /// The model's id of a term, if the corpus has it.
    fn local(&self, term: u32) -> Option<u32> {
        self.ids
            .get(term as usize)
            .copied()
            .filter(|&id| id != NONE)
    }

    /// A term's id and weight in a sentence vector (IDF times its
    /// [`Model::sentence_boost`]), or `None` for a stem the model has not seen.
    pub fn sentence_weight(&self, term: &Term, tuning: &Tuning) -> Option<(u32, f32)> {
        let id = self.local(term.id)?;
        Some((
            id,
            idf(self.docs, self.df[id as usize]) * Self::sentence_boost(term, tuning),
        ))
    }

    /// Weight of one occurrence of a term in an article's vector, before IDF.
    pub fn occurrence_boost(term: &Term, tuning: &Tuning) -> f32 {
        boost(term, tuning.number_boost, tuning.name_boost)
    }

    /// Weight of one occurrence of a term in a sentence's vector, before
    /// IDF: names weigh `sentence_name_boost`, which the sentence
    /// alignment's thresholds were tuned with, rather than `name_boost`.
    pub fn sentence_boost(term: &Term, tuning: &Tuning) -> f32 {
        boost(term, tuning.number_boost, tuning.sentence_name_boost)
    }

    /// Turn a document's [`bag`] into its weighted, normalised term vector,
    /// in place: a large corpus never holds both.
    pub fn vectorise(&self, bag: &mut Bag) {
        bag.retain_mut(|(term, f)| match self.local(*term) {
            Some(id) => {
                *f = tf_idf(*f, self.docs, self.df[id as usize]);
                *term = id;
                true
            }
            None => false,
        });
        bag.sort_unstable_by_key(|&(id, _)| id);
        normalise(bag);
    }
}

/// A document's terms before IDF: `(interned term id, summed occurrence
/// weight)`, each term once, in order of first occurrence (so a [`Model`]
/// fitted on bags numbers terms the same way on every run). Small enough to
/// keep for every article of a large corpus while its text is put aside.
pub type Bag = Vec<(u32, f32)>;

/// The [`Bag`] of a document, with [`weighted_terms`].
pub fn bag(doc: &Document, tuning: &Tuning) -> Bag {
    let mut slots: HashMap<u32, usize> = HashMap::default();
    let mut bag = Bag::new();
    weighted_terms(doc, tuning, |term, weight| {
        let slot = *slots.entry(term.id).or_insert_with(|| {
            bag.push((term.id, 0.0));
            bag.len() - 1
        });
        bag[slot].1 += weight;
    });
    bag.shrink_to_fit();
    bag
}

/// Visit every term occurrence of a document with its weight before IDF:
/// headline terms count `title_weight`, lead sentences `lead_boost`, names
/// and numbers their [`Model::occurrence_boost`]. Shared with the persistent
/// index, which stores these sums and applies IDF when it compares.
pub fn weighted_terms(doc: &Document, tuning: &Tuning, mut visit: impl FnMut(&Term, f32)) {
    for term in &doc.analysed.title_terms {
        visit(
            term,
            tuning.title_weight * Model::occurrence_boost(term, tuning),
        );
    }
    for (i, sentence) in doc.analysed.sentences.iter().enumerate() {
        let weight = if i < tuning.lead_sentences {
            tuning.lead_boost
        } else {
            1.0
        };
        for term in &sentence.terms {
            visit(term, weight * Model::occurrence_boost(term, tuning));
        }
    }
}

/// A number's, a name's or any other term's multiplier.
fn boost(term: &Term, number: f32, name: f32) -> f32 {
    if term.number {
        number
    } else if term.name {
        name
    } else {
        1.0
    }
}

/// Weight of a term with summed occurrence weight `tf` in a corpus of `docs`
/// documents, `df` of which hold it: sublinear term frequency times IDF.
pub fn tf_idf(tf: f32, docs: usize, df: u32) -> f32 {
    (1.0 + tf).ln() * idf(docs, df)
}

/// `ln((1 + N) / (1 + df)) + 1`: never zero, so a corpus of two still compares.
pub fn idf(docs: usize, df: u32) -> f32 {
    ((1.0 + docs as f32) / (1.0 + df as f32)).ln() + 1.0
}

/// Dot product of two sparse vectors (a cosine when both are normalised).
pub fn dot(a: &SparseVec, b: &SparseVec) -> f32 {
    storyline_align::sparse_dot(a, b)
}
