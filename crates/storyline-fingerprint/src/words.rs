//! A text's words counted: what near-copy detection keeps of it.
//!
//! Near-copy detection only asks whether two texts use the same words, so a
//! word is reduced at once to a hash of its lower-cased letters and digits
//! (see the `scan` module) and no strings are built.

pub use crate::scan::for_each_word;
use crate::table::home_slot;
use std::cell::RefCell;

/// FNV-1a's offset basis and prime, folding word hashes into the hash of
/// a text's word sequence.
const EMPTY: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// One distinct word of a text and how often it occurs, in eight bytes: the
/// word's hash with its low byte replaced by the count (saturating at 255).
///
/// Eight bytes rather than sixteen for a `(u64, u32)` halves the memory a
/// large corpus's bags take, and the same allocation later holds the
/// word's `(term, weight)` (see `vectors`). The hash keeps 56 bits: the
/// scan's 128-bit multiply mixes every input byte into them, and a clash
/// among a few million distinct words is unlikely (about 1 in 10⁴ at 3
/// million); a count above 255 weighs as 255 (`1 + ln 255`), which only
/// very repetitive texts reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordCount(u32, u32);

impl WordCount {
    /// A table slot's key as a count: the layouts are the same.
    fn from_key(key: u64) -> Self {
        WordCount((key >> 32) as u32, key as u32)
    }

    /// The word, as a 56-bit hash (its low byte is zero).
    pub fn word(self) -> u64 {
        (u64::from(self.0) << 32) | u64::from(self.1 & !0xFF)
    }

    /// How often the word occurs (at most 255).
    pub fn count(self) -> u32 {
        self.1 & 0xFF
    }

    /// The same count with the word replaced by its local number (see
    /// `numbering`): once a corpus is numbered its hash is not needed.
    pub(crate) fn numbered(self, local: u32) -> Self {
        WordCount(local, self.count())
    }

    /// The word's local number, once [`WordCount::numbered`].
    pub(crate) fn local(self) -> u32 {
        self.0
    }
}

/// One text's word counts while it is read: an open-addressing table of
/// eight-byte keys laid out as a [`WordCount`] (the 56-bit word hash, the
/// count in the low byte), with the slots in use listed in the order their
/// words first appeared.
///
/// A general hash map hashes the hash again, probes in groups and holds
/// entries of sixteen bytes; here a probe is one multiply and, nearly
/// always, one compare (fingerprinting 10k articles on one thread took
/// 70 ms against the map's 80, best of six runs), and the table (8 KB for
/// an article) stays in the first-level cache. A key is never 0 (its count
/// is at least 1), so 0 marks an empty slot.
struct CountTable {
    slots: Vec<u64>,
    /// The slots in use, in the order their words came, in `used[..len]`;
    /// one longer than the most slots in use before the table grows, so a
    /// new word's index can always be stored at `len`.
    used: Vec<u32>,
    len: usize,
    /// `64 - log2(slots.len())`: a word's home slot is the top bits of its
    /// mixed hash.
    shift: u32,
}

/// Slots a table starts with; it doubles whenever it becomes half full.
const FIRST_SLOTS: usize = 1024;

/// A thread's table is replaced by a fresh one rather than kept once one
/// text has grown it past this many slots, so one huge text does not leave
/// every later text with a large table.
const MAX_KEPT_SLOTS: usize = 1 << 16;

impl CountTable {
    fn new() -> Self {
        Self::with_slots(FIRST_SLOTS)
    }

    fn with_slots(size: usize) -> Self {
        CountTable {
            slots: vec![0; size],
            used: vec![0; size / 2 + 1],
            len: 0,
            shift: 64 - size.trailing_zeros(),
        }
    }

    /// Count one occurrence.
    ///
    /// Called out of line from the word scan. Inlined into it, the
    /// combined loop kept much of its state on the stack, and the first
    /// fingerprint of each freshly parsed article ran far slower than a
    /// second of the same text. Apart, summed over both threads at 10k
    /// generated articles, fingerprinting took a median 110 ms against
    /// 151 (8 alternating runs); either change alone — the block scan
    /// with the count inlined, or the byte-at-a-time scan with it apart —
    /// left it at 143 and 153. (With the old byte scan, inlining it had
    /// cut `dedup`'s instructions by 8.5 %.)
    ///
    /// Whether the word is new is not branched on: half the words of a
    /// text are, in no order a branch predictor could learn. The slot is
    /// written either way, and the slot's index is always stored at the
    /// end of `used`, which is only lengthened when the word is new.
    /// (Counting the 3.9 million words of 10k generated articles took
    /// 25 ms this way against 36 ms with a branch, best of 30 runs; `dedup`
    /// ran 7 % more instructions but 3 % less wall time, medians of 41
    /// alternating runs at 10k and 9 at 100k.)
    #[inline(never)]
    fn add(&mut self, hash: u64) {
        let word = hash & !0xFF;
        let mask = self.slots.len() - 1;
        let mut i = self.home(word);
        let mut slot = self.slots[i];
        while (slot != 0) & (slot & !0xFF != word) {
            i = (i + 1) & mask;
            slot = self.slots[i];
        }
        let new = slot == 0;
        // The count saturates at 255 rather than spill into the hash.
        let counted = slot + u64::from(slot & 0xFF != 0xFF);
        self.slots[i] = if new { word | 1 } else { counted };
        self.used[self.len] = i as u32;
        self.len += usize::from(new);
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
    }

