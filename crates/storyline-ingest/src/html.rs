//! HTML pages: the main text, title and date extracted by `dom_smoothie`
//! (a port of Mozilla's Readability), so menus and footers never reach the cleaner.

use crate::article::{normalise_date, Article, Origin};

/// One article from an HTML page, or why none could be found in it.
pub(crate) fn parse(stem: &str, content: &str, origin: Origin) -> Result<Article, String> {
    let mut reader = dom_smoothie::Readability::new(content, None, None)
        .map_err(|e| format!("cannot parse HTML: {e}"))?;
    let page = reader
        .parse()
        .map_err(|e| format!("no article text found in HTML: {e}"))?;
    let text = paragraphs(&page.text_content);
    let mut article = Article::new(stem, text, origin);
    article.title = Some(page.title.trim().to_string()).filter(|t| !t.is_empty());
    article.date = page.published_time.as_deref().and_then(normalise_date);
    article.source = page.site_name.filter(|s| !s.trim().is_empty());
    Ok(article)
}

/// Readability's text keeps the page's indentation; keep one paragraph per line.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
