//! The index against the batch job, and how it grows, merges and shrinks.

use std::collections::BTreeMap;
use std::path::Path;
use storyline_engine::Corpus;
use storyline_index::{Index, Order};
use storyline_ingest::{read_paths, Article, Origin};

fn article(id: &str, text: &str) -> Article {
    let origin = Origin {
        path: "test".into(),
        line: None,
    };
    Article::new(id, text, origin)
}

/// Partition as sorted lists of ids, for comparing groupings.
fn partition(groups: impl IntoIterator<Item = Vec<String>>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = groups
        .into_iter()
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort();
    out
}

#[test]
fn adding_one_at_a_time_gives_the_batch_stories_on_the_newsroom() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom");
    let articles = read_paths(&[examples]).articles;
    assert!(articles.len() > 20);
    let corpus = Corpus::new(articles.clone());
    let batch = corpus.stories();
    let batch = partition(batch.stories.iter().map(|s| {
        s.articles
            .iter()
            .map(|&i| corpus.summaries[i].id.clone())
            .collect()
    }));

    let dir = tempfile::tempdir().unwrap();
    let mut index = Index::open(dir.path()).unwrap();
    for a in articles.clone() {
        index.add(vec![a]).unwrap();
    }
    let mut groups: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for a in &articles {
        let info = index.article(&a.id).unwrap();
        groups.entry(info.story).or_default().push(a.id.clone());
    }
    assert_eq!(partition(groups.into_values()), batch);
}

const HARBOUR: &str = "The ferry Norra Vik ran aground outside Telham harbour on Sunday night. \
    All forty passengers were brought ashore by the coast guard. Divers inspected the hull \
    on Monday morning and found a long tear below the waterline.";
const MINE: &str = "Miners at the Kallo copper pit in Brask walked out on Thursday over unpaid \
    overtime. The union said nine hundred workers joined the strike. Production at the pit, \
    the largest in the province, stopped within hours.";

#[test]
fn a_bridging_article_merges_two_stories_and_the_merge_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = Index::open(dir.path()).unwrap();
    let first = index.add(vec![article("harbour", HARBOUR)]).unwrap();
    let second = index.add(vec![article("mine", MINE)]).unwrap();
    assert_ne!(
        first[0].story, second[0].story,
        "unrelated events stay apart"
    );
    // A roundup that tells both events sentence by sentence, so that its
    // lead (which weighs more) is about both.
    let sentences = |text: &'static str| text.split_inclusive(". ").collect::<Vec<_>>();
    let bridge: String = sentences(HARBOUR)
        .into_iter()
        .zip(sentences(MINE))
        .flat_map(|(h, m)| [h.trim_end(), " ", m.trim_end(), " "])
        .collect();
    let added = index.add(vec![article("roundup", &bridge)]).unwrap();
    assert_eq!(
        added[0].story, first[0].story,
        "the older story number stays"
    );
    assert_eq!(added[0].merged, vec![second[0].story]);
    let story = index.story(first[0].story).unwrap();
    assert_eq!(story.summary.size, 3);
    assert_eq!(story.merges.len(), 1);
    assert_eq!(story.merges[0].from_story, second[0].story);
    assert_eq!(story.merges[0].by_article.as_deref(), Some("roundup"));
    assert!(
        index.story(second[0].story).is_err(),
        "the absorbed story is gone"
    );
}

