//! The whole pipeline on the project's example corpus (`examples/newsroom`),
//! whose stories and relations the team wrote on purpose.

use std::collections::BTreeSet;
use std::path::PathBuf;
use storyline_engine::{explain, Corpus, Relation, Stories, Tuning};
use storyline_ingest::{read_paths, Article};

fn newsroom() -> Vec<Article> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    let read = read_paths(&[dir]);
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    read.articles
}

fn run(articles: Vec<Article>) -> (Corpus, Stories) {
    let corpus = Corpus::new(articles);
    let stories = corpus.stories();
    (corpus, stories)
}

fn story_sets(corpus: &Corpus, stories: &Stories) -> BTreeSet<BTreeSet<String>> {
    stories
        .stories
        .iter()
        .map(|s| {
            s.articles
                .iter()
                .map(|&a| corpus.summaries[a].id.clone())
                .collect()
        })
        .collect()
}

fn relation(corpus: &Corpus, stories: &Stories, a: &str, b: &str) -> Relation {
    let (x, y) = (corpus.find(a).unwrap(), corpus.find(b).unwrap());
    let (x, y) = (x.min(y), x.max(y));
    stories
        .pairs
        .iter()
        .find(|p| p.a == x && p.b == y)
        .map(|p| p.relation)
        .unwrap_or(Relation::Unrelated)
}

#[test]
fn stories_are_found_and_distractors_stand_alone() {
    let (corpus, stories) = run(newsroom());
    let sets = story_sets(&corpus, &stories);
    let expect = |ids: &[&str]| -> BTreeSet<String> { ids.iter().map(|s| s.to_string()).collect() };
    for story in [
        expect(&["bridge-wire", "bridge-copy", "bridge-spun"]),
        expect(&[
            "keldar-eruption-coastal",
            "keldar-eruption-daily",
            "keldar-eruption-radio",
            "keldar-eruption-page",
        ]),
        expect(&["rates-wire", "rates-syndicated", "rates-analysis"]),
        expect(&["cup-final-sport", "cup-final-local", "cup-final-copy"]),
        expect(&[
            "dunmore-fire-wire",
            "dunmore-fire-report",
            "dunmore-fire-spun",
        ]),
        expect(&["museum-wire", "museum-portal", "museum-review"]),
    ] {
        assert!(sets.contains(&story), "missing story {story:?} in {sets:?}");
    }
    for alone in [
        "lisk-warehouse-fire",
        "chess-open",
        "frog-discovery",
        "rail-strike",
        "harvest-festival",
    ] {
        assert!(
            sets.contains(&expect(&[alone])),
            "{alone} should stand alone"
        );
    }
}

#[test]
fn each_kind_of_relation_is_labelled() {
    let (corpus, stories) = run(newsroom());
    let rel = |a, b| relation(&corpus, &stories, a, b);
    assert_eq!(rel("rates-wire", "rates-syndicated"), Relation::Exact);
    assert_eq!(rel("bridge-wire", "bridge-copy"), Relation::NearCopy);
    assert_eq!(rel("cup-final-sport", "cup-final-copy"), Relation::NearCopy);
    assert_eq!(rel("museum-wire", "museum-portal"), Relation::NearCopy);
    assert_eq!(rel("bridge-wire", "bridge-spun"), Relation::Rewrite);
    assert_eq!(
        rel("dunmore-fire-wire", "dunmore-fire-spun"),
        Relation::Rewrite
    );
    assert_eq!(
        rel("keldar-eruption-coastal", "keldar-eruption-daily"),
        Relation::SameStory
    );
    assert_eq!(rel("rates-wire", "rates-analysis"), Relation::SameStory);
    assert_eq!(
        rel("dunmore-fire-wire", "dunmore-fire-report"),
        Relation::SameStory
    );
}

