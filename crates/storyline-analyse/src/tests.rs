use super::*;

#[test]
fn sentences_do_not_break_after_abbreviations_or_initials() {
    let text = "Dr. Ana Ruiz met Mr. Li in the U.S. capital on Monday. Talks went well! \
                \"We agreed,\" said John F. Kerr. The deal is worth 3.5 million.";
    let s = split_sentences(text);
    assert_eq!(s.len(), 4, "{s:?}");
    assert!(s[0].starts_with("Dr. Ana Ruiz") && s[0].ends_with("Monday."));
    assert_eq!(s[2], "\"We agreed,\" said John F. Kerr.");
}

#[test]
fn english_terms_are_stemmed_without_stop_words() {
    let a = analyse(
        Some("Ferry strike halts crossings"),
        &["The ferry workers of Calder Bay are striking again. Their union said the strikes continue.".into()],
    );
    assert_eq!(a.lang, "en");
    assert_eq!(a.sentences.len(), 2);
    let stems: Vec<String> = a.sentences[0]
        .terms
        .iter()
        .map(|t| term_text(t.id))
        .collect();
    assert_eq!(stems, ["ferri", "worker", "calder", "bay", "strike"]);
    assert!(
        a.sentences[0].words.contains(&word_hash("the")),
        "words keep stop words"
    );
}

#[test]
fn capitalised_words_inside_sentences_and_numbers_are_names() {
    let a = analyse(
        None,
        &["Floods hit Marlow on Friday. Marlow lost 40 homes and floods may return.".into()],
    );
    let terms = &a.sentences[1].terms;
    let name_of = |stem: &str| {
        terms
            .iter()
            .find(|t| term_text(t.id) == stem)
            .map(|t| t.name)
    };
    assert_eq!(
        name_of("marlow"),
        Some(true),
        "sentence-initial but capitalised elsewhere"
    );
    assert_eq!(name_of("40"), Some(true));
    assert_eq!(name_of("flood"), Some(false));
}

#[test]
fn other_languages_get_their_own_stemmer_and_stop_words() {
    let a = analyse(None, &["Die Regierung hat am Montag die neuen Regeln für die Banken beschlossen und veröffentlicht.".into()]);
    assert_eq!(a.lang, "de");
    let stems: Vec<String> = a.sentences[0]
        .terms
        .iter()
        .map(|t| term_text(t.id))
        .collect();
    assert!(
        !stems.iter().any(|s| s == "die") && stems.iter().any(|s| s == "bank"),
        "{stems:?}"
    );
}

#[test]
fn too_little_text_is_undetermined_and_kept_as_words() {
    let a = analyse(None, &["Xq zzv.".into()]);
    assert_eq!(a.lang, "und");
    assert_eq!(a.sentences[0].terms.len(), 2);
}

#[test]
fn english_is_recognised_by_its_function_words_and_others_are_not() {
    let english = "The council said on Tuesday that the bridge, which has been closed \
        for repairs since March, will reopen after the inspectors have finished their \
        work. Drivers were told to use the ring road, and the buses will run with \
        extra stops for the length of the works, officials from the city said.";
    assert_eq!(detect_language("", english).code, "en");
    let dutch = "De gemeenteraad heeft dinsdag besloten dat de brug, die sinds maart \
        gesloten is voor herstel, weer open gaat zodra de inspecteurs hun werk hebben \
        afgerond. Automobilisten moeten de ringweg nemen en de bussen rijden met \
        extra haltes zolang de werken duren, zeiden ambtenaren van de stad.";
    assert_eq!(detect_language("", dutch).code, "nl");
}

#[test]
fn every_detected_language_code_reads_back_as_itself() {
    let german = "Die Feuerwehr der Stadt hat am Montag einen Brand in einer Lagerhalle \
                  gelöscht. Verletzt wurde niemand, teilte die Polizei mit.";
    for text in [
        "The ferry workers of Calder Bay are striking again.",
        german,
        "ok",
    ] {
        let code = analyse(None, &[text.to_string()]).lang;
        assert_eq!(language_code(code), Some(code), "{code}");
    }
    assert_eq!(language_code("und"), Some("und"));
    assert_eq!(language_code("zul"), Some("zul"));
    assert_eq!(language_code("xx-nonsense"), None);
}
