//! Invented people, places and organisations, built from syllables so the
//! supply is practically endless and no real name is needed.

use crate::rng::Rng;

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
    let mut chars = raw.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A person's full name.
pub fn person(rng: &mut Rng) -> String {
    let first = 2 + rng.below(2);
    let last = 2 + rng.below(2);
    format!("{} {}", word(rng, first), word(rng, last))
}

/// A town or city.
pub fn city(rng: &mut Rng) -> String {
    let stem = word(rng, 2);
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
