//! A map from word hashes to numbers, for the corpus-wide passes.
//!
//! Numbering the words of a corpus (see `numbering`) looks up every
//! distinct word of each text — two and a half million lookups at 10k
//! articles. A general hash map hashes the (already random) key again
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

    /// The value of `word`, which is set to `value` if the word is new.
    #[inline]
    pub fn get_or_insert(&mut self, word: u64, value: u32) -> u32 {
        let slot = self.slot(word);
        if self.keys[slot] != 0 {
            return self.values[slot];
        }
        self.keys[slot] = word | 1;
        self.values[slot] = value;
        self.len += 1;
        if self.len * 2 > self.keys.len() {
            self.grow();
        }
        value
    }

    /// Every `(word, value)`, in no particular order.
    fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(&k, _)| k != 0)
            .map(|(&k, &v)| (k & !1, v))
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
    fn numbers_words_like_a_hash_map() {
        // Words whose hashes share their top bits (the slot) probe onward;
        // 0 is a valid word; the map grows several times.
        let word = |i: u64| (i.wrapping_mul(0x0123_4567_89ab_cdef) << 8) ^ ((i % 3) << 60);
        let mut map = WordMap::with_capacity(0);
        let mut expected: HashMap<u64, u32> = HashMap::new();
        for i in 0..5_000u64 {
            let w = if i == 7 { 0 } else { word(i % 1_700) };
            let next = expected.len() as u32;
            let number = *expected.entry(w).or_insert(next);
            assert_eq!(map.get_or_insert(w, next), number, "word {i}");
        }
        assert_eq!(map.len, expected.len());
        assert_eq!(map.iter().collect::<HashMap<_, _>>(), expected);
    }
}
