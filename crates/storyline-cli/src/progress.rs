//! The engine's progress reports drawn as a bar on stderr (only on a
//! terminal), and optionally each stage's time and rate.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;
use std::time::Instant;
use storyline_engine::Progress;

/// Inputs smaller than this finish too fast for a bar to help.
const MIN_ITEMS_FOR_BAR: u64 = 2_000;

/// The stage under way.
struct Stage {
    name: String,
    /// Items expected, or 0 when not known in advance (a streamed input).
    total: u64,
    done: u64,
    started: Instant,
    bar: Option<ProgressBar>,
}

/// A progress bar per pipeline stage.
pub struct Bar {
    timings: bool,
    current: Mutex<Option<Stage>>,
}

impl Bar {
    /// `timings`: print each stage's duration and rate to stderr when it ends.
    pub fn new(timings: bool) -> Self {
        Bar {
            timings,
            current: Mutex::new(None),
        }
    }
}

/// A bar for a known number of items; a counter when it is not known.
fn draw(stage: &str, total: u64) -> Option<ProgressBar> {
    let target = ProgressDrawTarget::stderr();
    let (bar, template) = match total {
        0 => (
            ProgressBar::with_draw_target(None, target),
            "{msg:>16} {pos} ({per_sec}, {elapsed})",
        ),
        n if n >= MIN_ITEMS_FOR_BAR => (
            ProgressBar::with_draw_target(Some(n), target),
            "{msg:>16} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
        ),
        _ => return None,
    };
    let style = ProgressStyle::with_template(template)
        .expect("valid template")
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(stage.to_string());
    Some(bar)
}

impl Progress for Bar {
    fn start(&self, stage: &str, total: u64) {
        let stage = Stage {
            name: stage.to_string(),
            total,
            done: 0,
            started: Instant::now(),
            bar: draw(stage, total),
        };
        *self.current.lock().expect("progress lock") = Some(stage);
    }

    fn advance(&self, n: u64) {
        if let Some(stage) = self.current.lock().expect("progress lock").as_mut() {
            stage.done += n;
            if let Some(bar) = &stage.bar {
                bar.inc(n);
            }
        }
    }

    fn finish(&self) {
        let Some(stage) = self.current.lock().expect("progress lock").take() else {
            return;
        };
        if let Some(bar) = stage.bar {
            bar.finish_and_clear();
        }
        if self.timings {
            let items = if stage.total == 0 {
                stage.done
            } else {
                stage.total
            };
            let seconds = stage.started.elapsed().as_secs_f64();
            let rate = items as f64 / seconds.max(1e-9);
            eprintln!(
                "{:>16}: {items} items in {seconds:.2} s ({rate:.0}/s){}",
                stage.name,
                memory().map_or(String::new(), |m| format!(", {m}"))
            );
        }
    }
}

/// Resident memory now and at its peak so far, where the system reports
/// it (Linux's `/proc`), so `--timings` shows which stage holds what.
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    let (now, peak) = (field("VmRSS:")?, field("VmHWM:")?);
    Some(format!("RSS {} MB, peak {} MB", now / 1024, peak / 1024))
}
