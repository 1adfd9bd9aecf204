//! `storyline serve --index DIR`

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The index directory (created on first use).
    #[arg(long)]
    index: PathBuf,
    /// Address to listen on; port 0 picks a free port (printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Require `Authorization: Bearer TOKEN` for writes.
    #[arg(long, env = "STORYLINE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest request body, and longest line of a stream, in bytes.
    #[arg(long, default_value_t = 4 * 1024 * 1024)]
    max_body: usize,
}

pub fn run(args: Args) -> Result<(), String> {
    storyline_server::serve(storyline_server::Config {
        index: args.index,
        addr: args.addr,
        token: args.token.filter(|t| !t.is_empty()),
        max_body: args.max_body,
    })
}
