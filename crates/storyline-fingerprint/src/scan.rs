//! Finding a text's words and hashing each one, 64 bytes at a time.
//!
//! A word is a maximal run of alphanumeric characters, compared
//! lower-cased. Read a byte at a time, every byte paid a branch on whether
//! it was a letter (mispredicted at most word ends) and a multiply chained
//! to the byte before. Here each 64-byte block is first classified at once
//! into a bit mask (SSE2 on x86-64, sixteen bytes an instruction); the
//! words' first and last bytes are read off the mask; and a word of up to
//! sixteen bytes is hashed from one sixteen-byte load, cut to length and
//! lower-cased by masks, with one 128-bit multiply. Alone on one thread,
//! finding and hashing the words of 10k generated articles took 37–46 ms
//! against 59–73 a byte at a time (best of 15); for what it did to `dedup`
//! see `CountTable::add` in `words`.
//!
//! Runs holding bytes beyond ASCII (accented letters, curly quotes) take a
//! slower path that decodes characters, tests them with
//! [`char::is_alphanumeric`] and lower-cases them; both paths hash the same
//! lower-cased UTF-8 bytes the same way, so a word's hash does not depend
//! on the path that found it.

use std::cell::RefCell;

/// Bytes classified at once.
const BLOCK: usize = 64;

/// `0x20` in every byte: OR-ed into an ASCII letter it lower-cases it, and
/// it leaves digits as they are.
const LOWER: u128 = 0x2020_2020_2020_2020_2020_2020_2020_2020;

/// Keys of the word hash (the first digits of π; any odd-looking constants
/// would do).
const KEY_LOW: u64 = 0x243f_6a88_85a3_08d3;
const KEY_HIGH: u64 = 0x1319_8a2e_0370_7344;

/// Call `word` with the hash of every word of `text` in order.
pub fn for_each_word(text: &str, mut word: impl FnMut(u64)) {
    SCRATCH.with_borrow_mut(|scratch| {
        let Scratch { masks, folded } = scratch;
        let beyond_ascii = classify(text.as_bytes(), masks);
        for_each_run(masks, |start, end| {
            if beyond_ascii && !text.as_bytes()[start..end].is_ascii() {
                for_each_unicode_word(&text[start..end], folded, &mut word);
            } else {
                word(hash(text.as_bytes(), start, end - start, LOWER));
            }
        });
    });
}

/// A thread's scratch space, reused for every text.
#[derive(Default)]
struct Scratch {
    /// One bit a byte: set for ASCII letters and digits and for every byte
    /// beyond ASCII (which may belong to a letter).
    masks: Vec<u64>,
    /// A word beyond ASCII, lower-cased.
    folded: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Fill `masks` with `bytes`'s word-byte masks (see [`Scratch::masks`]),
/// and a zero mask after them; whether any byte is beyond ASCII.
fn classify(bytes: &[u8], masks: &mut Vec<u64>) -> bool {
    masks.clear();
    let mut beyond_ascii = 0;
    // The last block, if short, is read from a zero-padded copy.
    let mut padded = [0u8; BLOCK];
    for chunk in bytes.chunks(BLOCK) {
        let block: &[u8; BLOCK] = match chunk.try_into() {
            Ok(whole) => whole,
            Err(_) => {
                padded[..chunk.len()].copy_from_slice(chunk);
                &padded
            }
        };
        let (word, high) = block_masks(block);
        masks.push(word | high);
        beyond_ascii |= high;
    }
    masks.push(0);
    beyond_ascii != 0
}

/// Call `run` with the start and end of every run of set bits in `masks`
/// (which ends with a zero mask). Starts and ends are read off the masks
/// as two streams in step, so a run that crosses blocks costs no more.
fn for_each_run(masks: &[u64], mut run: impl FnMut(usize, usize)) {
    // A run's last bit: set, with the next bit (perhaps the next block's
    // first) clear. Every run has one, so the block of the next end is
    // always before the closing zero mask.
    let ends_in = |k: usize| masks[k] & !((masks[k] >> 1) | (masks[k + 1] << 63));
    let (mut ends, mut ends_at, mut next_end_block) = (0, 0, 0);
    let mut carry = 0;
    for (k, &mask) in masks[..masks.len() - 1].iter().enumerate() {
        let mut starts = mask & !((mask << 1) | carry);
        carry = mask >> 63;
        while starts != 0 {
            let start = k * BLOCK + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            while ends == 0 {
                ends = ends_in(next_end_block);
                ends_at = next_end_block * BLOCK;
                next_end_block += 1;
            }
            let end = ends_at + ends.trailing_zeros() as usize + 1;
            ends &= ends - 1;
            run(start, end);
        }
    }
}

/// The word bits and the beyond-ASCII bits of a block.
#[cfg(target_arch = "x86_64")]
fn block_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    // SAFETY: SSE2 is part of x86-64 itself; every x86-64 CPU has it.
    unsafe { block_masks_sse2(block) }
}

