//! One article prepared for comparison: cleaned, analysed and dated.

use crate::original::Facts;
use crate::when::{Weekdays, When};
use storyline_analyse::{analyse, Analysed};
use storyline_clean::{clean, Cleaned};
use storyline_embed::Embedder;
use storyline_ingest::{Article, Origin};

/// An article with everything later stages need.
#[derive(Debug, Clone)]
pub struct Document {
    /// The article as read, except its raw `text`, which is released once
    /// cleaned: `cleaned` and `analysed` hold everything later stages use,
    /// and a large corpus should not be held twice.
    pub article: Article,
    /// Body and removed boilerplate.
    pub cleaned: Cleaned,
    /// Sentences and terms of the body.
    pub analysed: Analysed,
    /// The date from the input, else one found in the text (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Hash of the body's letters and digits: equal keys mean an exact copy.
    pub body_key: u64,
}

impl Document {
    /// Clean and analyse an article.
    pub fn prepare(mut article: Article) -> Self {
        let cleaned = clean(&std::mem::take(&mut article.text), article.title.as_deref());
        let analysed = analyse(cleaned.title.as_deref(), &cleaned.paragraphs);
        let date = article
            .date
            .clone()
            .or_else(|| cleaned.date.clone())
            .or_else(|| {
                article
                    .url
                    .as_deref()
                    .and_then(storyline_clean::date_in_url)
            });
        let body_key = body_key(&cleaned.paragraphs);
        Document {
            article,
            cleaned,
            analysed,
            date,
            body_key,
        }
    }

    /// The article's id.
    pub fn id(&self) -> &str {
        &self.article.id
    }

    /// The headline, if any.
    pub fn title(&self) -> Option<&str> {
        self.cleaned.title.as_deref()
    }

    /// Its sentence embedding by `model`, read from its first `tokens`
    /// tokens, or `None` when the model does not read its language (such
    /// articles are compared by words alone). The one place the engine and
    /// `storyline embed` take embeddings from, so the two always agree.
    pub fn meaning(&self, model: &Embedder, tokens: usize) -> Option<Vec<f32>> {
        model
            .reads(self.analysed.lang)
            .then(|| model.embed_at_most(&self.plain_text(), tokens))
    }

    /// The cleaned headline and body as one text, for a sentence-embedding
    /// model: headline first, then each paragraph on a line of its own.
    fn plain_text(&self) -> String {
        let parts = self
            .title()
            .into_iter()
            .chain(self.cleaned.paragraphs.iter().map(String::as_str));
        parts.collect::<Vec<&str>>().join("\n")
    }

    /// Days since 1970-01-01 of the article's date.
    pub fn day(&self) -> Option<i64> {
        self.date.as_deref().and_then(day_number)
    }

    /// Its date and the weekdays named in its headline and first
    /// `lead_sentences` body sentences (see [`crate::when`]).
    pub fn when(&self, lead_sentences: usize) -> When {
        let lead = self.analysed.sentences.iter().take(lead_sentences);
        let texts = self
            .title()
            .into_iter()
            .chain(lead.map(|s| s.text.as_str()));
        When {
            day: self.day(),
            weekdays: Weekdays::named_in(self.analysed.lang, texts),
        }
    }
}

/// What the stages after analysis need to know of an article besides its
/// term vector: a few hundred bytes, so a corpus of a million articles
/// keeps every summary in memory while the texts wait on disk.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The article's id.
    pub id: String,
    /// The cleaned headline.
    pub title: Option<String>,
    /// As [`Document::date`].
    pub date: Option<String>,
    /// Publisher or outlet.
    pub source: Option<String>,
    /// Address of the page.
    pub url: Option<String>,
    /// ISO 639-1 code of its language, or `und`.
    pub lang: &'static str,
    /// Where it was read from.
    pub origin: Origin,
    /// Date, debris and length, for choosing a story's original.
    pub facts: Facts,
    /// The weekdays its headline and lead name.
    pub weekdays: Weekdays,
}

impl Summary {
    /// The summary of a prepared document whose lead is its first
    /// `lead_sentences` sentences.
    pub fn of(doc: &Document, lead_sentences: usize) -> Self {
        Summary {
            id: doc.article.id.clone(),
            title: doc.cleaned.title.clone(),
            date: doc.date.clone(),
            source: doc.article.source.clone(),
            url: doc.article.url.clone(),
            lang: doc.analysed.lang,
            origin: doc.article.origin.clone(),
            facts: Facts::of(doc),
            weekdays: doc.when(lead_sentences).weekdays,
        }
    }

    /// Its time, as pair scoring reads it.
    pub fn when(&self) -> When {
        When {
            day: self.facts.day,
            weekdays: self.weekdays,
        }
    }
}

/// FNV-1a over lower-cased letters and digits, so spacing and punctuation
/// differences do not hide an exact copy.
fn body_key(paragraphs: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in paragraphs
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| c.is_alphanumeric())
    {
        for lower in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for byte in lower.encode_utf8(&mut buf).bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    hash
}

/// Days since the Unix epoch for `YYYY-MM-DD` (proleptic Gregorian).
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("soon"), None);
    }
}