#[test]
fn likely_originals() {
    let (corpus, stories) = run(newsroom());
    let original_of = |member: &str| {
        let m = corpus.find(member).unwrap();
        let story = stories
            .stories
            .iter()
            .find(|s| s.articles.contains(&m))
            .unwrap();
        story.original.map(|o| corpus.summaries[o].id.clone())
    };
    // Dated stories: the earliest date.
    assert_eq!(original_of("museum-portal").as_deref(), Some("museum-wire"));
    // Undated copies: the text the others are contained in, without scraping debris.
    assert_eq!(original_of("bridge-copy").as_deref(), Some("bridge-wire"));
    assert_eq!(
        original_of("dunmore-fire-spun").as_deref(),
        Some("dunmore-fire-wire")
    );
    // Independent reports without dates have no original.
    assert_eq!(original_of("keldar-eruption-radio"), None);
}

#[test]
fn same_input_in_any_order_gives_the_same_stories() {
    let articles = newsroom();
    let (c1, s1) = run(articles.clone());
    let mut reversed = articles;
    reversed.reverse();
    let (c2, s2) = run(reversed);
    assert_eq!(story_sets(&c1, &s1), story_sets(&c2, &s2));
    let (c3, s3) = run(newsroom());
    let ids = |c: &Corpus, s: &Stories| {
        s.stories
            .iter()
            .map(|x| {
                (
                    x.id.clone(),
                    x.articles
                        .iter()
                        .map(|&a| c.summaries[a].id.clone())
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&c1, &s1),
        ids(&c3, &s3),
        "identical runs give identical ids"
    );
}

#[test]
fn explanation_lists_additions_and_boilerplate() {
    let corpus = Corpus::new(newsroom());
    let (a, b) = (
        corpus.find("bridge-copy").unwrap(),
        corpus.find("bridge-spun").unwrap(),
    );
    let e = explain(&corpus, a, b);
    assert_eq!(e.relation, Relation::Rewrite);
    let kinds = |items: &[storyline_clean::Removed]| {
        items
            .iter()
            .map(|r| r.kind.label())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        kinds(&e.a.boilerplate),
        ["photo credit", "repeated headline", "tag line"]
            .into_iter()
            .collect()
    );
    assert_eq!(
        kinds(&e.b.additions),
        ["FAQ", "date line", "sources"].into_iter().collect()
    );
    assert!(e.a.additions.is_empty() && e.b.boilerplate.is_empty());
    assert_eq!(e.b.date.as_deref(), Some("2025-03-12"));
    assert!(e.evidence.links >= 4, "sentences line up: {:?}", e.evidence);
}

#[test]
fn unrelated_articles_compare_as_unrelated() {
    let corpus = Corpus::new(newsroom());
    let (a, b) = (
        corpus.find("chess-open").unwrap(),
        corpus.find("rail-strike").unwrap(),
    );
    let e = explain(&corpus, a, b);
    assert_eq!(e.relation, Relation::Unrelated);
    assert!(e.evidence.cosine < Tuning::default().story_threshold);
}

/// A spilled corpus, built a batch at a time, prepares its documents again
/// from the temporary file when labelling: everything must come out exactly
/// as from a corpus held in memory.
#[test]
fn a_spilled_corpus_built_in_batches_gives_the_same_result_as_one_in_memory() {
    use storyline_engine::{Builder, NoProgress};
    let (memory, expected) = run(newsroom());
    let mut articles = newsroom();
    let rest = articles.split_off(articles.len() / 2);
    let mut builder = Builder::new(Tuning::default(), true).unwrap();
    builder.add(articles, &NoProgress).unwrap();
    builder.add(rest, &NoProgress).unwrap();
    let spilled = builder.finish(&NoProgress).unwrap();
    let got = spilled.stories();
    assert!(expected.pairs.len() > 5, "the newsroom has labelled pairs");
    assert_eq!(
        format!("{:?}", got.stories),
        format!("{:?}", expected.stories)
    );
    assert_eq!(format!("{:?}", got.pairs), format!("{:?}", expected.pairs));
    let pair = &expected.pairs[0];
    assert_eq!(
        serde_json::to_string(&explain(&spilled, pair.a, pair.b)).unwrap(),
        serde_json::to_string(&explain(&memory, pair.a, pair.b)).unwrap()
    );
    assert_eq!(spilled.document(3).id(), memory.document(3).id());
}