    /// Where a word's probe starts.
    fn home(&self, word: u64) -> usize {
        home_slot(word, self.shift)
    }

    /// Twice the slots, every key moved to its new home, first-seen order kept.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let keys: Vec<u64> = self.used[..self.len]
            .iter()
            .map(|&i| self.slots[i as usize])
            .collect();
        *self = Self::with_slots(self.slots.len() * 2);
        let mask = self.slots.len() - 1;
        for key in keys {
            let mut i = self.home(key & !0xFF);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = key;
            self.used[self.len] = i as u32;
            self.len += 1;
        }
    }

    /// The counts in first-seen order, leaving the table empty.
    fn take(&mut self) -> Vec<WordCount> {
        let slots = &mut self.slots;
        let counts = self.used[..self.len]
            .iter()
            .map(|&i| WordCount::from_key(std::mem::take(&mut slots[i as usize])))
            .collect();
        self.len = 0;
        counts
    }
}

thread_local! {
    /// Each thread's count table, emptied and reused for every text rather
    /// than allocated (and its pages touched afresh) once per article.
    static COUNTS: RefCell<CountTable> = RefCell::new(CountTable::new());
}

/// What near-copy detection keeps of a text: its distinct words with their
/// counts (in the order they first occur), and a hash of the whole word
/// sequence (equal for texts that differ only in case, spacing and
/// punctuation).
#[derive(Debug, Clone)]
pub struct Fingerprint {
    pub(crate) words: Vec<WordCount>,
    pub(crate) sequence: u64,
}

impl Fingerprint {
    /// Fingerprint a text; its parts (a headline and a body, say) are read
    /// as one text.
    pub fn of<T: Text + ?Sized>(text: &T) -> Self {
        COUNTS.with_borrow_mut(|counts| {
            if counts.slots.len() > MAX_KEPT_SLOTS {
                *counts = CountTable::new();
            }
            let mut sequence = EMPTY;
            for part in text.parts() {
                for_each_word(part, |h| {
                    counts.add(h);
                    sequence = (sequence ^ h).wrapping_mul(PRIME);
                });
            }
            Fingerprint {
                words: counts.take(),
                sequence,
            }
        })
    }
}

/// A text to fingerprint, in one or more parts.
pub trait Text: Sync {
    /// The parts, in reading order.
    fn parts(&self) -> Vec<&str>;
}

impl Text for str {
    fn parts(&self) -> Vec<&str> {
        vec![self]
    }
}

impl Text for &str {
    fn parts(&self) -> Vec<&str> {
        vec![self]
    }
}

impl Text for String {
    fn parts(&self) -> Vec<&str> {
        vec![self.as_str()]
    }
}

impl Text for [&str] {
    fn parts(&self) -> Vec<&str> {
        self.to_vec()
    }
}

impl Text for (Option<&str>, &str) {
    fn parts(&self) -> Vec<&str> {
        self.0.into_iter().chain([self.1]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::hashes;

    #[test]
    fn a_word_count_keeps_the_word_and_saturates_the_count() {
        let hash = hashes("bridge")[0];
        let w = WordCount::from_key((hash & !0xFF) | 7);
        assert_eq!((w.word(), w.count()), (hash & !0xFF, 7));
        let echo = Fingerprint::of("echo ".repeat(300).as_str());
        assert_eq!(echo.words[0].count(), 255);
    }

    #[test]
    fn a_bag_counts_repeats_and_the_sequence_sees_order() {
        let cat = Fingerprint::of("the cat saw the dog");
        assert_eq!(cat.words.len(), 4);
        assert_eq!(cat.words.iter().map(|w| w.count()).sum::<u32>(), 5);
        let same = Fingerprint::of(&["The cat,", "saw THE dog."][..]);
        let swapped = Fingerprint::of("the dog saw the cat");
        assert_eq!(cat.sequence, same.sequence);
        assert_ne!(cat.sequence, swapped.sequence);
    }

    #[test]
    fn the_count_table_grows_and_keeps_every_count_in_first_seen_order() {
        // 3,000 distinct words (the table starts with 1,024 slots), word i
        // written 1 + i % 4 times, interleaved.
        let mut text = String::new();
        for round in 0..4 {
            for i in 0..3000 {
                if round <= i % 4 {
                    text.push_str(&format!("w{i} "));
                }
            }
        }
        let print = Fingerprint::of(text.as_str());
        assert_eq!(print.words.len(), 3000);
        for (i, w) in print.words.iter().enumerate() {
            assert_eq!(w.word(), hashes(&format!("w{i}"))[0] & !0xFF);
            assert_eq!(w.count() as usize, 1 + i % 4);
        }
        let after = Fingerprint::of("one two two");
        let counts: Vec<u32> = after.words.iter().map(|w| w.count()).collect();
        assert_eq!(counts, [1, 2]);
    }
}
