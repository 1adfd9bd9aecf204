use super::*;
use storyline_analyse::analyse;

const PARAMS: AlignParams = AlignParams {
    edited_min: 0.6,
    paraphrase_min: 0.3,
};

fn run(a: &str, b: &str) -> Alignment {
    let (x, y) = (
        analyse(None, &[a.to_string()]),
        analyse(None, &[b.to_string()]),
    );
    let weigh = |t: &storyline_analyse::Term| Some((t.id, 1.0));
    let (vx, vy) = (
        SentenceVectors::new(&x.sentences, weigh),
        SentenceVectors::new(&y.sentences, weigh),
    );
    align(&x.sentences, &y.sentences, &vx, &vy, PARAMS)
}

#[test]
fn verbatim_edited_paraphrase_and_additions() {
    let a = "The mayor opened the new library on Saturday. \
             It holds forty thousand books. \
             Critics said the building cost too much.";
    let b = "The mayor opened the new library on Saturday. \
             It holds about forty thousand books. \
             Readers queued for hours outside the doors. \
             Opponents argued that the building was far too costly.";
    let al = run(a, b);
    let kinds: Vec<(usize, usize, MatchKind)> =
        al.links.iter().map(|l| (l.a, l.b, l.kind)).collect();
    assert_eq!(
        kinds,
        [
            (0, 0, MatchKind::Verbatim),
            (1, 1, MatchKind::Edited),
            (2, 3, MatchKind::Paraphrase)
        ]
    );
    assert_eq!(al.only_b, [2]);
    assert!(al.only_a.is_empty());
    assert!((al.coverage_a - 1.0).abs() < 1e-6);
    assert!(al.copied_a < 0.75 && al.copied_a > 0.5, "{}", al.copied_a);
}

#[test]
fn alignment_keeps_order() {
    // The last sentence of A matches the first of B; a monotone alignment can
    // keep only one of the crossing pairs.
    let a = "Wolves were seen near the village. The school closed early because of snow.";
    let b = "The school closed early because of snow. Wolves were seen near the village.";
    let al = run(a, b);
    assert_eq!(al.links.len(), 1);
    assert_eq!(al.only_a.len(), 1);
    assert_eq!(al.only_b.len(), 1);
}

#[test]
fn unrelated_sentences_do_not_match() {
    let al = run(
        "Rain fell across the valley overnight.",
        "The chess final ended in a draw.",
    );
    assert!(al.links.is_empty());
    assert_eq!(al.coverage_a, 0.0);
}

#[test]
fn copy_similarity_rewards_shared_word_order() {
    let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
    assert_eq!(copy_similarity(&w("a b c d"), &w("a b c d")), 1.0);
    assert!((copy_similarity(&w("a b c d"), &w("a x c d")) - 0.75).abs() < 1e-6);
    assert!(copy_similarity(&w("a b c d"), &w("d c b a")) <= 0.25);
}

#[test]
fn a_row_of_cosines_equals_each_cosine_to_the_bit() {
    let x = analyse(
        None,
        &[
            "Floods closed the Marlow bridge. Crews cleared debris from the Marlow road. \
           The council met on Friday."
                .to_string(),
        ],
    );
    let y = analyse(
        None,
        &[
            "The council said the bridge would reopen. Debris blocked the road for hours. \
           Marlow crews worked all night. Nothing else happened."
                .to_string(),
        ],
    );
    let weigh = |t: &storyline_analyse::Term| Some((t.id, 1.0 + (t.id % 7) as f32 / 3.0));
    let (vx, vy) = (
        SentenceVectors::new(&x.sentences, weigh),
        SentenceVectors::new(&y.sentences, weigh),
    );
    let mut row = vec![f32::NAN; y.sentences.len()];
    let mut nonzero = 0;
    for i in 0..x.sentences.len() {
        vx.cosines_into(i, &vy, &mut row);
        for (j, &c) in row.iter().enumerate() {
            assert_eq!(c.to_bits(), vx.cosine(i, &vy, j).to_bits(), "({i}, {j})");
            nonzero += usize::from(c > 0.0);
        }
    }
    assert!(nonzero >= 3 && nonzero < x.sentences.len() * y.sentences.len());
}
