//! Every tuned number of the engine, in one place, with the measurement that
//! chose it. One configuration serves every corpus: there are no per-dataset
//! settings.
//!
//! Figures quoted are B³F1 from `storyline eval --corpus` on ECB+ dev
//! (`ecbplus-dev.jsonl`) / NeuS dev+test (`neus-allsides.jsonl --split
//! dev,test`), measured with `--set KEY=VALUE` sweeps from the defaults below.
//! The defaults give 0.9077 / 0.8646 (ARI 0.8786 / 0.7264), and 0.7864 on
//! NeuS train (`--split train`, 7,356 articles); the TF-IDF +
//! average-linkage reference is 0.885 / 0.825. With `--model`
//! (`models/all-MiniLM-L6-v2-news`: all-MiniLM-L6-v2 and the news
//! projection fitted on NeuS train, see `fitted/README.md`) they give
//! 0.9204 / 0.8743 (0.8103 on NeuS train, which the projection was fitted
//! on). Before `weekday_penalty` (session 24) they were 0.9147 / 0.8543
//! (0.7596) and, with the model, 0.9163 / 0.8688 (0.7854); the published
//! model alone gave 0.9139 / 0.8576. Sweeps below from before session 24
//! started from those.
//! Sweeps quoted below from before 3 December, when `date_penalty` became
//! 1, `title_weight` / `lead_boost` 3 / 1.6, `name_boost` 1.2 and
//! `meaning_share` 0.25, started from 0.8989 / 0.8481 (0.9102 / 0.8520
//! with `--model`).
//! See `docs/QUALITY.md`.

use crate::score::Blend;
use storyline_align::AlignParams;

