use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use brief::app::App;
use brief::app::open::{Env, open_notes};
use brief::cli::{Cli, Command, Global};
use brief::commands;
use brief::document::load::precheck;
use brief::document::{LoadOptions, load_path, parse};
use brief::notes::store::Store;

fn main() -> ExitCode {
    install_panic_message();
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

/// The reader: one brief full-screen, loaded off the UI thread.
fn read(path: Option<&Path>, global: &Global) -> anyhow::Result<()> {
    let env = Env {
        data_dir: data_dir(global),
    };
    let mut app = match path.map(Path::to_path_buf).or_else(first_local_brief) {
        Some(p) => {
            // Fail on the shell, before taking the screen, when the file
            // cannot be a brief; only the parse runs in the background.
            precheck(&p, LoadOptions::default())?;
            App::loading(&p)
        }
        None => {
            let (name, text) = brief::samples::SAMPLES[0];
            let brief = parse(text, name.trim_end_matches(".md"));
            let (notes, warning) = open_notes(&env, None, &brief);
            let mut app = App::with_notes(brief, notes);
            app.message = warning.map(|text| brief::app::Message { text, error: false });
            app
        }
    };
    brief::app::run::run(&mut app, env).context("terminal error")?;
    match app.fatal {
        Some(message) => anyhow::bail!(message),
        None => Ok(()),
    }
}

/// With no argument: the first brief of ./briefs when that folder exists
/// (the built-in samples otherwise).
fn first_local_brief() -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("briefs")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
        .collect();
    files.sort();
    files.into_iter().next()
}

/// Panics print a sanitised message: a panic can quote document text, and
/// nothing from a document may reach the terminal as a control sequence.
/// (The reader's terminal hooks wrap this one, so the screen is restored
/// before it prints.)
fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "brief crashed: {}{place}\nThis is a bug; please report it with the command you ran.",
            brief::document::sanitize::sanitize_line(&payload)
        );
    }));
}
