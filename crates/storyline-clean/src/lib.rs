//! Clean: split a scraped article into its body and the boilerplate around it.
//!
//! Nothing is thrown away. Each removed piece is kept in [`Cleaned::removed`]
//! with its [`Boilerplate`] kind, so the explanation of a pair can show it, while
//! similarity is computed on the body alone. Two kinds of removals differ in
//! meaning: scraping debris (photo credits, repeated headlines, tag lines) says
//! nothing about the story, while editorial additions (a date line, an FAQ block,
//! a "Sources" line) are things one version added — see [`Boilerplate::is_addition`].

mod dates;
mod lines;
mod rules;

pub use dates::{date_in_url, parse_date_line};
use serde::Serialize;

/// What a removed piece of text was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Boilerplate {
    /// The headline printed again in the body.
    RepeatedHeadline,
    /// A short subheading between paragraphs.
    Heading,
    /// "© Getty Images …", "Photo: …".
    PhotoCredit,
    /// A trailing line of tags or keywords.
    TagLine,
    /// A leading `date YYYY-MM-DD` or a line holding only a date.
    DateLine,
    /// A "Frequently Asked Questions" or Q&A block.
    Faq,
    /// A "Sources:" line and the links under it.
    Sources,
    /// Share / subscribe / follow-us lines.
    Share,
    /// A bare URL line.
    Url,
}

impl Boilerplate {
    /// True for pieces an editor added to a version (date line, FAQ, sources),
    /// false for scraping debris.
    pub fn is_addition(self) -> bool {
        matches!(
            self,
            Boilerplate::DateLine | Boilerplate::Faq | Boilerplate::Sources
        )
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Boilerplate::RepeatedHeadline => "repeated headline",
            Boilerplate::Heading => "heading",
            Boilerplate::PhotoCredit => "photo credit",
            Boilerplate::TagLine => "tag line",
            Boilerplate::DateLine => "date line",
            Boilerplate::Faq => "FAQ",
            Boilerplate::Sources => "sources",
            Boilerplate::Share => "share/subscribe",
            Boilerplate::Url => "URL",
        }
    }
}

/// One piece of text taken out of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// What it was.
    pub kind: Boilerplate,
    /// The text as it stood.
    pub text: String,
}

/// An article split into title, body paragraphs and removed boilerplate.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cleaned {
    /// The headline: the one given, or a headline-like first line.
    pub title: Option<String>,
    /// A date found in the text (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Body paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Everything removed from the body, in order of appearance.
    pub removed: Vec<Removed>,
}

impl Cleaned {
    /// The body as one string, a paragraph per line.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n")
    }
}

/// Clean one article's text. `title` is the headline when the input named one;
/// otherwise a headline-like first line becomes the title.
pub fn clean(text: &str, title: Option<&str>) -> Cleaned {
    let mut lines = lines::normalised_lines(text);
    let mut cleaned = Cleaned::default();
    rules::take_leading_date(&mut lines, &mut cleaned);
    rules::take_leading_urls(&mut lines, &mut cleaned);
    rules::take_title(&mut lines, title, &mut cleaned);
    rules::classify_lines(lines, &mut cleaned);
    rules::take_headings_and_tags(&mut cleaned);
    cleaned
}

#[cfg(test)]
mod tests;
