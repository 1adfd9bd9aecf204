use super::*;

const SCRAPED: &str = "Harbour Bridge Reopens After Storm Repairs\n\n\
Harbour Bridge Reopens After Storm Repairs\n\
Harbour Bridge Reopens After Storm Repairs © Lakeside Photo Agency/Mara Quint\n\n\
The Harbour Bridge in Port Elwin reopened on Tuesday after six weeks of storm repairs.\n\n\
Traffic Returns\n\n\
Mayor Ilse Varga said the work finished two days early and under budget. Both the\n\n\
city and the state paid for the new cables.\n\n\
Port Elwin Bridges Storm\n";

#[test]
fn scraped_page_keeps_body_and_names_each_removal() {
    let c = clean(SCRAPED, None);
    assert_eq!(
        c.title.as_deref(),
        Some("Harbour Bridge Reopens After Storm Repairs")
    );
    assert_eq!(c.paragraphs.len(), 2, "{:?}", c.paragraphs);
    assert!(
        c.paragraphs[1].contains("Both the city and the state"),
        "continuation joined"
    );
    let kinds: Vec<Boilerplate> = c.removed.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            Boilerplate::RepeatedHeadline,
            Boilerplate::RepeatedHeadline,
            Boilerplate::PhotoCredit,
            Boilerplate::Heading,
            Boilerplate::TagLine
        ]
    );
    assert_eq!(c.removed[2].text, "© Lakeside Photo Agency/Mara Quint");
}

const REWORDED: &str =
    " date 2024-03-05 The bridge over Port Elwin harbour is open again, officials said.\n\n\
Repairs took six weeks.\n\n\
Frequently Asked Questions:\n\n\
Q: When did the bridge reopen?\n\n\
A: On Tuesday.\n\n\
Sources:\n\n\
– [Elwin Gazette](https://gazette.example/)\n";

#[test]
fn date_prefix_faq_and_sources_are_additions() {
    let c = clean(REWORDED, None);
    assert_eq!(c.date.as_deref(), Some("2024-03-05"));
    assert_eq!(c.title, None, "a sentence is not a headline");
    assert_eq!(c.paragraphs.len(), 2);
    assert!(c.paragraphs[0].starts_with("The bridge over"));
    let additions: Vec<Boilerplate> = c
        .removed
        .iter()
        .map(|r| r.kind)
        .filter(|k| k.is_addition())
        .collect();
    assert_eq!(
        additions.iter().filter(|k| **k == Boilerplate::Faq).count(),
        3
    );
    assert_eq!(
        additions
            .iter()
            .filter(|k| **k == Boilerplate::Sources)
            .count(),
        2
    );
    assert_eq!(additions[0], Boilerplate::DateLine);
}

#[test]
fn given_title_url_and_dateline_are_recognised() {
    let text = "http: / / news. example. com / 2019 / 04 / fire\n\
Warehouse fire in Dunmore\n\
April 12, 2019\n\
A warehouse burned down in Dunmore overnight, the fire service said.\n\
Share this article on social media";
    let c = clean(text, Some("Warehouse fire in Dunmore"));
    assert_eq!(
        c.paragraphs,
        ["A warehouse burned down in Dunmore overnight, the fire service said."]
    );
    assert_eq!(c.date.as_deref(), Some("2019-04-12"));
    let kinds: Vec<Boilerplate> = c.removed.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            Boilerplate::Url,
            Boilerplate::RepeatedHeadline,
            Boilerplate::DateLine,
            Boilerplate::Share
        ]
    );
}

#[test]
fn plain_prose_is_untouched() {
    let text = "The council met on Monday. It approved the budget.\nThe vote was close.";
    let c = clean(text, None);
    assert!(c.removed.is_empty());
    assert_eq!(c.body(), text);
}

#[test]
fn unicode_is_normalised_to_nfc() {
    let c = clean(
        "Cafe\u{301} owners in Mu\u{308}nster protested the new tax on Monday.",
        None,
    );
    assert!(c.body().contains("Café") && c.body().contains("Münster"));
}

#[test]
fn date_lines_in_common_formats() {
    assert_eq!(
        parse_date_line("May 03, 2013").as_deref(),
        Some("2013-05-03")
    );
    assert_eq!(
        parse_date_line("Friday, 3 May 2013 10:12 GMT").as_deref(),
        Some("2013-05-03")
    );
    assert_eq!(parse_date_line("2013-05-03").as_deref(), Some("2013-05-03"));
    assert_eq!(parse_date_line("May the force be with you 2013"), None);
    assert_eq!(parse_date_line("In May 2013 it rained"), None);
}

#[test]
fn dates_in_page_addresses() {
    assert_eq!(
        date_in_url("https://news.example/2011/11/12/navy-pirates").as_deref(),
        Some("2011-11-12")
    );
    assert_eq!(
        date_in_url("http: / / site. com / 2013 / may / 03 / local").as_deref(),
        Some("2013-05-03")
    );
    assert_eq!(
        date_in_url("https://site.example/story-2011-11-12-x.html").as_deref(),
        Some("2011-11-12")
    );
    assert_eq!(date_in_url("https://site.example/article/874560/"), None);
}
