//! Building articles and planting copy families.

use crate::edits::edit_words;
use crate::names::{city, organisation, person, NameSupply};
use crate::rng::Rng;
use crate::templates::{Topic, EXTRA_PARAGRAPH, HEADLINES, SENTENCES, TOPICS, WEEKDAYS};
use serde::Serialize;

/// What to generate.
pub struct CorpusSpec {
    /// Number of articles.
    pub articles: usize,
    /// Seed: the same seed gives the same corpus.
    pub seed: u64,
    /// Extra sentences to mix in (e.g. read from a JSONL file); may be empty.
    pub pool: Vec<String>,
    /// Where surnames and place names come from.
    pub names: NameSupply,
}

/// The role of an article in its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// No planted relative.
    Single,
    /// The article its family's copies were made from.
    Original,
    /// Identical text.
    Exact,
    /// 5–20 % of words substituted, deleted or inserted.
    NearCopy,
    /// Same body, another headline.
    NewHeadline,
    /// Same body plus a paragraph.
    AddedParagraph,
    /// Same templates, other names and numbers: not a copy.
    LookAlike,
}

/// One generated article as a JSONL row.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub id: String,
    pub title: String,
    pub text: String,
    pub date: String,
    pub source: String,
}

/// The gold label of one article.
#[derive(Debug, Clone, Serialize)]
pub struct GoldRow {
    pub id: String,
    /// Family id shared by an original and its copies; `None` otherwise.
    pub family: Option<String>,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edit_rate: Option<f64>,
}