/// The engine's knobs. [`Tuning::default`] is the measured configuration.
#[derive(Debug, Clone)]
pub struct Tuning {
    /// Weight of a headline term relative to a body term. Headlines name the
    /// event. Swept 1/2/3 early on: 2 best on ECB+, NeuS flat. Swept again
    /// with `lead_boost` (below) once dates no longer damped links.
    pub title_weight: f32,
    /// Multiplier for name-like terms (people, places, organisations).
    /// Swept 1.5/2/3 early on: higher helps ECB+ (two events of one kind
    /// differ in names) but costs NeuS more (0.829 → 0.795 at 3). On 3
    /// December, after the headline and lead change (ECB+ dev / NeuS
    /// dev+test / NeuS train): 1 / 1.1 / 1.2 / 1.3 / 1.4 / 1.5 / 1.75 gave
    /// 0.8871 / 0.8590 / 0.7682, 0.8992 / 0.8564 / 0.7625, 0.9147 / 0.8543 /
    /// 0.7596, 0.9139 / 0.8492 / 0.7572, 0.9148 / 0.8495 / 0.7545, 0.9131 /
    /// 0.8482 / 0.7497 and 0.9137 / 0.8386 / 0.7402: below 1.2 ECB+ falls
    /// away. Swept again jointly with `title_weight` 2.5–3.5 and `lead_boost`
    /// 1.5–1.75 at 1.15 / 1.2 / 1.25: at 1.2 / 3 / 1.6, its six neighbours
    /// in that grid are within 0.008 on ECB+ and 0.004 on NeuS. SemEval
    /// en-en 0.794 → 0.791; with `--model` ECB+ 0.9149 → 0.9138, NeuS
    /// 0.8521 → 0.8545; the index (`eval --index`) 0.8509 / 0.8586 →
    /// 0.8501 / 0.8586.
    pub name_boost: f32,
    /// The same for terms of a sentence's vector, which the sentence
    /// alignment compares. Kept at 1.5, where `align`'s thresholds were
    /// chosen, when `name_boost` went to 1.2: at 1.2 in sentences too, the
    /// seed pair's rewrite lost aligned sentences (0.69 → 0.46 of the
    /// shorter side) and became same-story.
    pub sentence_name_boost: f32,
    /// Multiplier for numbers (counts, years, scores), which separate two
    /// events of the same kind ("23 pirates" against "26 pirates"). Swept
    /// 1.5/2.5/4: 2.5 best on ECB+ (+0.002), NeuS within 0.002.
    pub number_boost: f32,
    /// Body sentences counted as the lead.
    pub lead_sentences: usize,
    /// Multiplier for terms in the lead, where news puts who/what/where.
    /// Swept 1–2 × 1–5 sentences early on: differences within ±0.005. On 3
    /// December, swept with `title_weight` (2 / 2.5 / 3 / 3.5 / 4 × 1.25–1.75;
    /// ECB+ dev / NeuS dev+test / NeuS train B³F1): from 2 / 1.25, 0.9061 /
    /// 0.8481 / 0.7468, all nine of 2.5–3.5 × 1.4–1.6 lift ECB+ to 0.910–0.915
    /// with NeuS within 0.002 (0.8476–0.8498) and NeuS train 0.7475–0.7497;
    /// title 4 or lead 1.3 lose NeuS train (0.743–0.746). 3 / 1.6, inside
    /// that region, gives 0.9131 / 0.8482 / 0.7497, SemEval en-en Pearson
    /// 0.789 → 0.794, and with `--model` 0.9149 / 0.8521 (from 0.9156 / 0.8520).
    pub lead_boost: f32,
    /// Terms in more documents than this are left out of candidate search
    /// (not out of scoring: a pair found through rarer terms is completed on
    /// its common terms too). A fixed number, not a share of the corpus, so
    /// the cost per article stays flat as the corpus grows. 200, 1000, 2000
    /// and 5000 gave identical stories on ECB+ and NeuS. Speed decides: on
    /// all of NeuS (9,198 short articles) candidate search took 1.1 / 0.5 s
    /// at 200 / 2000, on 10k generated articles full of shared template words
    /// 0.8 / 12.2 s, and on 100k generated articles 95 s when the cap was 5%
    /// of the corpus (5,000).
    pub max_postings: usize,
    /// ...but every document is searched on at least this many of its rarest
    /// terms, however common: on 1M generated articles (names drawn from a
    /// fixed pool, `bench gen --names closed`) 0.5 % of the planted near-copy pairs were lost because
    /// one side had no term under `max_postings` and so no candidates at all.
    /// With 3 every one of them is found (recall 0.9949 -> 1.0000) for 11 %
    /// slower candidate search at 100k (9,701 -> 8,631 docs/s); ECB+ and
    /// NeuS scores are unchanged.
    pub min_searched_terms: usize,
    /// Least similarity for a pair to enter the graph at all. Lowering it to
    /// 0.01 (and raising `neighbours` to 200) changed nothing measurable.
    pub min_edge: f32,
    /// At most this many strongest neighbours kept per article.
    pub neighbours: usize,
    /// Average-linkage stopping point on plain pair scores: stories merge
    /// while their average pairwise score is at least this. Swept 0.15–0.4
    /// in steps of 0.025–0.05: 0.25 was the best single value for both
    /// corpora. The persistent index, which cannot smooth (see
    /// `smoothed_story_threshold`), and `compare`'s same-story verdict use it.
    /// After the 3 December headline and lead change, the index (`eval
    /// --index`, ECB+ dev / NeuS dev, articles added one at a time) gave
    /// 0.8465 / 0.8558 at 0.2, 0.8494 / 0.8603 at 0.21, 0.8509 / 0.8586 at
    /// 0.225, 0.8420 / 0.8579 at 0.24, 0.8450 / 0.8498 at 0.25 and 0.8405 /
    /// 0.8372 at 0.275; 0.225 is in the middle of the best. With
    /// `name_boost` 1.2 then: 0.8501 / 0.8586 at 0.225, 0.8370 / 0.8532 at
    /// 0.24, 0.8446 / 0.8482 at 0.25.
    pub story_threshold: f32,
    /// The batch job's stopping point on smoothed link weights (see
    /// `profile_share`), which run lower than plain scores. The index adds
    /// one article at a time, and its arrival would change its neighbours'
    /// profiles and so links already summed into stored stories; it keeps
    /// plain scores and `story_threshold`.
    pub smoothed_story_threshold: f32,
    /// A merge also needs the clusters' cross similarity to reach this share
    /// of each side's own average similarity (see `cluster::Linkage`). It
    /// stops ECB+'s twin events merging: 0 → 0.5 took ECB+ 0.886 → 0.896.
    pub cohesion_ratio: f32,
    /// Cluster cohesion is capped at this before the ratio applies, so a
    /// pair of copies (cohesion ~1) can still take in other reports of its
    /// story. Swept 0.5–0.7 and uncapped: 0.6 best on both.
    pub cohesion_cap: f32,
    /// Shared-neighbour smoothing (see `neighbourhood`): an article's profile
    /// holds this many of its strongest neighbours...
    pub profile_size: usize,
    /// ...and itself with this weight...
    pub profile_self_weight: f32,
    /// ...and a link's weight is this share its ends' profile cosine, the
    /// rest its own similarity (0 turns smoothing off). Swept jointly with
    /// `smoothed_story_threshold` (size 0/2/3/5/8/12, self weight 0.5/1/1.5, share
    /// 0.1–0.5, threshold 0.15–0.3) on ECB+ dev, NeuS dev+test and NeuS
    /// train. Before, 0.8957 / 0.8320 / 0.7439; at 3 / 1 / 0.2 / 0.175,
    /// 0.8989 / 0.8481 / 0.7468, better on all three. Larger profiles help
    /// ECB+ (big stories: 0.93 at size 8–12) and hurt NeuS (stories of
    /// three: 0.81), and a smaller one (2, threshold 0.2) the reverse
    /// (0.876 / 0.861 / 0.773); 3 is the size that loses nowhere.
    pub profile_share: f32,
    /// The score reported for a pair is its link weight (cosine, damped
    /// by date distance) to this power. TF-IDF cosines bunch near zero (two
    /// reports of one event typically 0.2–0.5) and rise faster than judged
    /// similarity near the top. On SemEval-2022 en-en (train split pairs)
    /// the exponents 1 / 0.75 / 0.5 / 0.33 / 0.25 of a TF-IDF cosine gave
    /// Pearson 0.727 / 0.763 / 0.783 / 0.778 / 0.763 against the gold
    /// score; storyline's own went 0.753 → 0.789 at 0.5. The order of pairs,
    /// and so Spearman (0.795), is unchanged: this is calibration, not
    /// better judgement. Links, thresholds and clustering use the weight.
    pub score_exponent: f32,
    /// Articles further apart than this many days...
    pub date_window_days: i64,
    /// ...have their similarity multiplied by this. 1, no damping, is the
    /// measured default. ECB+ dev is the one corpus here with dates (the
    /// datelines of its `ecbplus` half), and there a story takes in
    /// follow-ups months or years later (a trial two years after a
    /// shooting): of the 1,826 links damped at 0.5 beyond 60 days, 78
    /// joined two reports of one story and none joined twin events of one
    /// topic, whose `ecb` half is undated. B³F1 at 0.5 / 0.75 / 0.9 / 1
    /// was 0.8989 / 0.9056 / 0.9061 / 0.9061 (windows of 180 / 365 / 1,100
    /// days at 0.5: 0.9026 / 0.9026 / 0.9049), and 0.9102 → 0.9156 with
    /// `--model`; NeuS and SemEval, undated or within the window, did not
    /// move. A stream where a yearly event must stay apart from last year's
    /// can set it lower (the window was once swept 14/60/365 at 0.5, with
    /// 60 best, before smoothing and cohesion were added).
    pub date_penalty: f32,
    /// A pair whose headlines and leads (`lead_sentences`) name weekdays,
    /// none of them shared, has its similarity multiplied by this (see
    /// `when.rs`): one event's reports name its day, and two events of one
    /// kind are usually on different days. On 3 December, session 24 (ECB+
    /// dev / NeuS dev+test B³F1, words alone): 1 (off) 0.9147 / 0.8543,
    /// 0.9 0.9061 / 0.8603, 0.85 0.9069 / 0.8620, 0.8 0.9077 / 0.8646,
    /// 0.75 0.9012 / 0.8658, 0.7 0.8968 / 0.8665; NeuS train 0.7596 →
    /// 0.7864 at 0.8. With `--model`: 0.9163 / 0.8688 → 0.9204 / 0.8743 at
    /// 0.8 and 0.9136 / 0.8785 at 0.7. 0.8 is the one value that lifts
    /// ECB+ with the model; by words ECB+ loses recall at every value, as its
    /// reports name the day they were told ("confirmed on Friday") besides
    /// the day of the event ("entered rehab on Tuesday"): in its candidate
    /// pairs 8 % of one story's conflict and 30 % of two stories' (the
    /// engine's reading of the leads), against 4 % and 32 % in NeuS (a
    /// Python reading, which splits ECB+'s leading URLs badly). A lead of
    /// the headline alone, or with one or two sentences, and letting
    /// neighbouring days agree, did no better.
    /// With day names in German, French, Spanish, Italian and Dutch too,
    /// SemEval Pearson went de-de 0.5553 → 0.5563, de-en 0.6268 → 0.6284,
    /// es-es 0.7343 → 0.7352, fr-fr 0.7902 → 0.7920 (28 pairs), and all
    /// pairs 0.6603 → 0.6598 (Spearman 0.6854 → 0.6856).
    pub weekday_penalty: f32,
    /// A pair whose shorter side is at least this share copied (verbatim or
    /// edited sentences) is a near-copy. Chosen on the project's examples.
    pub near_copy_min_copied: f32,
    /// ...or whose term vectors are at least this close (cosine): word edits
    /// that drop a full stop merge two sentences and defeat the one-to-one
    /// alignment, but leave the vocabulary. On 10k generated articles the
    /// planted near-copies missed by the copied-share rule all had cosine
    /// ≥ 0.93 while no pair outside a family exceeded 0.45; the examples'
    /// near-copies sit at 0.89–0.97 and their rewrites at 0.62–0.63.
    pub near_copy_min_cosine: f32,
    /// A pair whose shorter side is at least this share aligned in order
    /// (any match kind) is a rewrite... Chosen on the project's examples and
    /// the seed pair (0.69 aligned); independent reports reach 0.3–0.6.
    pub rewrite_min_coverage: f32,
    /// ...and at least this share of the shorter side's sentences must be
    /// aligned: independent reports of one event often match a lead or a quote,
    /// but a rewrite follows its source sentence by sentence.
    pub rewrite_min_sentence_share: f32,
    /// Sentence-matching thresholds of the alignment. `edited_min` 0.55:
    /// on 10k generated articles (`storyline bench gen`, seed 42) planted
    /// near-copy pairs found as exact/near-copy rose from 0.893 (0.6) to
    /// 0.937 (0.55) and 0.971 (0.5) at precision 1.0, but at 0.5 reworded
    /// sentences of the examples' rewrite count as edits. `paraphrase_min`
    /// 0.3: on MSRP train, 0.3–0.7 all give 0.70–0.71 accuracy, but from
    /// 0.4 up the seed pair's rewrite loses its aligned sentences (0.69 →
    /// 0.29 aligned), so the lowest value holds.
    pub align: AlignParams,
    /// Stories up to this size get every pair labelled; larger stories only
    /// their graph edges, so one huge wire story cannot cost quadratic time.
    pub max_all_pairs: usize,
    /// Persistent index: terms held by more articles than this are not read
    /// from the postings when looking for candidates (they still count in the
    /// cosine). The index cannot keep the batch job's per-document left-out
    /// completion, so it reads further down the frequency list than
    /// `max_postings`; chosen for query latency (a few ms at 100k articles).
    pub index_postings_cap: usize,
    /// Persistent index: candidates (those sharing the most rare-term weight)
    /// whose full cosine is computed; `neighbours` of them are kept.
    pub index_candidates: usize,
    /// Persistent index: a new article's pairs labelled with the sentence
    /// alignment (its strongest neighbours first); labelling re-reads the
    /// partner's text, so this bounds the cost of one add.
    pub index_labels: usize,
    /// Persistent index: neighbours below this cosine are not aligned; they
    /// are same-story or unrelated by their stories alone. A copy relation
    /// needs most words shared, far above this; skipping the weak majority
    /// of neighbours (each alignment re-reads a text) made ingest of the
    /// 10k generated corpus several times faster.
    pub index_label_min_cosine: f32,
    /// `storyline dedup`: least cosine of two texts' IDF-weighted word
    /// vectors (no cleaning, no stemming) for them to count as near-copies.
    /// On the 10k generated corpus (`bench gen --seed 42`) every planted
    /// copy pair has cosine >= 0.86 (two copies of one original with 20 %
    /// edits each the lowest) and no other pair exceeds 0.52 (look-alikes:
    /// one template, other names); 0.7 sits in the middle of that gap.
    /// Precision and recall are 1.000 at 10k and 100k. Lower thresholds also
    /// cost time: the join's prefixes grow into common words.
    pub dedup_threshold: f32,
    /// With a sentence-embedding model (`--model`), a pair's similarity is
    /// this share its embeddings' cosine (rescaled by `meaning_floor`) and
    /// the rest its term cosine. Without a model it has no effect. Swept
    /// with all-MiniLM-L6-v2 reading 256 tokens (ECB+ dev / NeuS dev+test B³F1 / SemEval
    /// en-en Pearson, on a file of the en-en pairs alone): at floor 0.4,
    /// share 0.25 / 0.35 / 0.45 gave 0.904 / 0.855 / 0.830, 0.908 / 0.853 /
    /// 0.840 and 0.902 / 0.849 / 0.846; words alone give 0.899 / 0.848 /
    /// 0.789. SemEval alone would take more (0.859 at 0.65, floor 0.3),
    /// which costs the clustering, so reported scores have their own blend
    /// (`score_meaning_share`). Swept again on 3 December after the headline,
    /// lead and name changes (128 tokens; ECB+ dev / NeuS dev+test): share
    /// 0.2 / 0.25 / 0.35 / 0.45 at floor 0.4 gave 0.9100 / 0.8597, 0.9139 /
    /// 0.8576, 0.9138 / 0.8545 and 0.9007 / 0.8495; floors 0.35 / 0.45 at
    /// 0.35, 0.9064 / 0.8494 and 0.9055 / 0.8546; 0.5 / 0.5, 0.8777 /
    /// 0.8517. 0.25 is better on both than 0.35.
    pub meaning_share: f32,
    /// Embedding cosines at or below this count as 0, and the rest are
    /// stretched to reach 1 at 1: unrelated news sits around 0.1–0.4 in
    /// all-MiniLM-L6-v2's space, where term cosines sit near 0. At share
    /// 0.35, floors 0.2 / 0.3 / 0.35 / 0.4 / 0.45 / 0.5 gave ECB+ 0.871 /
    /// 0.886 / 0.901 / 0.908 / 0.897 / 0.878 and NeuS 0.822 / 0.838 /
    /// 0.846 / 0.853 / 0.854 / 0.856: below 0.35 the embeddings pull
    /// unrelated stories together. That was the published model; the
    /// default model is now all-MiniLM-L6-v2-news (the news projection,
    /// `scripts/fit-projection.py`), whose map spreads other stories lower
    /// (the median cosine of NeuS dev+test candidate pairs of two stories
    /// went 0.51 → 0.34). On 3 December, session 23, with it (ECB+ dev /
    /// NeuS dev+test, share / floor): 0.25 / 0.4 0.9026 / 0.8707, 0.25 /
    /// 0.3 0.9130 / 0.8698, 0.25 / 0.25 0.9163 / 0.8688, 0.25 / 0.2 0.9186
    /// / 0.8657, 0.3 / 0.3 0.9157 / 0.8682, 0.3 / 0.25 0.9160 / 0.8678,
    /// 0.2 / 0.25 0.9109 / 0.8642, 0.35 / 0.25 0.9035 / 0.8669 (the
    /// published model at 0.25 / 0.4: 0.9139 / 0.8576). With the published
    /// model, set `meaning_floor=0.4`. Checked again with `weekday_penalty`
    /// (session 24; 0.9204 / 0.8743 at the defaults): floor 0.2 gave 0.9227
    /// / 0.8731, share 0.3 0.9202 / 0.8741, `meaning_tokens` 64 / 96 0.9103
    /// / 0.8779 and 0.9164 / 0.8744; no change on both.
    pub meaning_floor: f32,
    /// An article is embedded from its first this many tokens (headline
    /// first), or fewer if the model's limit is lower. all-MiniLM-L6-v2
    /// allows 256 but was trained on 128; at 128 rather than 256, ECB+ dev
    /// went 0.9078 → 0.9102 B³F1, NeuS dev+test 0.8527 → 0.8520, SemEval
    /// en-en (a file of those pairs alone) 0.859 → 0.865, and ECB+'s long
    /// articles were embedded twice as fast (eval 27 → 13.5 s).
    pub meaning_tokens: usize,
    /// The same blend for the score a pair reports (not for clustering):
    /// how similar two articles are overall weighs meaning more than
    /// whether they report one event, which hangs on names and numbers. On
    /// SemEval en-en (train-split pairs; a file of those pairs alone; 256 tokens)
    /// share / floor 0.35 / 0.4 gave Pearson 0.840, 0.65 / 0.4 0.853,
    /// 0.65 / 0.3 0.859, 0.8 / 0.3 0.859, 1.0 / 0.3 0.852, 0.65 / 0.2 0.846.
    pub score_meaning_share: f32,
    /// ...and its floor.
    pub score_meaning_floor: f32,
}