/// [`block_masks`] sixteen bytes an instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn block_masks_sse2(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::*;
    let (mut word, mut high) = (0u64, 0u64);
    for (q, lanes) in block.chunks_exact(16).enumerate() {
        let half =
            |at: usize| i64::from_le_bytes(lanes[at..at + 8].try_into().expect("eight bytes"));
        let v = _mm_set_epi64x(half(8), half(0));
        // A byte is in `lo..lo + n` when `byte - lo`, moved into the signed
        // range by adding 0x80, is below `n - 128`.
        let digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x50)), _mm_set1_epi8(-118));
        let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_cmplt_epi8(
            _mm_add_epi8(lower, _mm_set1_epi8(0x1f)),
            _mm_set1_epi8(-102),
        );
        let bits = |m: __m128i| u64::from(_mm_movemask_epi8(m) as u16);
        word |= bits(_mm_or_si128(digit, letter)) << (16 * q);
        high |= bits(v) << (16 * q);
    }
    (word, high)
}

/// The word bits and the beyond-ASCII bits of a block.
#[cfg(any(not(target_arch = "x86_64"), test))]
fn block_masks_portable(block: &[u8; BLOCK]) -> (u64, u64) {
    let (mut word, mut high) = (0u64, 0u64);
    for (i, &b) in block.iter().enumerate() {
        word |= u64::from(b.is_ascii_alphanumeric()) << i;
        high |= u64::from(!b.is_ascii()) << i;
    }
    (word, high)
}

#[cfg(not(target_arch = "x86_64"))]
use block_masks_portable as block_masks;

/// Split a run of letters, digits and bytes beyond ASCII into words by
/// character, lower-case them into `folded`, and hash each.
#[cold]
#[inline(never)]
fn for_each_unicode_word(run: &str, folded: &mut Vec<u8>, word: &mut impl FnMut(u64)) {
    folded.clear();
    for c in run.chars() {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let mut utf8 = [0u8; 4];
                folded.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
            }
        } else if !folded.is_empty() {
            word(hash(folded, 0, folded.len(), 0));
            folded.clear();
        }
    }
    if !folded.is_empty() {
        word(hash(folded, 0, folded.len(), 0));
    }
}

/// The hash of the `len` bytes of `bytes` from `start`, each OR-ed with
/// `fold`: sixteen bytes at a time, cut to length, each sixteen mixed into
/// the hash by one 128-bit multiply.
#[inline]
fn hash(bytes: &[u8], start: usize, len: usize, fold: u128) -> u64 {
    if len <= 16 {
        mix(load(bytes, start) | fold, len, len as u64)
    } else {
        hash_long(bytes, start, len, fold)
    }
}

/// [`hash`] for words longer than sixteen bytes.
#[cold]
#[inline(never)]
fn hash_long(bytes: &[u8], start: usize, len: usize, fold: u128) -> u64 {
    let mut h = len as u64;
    for at in (0..len).step_by(16) {
        h = mix(load(bytes, start + at) | fold, (len - at).min(16), h);
    }
    h
}

/// `KEEP[n]` keeps the first `n` of sixteen bytes: a table load where a
/// 128-bit shift by a variable took a dozen instructions.
const KEEP: [u128; 17] = {
    let mut keep = [0; 17];
    let mut n = 1;
    while n <= 16 {
        keep[n] = u128::MAX >> (128 - 8 * n);
        n += 1;
    }
    keep
};

/// Sixteen loaded bytes cut to their first `n` (1 to 16) and mixed into `h`.
#[inline]
fn mix(sixteen: u128, n: usize, h: u64) -> u64 {
    let kept = sixteen & KEEP[n];
    folded_multiply(kept as u64 ^ KEY_LOW, (kept >> 64) as u64 ^ KEY_HIGH ^ h)
}

