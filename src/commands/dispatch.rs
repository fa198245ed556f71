//! Runs one subcommand from its command-line form and says how it ended:
//! the text for stdout, the warnings for stderr, and whether the output is
//! complete. `main` prints them and maps the status to the exit code, so
//! every subcommand follows the same rules (README, "Command line"): 0 when
//! all went well, 1 when a search matched nothing, 2 on an error or when
//! the output leaves something out; warnings never go to stdout.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::CliError;
use super::notes::Annotation;
use crate::cli::{Command, Global, TagsAction};
use crate::config::{Config, ConfigProblem, Origin as ConfigOrigin};
use crate::document::load::{from_bytes, read_bytes, read_stream, to_markdown};
use crate::document::sanitize::sanitize;
use crate::document::{Brief, LoadOptions};
use crate::notes::TagOp;
use crate::notes::export::Filter;
use crate::notes::store::Store;
use crate::theme::ColorDepth;

/// What a subcommand produced. Warnings are one message each, sanitised,
/// without the `brief: ` that `main` puts before them.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub warnings: Vec<String>,
    pub status: Status,
}

/// How a subcommand that ran ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything asked for is in the output: exit code 0.
    #[default]
    Done,
    /// A search found nothing (and skipped nothing): exit code 1, as grep.
    NoMatch,
    /// The output leaves out something that could not be read; the
    /// warnings say what: exit code 2, as grep when a file is unreadable.
    Incomplete,
}

impl Outcome {
    fn done(stdout: String) -> Outcome {
        Outcome {
            stdout,
            ..Outcome::default()
        }
    }

    /// The output, with the warnings that make it incomplete when there are
    /// any.
    fn with_warnings(stdout: String, warnings: Vec<String>) -> Outcome {
        let status = if warnings.is_empty() {
            Status::Done
        } else {
            Status::Incomplete
        };
        Outcome {
            stdout,
            warnings,
            status,
        }
    }
}

/// Runs `command` with the options every command takes.
pub fn run(command: Command, global: &Global) -> Result<Outcome, CliError> {
    match command {
        Command::Outline { file, json } => {
            let brief = load_any(&file)?;
            Ok(Outcome::done(if json {
                super::outline::json(&brief)
            } else {
                super::outline::text(&brief)
            }))
        }
        Command::Notes {
            file,
            tags,
            kinds,
            dates,
            brief_pattern,
            authors,
            format,
            quote,
        } => {
            let filter = Filter {
                tags,
                kinds,
                since: dates.since,
                brief_since: dates.brief_since,
                brief: brief_pattern,
                under: None,
                authors,
            };
            let team = config(global).0.team();
            partial(super::notes::notes(
                &store(global)?,
                file.as_deref(),
                &filter,
                (format, quote.length()),
                team.as_ref(),
            ))
        }
        Command::Tags { file, action } => tags(global, file.as_deref(), action),
        Command::Annotate {
            file,
            section,
            block,
            tags,
            note,
            kind,
            stance,
        } => {
            let config = config(global).0;
            let team = config.team();
            let annotation = Annotation {
                section,
                block,
                tags: &tags,
                note: note.as_deref(),
                kind,
                stance,
                author: config.author_name(),
                team: team.as_ref(),
            };
            super::notes::annotate(&store(global)?, &file, &annotation).map(Outcome::done)
        }
        Command::Search {
            query,
            dir,
            json,
            passages,
            limit,
            cached,
        } => {
            let args = super::search::SearchArgs {
                json,
                passages,
                limit,
                cached,
            };
            search(global, &query, dir, args)
        }
        Command::Convert { file, output } => convert(&file, output.as_deref()),
        Command::Print {
            file,
            section,
            width,
            color,
        } => print(global, &file, section, width, color),
        Command::Share { file } => {
            let team = config(global).0.team().ok_or_else(|| {
                CliError::Usage(
                    "no team folder: set [team] folder in config.toml (brief config shows where)"
                        .to_owned(),
                )
            })?;
            super::team::share(&store(global)?, &team, &file).map(Outcome::done)
        }
        Command::Carry { old, new } => {
            super::carry::carry(&store(global)?, &old, &new).map(Outcome::done)
        }
        Command::Index { dir, rebuild } => index(global, dir, rebuild),
        Command::Themes => Ok(themes(global)),
        Command::Completions { shell } => Ok(Outcome::done(super::shell::completions(shell))),
        Command::Man => Ok(Outcome::done(super::shell::man_page())),
        Command::Config { default: true } => {
            Ok(Outcome::done(super::config::default_file().to_owned()))
        }
        Command::Config { default: false } => {
            // It quotes config.toml and its paths: sanitised as a whole.
            let (c, p) = config(global);
            Ok(Outcome::done(
                sanitize(&super::config::show(&c, &p)).into_owned(),
            ))
        }
        Command::Cite {
            file,
            section,
            block,
            format,
            style,
            quote,
        } => {
            let how = super::notes::CiteHow {
                format,
                style,
                length: quote.length(),
            };
            super::notes::cite(&file, section, block, how).map(Outcome::done)
        }
        Command::Memo {
            tags,
            kinds,
            group_by,
            authors,
            dates,
            style,
            quote,
            dir,
        } => {
            let filter = Filter {
                tags,
                kinds,
                since: dates.since,
                brief_since: dates.brief_since,
                under: dir,
                authors,
                ..Filter::default()
            };
            let how = super::notes::MemoHow {
                group_by,
                style,
                length: quote.length(),
            };
            let team = config(global).0.team();
            partial(super::notes::memo(
                &store(global)?,
                &filter,
                how,
                team.as_ref(),
            ))
        }
    }
}

