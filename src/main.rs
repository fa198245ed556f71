use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use brief::document::sanitize::sanitize;
use clap::Parser;

use brief::app::{App, Ending, LoadRequest, Start, Startup};
use brief::runtime::Env;
use brief::runtime::open::{load, loaded_without_file};
use brief::cli::{Cli, Command, Global, TagsAction};
use brief::commands;
use brief::commands::notes::Annotation;
use brief::config::{Config, ConfigProblem, Origin as ConfigOrigin};
use brief::document::load::{load_reader, precheck};
use brief::document::{Brief, LoadOptions, load_path, parse};
use brief::notes::TagOp;
use brief::notes::export::Filter;
use brief::notes::store::Store;
use brief::theme::ColorDepth;

fn main() -> ExitCode {
    install_panic_message();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match run(cli) {
        Ok(Exit::Done) => ExitCode::SUCCESS,
        Ok(Exit::NoMatch) => ExitCode::from(1),
        Ok(Exit::Signal(signal)) => ExitCode::from(signal_code(signal)),
        Err(err) => {
            // Not eprintln!: a closed stderr must not turn an error into a
            // crash.
            let _ = writeln!(std::io::stderr(), "brief: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// How a successful run ends: `brief search` exits 1 when nothing
/// matches, as grep does; the reader ended by a signal exits 128 + the
/// signal's number, as the shell reports a process the signal killed.
enum Exit {
    Done,
    NoMatch,
    Signal(i32),
}

fn signal_code(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(u8::MAX)
}

/// Writes a command's output to stdout. A reader that stops early
/// (`brief search … | head -1`) closes the pipe: that is a normal end, the
/// rest of the output is dropped and the command ends as it would have.
/// Any other failure to write (a full disk) is an error.
fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.context("could not write the output"),
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    let Some(command) = cli.command else {
        return read(cli.path.as_deref(), &cli.global);
    };
    let out = match command {
        Command::Outline { file, json } => {
            let brief = load_any(&file)?;
            if json {
                commands::outline::json(&brief)
            } else {
                commands::outline::text(&brief)
            }
        }
        Command::Notes {
            file,
            tags,
            kinds,
            since,
            brief_pattern,
            format,
        } => {
            let filter = Filter {
                tags,
                kinds,
                since,
                brief: brief_pattern,
                under: None,
            };
            partial(commands::notes::notes(
                &store(&cli.global)?,
                file.as_deref(),
                &filter,
                format,
            ))?
        }
        Command::Tags { file, action } => {
            let store = store(&cli.global)?;
            match action {
                None => partial(commands::notes::tags(&store, file.as_deref()))?,
                Some(TagsAction::Rename { old, new }) => {
                    commands::notes::tags_change(&store, &TagOp::Rename { old, new })?
                }
                Some(TagsAction::Delete { tag }) => {
                    commands::notes::tags_change(&store, &TagOp::Delete { tag })?
                }
            }
        }
        Command::Annotate {
            file,
            section,
            block,
            tags,
            note,
            kind,
            stance,
        } => commands::notes::annotate(
            &store(&cli.global)?,
            &file,
            &Annotation {
                section,
                block,
                tags: &tags,
                note: note.as_deref(),
                kind,
                stance,
            },
        )?,
        Command::Search { query, dir, json } => {
            let (config, _) = config(&cli.global);
            let Some(dir) = dir
                .or(config.library.clone())
                .or_else(|| Some(PathBuf::from("briefs")).filter(|d| d.is_dir()))
            else {
                anyhow::bail!(
                    "no library to search: give a folder (brief search QUERY DIR), or set \
                     `library` in config.toml (brief config --default shows how)"
                );
            };
            match commands::search::search(&query, &dir, data_dir(&cli.global).as_deref(), json) {
                Err(commands::CliError::NoMatch) => return Ok(Exit::NoMatch),
                Ok(found) => {
                    emit(&found.output)?;
                    if let Some(more) = found.more {
                        let _ = writeln!(std::io::stderr(), "brief: {more}");
                    }
                    return Ok(Exit::Done);
                }
                Err(e) => return Err(e.into()),
            }
        }
        Command::Themes => {
            let (config, _) = config(&cli.global);
            let (themes, errors) = brief::theme::available(config.theme_dir());
            let color = std::io::stdout().is_terminal();
            commands::themes::list(
                &themes,
                &errors,
                &config.theme,
                ColorDepth::from_env(),
                color,
            )
        }
        Command::Config { default: true } => commands::config::default_file().to_owned(),
        Command::Config { default: false } => {
            // It quotes config.toml and its paths: sanitised as a whole.
            let (c, p) = config(&cli.global);
            sanitize(&commands::config::show(&c, &p)).into_owned()
        }
        Command::Cite {
            file,
            section,
            block,
            format,
        } => commands::notes::cite(&file, section, block, format)?,
        Command::Memo {
            tags,
            kinds,
            group_by,
            dir,
        } => {
            let filter = Filter {
                tags,
                kinds,
                under: dir,
                ..Filter::default()
            };
            partial(commands::notes::memo(
                &store(&cli.global)?,
                &filter,
                group_by,
            ))?
        }
    };
    emit(&out)?;
    Ok(Exit::Done)
}

/// A command whose output may be incomplete: what there is goes to
/// stdout, then why it is incomplete is reported as the error (exit 2).
fn partial(result: Result<String, commands::CliError>) -> anyhow::Result<String> {
    match result {
        Err(commands::CliError::Incomplete { output, problems }) => {
            emit(&output)?;
            Err(commands::CliError::Incomplete {
                output: String::new(),
                problems,
            }
            .into())
        }
        other => Ok(other?),
    }
}

/// config.toml (BRIEF_CONFIG_DIR or the platform's config folder), with
/// the command line's overrides.
fn config(global: &Global) -> (Config, Vec<ConfigProblem>) {
    let (mut config, problems) = Config::from_env();
    if let Some(name) = &global.theme {
        config.set_theme(name, ConfigOrigin::CommandLine("--theme".into()));
    }
    (config, problems)
}

fn data_dir(global: &Global) -> Option<PathBuf> {
    global.data_dir.clone().or_else(Store::default_data_dir)
}

fn store(global: &Global) -> anyhow::Result<Store> {
    let dir = data_dir(global).context("no data folder: set BRIEF_DATA_DIR or pass --data-dir")?;
    Ok(Store::open_dir(&dir)?)
}

/// Briefs up to this size are read before the screen is taken over; larger
/// ones load on a background thread behind a "Loading" line.
const SMALL_BRIEF: u64 = 512 * 1024;

/// `-` means stdin.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn load_any(path: &Path) -> anyhow::Result<Brief> {
    if is_stdin(path) {
        Ok(load_reader(
            std::io::stdin().lock(),
            Path::new("stdin"),
            LoadOptions::default(),
        )?)
    } else {
        Ok(load_path(path, LoadOptions::default())?)
    }
}

/// The reader: one brief full-screen, loaded off the UI thread. A brief
/// piped in (`brief -`, or stdin not a terminal) is read first; keys then
/// come from the terminal.
fn read(path: Option<&Path>, global: &Global) -> anyhow::Result<Exit> {
    let env = Env {
        data_dir: data_dir(global),
    };
    let (config, problems) = config(global);
    let depth = ColorDepth::from_env();
    let (theme, theme_warning) = config.theme(depth);
    let themes = config.themes(depth).0;
    let settings = config.settings(theme_warning, &problems);
    let piped = path.is_none_or(is_stdin) && (path.is_some() || !std::io::stdin().is_terminal());
    let start = if piped {
        let brief = load_any(Path::new("-"))?;
        Start::Opened(Box::new(loaded_without_file(&env, brief, true)))
    } else {
        match path {
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
                    };
                    let loaded = load(&env, &request).map_err(anyhow::Error::msg)?;
                    Start::Opened(Box::new(loaded))
                } else {
                    Start::Load(p.to_path_buf())
                }
            }
            None => match default_library(&config, env.data_dir.as_deref()) {
                Some(dir) => Start::Library(dir),
                None => {
                    let (name, text) = brief::samples::SAMPLES[0];
                    let brief = parse(text, name.trim_end_matches(".md"));
                    Start::Opened(Box::new(loaded_without_file(&env, brief, false)))
                }
            },
        }
    };
    let mouse = settings.mouse;
    let mut app = App::new(Startup {
        settings,
        theme,
        themes,
        start,
    });
    let ending = brief::runtime::run(&mut app, env, mouse).context("terminal error")?;
    match ending {
        Ending {
            signal: Some(signal),
            fatal,
        } => {
            if let Some(message) = fatal {
                let _ = writeln!(std::io::stderr(), "brief: {message}");
            }
            Ok(Exit::Signal(signal))
        }
        Ending {
            signal: None,
            fatal: Some(message),
        } => anyhow::bail!(message),
        Ending { .. } => Ok(Exit::Done),
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

/// Help and version go to stdout; usage errors to stderr with exit code 2.
/// clap quotes the rejected argument (maybe a file name with escape
/// sequences in it), so the message is printed plain and sanitised.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let text = sanitize(&e.render().to_string()).into_owned();
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => match emit(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                let _ = writeln!(std::io::stderr(), "brief: {err:#}");
                ExitCode::from(2)
            }
        },
        _ => {
            let _ = write!(std::io::stderr(), "{text}");
            ExitCode::from(2)
        }
    }
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
        // Not eprintln!: a panic while printing the panic would abort.
        let _ = writeln!(
            std::io::stderr(),
            "brief crashed: {}{place}\nThis is a bug; please report it with the command you ran.",
            brief::document::sanitize::sanitize_line(&payload)
        );
    }));
}
