//! Word-level edits that turn an article into a near-copy.

use crate::rng::Rng;
use crate::templates::EDIT_WORDS;

/// Edit about `rate` of the words of `text` (substitute half of the time,
/// delete or insert a quarter each), keeping paragraph breaks.
pub fn edit_words(text: &str, rate: f64, rng: &mut Rng) -> String {
    text.lines()
        .map(|line| {
            let mut out: Vec<&str> = Vec::new();
            for word in line.split_whitespace() {
                if rng.unit() >= rate {
                    out.push(word);
                    continue;
                }
                match rng.below(4) {
                    0 | 1 => out.push(*rng.pick(EDIT_WORDS)),
                    2 => {}
                    _ => {
                        out.push(word);
                        out.push(*rng.pick(EDIT_WORDS));
                    }
                }
            }
            out.join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_rate_is_roughly_kept() {
        let text = vec!["word"; 2000].join(" ");
        let edited = edit_words(&text, 0.1, &mut Rng::new(7));
        let unchanged = edited.split_whitespace().filter(|w| *w == "word").count();
        assert!((1750..1850).contains(&unchanged), "{unchanged}");
        assert_eq!(edit_words(&text, 0.0, &mut Rng::new(7)), text);
    }
}
