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
//! event they report. Only English names are known.

/// Days of the week named in an article's headline and lead, one bit each
/// (Monday the lowest). Stored as its [`Weekdays::bits`] by the persistent
/// index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weekdays(u8);

const NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Weekdays {
    /// The weekdays named in `texts` (whole words, any case).
    pub fn named_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = 0u8;
        for word in texts.into_iter().flat_map(storyline_analyse::words_of) {
            if let Some(day) = NAMES.iter().position(|name| *name == word) {
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
        let days = Weekdays::named_in([
            "Markets fell on THURSDAY.",
            "Sundays are quiet; the vote was on Monday",
        ]);
        assert_eq!(days.bits(), 0b1001, "Monday and Thursday");
        assert_eq!(Weekdays::from_bits(days.bits()), days);
        assert_eq!(
            Weekdays::named_in(["No day is named."]),
            Weekdays::default()
        );
    }

    #[test]
    fn only_disjoint_named_days_conflict() {
        let monday = Weekdays::named_in(["on Monday"]);
        let thursday = Weekdays::named_in(["on Thursday"]);
        let both = Weekdays::named_in(["Monday and Thursday"]);
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
