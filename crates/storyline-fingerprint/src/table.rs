//! A map from word hashes to numbers, for the corpus-wide passes.
//!
//! Counting document frequencies and then numbering every word of every
//! text are two lookups per distinct word of each text — two million at
//! 10k articles. A general hash map hashes the (already random) key again
//! and probes in groups; here a probe is one multiply and, nearly always,
//! one compare, and keys and values sit in two flat arrays.

/// An open-addressing map from 56-bit word hashes (low byte zero, as
/// [`crate::words::WordCount::word`] gives them) to `u32`.
pub struct WordMap {
    /// The word with its low bit set, so that 0 marks an empty slot.
    keys: Vec<u64>,
    values: Vec<u32>,
    len: usize,
    /// `64 - log2(keys.len())`: a word's home slot is the top bits of its
    /// mixed hash.
    shift: u32,
}

/// Spreads a hash's bits before they pick a slot: 2⁶⁴ over the golden ratio.
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// Where a probe for `key` starts in a table of `2^(64 - shift)` slots: the
/// top bits of the mixed key (a word hash's last byte reaches its top bits
/// only weakly). Shared by this map and the per-text word count.
#[inline]
pub(crate) fn home_slot(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(MIX) >> shift) as usize
}

impl WordMap {
    /// An empty map with room for about `words` words before it grows.
    pub fn with_capacity(words: usize) -> Self {
        let slots = (words * 2).max(16).next_power_of_two();
        WordMap {
            keys: vec![0; slots],
            values: vec![0; slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// Add `amount` to `word`'s value (a new word starts at 0).
    #[inline]
    pub fn add(&mut self, word: u64, amount: u32) {
        let slot = self.slot(word);
        self.values[slot] += amount;
        if self.keys[slot] == 0 {
            self.keys[slot] = word | 1;
            self.len += 1;
            if self.len * 2 > self.keys.len() {
                self.grow();
            }
        }
    }

    /// The value of `word`, if it is in the map.
    #[inline]
    pub fn get(&self, word: u64) -> Option<u32> {
        let slot = self.slot(word);
        (self.keys[slot] != 0).then(|| self.values[slot])
    }

    /// Set the value of a word already in the map.
    pub fn set(&mut self, word: u64, value: u32) {
        let slot = self.slot(word);
        debug_assert_ne!(self.keys[slot], 0, "set() of a word not in the map");
        self.values[slot] = value;
    }

    /// Every `(word, value)`, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(&k, _)| k != 0)
            .map(|(&k, &v)| (k & !1, v))
    }

    /// Number of words held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the map holds no word.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Add every value of `other` to this map's.
    pub fn merge(&mut self, other: &WordMap) {
        for (word, value) in other.iter() {
            self.add(word, value);
        }
    }

    /// The slot holding `word`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, word: u64) -> usize {
        let key = word | 1;
        let mask = self.keys.len() - 1;
        let mut i = home_slot(key, self.shift);
        while self.keys[i] != key && self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// Twice the slots, every word moved to its new home.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let mut bigger = WordMap::with_capacity(self.keys.len());
        for (word, value) in self.iter() {
            let slot = bigger.slot(word);
            bigger.keys[slot] = word | 1;
            bigger.values[slot] = value;
        }
        bigger.len = self.len;
        *self = bigger;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn counts_merges_and_numbers_like_a_hash_map() {
        // Words whose hashes share their top bits (the slot) probe onward;
        // 0 is a valid word; the map grows several times.
        let word = |i: u64| (i.wrapping_mul(0x0123_4567_89ab_cdef) << 8) ^ ((i % 3) << 60);
        let (mut left, mut right) = (WordMap::with_capacity(4), WordMap::with_capacity(0));
        let mut expected: HashMap<u64, u32> = HashMap::new();
        for i in 0..5_000u64 {
            let (w, n) = (if i == 7 { 0 } else { word(i % 1_700) }, (i % 5) as u32);
            if i % 2 == 0 { &mut left } else { &mut right }.add(w, n);
            *expected.entry(w).or_default() += n;
        }
        left.merge(&right);
        assert_eq!(left.len(), expected.len());
        assert_eq!(left.iter().collect::<HashMap<_, _>>(), expected);
        left.set(0, 99);
        assert_eq!(left.get(0), Some(99));
        assert_eq!(left.get(word(1_700) ^ (1 << 40)), None);
        assert!(WordMap::with_capacity(10).is_empty());
    }
}
