//! Recognising lines that hold only a publication date.

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Words that may sit beside a date in a dateline without making it prose.
const DATELINE_WORDS: [&str; 17] = [
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "gmt",
    "utc",
    "et",
    "edt",
    "est",
    "updated",
    "published",
    "posted",
];

/// If `line` is nothing but a date ("May 03, 2013", "Friday, 3 May 2013 10:12 GMT",
/// "2013-05-03"), return it as `YYYY-MM-DD`.
pub fn parse_date_line(line: &str) -> Option<String> {
    const MOST_TOKENS: usize = 9;
    // Most lines are paragraphs: stop counting (and lower-casing) as soon
    // as a line is too long to be a date.
    let tokens: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(MOST_TOKENS + 1)
        .map(str::to_lowercase)
        .collect();
    if tokens.is_empty() || tokens.len() > MOST_TOKENS {
        return None;
    }
    let (mut year, mut month, mut day) = (None, None, None);
    let mut numbers = Vec::new();
    for token in &tokens {
        if let Some(m) = month_of(token) {
            month = month.or(Some(m));
        } else if token.chars().all(|c| c.is_ascii_digit()) {
            numbers.push(token.as_str());
        } else if !is_dateline_word(token) {
            return None;
        }
    }
    if month.is_none() {
        return iso_like(&numbers);
    }
    for n in numbers {
        let value: u32 = n.parse().ok()?;
        match n.len() {
            4 if year.is_none() => year = Some(value),
            1 | 2 if day.is_none() && (1..=31).contains(&value) => day = Some(value),
            _ => {}
        }
    }
    Some(format!("{:04}-{:02}-{:02}", year?, month?, day?))
}

fn iso_like(numbers: &[&str]) -> Option<String> {
    let [y, m, d, ..] = numbers else { return None };
    if y.len() != 4 {
        return None;
    }
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
}

fn month_of(token: &str) -> Option<u32> {
    if token.len() < 3 || !token.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let month = MONTHS.iter().position(|m| token.starts_with(m))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][month];
    (full.starts_with(token) || token == "sept").then_some(month as u32 + 1)
}

fn is_dateline_word(token: &str) -> bool {
    DATELINE_WORDS
        .iter()
        .any(|w| token.starts_with(w) && token.len() <= w.len() + 6)
}

/// Split a leading `date YYYY-MM-DD` (as some scrapers prefix it) off a line.
/// Returns the date and the rest of the line.
pub(crate) fn split_date_prefix(line: &str) -> Option<(String, String)> {
    let rest = line.trim_start();
    let lower = rest.get(..5)?.to_ascii_lowercase();
    if lower != "date " && lower != "date:" {
        return None;
    }
    let after = rest[5..].trim_start();
    let date = after
        .get(..10)
        .and_then(|d| parse_date_line(d).filter(|_| d.len() == 10))?;
    Some((date, after[10..].trim().to_string()))
}

/// A publication date written into a page address, as news sites do
/// (`/2011/11/12/`, `/2013/may/03/`, `-2011-11-12-`). Tokenised corpora put
/// spaces around the slashes, so spaces are ignored.
pub fn date_in_url(url: &str) -> Option<String> {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let parts: Vec<&str> = compact.split(['/', '-', '_', '.']).collect();
    parts.windows(3).find_map(|w| {
        let year: u32 = w[0].parse().ok().filter(|_| w[0].len() == 4)?;
        let month = w[1]
            .parse::<u32>()
            .ok()
            .filter(|_| w[1].len() <= 2)
            .or_else(|| month_of(w[1]))?;
        let day: u32 = w[2].parse().ok().filter(|_| w[2].len() <= 2)?;
        let plausible =
            (1990..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
        plausible.then(|| format!("{year:04}-{month:02}-{day:02}"))
    })
}
