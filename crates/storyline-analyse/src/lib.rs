//! Analyse: from cleaned paragraphs to sentences of weighted terms.
//!
//! Each article gets a language (whatlang), sentences (a splitter that knows
//! common abbreviations, because UAX#29 breaks after "Mr." and "U.S."), and per
//! sentence two views of its words:
//! - `words`: every word lower-cased, for measuring copying (verbatim, edited);
//! - `terms`: stemmed content words without stop words, each flagged when it is
//!   name-like (a capitalised word inside a sentence, or a number), for
//!   measuring what the sentence is about.

mod language;
mod sentences;
mod tokens;

pub use language::{detect_language, language_code, Language};
pub use sentences::split_sentences;
use serde::Serialize;
pub use tokens::{term_text, word_hash, words_of, Term};

/// One sentence and its two word views.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// The sentence as written.
    pub text: String,
    /// Lower-cased words, stop words included, as [`word_hash`]es: copy
    /// detection only compares words for equality, and a number compares
    /// (and stores) far more cheaply than a string.
    pub words: Vec<u64>,
    /// Stemmed content terms.
    pub terms: Vec<Term>,
}

/// An analysed article.
#[derive(Debug, Clone, Serialize)]
pub struct Analysed {
    /// ISO 639-1 code, or `und` when unknown.
    pub lang: &'static str,
    /// Terms of the headline.
    pub title_terms: Vec<Term>,
    /// Body sentences in order.
    pub sentences: Vec<Sentence>,
}

impl Analysed {
    /// Number of words in the body.
    pub fn word_count(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// Analyse a headline and body paragraphs.
pub fn analyse(title: Option<&str>, paragraphs: &[String]) -> Analysed {
    let language = detect_language(title.unwrap_or(""), &language_sample(paragraphs));
    let texts: Vec<String> = paragraphs.iter().flat_map(|p| split_sentences(p)).collect();
    let names = tokens::name_forms(&texts);
    let tokeniser = tokens::Tokeniser::new(language, &names);
    let sentences = texts
        .into_iter()
        .map(|text| {
            let words = words_of(&text);
            Sentence {
                words: words.iter().map(|w| word_hash(w)).collect(),
                terms: tokeniser.terms_of(words),
                text,
            }
        })
        .collect();
    let title_terms = title.map(|t| tokeniser.terms(t)).unwrap_or_default();
    Analysed {
        lang: language.code,
        title_terms,
        sentences,
    }
}

/// Enough of the body to identify its language; more only costs time.
fn language_sample(paragraphs: &[String]) -> String {
    const SAMPLE_BYTES: usize = 400;
    let mut sample = String::new();
    for paragraph in paragraphs {
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
        sample.push_str(paragraph);
        sample.push(' ');
    }
    sample
}

#[cfg(test)]
mod tests;
