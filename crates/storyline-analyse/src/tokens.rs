//! Words, stems, stop words and name-like tokens.

use crate::language::Language;
use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{OnceLock, RwLock};
use unicode_segmentation::UnicodeSegmentation;

/// A content term of a sentence: eight bytes, so a large corpus of
/// analysed articles stays small in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Term {
    /// The stem (or the lower-cased word where no stemmer exists), interned:
    /// the same stem has the same id everywhere in the process; see
    /// [`term_text`].
    pub id: u32,
    /// Name-like: capitalised inside a sentence somewhere in the article, or
    /// containing a digit. Names and numbers say which event a story is about.
    pub name: bool,
    /// Contains a digit (a count, a year, a score).
    pub number: bool,
}

/// Stems by id and ids by stem, shared by all threads. It only grows: a
/// language's stems are a bounded set.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
}

fn interner() -> &'static RwLock<Interner> {
    static INTERNER: OnceLock<RwLock<Interner>> = OnceLock::new();
    INTERNER.get_or_init(Default::default)
}

fn intern(text: &str) -> u32 {
    if let Some(&id) = interner().read().expect("interner lock").ids.get(text) {
        return id;
    }
    let mut table = interner().write().expect("interner lock");
    if let Some(&id) = table.ids.get(text) {
        return id;
    }
    let id = u32::try_from(table.texts.len()).expect("fewer than 2^32 distinct stems");
    table.texts.push(text.into());
    table.ids.insert(text.into(), id);
    id
}

/// The stem behind a term id.
pub fn term_text(id: u32) -> String {
    interner().read().expect("interner lock").texts[id as usize].to_string()
}

/// Lower-cased words with typographic apostrophes made plain.
pub fn words_of(text: &str) -> Vec<String> {
    text.unicode_words().map(normalise_word).collect()
}

/// A 64-bit hash of a (normalised) word; collisions are negligible for
/// deciding whether two sentences share a word.
pub fn word_hash(word: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(word)
}

/// Lower-case a word, make its apostrophes plain and drop a possessive
/// `'s`. ASCII words (most of them) are lower-cased with one allocation.
fn normalise_word(word: &str) -> String {
    let mut lower = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.replace('’', "'").to_lowercase()
    };
    if lower.len() > 2 && lower.ends_with("'s") {
        lower.truncate(lower.len() - 2);
    }
    lower
}

/// Lower-cased forms of words written with a capital anywhere but the start of
/// a sentence: the article's own evidence of which words are names.
pub(crate) fn name_forms(sentences: &[String]) -> HashSet<String> {
    let mut names = HashSet::new();
    for sentence in sentences {
        for word in sentence.unicode_words().skip(1) {
            if word.chars().next().is_some_and(char::is_uppercase) {
                names.insert(normalise_word(word));
            }
        }
    }
    names
}

fn stop_words(code: &str) -> Option<&'static HashSet<&'static str>> {
    static LISTS: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        const CODES: [&str; 23] = [
            "ar", "az", "da", "nl", "en", "fi", "fr", "de", "el", "hu", "id", "it", "kk", "ne",
            "no", "pt", "ro", "ru", "sl", "es", "sv", "tg", "tr",
        ];
        CODES
            .iter()
            .map(|&c| (c, stop_words::get(c).iter().copied().collect()))
            .collect()
    });
    lists.get(code)
}

/// Turns text into [`Term`]s for one article's language and names.
pub(crate) struct Tokeniser<'a> {
    code: &'static str,
    stemmer: Option<Stemmer>,
    stop: Option<&'static HashSet<&'static str>>,
    names: &'a HashSet<String>,
}

impl<'a> Tokeniser<'a> {
    pub(crate) fn new(language: Language, names: &'a HashSet<String>) -> Self {
        let stop = if language.has_stop_words {
            stop_words(language.code)
        } else {
            None
        };
        Tokeniser {
            code: language.code,
            stemmer: language.stemmer.map(Stemmer::create),
            stop,
            names,
        }
    }

    pub(crate) fn terms(&self, text: &str) -> Vec<Term> {
        self.terms_of(words_of(text))
    }

    /// The terms among words already split by [`words_of`].
    pub(crate) fn terms_of(&self, words: Vec<String>) -> Vec<Term> {
        words
            .into_iter()
            .filter_map(|word| self.term(word))
            .collect()
    }

    fn term(&self, word: String) -> Option<Term> {
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        let too_short = word.chars().count() < 2 && !has_digit;
        if too_short || self.stop.is_some_and(|s| s.contains(word.as_str())) {
            return None;
        }
        let name = has_digit || self.names.contains(&word);
        let stemmer = self.stemmer.as_ref().filter(|_| !has_digit);
        let id = cached_term_id(self.code, stemmer, word);
        Some(Term {
            id,
            name,
            number: has_digit,
        })
    }
}

/// Entries a thread's term cache may hold before it starts afresh.
const TERM_CACHE_LIMIT: usize = 200_000;

thread_local! {
    /// Term ids already found on this thread, by language and word: news
    /// repeats its vocabulary, Snowball is the costliest step per word, and
    /// the cache spares the shared interner's lock.
    static TERMS: RefCell<FxHashMap<(&'static str, String), u32>> = RefCell::new(FxHashMap::default());
}

fn cached_term_id(code: &'static str, stemmer: Option<&Stemmer>, word: String) -> u32 {
    TERMS.with_borrow_mut(|cache| {
        let key = (code, word);
        if let Some(&id) = cache.get(&key) {
            return id;
        }
        if cache.len() >= TERM_CACHE_LIMIT {
            cache.clear();
        }
        let id = match stemmer {
            Some(stemmer) => intern(&stemmer.stem(&key.1)),
            None => intern(&key.1),
        };
        cache.insert(key, id);
        id
    })
}
