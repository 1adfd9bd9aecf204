//! With a sentence-embedding model, pair similarity blends in the
//! embeddings' cosine, for articles in a language the model reads only.

use std::sync::Arc;
use storyline_embed::Embedder;
use storyline_engine::{Corpus, NoProgress, Tuning};
use storyline_ingest::{Article, Origin};

fn article(id: &str, text: &str) -> Article {
    let origin = Origin {
        path: "mem".into(),
        line: None,
    };
    Article::new(id, text, origin)
}

#[test]
fn a_model_blends_into_similarity_only_where_it_reads_the_language() {
    let dir = tempfile::tempdir().unwrap();
    storyline_embed::tiny::write(dir.path()).unwrap();
    let model = Arc::new(Embedder::load(dir.path()).unwrap());
    let articles = || {
        vec![
            article("en1", "The river rose overnight and floods closed the old bridge, the council said on Friday. Residents were told to stay away from the banks."),
            article("en2", "Floods closed the old bridge after the river rose overnight, council officials said. People living near the banks were asked to keep away."),
            article("de1", "Der Fluss stieg über Nacht an und das Hochwasser sperrte die alte Brücke, teilte der Stadtrat am Freitag mit. Anwohner sollten den Ufern fernbleiben."),
            article("de2", "Das Hochwasser sperrte die alte Brücke, nachdem der Fluss über Nacht gestiegen war, sagte der Stadtrat. Anwohner wurden gebeten, den Ufern fernzubleiben."),
        ]
    };
    let plain = Corpus::with_tuning(articles(), Tuning::default(), &NoProgress);
    let blended = Corpus::with_model(articles(), Tuning::default(), Some(model), &NoProgress);
    let english = plain.cosine(0, 1);
    let german = plain.cosine(2, 3);
    assert!(english > 0.1 && german > 0.1, "{english} {german}");
    assert_eq!(plain.similarity(0, 1, english), english);
    assert_ne!(
        blended.similarity(0, 1, english),
        english,
        "English is read"
    );
    assert_eq!(blended.similarity(2, 3, german), german, "German is not");
    assert_eq!(blended.similarity(0, 2, 0.3), 0.3, "one side unread");
    let stories = blended.stories();
    assert_eq!(
        stories
            .stories
            .iter()
            .map(|s| s.articles.len())
            .sum::<usize>(),
        4
    );
}

#[test]
fn sentences_are_embedded_only_when_asked_and_in_languages_the_model_reads() {
    let dir = tempfile::tempdir().unwrap();
    storyline_embed::tiny::write(dir.path()).unwrap();
    let model = Arc::new(Embedder::load(dir.path()).unwrap());
    let articles = vec![
        article("en1", "The ferry was cancelled. Gulls circled the pier."),
        article("en2", "No boats sailed today. The pier stood empty."),
        article("de1", "Die Fähre fiel aus. Möwen kreisten über dem Steg."),
    ];
    let corpus = Corpus::with_model(articles, Tuning::default(), Some(model), &NoProgress);
    let sentences = |corpus: &Corpus, i: usize| corpus.sentence_vectors(&corpus.document(i));
    let (en1, en2) = (sentences(&corpus, 0), sentences(&corpus, 1));
    assert_eq!(en1.meaning(0, &en2, 0), None, "off unless asked for");
    let corpus = corpus.embedding_sentences(true);
    let (en1, en2, de1) = (
        sentences(&corpus, 0),
        sentences(&corpus, 1),
        sentences(&corpus, 2),
    );
    let meant = en1.meaning(1, &en2, 0).expect("both English");
    assert!((-1.0..=1.0 + 1e-6).contains(&meant));
    assert!(en1.meaning(0, &en1, 0).unwrap() > 0.999, "unit embeddings");
    assert_eq!(en1.meaning(0, &de1, 0), None, "German is not read");
}
