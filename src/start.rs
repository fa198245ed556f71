//! Starting the reader: the settings and theme from the config, the brief,
//! the library or the samples to open, then the event loop; how it ended
//! as an [`Exit`]. Everything here runs before the screen is taken over,
//! so a brief that cannot be opened fails on the shell.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use brief::app::{App, Ending, LoadRequest, Start, Startup};
use brief::cli::Global;
use brief::commands::dispatch::{config, data_dir, is_stdin, load_any};
use brief::config::Config;
use brief::document::load::precheck;
use brief::document::{LoadOptions, parse};
use brief::runtime::Env;
use brief::runtime::open::{load, loaded_without_file};
use brief::theme::ColorDepth;

use crate::Exit;

/// Briefs up to this size are read before the screen is taken over; larger
/// ones load on a background thread behind a "Loading" line.
const SMALL_BRIEF: u64 = 512 * 1024;

/// The reader: one brief full-screen, loaded off the UI thread. A brief
/// piped in (`brief -`, or stdin not a terminal) is read first; keys then
/// come from the terminal.
pub fn reader(path: Option<&Path>, global: &Global) -> anyhow::Result<Exit> {
    let (config, problems) = config(global);
    let env = Env {
        data_dir: data_dir(global),
        team: config.team(),
    };
    let depth = ColorDepth::from_env();
    let (theme, theme_warning) = config.theme(depth);
    let themes = config.themes(depth).0;
    let mut settings = config.settings(theme_warning, &problems);
    settings.cwd = std::env::current_dir().ok();
    settings.home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    if settings.library.is_none() {
        settings.library = Some(PathBuf::from("briefs"))
            .filter(|d| d.is_dir())
            .and_then(|d| std::fs::canonicalize(d).ok());
    }
    let start = what_to_open(path, &config, &env)?;
    let mouse = settings.mouse;
    let mut app = App::new(Startup {
        settings,
        theme,
        themes,
        start,
    });
    // A terminal error says "terminal error: …"; no terminal at all says
    // which commands work without one.
    let ending = brief::runtime::run(&mut app, env, mouse)?;
    // Notes lost on the way out end like any command that had to leave
    // something out: said on stderr, exit code 2.
    if let (None, Some(lost)) = (ending.signal, &ending.lost) {
        anyhow::bail!(lost.clone());
    }
    if let Some(lost) = &ending.lost {
        crate::warn(lost);
    }
    match ending {
        Ending {
            signal: Some(signal),
            fatal,
            ..
        } => {
            if let Some(message) = fatal {
                crate::warn(&message);
            }
            Ok(Exit::Signal(signal))
        }
        Ending {
            fatal: Some(message),
            ..
        } => anyhow::bail!(message),
        Ending { .. } => Ok(Exit::Done),
    }
}

/// The brief, library or sample the reader starts on.
fn what_to_open(path: Option<&Path>, config: &Config, env: &Env) -> anyhow::Result<Start> {
    let piped = path.is_none_or(is_stdin) && (path.is_some() || !std::io::stdin().is_terminal());
    if piped {
        let brief = load_any(Path::new("-"))?;
        return Ok(Start::Opened(Box::new(loaded_without_file(
            env, brief, true,
        ))));
    }
    Ok(match path {
        Some(p) if p.is_dir() => Start::Library(p.to_path_buf()),
        Some(p) => {
            // Fail on the shell, before taking the screen, when the file
            // cannot be a brief; only the parse runs in the background.
            precheck(p, LoadOptions::default())?;
            if std::fs::metadata(p).is_ok_and(|m| m.len() <= SMALL_BRIEF) {
                // Parsed in a few milliseconds: no "Loading" frame.
                let request = LoadRequest {
                    path: p.to_path_buf(),
                    at: None,
                    reload: false,
                    back: None,
                    attach: None,
                };
                let loaded = load(env, &request).map_err(anyhow::Error::msg)?;
                Start::Opened(Box::new(loaded))
            } else {
                Start::Load(p.to_path_buf())
            }
        }
        None => match default_library(config, env.data_dir.as_deref()) {
            Some(dir) => Start::Library(dir),
            None => {
                let (name, text) = brief::samples::SAMPLES[0];
                let brief = parse(text, name.trim_end_matches(".md"));
                Start::Opened(Box::new(loaded_without_file(env, brief, false)))
            }
        },
    })
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