/// A command whose output may be incomplete: what there is, and why it is
/// incomplete as the warning.
fn partial(result: Result<String, CliError>) -> Result<Outcome, CliError> {
    match result {
        Err(CliError::Incomplete { output, problems }) => Ok(Outcome::with_warnings(
            output,
            vec![super::incomplete(&problems)],
        )),
        other => other.map(Outcome::done),
    }
}

fn tags(
    global: &Global,
    file: Option<&Path>,
    action: Option<TagsAction>,
) -> Result<Outcome, CliError> {
    let store = store(global)?;
    let op = match action {
        None => return partial(super::notes::tags(&store, file)),
        Some(TagsAction::Rename { old, new }) => TagOp::Rename { old, new },
        Some(TagsAction::Delete { tag }) => TagOp::Delete { tag },
    };
    let changed = super::notes::tags_change(&store, &op)?;
    if let Some(why) = changed.no_such_tag {
        return Ok(Outcome {
            warnings: vec![why],
            status: Status::NoMatch,
            ..Outcome::default()
        });
    }
    Ok(Outcome::with_warnings(changed.report, changed.skipped))
}

fn search(
    global: &Global,
    query: &str,
    dir: Option<PathBuf>,
    args: super::search::SearchArgs,
) -> Result<Outcome, CliError> {
    let dir = library_dir(global, dir, "brief search QUERY DIR")?;
    match super::search::search(query, &dir, data_dir(global).as_deref(), args) {
        Err(CliError::NoMatch) => Ok(Outcome {
            status: Status::NoMatch,
            ..Outcome::default()
        }),
        Ok(found) => {
            // Skipped briefs make the result incomplete (exit 2, as grep
            // with an unreadable file); the limit on results does not.
            let mut outcome = Outcome::with_warnings(found.output, found.skipped);
            outcome.warnings.extend(found.more);
            outcome.warnings.extend(found.notices);
            Ok(outcome)
        }
        Err(e) => Err(e),
    }
}

/// The library folder a command works on: the one given, else the
/// config's, else ./briefs.
fn library_dir(global: &Global, dir: Option<PathBuf>, usage: &str) -> Result<PathBuf, CliError> {
    let (config, _) = config(global);
    dir.or(config.library.clone())
        .or_else(|| Some(PathBuf::from("briefs")).filter(|d| d.is_dir()))
        .ok_or_else(|| {
            CliError::Usage(format!(
                "no library to search: give a folder ({usage}), or set `library` in \
                 config.toml (brief config --default shows how)"
            ))
        })
}

/// `brief index`: the index brought up to date, and what it holds.
fn index(global: &Global, dir: Option<PathBuf>, rebuild: bool) -> Result<Outcome, CliError> {
    let dir = library_dir(global, dir, "brief index DIR")?;
    let data = data_dir(global);
    let current = super::index::current(&dir, data.as_deref(), rebuild)?;
    let mut outcome = Outcome::with_warnings(super::index::status(&current), current.skipped);
    outcome.warnings.extend(current.notices);
    Ok(outcome)
}

