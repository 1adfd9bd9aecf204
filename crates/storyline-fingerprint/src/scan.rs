//! Finding a text's words and hashing them, eight bytes at a time.
//!
//! A word is a maximal run of alphanumeric characters, compared
//! lower-cased. Reading a byte at a time (a table load, a branch and a
//! multiply each) cost 4.9 ns a byte here, most of it in branches that
//! guessed wrong at every word's end. Instead, each 64-byte block is
//! classified at once into a bit mask (bytes that may belong to a word),
//! words are found as runs of set bits, and an ASCII word is hashed a
//! machine word at a time, lower-cased by one OR.
//!
//! Bytes of 0x80 and up (non-ASCII characters) count as word bytes while
//! scanning; a run holding any is re-read character by character, since
//! some non-ASCII characters (curly quotes, dashes) split words and some
//! letters lower-case to other bytes. Both paths build the same bytes and
//! hash them with the same function, so a word hashes alike either way.

/// Every byte of a `u64` with only its high bit set.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
/// Every byte `b`.
const fn each_byte(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Call `word` with the hash of every word of `text` in order.
pub fn for_each_word(text: &str, mut word: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut folded = Vec::new();
    for_each_run(bytes, |start, end| match hash_ascii(bytes, start, end) {
        Some(hash) => word(hash),
        None => split_run(&text[start..end], &mut folded, &mut word),
    });
}

/// Call `run(start, end)` for every maximal run of bytes that are ASCII
/// letters or digits or non-ASCII.
///
/// In each block's mask a run starts at a set bit whose predecessor is
/// clear and ends at a clear bit whose predecessor is set; starts and ends
/// alternate, so the i-th end closes the i-th start and no branch depends
/// on the text (apart from the loop over a block's runs).
#[inline(always)]
fn for_each_run(bytes: &[u8], mut run: impl FnMut(usize, usize)) {
    // The run still open from earlier blocks, and whether the previous
    // block's last byte was a word byte.
    let mut open: Option<usize> = None;
    let mut carry = 0;
    for (block, chunk) in bytes.chunks(64).enumerate() {
        let base = block * 64;
        // Bits past a short last chunk are clear, so a run reaching the
        // text's end closes there.
        let inside = word_bytes(chunk);
        let before = (inside << 1) | carry;
        let mut starts = inside & !before;
        let mut ends = !inside & before;
        carry = inside >> 63;
        if let Some(start) = open {
            if ends == 0 {
                continue;
            }
            run(start, base + ends.trailing_zeros() as usize);
            ends &= ends - 1;
            open = None;
        }
        while ends != 0 {
            let start = base + starts.trailing_zeros() as usize;
            run(start, base + ends.trailing_zeros() as usize);
            starts &= starts - 1;
            ends &= ends - 1;
        }
        if starts != 0 {
            open = Some(base + starts.trailing_zeros() as usize);
        }
    }
    if let Some(start) = open {
        run(start, bytes.len());
    }
}

/// Bit `i` set when `chunk[i]` (at most 64 bytes) may be part of a word.
fn word_bytes(chunk: &[u8]) -> u64 {
    let mut mask = 0;
    for (group, bytes) in chunk.chunks(8).enumerate() {
        mask |= u64::from(word_bytes_of_eight(load(bytes))) << (group * 8);
    }
    mask
}

/// Bit `i` set when byte `i` of `eight` is an ASCII letter or digit or has
/// its high bit set; all eight bytes tested at once.
fn word_bytes_of_eight(eight: u64) -> u8 {
    let high = eight & HIGH_BITS;
    let low = eight & !HIGH_BITS;
    // With a byte's high bit set beforehand, subtracting `c` (at most 0x80)
    // cannot borrow from the next byte, and leaves the high bit set exactly
    // when the byte was at least `c`.
    let at_least = |x: u64, c: u8| ((x | HIGH_BITS) - each_byte(c)) & HIGH_BITS;
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // OR 0x20 maps A-Z onto a-z and nothing else into a-z.
    let lower = low | each_byte(0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let flags = (digit | letter | high) >> 7;
    // Gathers each byte's low bit into the top byte, byte i into bit i.
    (flags.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// The eight bytes of `bytes` from `at` as a little-endian `u64`, zero-filled
/// past its end. (Copying just the bytes wanted would call `memmove`.)
#[inline]
fn load_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => load(&bytes[at..]),
    }
}

/// Up to eight bytes as a little-endian `u64`, zero-filled.
#[inline]
fn load(bytes: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(bytes) {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => {
            let mut eight = [0u8; 8];
            eight[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(eight)
        }
    }
}

/// Split a run holding non-ASCII bytes into words, one character at a
/// time, lower-casing each into `folded` before hashing it.
fn split_run(run: &str, folded: &mut Vec<u8>, word: &mut impl FnMut(u64)) {
    folded.clear();
    for c in run.chars() {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                folded.extend_from_slice(lower.encode_utf8(&mut [0; 4]).as_bytes());
            }
        } else if !folded.is_empty() {
            word(hash_word(folded));
            folded.clear();
        }
    }
    if !folded.is_empty() {
        word(hash_word(folded));
    }
}

/// The hash of the ASCII word `bytes[start..end]`, lower-cased; `None`
/// if it holds a non-ASCII byte.
#[inline(always)]
fn hash_ascii(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    let (hash, high) = hash_pieces(bytes, start, end, each_byte(0x20));
    (high == 0).then_some(hash)
}

/// The hash of `word`, already lower-cased.
fn hash_word(word: &[u8]) -> u64 {
    hash_pieces(word, 0, word.len(), 0).0
}

/// The hash of the bytes `bytes[start..end]`, each eight ORed with `fold`
/// first (0x20 in every byte lower-cases ASCII letters and leaves digits
/// alone), and the high bits found among them.
///
/// The word is taken as full eight-byte pieces and a last piece of one to
/// eight bytes (never empty, and no byte is 0, so its value tells its
/// length); each piece is mixed in by a bijection, so two words of at most
/// eight bytes never share a hash.
#[inline(always)]
fn hash_pieces(bytes: &[u8], start: usize, end: usize, fold: u64) -> (u64, u64) {
    let mut hash = 0x243f_6a88_85a3_08d3; // π's fraction: any fixed start
    let mut high = 0;
    let mut at = start;
    while end - at > 8 {
        let piece = load_at(bytes, at);
        high |= piece;
        hash = mix(hash ^ (piece | fold));
        at += 8;
    }
    let kept = u64::MAX >> (64 - 8 * (end - at));
    let piece = load_at(bytes, at) & kept;
    (
        mix(hash ^ (piece | (fold & kept))),
        (high | piece) & HIGH_BITS,
    )
}

/// A bijection of `u64` that spreads every input bit over the output
/// (two multiply–xorshift rounds).
#[inline]
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 32)).wrapping_mul(0xd6e8_feb8_6659_fd93);
    let x = (x ^ (x >> 32)).wrapping_mul(0xd6e8_feb8_6659_fd93);
    x ^ (x >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a text, found one character at a time: what the
    /// block scan must agree with.
    fn words_slowly(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        split_run(text, &mut Vec::new(), &mut |h| out.push(h));
        out
    }

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word(text, |h| out.push(h));
        out
    }

    #[test]
    fn every_byte_is_classified_as_a_word_byte_or_not() {
        for b in 0..=255u8 {
            let expected = b.is_ascii_alphanumeric() || b >= 0x80;
            for place in 0..8 {
                let mut eight = [b' '; 8];
                eight[place] = b;
                let mask = word_bytes_of_eight(u64::from_le_bytes(eight));
                assert_eq!(mask, u8::from(expected) << place, "byte {b:#x} at {place}");
            }
        }
    }

    #[test]
    fn the_block_scan_agrees_with_reading_character_by_character() {
        let pieces = [
            "Port",
            " ",
            "Elwin",
            ", ",
            "2025",
            "!",
            "Ærø's",
            "ÆRØ",
            "don’t",
            "—",
            "interoperability",
            "ABCDEFGH",
            "abcdefghi",
            "x",
            "\n",
            "İstanbul",
            "ß",
            "naïve",
            "«quoted»",
            "a1b2",
            "  ",
            "3.5%",
        ];
        // Texts built from the pieces at every offset, so words straddle
        // the 8- and 64-byte edges and sit at both ends of the text.
        for seed in 0..400usize {
            let mut text = " ".repeat(seed % 67);
            for k in 0..(seed % 40) {
                text.push_str(pieces[(seed * 7 + k * 13) % pieces.len()]);
            }
            assert_eq!(words(&text), words_slowly(&text), "{text:?}");
        }
    }

    #[test]
    fn case_and_the_path_taken_do_not_change_a_word() {
        assert_eq!(words("DON’T don't"), words("don t don t"));
        assert_eq!(words("Café"), words("CAFÉ"));
        assert_eq!(words("abcdefgh")[0], words("ABCDEFGH")[0]);
        assert_ne!(words("abcdefgh")[0], words("abcdefgh0")[0]);
        assert_ne!(words("abcdefghabcdefgh")[0], words("abcdefgh")[0]);
    }
}
