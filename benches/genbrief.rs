//! Writes a generated brief to stdout, or a library of briefs to a folder.
//!
//! ```text
//! cargo run --release --example genbrief -- 10MB > big.md
//! cargo run --release --example genbrief -- 1MB --seed 7 > other.md
//! cargo run --release --example genbrief -- --library 1000 /tmp/briefs
//! cargo run --release --example genbrief -- --library 100000 /tmp/lib100k --size 10KB
//! ```
//!
//! Sizes are binary: `100KB` is 102,400 bytes, `1MB` is 1,048,576. The brief
//! may overshoot the size by one section.

#[path = "gen/mod.rs"]
mod generator;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: genbrief SIZE [--seed N]        (SIZE like 100KB, 1MB, 10MB)\n       \
                     genbrief --library COUNT DIR [--size SIZE] [--seed N]   (briefs of 50KB \
                     unless --size)";

enum Job {
    Brief(usize),
    /// How many briefs, where, and of what size (None: the default).
    Library(usize, PathBuf, Option<usize>),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args).and_then(|(job, seed)| run(job, seed)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("genbrief: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<(Job, u64), String> {
    let mut seed = generator::SEED;
    let mut job = None;
    let mut each = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Err(USAGE.to_owned()),
            "--seed" => {
                let value = it.next().ok_or("--seed needs a number")?;
                seed = value
                    .parse()
                    .map_err(|_| format!("--seed {value}: not a number"))?;
            }
            "--library" => {
                let count = it.next().ok_or("--library needs COUNT and DIR")?;
                let count = count
                    .parse()
                    .map_err(|_| format!("--library {count}: COUNT is not a number"))?;
                let dir = it.next().ok_or("--library needs COUNT and DIR")?;
                job = Some(Job::Library(count, PathBuf::from(dir), None));
            }
            "--size" => {
                let value = it.next().ok_or("--size needs a size")?;
                each = Some(
                    generator::parse_size(value)
                        .ok_or_else(|| format!("--size {value}: not a size (try 10KB)"))?,
                );
            }
            size if job.is_none() => {
                let bytes = generator::parse_size(size)
                    .ok_or_else(|| format!("{size}: not a size (try 100KB, 1MB, 10MB)\n{USAGE}"))?;
                job = Some(Job::Brief(bytes));
            }
            other => return Err(format!("unexpected argument {other}\n{USAGE}")),
        }
    }
    match (job, each) {
        (Some(Job::Library(count, dir, _)), size) => Ok((Job::Library(count, dir, size), seed)),
        (Some(_), Some(_)) => Err(format!("--size is for --library\n{USAGE}")),
        (Some(job), None) => Ok((job, seed)),
        (None, _) => Err(USAGE.to_owned()),
    }
}

fn run(job: Job, seed: u64) -> Result<(), String> {
    match job {
        Job::Brief(bytes) => {
            let text = generator::brief(bytes, seed);
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                // `genbrief 10MB | head` is fine.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(|e| format!("cannot write to stdout: {e}")),
            }
        }
        Job::Library(count, dir, size) => {
            let size = size.unwrap_or(generator::LIBRARY_BRIEF);
            let files = generator::library_of(&dir, count, size, seed)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
            eprintln!("wrote {} briefs to {}", files.len(), dir.display());
            Ok(())
        }
    }
}
