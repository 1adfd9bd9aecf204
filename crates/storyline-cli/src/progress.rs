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
    total: u64,
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

impl Progress for Bar {
    fn start(&self, stage: &str, total: u64) {
        let bar = (total >= MIN_ITEMS_FOR_BAR).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{msg:>16} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
            )
            .expect("valid template")
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(stage.to_string());
            bar
        });
        let stage = Stage {
            name: stage.to_string(),
            total,
            started: Instant::now(),
            bar,
        };
        *self.current.lock().expect("progress lock") = Some(stage);
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = self
            .current
            .lock()
            .expect("progress lock")
            .as_ref()
            .and_then(|s| s.bar.as_ref())
        {
            bar.inc(n);
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
            let seconds = stage.started.elapsed().as_secs_f64();
            let rate = stage.total as f64 / seconds.max(1e-9);
            eprintln!(
                "{:>16}: {} items in {seconds:.2} s ({rate:.0}/s){}",
                stage.name,
                stage.total,
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
