//! Starting the reader: the brief, the library or the samples to open, the
//! config and theme applied, then the event loop; how it ended as an
//! [`Exit`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use brief::app::App;
use brief::app::open::{Env, Origin, notes_for};
use brief::app::run::Ended;
use brief::cli::Global;
use brief::commands::dispatch::{config, data_dir, is_stdin, load_any};
use brief::config::Config;
use brief::document::load::precheck;
use brief::document::{LoadOptions, parse};
use brief::theme::ColorDepth;

use crate::Exit;

/// Briefs up to this size are read before the screen is taken over; larger
/// ones load on a background thread behind a "Loading" line.
const SMALL_BRIEF: u64 = 512 * 1024;

/// The reader: one brief full-screen, loaded off the UI thread. A brief
/// piped in (`brief -`, or stdin not a terminal) is read first; keys then
/// come from the terminal.
pub fn reader(path: Option<&Path>, global: &Global) -> anyhow::Result<Exit> {
    let env = Env {
        data_dir: data_dir(global),
    };
    let piped = path.is_none_or(is_stdin) && (path.is_some() || !std::io::stdin().is_terminal());
    let mut app = if piped {
        let brief = load_any(Path::new("-"))?;
        let (notes, warning) = notes_for(&env, Origin::Stdin, &brief);
        let mut app = App::with_notes(brief, notes);
        app.message = warning.map(|text| brief::app::Message { text, error: true });
        app
    } else {
        let (config, _) = config(global);
        match path {
            Some(p) if p.is_dir() => App::library(p),
            Some(p) => {
                // Fail on the shell, before taking the screen, when the file
                // cannot be a brief; only the parse runs in the background.
                precheck(p, LoadOptions::default())?;
                if std::fs::metadata(p).is_ok_and(|m| m.len() <= SMALL_BRIEF) {
                    // Parsed in a few milliseconds: no "Loading" frame.
                    let loaded = brief::app::open::load(&env, p).map_err(anyhow::Error::msg)?;
                    App::opened(loaded)
                } else {
                    App::loading(p)
                }
            }
            None => match default_library(&config, env.data_dir.as_deref()) {
                Some(dir) => App::library(&dir),
                None => {
                    let (name, text) = brief::samples::SAMPLES[0];
                    let brief = parse(text, name.trim_end_matches(".md"));
                    let (notes, warning) = notes_for(&env, Origin::Builtin, &brief);
                    let mut app = App::with_notes(brief, notes);
                    app.message = warning.map(|text| brief::app::Message { text, error: false });
                    app
                }
            },
        }
    };
    let depth = ColorDepth::from_env();
    let (config, problems) = config(global);
    config.apply_to(&mut app);
    let (theme, theme_warning) = config.theme(depth);
    app.theme = theme;
    app.themes = config.themes(depth).0;
    // Problems with the theme or config.toml outlive the first brief's load.
    app.notice = theme_warning.or_else(|| {
        problems
            .first()
            .map(|p| format!("{p} (brief config shows all)"))
    });
    if app.message.is_none() {
        app.message = app
            .notice
            .clone()
            .map(|text| brief::app::Message { text, error: true });
    }
    let ended = brief::app::run::run(&mut app, env, config.mouse).context("terminal error")?;
    match (ended, app.fatal) {
        (Ended::Quit, Some(message)) => anyhow::bail!(message),
        (Ended::Quit, None) => Ok(Exit::Done),
        (Ended::Signal(signal), fatal) => {
            if let Some(message) = fatal {
                let _ = writeln!(std::io::stderr(), "brief: {message}");
            }
            Ok(Exit::Signal(signal))
        }
    }
}

/// With no argument: the configured library folder, else ./briefs, else
/// the samples built into the binary, written once to the data folder so
/// that notes and reading state work on them too.
fn default_library(config: &Config, data_dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = &config.library {
        return Some(dir.clone());
    }
    let local = Path::new("briefs");
    if local.is_dir() {
        return Some(local.to_path_buf());
    }
    let dir = data_dir?.join("samples");
    std::fs::create_dir_all(&dir).ok()?;
    for (name, text) in brief::samples::SAMPLES {
        let path = dir.join(name);
        // Never overwrite: the reader may have edited a sample.
        if !path.exists() {
            std::fs::write(&path, text).ok()?;
        }
    }
    Some(dir)
}