/// The entities and choices one article is written from.
#[derive(Clone)]
struct Plan {
    topic: usize,
    headline: usize,
    sentences: Vec<usize>,
    pool_sentences: Vec<(usize, usize)>,
    slots: Vec<(&'static str, String)>,
    day: u32,
}

/// Generate `spec.articles` articles, handing each (with its gold row) to
/// `emit` as soon as it exists, so a million articles never sit in memory.
pub fn generate(spec: &CorpusSpec, mut emit: impl FnMut(Generated, GoldRow)) {
    let mut rng = Rng::new(spec.seed);
    let mut made = 0;
    let mut family = 0;
    while made < spec.articles {
        let plan = new_plan(&mut rng, spec);
        let base = render(&plan, &spec.pool, made);
        let copies = plant(&plan, &base, &mut rng, spec, made);
        let fam = (!copies.is_empty() && copies.iter().any(|(_, k, _)| *k != Kind::LookAlike))
            .then(|| {
                family += 1;
                format!("f{family}")
            });
        let kind = if fam.is_some() {
            Kind::Original
        } else {
            Kind::Single
        };
        emit_one(&mut emit, base, fam.clone(), kind, None, &mut made);
        for (article, kind, rate) in copies {
            if made >= spec.articles {
                break;
            }
            let member = if kind == Kind::LookAlike {
                None
            } else {
                fam.clone()
            };
            emit_one(&mut emit, article, member, kind, rate, &mut made);
        }
    }
}

fn emit_one(
    emit: &mut impl FnMut(Generated, GoldRow),
    mut article: Generated,
    family: Option<String>,
    kind: Kind,
    edit_rate: Option<f64>,
    made: &mut usize,
) {
    article.id = format!("a{:07}", *made);
    let gold = GoldRow {
        id: article.id.clone(),
        family,
        kind,
        edit_rate,
    };
    emit(article, gold);
    *made += 1;
}

/// Decide the relatives of one base article.
fn plant(
    plan: &Plan,
    base: &Generated,
    rng: &mut Rng,
    spec: &CorpusSpec,
    made: usize,
) -> Vec<(Generated, Kind, Option<f64>)> {
    let roll = rng.unit();
    let copy = |text: String, title: String| Generated {
        text,
        title,
        ..base.clone()
    };
    let mut out = Vec::new();
    if roll < 0.08 {
        out.push((base.clone(), Kind::Exact, None));
    } else if roll < 0.28 {
        for _ in 0..1 + rng.below(3) {
            let rate = 0.05 + 0.15 * rng.unit();
            out.push((
                copy(edit_words(&base.text, rate, rng), base.title.clone()),
                Kind::NearCopy,
                Some(rate),
            ));
        }
    } else if roll < 0.33 {
        let mut other = plan.clone();
        other.headline = (plan.headline + 1 + rng.below(HEADLINES.len() - 1)) % HEADLINES.len();
        out.push((
            copy(base.text.clone(), render(&other, &spec.pool, made).title),
            Kind::NewHeadline,
            None,
        ));
    } else if roll < 0.38 {
        let extra = fill(EXTRA_PARAGRAPH, &plan.slots, &TOPICS[plan.topic]);
        out.push((
            copy(format!("{}\n{extra}", base.text), base.title.clone()),
            Kind::AddedParagraph,
            None,
        ));
    } else if roll < 0.46 {
        let mut other = new_plan(rng, spec);
        (other.topic, other.headline, other.sentences) =
            (plan.topic, plan.headline, plan.sentences.clone());
        other.pool_sentences.clone_from(&plan.pool_sentences);
        out.push((render(&other, &spec.pool, made), Kind::LookAlike, None));
    }
    out
}

fn new_plan(rng: &mut Rng, spec: &CorpusSpec) -> Plan {
    let pool = spec.pool.len();
    let count = 24 + rng.below(6);
    let mut order: Vec<usize> = (0..SENTENCES.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order.truncate(count);
    let pool_sentences = if pool == 0 {
        Vec::new()
    } else {
        (0..count / 3)
            .map(|_| (rng.below(count), rng.below(pool)))
            .collect()
    };
    let (c1, c2) = (city(rng, spec.names), city(rng, spec.names));
    let (p1, p2) = (person(rng, spec.names), person(rng, spec.names));
    let surname = |p: &str| p.rsplit(' ').next().unwrap_or(p).to_string();
    let money = if rng.below(2) == 0 {
        format!("{} million crowns", 1 + rng.below(90))
    } else {
        format!("{},000 euros", 10 + rng.below(900))
    };
    let slots = vec![
        ("{S1}", surname(&p1)),
        ("{S2}", surname(&p2)),
        ("{O1}", organisation(rng, &c1)),
        ("{P1}", p1),
        ("{P2}", p2),
        ("{C1}", c1),
        ("{C2}", c2),
        ("{N1}", (10 + rng.below(990)).to_string()),
        ("{N2}", (2 + rng.below(90)).to_string()),
        ("{N3}", (2 + rng.below(28)).to_string()),
        ("{M}", money),
        ("{D}", rng.pick(WEEKDAYS).to_string()),
    ];
    Plan {
        topic: rng.below(TOPICS.len()),
        headline: rng.below(HEADLINES.len()),
        sentences: order,
        pool_sentences,
        slots,
        day: rng.below(365) as u32,
    }
}

fn fill(template: &str, slots: &[(&str, String)], topic: &Topic) -> String {
    let mut s = template
        .replace("{EVENT}", topic.event)
        .replace("{THINGS}", topic.things)
        .replace("{ACT}", topic.act)
        .replace("{SITE}", topic.site);
    for (slot, value) in slots {
        s = s.replace(slot, value);
    }
    s
}

fn render(plan: &Plan, pool: &[String], made: usize) -> Generated {
    let topic = &TOPICS[plan.topic];
    let mut sentences: Vec<String> = plan
        .sentences
        .iter()
        .map(|&i| fill(SENTENCES[i], &plan.slots, topic))
        .collect();
    for &(at, which) in &plan.pool_sentences {
        sentences.insert(at.min(sentences.len()), pool[which].clone());
    }
    let date = date_of(plan.day);
    let city = &plan
        .slots
        .iter()
        .find(|(s, _)| *s == "{C1}")
        .expect("C1 slot")
        .1;
    let paragraphs: Vec<String> = sentences.chunks(3).map(|c| c.join(" ")).collect();
    let text = format!(
        "{}, {date} - {}",
        city.to_uppercase(),
        paragraphs.join("\n")
    );
    let mut title = fill(HEADLINES[plan.headline], &plan.slots, topic);
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    Generated {
        id: format!("a{made:07}"),
        title,
        text,
        date,
        source: format!("Outlet {}", plan.day % 40),
    }
}

/// `YYYY-MM-DD` of day `d` (0-based) of 2025.
fn date_of(d: u32) -> String {
    const MONTHS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut month, mut day) = (0, d % 365);
    while day >= MONTHS[month] {
        day -= MONTHS[month];
        month += 1;
    }
    format!("2025-{:02}-{:02}", month + 1, day + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(n: usize, seed: u64) -> Vec<(Generated, GoldRow)> {
        corpus_named(n, seed, NameSupply::Open)
    }

    fn corpus_named(n: usize, seed: u64, names: NameSupply) -> Vec<(Generated, GoldRow)> {
        let mut out = Vec::new();
        generate(
            &CorpusSpec {
                articles: n,
                seed,
                pool: Vec::new(),
                names,
            },
            |a, g| out.push((a, g)),
        );
        out
    }

    /// Distinct lower-cased words in a corpus's texts and titles.
    fn vocabulary(rows: &[(Generated, GoldRow)]) -> usize {
        let mut words = std::collections::HashSet::new();
        for (a, _) in rows {
            for w in a.title.split_whitespace().chain(a.text.split_whitespace()) {
                words.insert(
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                );
            }
        }
        words.len()
    }

    /// The open supply keeps adding words as the corpus grows; the closed
    /// pool's vocabulary levels off (its two-syllable stems run out).
    #[test]
    fn open_names_keep_the_vocabulary_growing() {
        let growth = |names| {
            let small = vocabulary(&corpus_named(2_000, 3, names));
            let large = vocabulary(&corpus_named(20_000, 3, names));
            large as f64 / small as f64
        };
        let (open, closed) = (growth(NameSupply::Open), growth(NameSupply::Closed));
        assert!(open > closed, "open ×{open:.2}, closed ×{closed:.2}");
        assert!(
            open > 2.5,
            "open vocabulary grew only ×{open:.2} over 10× the articles"
        );
    }

    #[test]
    fn articles_have_news_length_and_planted_families() {
        let rows = corpus(400, 1);
        assert_eq!(rows.len(), 400);
        let words: usize = rows
            .iter()
            .map(|(a, _)| a.text.split_whitespace().count())
            .sum();
        assert!(
            (300..520).contains(&(words / rows.len())),
            "average {} words",
            words / rows.len()
        );
        for kind in [
            Kind::Exact,
            Kind::NearCopy,
            Kind::NewHeadline,
            Kind::AddedParagraph,
            Kind::LookAlike,
            Kind::Single,
        ] {
            assert!(rows.iter().any(|(_, g)| g.kind == kind), "{kind:?} planted");
        }
        let exact = rows
            .iter()
            .position(|(_, g)| g.kind == Kind::Exact)
            .unwrap();
        assert_eq!(
            rows[exact].0.text,
            rows[exact - 1].0.text,
            "an exact copy follows its original"
        );
        assert_eq!(rows[exact].1.family, rows[exact - 1].1.family);
        assert!(rows
            .iter()
            .filter(|(_, g)| g.kind == Kind::LookAlike)
            .all(|(_, g)| g.family.is_none()));
    }

    #[test]
    fn same_seed_same_corpus_other_seed_other_corpus() {
        let (a, b, c) = (corpus(50, 9), corpus(50, 9), corpus(50, 10));
        assert!(a
            .iter()
            .zip(&b)
            .all(|(x, y)| x.0.text == y.0.text && x.0.id == y.0.id));
        assert!(a.iter().zip(&c).any(|(x, y)| x.0.text != y.0.text));
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert_eq!(date_of(0), "2025-01-01");
        assert_eq!(date_of(59), "2025-03-01");
        assert_eq!(date_of(364), "2025-12-31");
    }
}
