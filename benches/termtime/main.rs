//! termtime: how fast does a terminal program show its first screen and
//! answer a key?
//!
//! ```text
//! cargo run --release --example termtime -- [OPTIONS] -- PROGRAM [ARGS...]
//! cargo run --release --example termtime -- --expect 'This brief' --key G --key ']' \
//!     --key j --key space --runs 5 -- target/release/brief big.md
//! ```
//!
//! It starts PROGRAM in a pseudo-terminal (120x40 unless `--size`), feeds
//! its output into a terminal model (`vt100`) and reports:
//! - start -> first screen: from spawning to the first output that leaves
//!   the screen showing `--expect TEXT` (or anything, without it);
//! - start -> settled: the last byte of the start-up output, once no byte
//!   came for `--settle` ms (the quiet window itself is not counted);
//! - for each `--key`: from writing the key to the first byte of output and
//!   to the last byte before the output settles;
//! - peak RSS: VmHWM of the process from /proc (Linux);
//! - then it sends `--quit` (default `q`) and times the exit.
//!
//! Nothing here knows about `brief`: any full-screen program works. With
//! `--runs N` every figure is the median of N fresh starts. Errors print a
//! message and exit with status 2.

mod keys;
mod report;
mod screen;
mod session;

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use session::Plan;

#[derive(Debug, Parser)]
#[command(
    name = "termtime",
    about = "Times a terminal program in a pseudo-terminal: start -> first screen, \
             key -> frame, peak RSS.",
    after_help = "Keys: a character (j, G, ]), or enter, esc, tab, backtab, space, backspace, \
                  delete, up, down, left, right, home, end, pageup, pagedown, f1-f12, with \
                  ctrl- or alt- in front; hex:1b5b41 or text:abc for anything else."
)]
struct Cli {
    /// Terminal size, COLSxROWS.
    #[arg(long, default_value = "120x40", value_parser = parse_size)]
    size: (u16, u16),
    /// Text whose appearance on screen marks the first screen [default: any
    /// non-blank screen].
    #[arg(long)]
    expect: Option<String>,
    /// A key to press and time, after the first screen; repeat for more.
    #[arg(long = "key", value_parser = keys::parse)]
    keys: Vec<keys::Key>,
    /// The key that quits the program.
    #[arg(long, default_value = "q", value_parser = keys::parse)]
    quit: keys::Key,
    /// Output is done once no byte arrives for this many milliseconds.
    #[arg(long, default_value_t = 100)]
    settle: u64,
    /// Seconds to wait for the first screen, for each key's output, and
    /// for the exit after the quit key.
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// Start the program this many times and report medians.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    runs: u32,
    /// The TERM the program sees.
    #[arg(long, default_value = "xterm-256color")]
    term: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// The program and its arguments (after `--`).
    #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
    command: Vec<String>,
}

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (c, r) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s}: give COLSxROWS, like 120x40"))?;
    let n = |v: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|&n| (2..=1000).contains(&n))
            .ok_or_else(|| format!("{s}: columns and rows are numbers from 2 to 1000"))
    };
    Ok((n(c)?, n(r)?))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("termtime: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    if !(cli.timeout.is_finite() && cli.timeout > 0.0) {
        return Err(format!(
            "--timeout {}: give a positive number of seconds",
            cli.timeout
        ));
    }
    let plan = Plan {
        command: cli.command.clone(),
        cols: cli.size.0,
        rows: cli.size.1,
        term: cli.term.clone(),
        expect: cli.expect.clone(),
        keys: cli.keys.clone(),
        quit: cli.quit.clone(),
        settle: Duration::from_millis(cli.settle),
        timeout: Duration::from_secs_f64(cli.timeout),
    };
    let mut runs = Vec::with_capacity(cli.runs as usize);
    for i in 0..cli.runs {
        let run = session::run(&plan).map_err(|e| {
            if cli.runs > 1 {
                format!("run {} of {}: {e}", i + 1, cli.runs)
            } else {
                e
            }
        })?;
        runs.push(run);
    }
    let summary = report::Summary::of(&plan, &runs);
    if cli.json {
        println!("{}", summary.json());
    } else {
        print!("{}", summary.table());
    }
    Ok(())
}
