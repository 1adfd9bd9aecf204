//! When an article puts its event: its date, and the days of the week its
//! headline and lead name.
//!
//! Dates are often missing (a pile of pasted texts, a feed without them),
//! but news leads say when: "stocks plunged on Thursday", "the court ruled
//! Tuesday". Two reports of one event name the same day; two events of one
//! kind (two market crashes, two rulings on one programme), which share
//! most of their words, are usually on different days. So a pair whose
//! leads name weekdays, none of them shared, is damped
//! ([`Tuning::weekday_penalty`](crate::Tuning::weekday_penalty)), the
//! same way as a pair whose dates are far apart.
//!
//! Only the headline and lead are read: further down, articles recall
//! earlier days ("on Monday, police had...") that say nothing about which
//! event they report. Names are known in English, German, French,
//! Spanish, Italian and Dutch (in those languages' articles), where a day's
//! name is one word that means nothing else in news; in other languages
//! no weekday is found and no pair is damped.

/// Days of the week named in an article's headline and lead, one bit each
/// (Monday the lowest). Stored as its [`Weekdays::bits`] by the persistent
/// index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weekdays(u8);

/// Lower-cased day names, Monday first, by ISO 639-1 language code.
const NAMES: [(&str, [&str; 7]); 6] = [
    (
        "en",
        [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
    ),
    (
        "de",
        [
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonntag",
        ],
    ),
    (
        "fr",
        [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
    ),
    (
        "es",
        [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ],
    ),
    (
        "it",
        [
            "lunedì",
            "martedì",
            "mercoledì",
            "giovedì",
            "venerdì",
            "sabato",
            "domenica",
        ],
    ),
    (
        "nl",
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ],
    ),
];

impl Weekdays {
    /// The weekdays named in `texts` (whole words, any case), written in
    /// the language whose ISO 639-1 code is `lang`. Allocates nothing: it
    /// runs for every article and again for every pair that is labelled.
    pub fn named_in<'a>(lang: &str, texts: impl IntoIterator<Item = &'a str>) -> Self {
        let Some((_, names)) = NAMES.iter().find(|(code, _)| *code == lang) else {
            return Weekdays::default();
        };
        let mut bits = 0u8;
        let words = texts
            .into_iter()
            .flat_map(|text| text.split(|c: char| !c.is_alphabetic()));
        for word in words {
            if let Some(day) = names.iter().position(|name| same_word(word, name)) {
                bits |= 1 << day;
            }
        }
        Weekdays(bits)
    }

    /// The set as bits, for storing.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// The set stored as `bits` (bits above Sunday's are ignored).
    pub fn from_bits(bits: u8) -> Self {
        Weekdays(bits & 0x7f)
    }

    /// Whether both name a weekday but none in common: a sign of two
    /// events on different days.
    pub fn conflict(self, other: Weekdays) -> bool {
        self.0 != 0 && other.0 != 0 && self.0 & other.0 == 0
    }
}

/// Whether `word` is `lower_name` in any case (the names' capitals take as
/// many bytes as their small letters, so unequal lengths cannot match).
fn same_word(word: &str, lower_name: &str) -> bool {
    word.len() == lower_name.len()
        && word
            .chars()
            .flat_map(char::to_lowercase)
            .eq(lower_name.chars())
}

/// What pair scoring knows of an article's time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct When {
    /// Days since the epoch of its date, when known.
    pub day: Option<i64>,
    /// The weekdays its headline and lead name.
    pub weekdays: Weekdays,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_read_as_whole_words_in_any_case() {
        let days = Weekdays::named_in(
            "en",
            [
                "Markets fell on THURSDAY.",
                "Sundays are quiet; the vote was on Monday's agenda",
            ],
        );
        assert_eq!(days.bits(), 0b1001, "Monday and Thursday");
        assert_eq!(Weekdays::from_bits(days.bits()), days);
        assert_eq!(
            Weekdays::named_in("en", ["No day is named."]),
            Weekdays::default()
        );
        let german = Weekdays::named_in("de", ["Die Börse brach am DONNERSTAG ein."]);
        assert_eq!(german, Weekdays::named_in("en", ["on Thursday"]));
        let spanish = Weekdays::named_in("es", ["MIÉRCOLES", "el sábado"]);
        assert_eq!(spanish, Weekdays::named_in("en", ["Wednesday, Saturday"]));
        let unknown = Weekdays::named_in("pl", ["on Thursday"]);
        assert_eq!(
            unknown,
            Weekdays::default(),
            "names of the article's language only"
        );
    }

    #[test]
    fn only_disjoint_named_days_conflict() {
        let monday = Weekdays::named_in("en", ["on Monday"]);
        let thursday = Weekdays::named_in("en", ["on Thursday"]);
        let both = Weekdays::named_in("en", ["Monday and Thursday"]);
        let none = Weekdays::default();
        assert!(monday.conflict(thursday));
        assert!(!monday.conflict(both), "one day in common");
        assert!(!monday.conflict(monday));
        assert!(
            !monday.conflict(none) && !none.conflict(none),
            "silence is no conflict"
        );
    }
}
