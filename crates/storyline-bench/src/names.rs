//! Invented people, places and organisations, built from syllables so no
//! real name is needed.
//!
//! How often each name recurs matters as much as how names look: the rarest
//! words of an article are what near-copy search keys on, so a corpus whose
//! names come from a fixed pool makes every rare word common once it is
//! large enough — unlike news, whose vocabulary keeps growing with the
//! corpus (Heaps' law). See [`NameSupply`].

use crate::rng::Rng;

/// Where surnames and place names come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSupply {
    /// An unbounded supply drawn with Zipf-like frequencies (the chance of
    /// rank `r` or beyond is `NAME_SCALE / (NAME_SCALE + r)`), so a few
    /// names are common and new ones keep appearing, as in news. The
    /// corpus's vocabulary then grows roughly as the square root of its
    /// size: 27k, 141k and 500k distinct words at 10k, 100k and 1M
    /// articles, where NeuS's news articles, their curve carried to the
    /// same word counts, would have 47k, 132k and 369k (docs/PERFORMANCE.md).
    Open,
    /// Every name uniformly from a fixed pool (the generator before
    /// December 2026): about 83,000 distinct words however large the
    /// corpus, so at 1M articles each rare word is shared by hundreds of
    /// unrelated articles. Kept as a stress case for candidate search.
    Closed,
}

/// Names at ranks below this share half of all draws in the open supply.
/// Set once, not swept, so that 100k articles land near NeuS's vocabulary
/// curve (141k words against its 132k); the generator's few templates keep
/// smaller corpora below that curve whatever this is.
const NAME_SCALE: f64 = 5_000.0;

const SYLLABLES: &[&str] = &[
    "ka", "ren", "mo", "li", "dar", "vel", "os", "ria", "ten", "bor", "sa", "mi", "lu", "gan",
    "tor", "el", "fa", "ris", "no", "ved", "ha", "jin", "pe", "ska", "ru", "dol", "an", "mer",
    "thi", "zo", "bel", "ca", "ny", "wen", "gra", "ost", "ul", "ve", "yar", "ine",
];
const CITY_ENDINGS: &[&str] = &[
    "ford", "vik", "holm", "ton", "berg", "mouth", "field", "by", "stad", "bridge",
];
const ORG_KINDS: &[&str] = &[
    "City Council",
    "Regional Bank",
    "University",
    "Transport Authority",
    "Workers Union",
    "Health Trust",
    "Port Authority",
    "Energy Company",
    "Chamber of Commerce",
    "Football Club",
    "Police Department",
    "Water Board",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let raw: String = (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect();
    capitalise(&raw)
}

fn capitalise(raw: &str) -> String {
    let mut chars = raw.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A name word from the open supply: a Zipf-like rank, spelled in syllables
/// (ranks `0..1600` as two syllables, the next 64,000 as three, and so on).
fn open_word(rng: &mut Rng) -> String {
    // `1 - unit` is in (0, 1]; the floor keeps ranks (and names) finite.
    let share = (1.0 - rng.unit()).max(1e-9);
    let mut rank = (NAME_SCALE / share - NAME_SCALE) as u64;
    let base = SYLLABLES.len() as u64;
    let (mut len, mut count) = (2, base * base);
    while rank >= count {
        rank -= count;
        len += 1;
        count *= base;
    }
    let raw: String = (0..len)
        .map(|_| {
            let syllable = SYLLABLES[(rank % base) as usize];
            rank /= base;
            syllable
        })
        .collect();
    capitalise(&raw)
}

/// A surname or place stem from `supply`; `closed` is the fixed pool's length in syllables.
fn name_word(rng: &mut Rng, supply: NameSupply, closed: usize) -> String {
    match supply {
        NameSupply::Open => open_word(rng),
        NameSupply::Closed => word(rng, closed),
    }
}

/// A person's full name. First names come from a fixed pool in either
/// supply (they are few in news too); surnames from `supply`.
pub fn person(rng: &mut Rng, supply: NameSupply) -> String {
    let first_syllables = 2 + rng.below(2);
    let last_syllables = 2 + rng.below(2);
    let first = word(rng, first_syllables);
    format!("{first} {}", name_word(rng, supply, last_syllables))
}

/// A town or city.
pub fn city(rng: &mut Rng, supply: NameSupply) -> String {
    let stem = name_word(rng, supply, 2);
    if rng.below(4) == 0 {
        format!("Port {stem}")
    } else {
        format!("{stem}{}", rng.pick(CITY_ENDINGS))
    }
}

/// An organisation, named after a place.
pub fn organisation(rng: &mut Rng, place: &str) -> String {
    format!("{place} {}", rng.pick(ORG_KINDS))
}
