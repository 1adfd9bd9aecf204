//! `storyline`: which news articles tell the same story, and how they relate.
//!
//! A thin layer over the library crates: argument parsing here, the work in
//! `storyline-engine`, the rendering in [`output`].

mod cmd;
mod input;
mod output;
mod pages;
mod progress;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc keeps allocations of one size together and gives emptied pages
/// back to the system. Preparing an article makes many small allocations,
/// and a million articles' term vectors, freed before clustering, left the
/// system allocator's heap too fragmented to reuse for the clustering.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "storyline",
    version,
    about = "Find which news articles tell the same story, and how each pair is related."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Group articles into stories and label every pair inside a story.
    Cluster(cmd::cluster::Args),
    /// Find near-copies only, fast (no stories, no alignment).
    Dedup(cmd::dedup::Args),
    /// Show side by side how two articles relate.
    Compare(cmd::compare::Args),
    /// A persistent story index on disk: add articles over time, query it.
    Index(cmd::index::Args),
    /// Serve the index over HTTP: JSON API, metrics and a web page.
    Serve(cmd::serve::Args),
    /// Print each article's sentence embedding (JSON lines; needs --model).
    Embed(cmd::embed::Args),
    /// Score storyline against labelled data.
    Eval(cmd::eval::Args),
    /// Benchmark tools: generate a synthetic corpus with planted copies.
    Bench(cmd::bench::Args),
}

fn main() -> ExitCode {
    pages::use_small_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Cluster(args) => cmd::cluster::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Dedup(args) => cmd::dedup::run(args),
        Command::Index(args) => cmd::index::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Embed(args) => cmd::embed::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Bench(args) => cmd::bench::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("storyline: {message}");
            ExitCode::FAILURE
        }
    }
}