/// The themes that loaded on stdout; each theme file that did not load is
/// a warning, and leaves the list incomplete.
fn themes(global: &Global) -> Outcome {
    let (config, _) = config(global);
    let (themes, errors) = crate::theme::available(config.theme_dir());
    let color = std::io::stdout().is_terminal();
    let list = super::themes::list(&themes, &[], &config.theme, ColorDepth::from_env(), color);
    let warnings = errors
        .iter()
        .map(|e| format!("a theme did not load: {e}"))
        .collect();
    Outcome::with_warnings(list, warnings)
}

/// config.toml (BRIEF_CONFIG_DIR or the platform's config folder), with
/// the command line's overrides.
pub fn config(global: &Global) -> (Config, Vec<ConfigProblem>) {
    let (mut config, problems) = Config::from_env();
    // The theme last chosen with `T` in the app, unless --theme says.
    let remembered =
        data_dir(global).and_then(|d| crate::config::remember::theme(&d).map(|name| (d, name)));
    if let Some((dir, name)) = remembered {
        let path = crate::config::remember::file(&dir);
        config.set_theme(&name, ConfigOrigin::File { path, line: 1 });
    }
    if let Some(name) = &global.theme {
        config.set_theme(name, ConfigOrigin::CommandLine("--theme".into()));
    }
    (config, problems)
}

/// `--data-dir`, else BRIEF_DATA_DIR, else the platform's data folder.
pub fn data_dir(global: &Global) -> Option<PathBuf> {
    global.data_dir.clone().or_else(Store::default_data_dir)
}

fn store(global: &Global) -> Result<Store, CliError> {
    let dir = data_dir(global).ok_or_else(|| {
        CliError::Usage("no data folder: set BRIEF_DATA_DIR or pass --data-dir".to_owned())
    })?;
    Ok(Store::open_dir(&dir)?)
}

/// `-` means stdin.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A brief from a file, or from stdin for `-`.
pub fn load_any(path: &Path) -> Result<Brief, CliError> {
    let (bytes, origin) = read_any(path)?;
    Ok(from_bytes(bytes, origin)?)
}

/// The bytes of a file, or of stdin for `-`, within the size limit, and
/// the name to give them.
fn read_any(path: &Path) -> Result<(Vec<u8>, &Path), CliError> {
    if is_stdin(path) {
        let origin = Path::new("stdin");
        let bytes = read_stream(std::io::stdin().lock(), origin, LoadOptions::default())?;
        Ok((bytes, origin))
    } else {
        Ok((read_bytes(path, LoadOptions::default())?, path))
    }
}

/// `brief print`: the brief laid out at the terminal's width (else 80),
/// painted with the configured theme when colours are wanted.
fn print(
    global: &Global,
    file: &Path,
    section: Option<usize>,
    width: Option<usize>,
    color: crate::cli::ColorWhen,
) -> Result<Outcome, CliError> {
    use crate::cli::ColorWhen;
    let brief = load_any(file)?;
    let terminal = std::io::stdout().is_terminal();
    let width = width
        .or_else(|| {
            let (cols, _) = ratatui::crossterm::terminal::size()
                .ok()
                .filter(|_| terminal)?;
            Some(usize::from(cols))
        })
        .unwrap_or(super::print::DEFAULT_WIDTH);
    let painted = match color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let theme = painted.then(|| config(global).0.theme(ColorDepth::from_env()).0);
    let args = super::print::PrintArgs {
        section,
        width,
        theme: theme.as_ref(),
    };
    Ok(Outcome::done(super::print::print(&brief, args)?))
}

/// `brief convert`: the markdown to stdout (sanitised, as it may reach a
/// terminal), or as written to a new file.
fn convert(path: &Path, output: Option<&Path>) -> Result<Outcome, CliError> {
    let (bytes, origin) = read_any(path)?;
    let converted = to_markdown(bytes, origin)?;
    let warnings = converted.warnings.clone();
    let Some(target) = output else {
        let text = sanitize(&converted.markdown).into_owned();
        return Ok(Outcome::with_warnings(text, warnings));
    };
    crate::fsio::write_export(target, converted.markdown.as_bytes(), false).map_err(|e| {
        let name = crate::document::load::display_path(target);
        CliError::Usage(match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{name}: already exists; remove it or give another name with -o")
            }
            _ => format!("{name}: cannot write: {}", sanitize(&e.to_string())),
        })
    })?;
    Ok(Outcome::with_warnings(String::new(), warnings))
}