impl Tuning {
    /// Change one knob by name (`story_threshold=0.25`), for experiments
    /// such as `storyline eval --set`. Unknown names and bad numbers are errors.
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let (key, value) = assignment
            .split_once('=')
            .ok_or(format!("expected KEY=VALUE, got '{assignment}'"))?;
        let number: f64 = value
            .trim()
            .parse()
            .map_err(|_| format!("'{value}' is not a number"))?;
        let (f, n) = (number as f32, number as usize);
        match key.trim() {
            "title_weight" => self.title_weight = f,
            "name_boost" => self.name_boost = f,
            "sentence_name_boost" => self.sentence_name_boost = f,
            "number_boost" => self.number_boost = f,
            "lead_sentences" => self.lead_sentences = n,
            "lead_boost" => self.lead_boost = f,
            "max_postings" => self.max_postings = n,
            "min_searched_terms" => self.min_searched_terms = n,
            "min_edge" => self.min_edge = f,
            "neighbours" => self.neighbours = n,
            "story_threshold" => self.story_threshold = f,
            "smoothed_story_threshold" => self.smoothed_story_threshold = f,
            "cohesion_ratio" => self.cohesion_ratio = f,
            "cohesion_cap" => self.cohesion_cap = f,
            "profile_size" => self.profile_size = n,
            "profile_self_weight" => self.profile_self_weight = f,
            "profile_share" => self.profile_share = f,
            "score_exponent" => self.score_exponent = f,
            "date_window_days" => self.date_window_days = number as i64,
            "date_penalty" => self.date_penalty = f,
            "weekday_penalty" => self.weekday_penalty = f,
            "near_copy_min_copied" => self.near_copy_min_copied = f,
            "near_copy_min_cosine" => self.near_copy_min_cosine = f,
            "rewrite_min_coverage" => self.rewrite_min_coverage = f,
            "rewrite_min_sentence_share" => self.rewrite_min_sentence_share = f,
            "edited_min" => self.align.edited_min = f,
            "paraphrase_min" => self.align.paraphrase_min = f,
            "max_all_pairs" => self.max_all_pairs = n,
            "index_postings_cap" => self.index_postings_cap = n,
            "index_candidates" => self.index_candidates = n,
            "index_labels" => self.index_labels = n,
            "index_label_min_cosine" => self.index_label_min_cosine = f,
            "dedup_threshold" => self.dedup_threshold = f,
            "meaning_share" => self.meaning_share = f,
            "meaning_floor" => self.meaning_floor = f,
            "meaning_tokens" => self.meaning_tokens = n,
            "score_meaning_share" => self.score_meaning_share = f,
            "score_meaning_floor" => self.score_meaning_floor = f,
            other => return Err(format!("unknown tuning knob '{other}'")),
        }
        Ok(())
    }
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            title_weight: 3.0,
            name_boost: 1.2,
            sentence_name_boost: 1.5,
            number_boost: 2.5,
            lead_sentences: 3,
            lead_boost: 1.6,
            max_postings: 200,
            min_searched_terms: 3,
            min_edge: 0.05,
            neighbours: 40,
            story_threshold: 0.225,
            smoothed_story_threshold: 0.175,
            cohesion_ratio: 0.5,
            cohesion_cap: 0.6,
            profile_size: 3,
            profile_self_weight: 1.0,
            profile_share: 0.2,
            score_exponent: 0.5,
            date_window_days: 60,
            date_penalty: 1.0,
            weekday_penalty: 0.8,
            near_copy_min_copied: 0.5,
            near_copy_min_cosine: 0.85,
            rewrite_min_coverage: 0.6,
            rewrite_min_sentence_share: 0.6,
            align: AlignParams {
                edited_min: 0.55,
                paraphrase_min: 0.3,
            },
            max_all_pairs: 40,
            index_postings_cap: 300,
            index_candidates: 60,
            index_labels: 5,
            index_label_min_cosine: 0.3,
            dedup_threshold: 0.7,
            meaning_share: 0.25,
            meaning_floor: 0.25,
            meaning_tokens: 128,
            score_meaning_share: 0.65,
            score_meaning_floor: 0.3,
        }
    }
}

impl Tuning {
    /// How embeddings are blended into the links stories are made of.
    pub fn link_blend(&self) -> Blend {
        Blend {
            share: self.meaning_share,
            floor: self.meaning_floor,
        }
    }

    /// How embeddings are blended into the score a pair reports.
    pub fn score_blend(&self) -> Blend {
        Blend {
            share: self.score_meaning_share,
            floor: self.score_meaning_floor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knobs_are_set_by_name_and_mistakes_reported() {
        let mut t = Tuning::default();
        t.set("story_threshold=0.3").unwrap();
        t.set(" paraphrase_min = 0.4").unwrap();
        assert_eq!(t.story_threshold, 0.3);
        assert_eq!(t.align.paraphrase_min, 0.4);
        assert!(t
            .set("no_such_knob=1")
            .unwrap_err()
            .contains("unknown tuning knob"));
        assert!(t.set("story_threshold").unwrap_err().contains("KEY=VALUE"));
        assert!(t
            .set("story_threshold=high")
            .unwrap_err()
            .contains("not a number"));
    }
}
