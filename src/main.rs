use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use brief::app::App;
use brief::app::notes::{MemoryBacking, NotesState, StoreBacking};
use brief::cli::{Cli, Command, Global};
use brief::commands;
use brief::document::{Brief, LoadOptions, load_path, parse};
use brief::notes::anchor::fingerprint;
use brief::notes::store::{Header, Store};

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
    let Some(command) = cli.command else {
        return read(cli.path.as_deref(), &cli.global);
    };
    let out = match command {
        Command::Outline { file, json } => {
            let brief = load_path(&file, LoadOptions::default())?;
            if json {
                commands::outline::json(&brief)
            } else {
                commands::outline::text(&brief)
            }
        }
        Command::Notes { file, tags, format } => {
            commands::notes::notes(&store(&cli.global)?, file.as_deref(), &tags, format)?
        }
        Command::Tags { file } => commands::notes::tags(&store(&cli.global)?, file.as_deref())?,
        Command::Annotate {
            file,
            section,
            block,
            tags,
            note,
        } => commands::notes::annotate(
            &store(&cli.global)?,
            &file,
            section,
            block,
            &tags,
            note.as_deref(),
        )?,
    };
    print!("{out}");
    Ok(())
}

fn data_dir(global: &Global) -> Option<PathBuf> {
    global.data_dir.clone().or_else(Store::default_data_dir)
}

fn store(global: &Global) -> anyhow::Result<Store> {
    let dir = data_dir(global).context("no data folder: set BRIEF_DATA_DIR or pass --data-dir")?;
    Ok(Store::open_dir(&dir)?)
}

/// The reader: one brief full-screen.
fn read(path: Option<&Path>, global: &Global) -> anyhow::Result<()> {
    let (brief, source) = match path {
        Some(p) => (load_path(p, LoadOptions::default())?, Some(p.to_path_buf())),
        None => default_brief()?,
    };
    let (notes, warning) = open_notes(global, source.as_deref(), &brief);
    let mut app = App::with_notes(brief, notes);
    if let Some(w) = warning {
        app.message = Some(brief::app::Message {
            text: w,
            error: true,
        });
    }
    brief::app::run::run(&mut app).context("terminal error")
}

/// The notes of a brief from the store, or in memory with a warning when
/// the data folder cannot be used: reading never fails for want of notes.
fn open_notes(
    global: &Global,
    source: Option<&Path>,
    brief: &Brief,
) -> (NotesState, Option<String>) {
    let memory = |why: String| {
        let backing = MemoryBacking {
            why: Some(why.clone()),
            ..MemoryBacking::default()
        };
        (
            NotesState::new(brief, Vec::new(), Box::new(backing)),
            Some(why),
        )
    };
    let Some(path) = source else {
        return memory("built-in sample: notes are not saved".to_owned());
    };
    let store = match store(global) {
        Ok(s) => s,
        Err(e) => return memory(format!("notes kept in memory only: {e:#}")),
    };
    let fp = fingerprint(brief);
    match store.open_brief(Some(path), &brief.title, &fp) {
        Ok(file) => {
            let warning = file.read_only.clone();
            let backing =
                StoreBacking::new(store, file, Header::new(Some(path), &brief.title, &fp));
            let notes = backing.loaded();
            (NotesState::new(brief, notes, Box::new(backing)), warning)
        }
        Err(e) => memory(format!("notes kept in memory only: {e}")),
    }
}

/// With no argument: the first brief of ./briefs when that folder exists,
/// else the first sample built into the binary.
fn default_brief() -> anyhow::Result<(Brief, Option<PathBuf>)> {
    let dir = Path::new("briefs");
    if dir.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot list {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
            .collect();
        files.sort();
        if let Some(first) = files.first() {
            return Ok((
                load_path(first, LoadOptions::default())?,
                Some(first.clone()),
            ));
        }
    }
    let (name, text) = brief::samples::SAMPLES[0];
    Ok((parse(text, name.trim_end_matches(".md")), None))
}