/// Sixteen bytes from `at`, as many as there are past the end read as zero.
#[inline]
fn load(bytes: &[u8], at: usize) -> u128 {
    match bytes.get(at..at + 16) {
        Some(sixteen) => u128::from_le_bytes(sixteen.try_into().expect("sixteen bytes")),
        None => {
            let rest = bytes.get(at..).unwrap_or_default();
            let mut sixteen = [0u8; 16];
            sixteen[..rest.len()].copy_from_slice(rest);
            u128::from_le_bytes(sixteen)
        }
    }
}

/// The 128-bit product of `a` and `b` with its halves XOR-ed: every input
/// bit reaches most output bits in one multiply. A factor of zero would
/// lose the other: `a` is zero only for eight bytes that are not UTF-8
/// (`d3 08 …`), and `b`, for a word of up to sixteen bytes, only for a
/// second half holding the control byte `03`, which no word holds.
#[inline]
fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Every word hash of `text`, in order.
#[cfg(test)]
pub(crate) fn hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word(text, |h| out.push(h));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words the way the definition reads: runs of alphanumeric
    /// characters, lower-cased.
    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect()
    }

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(hashes("Port  Elwin, 2025!"), hashes("port elwin 2025"));
        assert_eq!(hashes("Ærø's ÆRØ").len(), 3);
        assert_eq!(hashes("Ærø")[0], hashes("ærø")[0]);
        assert_ne!(hashes("bridge")[0], hashes("bridges")[0]);
        assert!(hashes(" ,.; ").is_empty());
    }

    #[test]
    fn distinct_words_get_distinct_hashes() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..50_000u32 {
            for word in [
                format!("w{i}"),
                format!("a{i:0>12}z"),
                format!("Œ{i}x{}", i * 7),
            ] {
                // Compared as kept: a word count holds the hash's top 56 bits.
                assert!(seen.insert(hashes(&word)[0] & !0xFF), "collision at {word}");
            }
        }
        assert_ne!(hashes("abcdefgh")[0], hashes("abcdefgh0")[0]);
    }

    #[test]
    fn finds_the_same_words_as_the_definition() {
        let long = "x".repeat(70);
        let texts = [
            String::new(),
            "a".into(),
            " Port  Elwin, 2025! ".into(),
            format!("{long} {long}y {long}"),
            "Ærø's ÆRØ “quoted” naïve—café… 東京 ok".into(),
            "edge".repeat(16) + " " + &"ab ".repeat(40),
            "\u{0}\u{7f}abc\u{80}déf".into(),
        ];
        for text in &texts {
            let expected: Vec<u64> = words(text)
                .iter()
                .map(|w| hash(w.as_bytes(), 0, w.len(), 0))
                .collect();
            assert_eq!(hashes(text), expected, "{text:?}");
        }
    }

    #[test]
    fn finds_the_same_words_as_the_definition_in_mixed_text() {
        // Pseudo-random texts of up to 300 characters from an alphabet of
        // ASCII letters and digits, separators, and characters of two to
        // four bytes, some alphanumeric and some not.
        let alphabet: Vec<char> = "aZ9 .\n-’“é東Ä🙂x".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..2000 {
            let len = next(300);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let expected: Vec<u64> = words(&text)
                .iter()
                .map(|w| hash(w.as_bytes(), 0, w.len(), 0))
                .collect();
            assert_eq!(hashes(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn every_byte_is_classified_as_one_at_a_time() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for block in bytes.chunks_exact(BLOCK) {
            let block: &[u8; BLOCK] = block.try_into().unwrap();
            assert_eq!(block_masks(block), block_masks_portable(block));
        }
    }

    #[test]
    fn the_hash_sees_every_byte_and_the_length() {
        let h = |w: &str| hash(w.as_bytes(), 0, w.len(), 0);
        for (a, b) in [
            ("a", "a0"),
            ("abcdefgh", "abcdefghi"),
            ("abcdefghijklmnop", "abcdefghijklmnopq"),
            ("abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyZ"),
        ] {
            assert_ne!(h(a), h(b), "{a} against {b}");
        }
        assert_eq!(hashes("MiXeD")[0], h("mixed"));
    }
}