#[test]
fn copies_are_labelled_an_id_is_added_once_and_deletes_shrink_stories() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = Index::open(dir.path()).unwrap();
    let edited = HARBOUR
        .replace("forty", "41")
        .replace("Sunday night", "late on Sunday");
    let dated = |id: &str, text: &str, date: &str| {
        let mut a = article(id, text);
        a.date = Some(date.to_string());
        a
    };
    let added = index
        .add(vec![
            dated("copy", HARBOUR, "2025-03-03"),
            dated("wire", HARBOUR, "2025-03-02"),
            dated("edit", &edited, "2025-03-04"),
            article("mine", MINE),
        ])
        .unwrap();
    assert_eq!(added[1].matches[0].id, "copy");
    assert_eq!(added[1].matches[0].relation.as_deref(), Some("exact"));
    assert_eq!(added[1].matches[0].score, 1.0);
    assert_eq!(added[2].matches[0].relation.as_deref(), Some("near-copy"));
    assert!(added[2].matches[0].score < 1.0);
    assert_eq!(added[2].story, added[0].story);
    assert_ne!(added[3].story, added[0].story);

    let again = index.add(vec![article("copy", MINE)]).unwrap();
    assert!(!again[0].created);
    assert_eq!(again[0].story, added[0].story, "the stored article is kept");

    let page = index.stories(Order::Largest, None, 10, 0).unwrap();
    assert_eq!((page.total, page.stories[0].size), (2, 3));
    assert_eq!(
        page.stories[0].original.as_deref(),
        Some("wire"),
        "the earliest"
    );
    let found = index.stories(Order::Newest, Some("copper"), 10, 0).unwrap();
    assert_eq!(found.total, 0, "search reads headlines and ids, not bodies");
    let found = index.stories(Order::Newest, Some("MIN"), 10, 0).unwrap();
    assert_eq!(found.total, 1);

    index.delete("copy").unwrap();
    assert!(index.article("copy").is_err());
    assert_eq!(index.story(added[1].story).unwrap().summary.size, 2);
    let similar = index.similar("wire", 5).unwrap();
    assert_eq!(similar[0].id, "edit");
    assert!(similar.iter().all(|m| m.id != "copy"));

    // Reopening reads the same state from disk.
    drop(index);
    let mut index = Index::open(dir.path()).unwrap();
    assert_eq!(index.stats().unwrap().articles, 3);
    let query = index.query(article("probe", &edited), 2).unwrap();
    assert_eq!(query[0].relation.as_deref(), Some("exact"));
    assert_eq!(index.stats().unwrap().articles, 3, "a query adds nothing");

    // A copy run again half a year later is still shown as a copy (1), as
    // the batch job shows it.
    let mut late = article("rerun", HARBOUR);
    late.date = Some("2025-09-20".to_string());
    let rerun = index.add(vec![late]).unwrap();
    let wire = rerun[0].matches.iter().find(|m| m.id == "wire").unwrap();
    assert_eq!(wire.relation.as_deref(), Some("exact"));
    assert_eq!(wire.score, 1.0);
}

#[test]
fn an_article_of_only_common_terms_still_finds_its_copy() {
    // With a cap of one article per searched term, every term of the last
    // copy is already common (in `harbour` and in `roundup`).
    let run = |min_searched_terms: usize| {
        let dir = tempfile::tempdir().unwrap();
        let tuning = storyline_engine::Tuning {
            index_postings_cap: 1,
            min_searched_terms,
            ..Default::default()
        };
        let mut index = Index::open(dir.path()).unwrap().with_tuning(tuning);
        let roundup = format!("{HARBOUR} {MINE}");
        let first = index.add(vec![article("harbour", HARBOUR)]).unwrap();
        index.add(vec![article("mine", MINE)]).unwrap();
        index.add(vec![article("roundup", &roundup)]).unwrap();
        let copy = index.add(vec![article("copy", HARBOUR)]).unwrap();
        (first[0].story, copy.into_iter().next().unwrap())
    };
    let (story, unsearched) = run(0);
    assert_ne!(
        unsearched.story, story,
        "no term under the cap: no neighbours"
    );
    let (story, copy) = run(storyline_engine::Tuning::default().min_searched_terms);
    assert_eq!(copy.story, story);
    assert!(copy
        .matches
        .iter()
        .any(|m| m.id == "harbour" && m.relation.as_deref() == Some("exact")));
}

#[test]
fn leads_on_different_weekdays_weaken_a_match_stored_or_not() {
    let tuning = storyline_engine::Tuning::default();
    let on_thursday = HARBOUR.replace("Sunday night", "Thursday night");
    let on_thursday = on_thursday.replace("Monday morning", "Friday morning");
    let dir = tempfile::tempdir().unwrap();
    let mut index = Index::open(dir.path()).unwrap();
    index.add(vec![article("sunday", HARBOUR)]).unwrap();
    index.add(vec![article("thursday", &on_thursday)]).unwrap();
    index.add(vec![article("again", HARBOUR)]).unwrap();
    // Stored: the weekdays are read back from the index.
    let near = index.similar("again", 5).unwrap();
    let score_of = |id: &str| near.iter().find(|m| m.id == id).unwrap();
    let (same_day, other_day) = (score_of("sunday"), score_of("thursday"));
    assert_eq!(same_day.score, 1.0, "an exact copy");
    let damped = other_day.cosine * tuning.weekday_penalty;
    let expected = storyline_engine::score::reported_score(damped, &tuning);
    assert!((other_day.score - expected).abs() < 1e-5, "{other_day:?}");
    // Not stored: the query's weekdays come from its own lead.
    let asked = index.query(article("asked", &on_thursday), 5).unwrap();
    let sunday = asked.iter().find(|m| m.id == "sunday").unwrap();
    let expected = sunday.cosine * tuning.weekday_penalty;
    let expected = storyline_engine::score::reported_score(expected, &tuning);
    assert!((sunday.score - expected).abs() < 1e-5, "{sunday:?}");
    assert_eq!(
        asked.iter().find(|m| m.id == "thursday").unwrap().score,
        1.0
    );
}
