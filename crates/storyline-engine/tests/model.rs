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
