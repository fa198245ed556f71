use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use brief::app::App;
use brief::cli::{Cli, Command};
use brief::commands;
use brief::document::{Brief, LoadOptions, load_path, parse};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("brief: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Outline { file, json }) => {
            let brief = load_path(&file, LoadOptions::default())?;
            let out = if json {
                commands::outline::json(&brief)
            } else {
                commands::outline::text(&brief)
            };
            print!("{out}");
            Ok(())
        }
        None => {
            let brief = match cli.path {
                Some(path) => load_path(&path, LoadOptions::default())?,
                None => default_brief()?,
            };
            let mut app = App::new(brief);
            brief::app::run::run(&mut app).context("terminal error")
        }
    }
}

/// With no argument: the first brief of ./briefs when that folder exists,
/// else the first sample built into the binary.
fn default_brief() -> anyhow::Result<Brief> {
    let dir = Path::new("briefs");
    if dir.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot list {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
            .collect();
        files.sort();
        if let Some(first) = files.first() {
            return Ok(load_path(first, LoadOptions::default())?);
        }
    }
    let (name, text) = brief::samples::SAMPLES[0];
    Ok(parse(text, name.trim_end_matches(".md")))
}
