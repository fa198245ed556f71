//! Configuration: `config.toml` in the config folder, read leniently. Every
//! unknown key and bad value is a [`ConfigProblem`] (file, line, column) and
//! is ignored; the rest of the file still applies. [`Config`] remembers
//! where each effective value came from, for `brief config`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::action::{Action, COMMANDS, Command};
use crate::app::keymap::{Key, Keymap};
use crate::app::panes::Shown;
use crate::app::{App, READING_WIDTH};
use crate::theme::{self, ColorDepth, Theme, ThemeError};

pub const FILE_NAME: &str = "config.toml";
/// Overrides the config folder.
pub const DIR_ENV: &str = "BRIEF_CONFIG_DIR";
pub const MIN_READING_WIDTH: u16 = 20;
pub const MAX_READING_WIDTH: u16 = 400;

const TOP_KEYS: &[&str] = &[
    "theme",
    "library",
    "reading_width",
    "panes",
    "mouse",
    "tags",
    "keys",
];
const PANE_KEYS: &[&str] = &["outline", "notes"];
const TAG_KEYS: &[&str] = &["allowed"];

/// Where an effective setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File {
        path: PathBuf,
        line: usize,
    },
    /// An environment variable, by name.
    Env(String),
    /// A command-line flag, e.g. `--theme`.
    CommandLine(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{}:{line}", path.display()),
            Origin::Env(name) => write!(f, "environment ({name})"),
            Origin::CommandLine(flag) => write!(f, "command line ({flag})"),
        }
    }
}

/// The config folder and why it is that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigDir {
    pub path: PathBuf,
    pub origin: Origin,
}

/// `BRIEF_CONFIG_DIR` when set (non-empty), else the platform's config
/// folder for brief. `env` looks a variable up, so tests need not touch the
/// real environment.
pub fn config_dir(env: impl Fn(&str) -> Option<String>) -> Option<ConfigDir> {
    if let Some(dir) = env(DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(ConfigDir {
            path: PathBuf::from(dir),
            origin: Origin::Env(DIR_ENV.to_owned()),
        });
    }
    let dirs = directories::ProjectDirs::from("", "", "brief")?;
    Some(ConfigDir {
        path: dirs.config_dir().to_path_buf(),
        origin: Origin::Default,
    })
}

/// A problem in config.toml. `line` and `column` are 1-based; 0 when the
/// problem is with the whole file (it cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    // Problems quote what the file holds: sanitised, since they reach the
    // status bar and `brief config`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::document::load::display_path(&self.file);
        let message = crate::document::sanitize::sanitize_line(&self.message);
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}:{}: {message}", self.line, self.column)
        }
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config folder (themes are in its `themes/`), if there is one.
    pub dir: Option<ConfigDir>,
    pub theme: String,
    /// The folder of briefs for the library.
    pub library: Option<PathBuf>,
    pub reading_width: u16,
    /// The panes shown at start.
    pub panes: Shown,
    pub mouse: bool,
    /// The default bindings with config.toml's `[keys]` applied.
    pub keymap: Keymap,
    /// `[tags] allowed`: a controlled vocabulary (None: any tag).
    pub allowed_tags: Option<Vec<String>>,
    origins: BTreeMap<String, Origin>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            dir: None,
            theme: theme::DEFAULT_THEME.to_owned(),
            library: None,
            reading_width: READING_WIDTH,
            panes: Shown {
                outline: true,
                notes: false,
            },
            mouse: true,
            keymap: Keymap::default(),
            allowed_tags: None,
            origins: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Reads `config.toml` in `dir`. No folder or no file gives the
    /// defaults; problems are returned and the values they concern ignored.
    pub fn load(dir: Option<&Path>) -> (Config, Vec<ConfigProblem>) {
        Config::load_dir(dir.map(|path| ConfigDir {
            path: path.to_path_buf(),
            origin: Origin::Default,
        }))
    }

    /// [`Config::load`] remembering why the folder is the one it is.
    pub fn load_dir(dir: Option<ConfigDir>) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config {
            dir,
            ..Config::default()
        };
        let Some(file) = config.file() else {
            return (config, Vec::new());
        };
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (config, Vec::new()),
            Err(e) => {
                let problem = ConfigProblem {
                    file,
                    line: 0,
                    column: 0,
                    message: format!("cannot read: {e}; using the defaults"),
                };
                return (config, vec![problem]);
            }
        };
        let mut reader = Reader {
            file,
            text: &text,
            problems: Vec::new(),
        };
        reader.read(&mut config);
        (config, reader.problems)
    }

    /// The config folder from the environment, and its config.toml.
    pub fn from_env() -> (Config, Vec<ConfigProblem>) {
        Config::load_dir(config_dir(|name| std::env::var(name).ok()))
    }

    /// The path of config.toml (which may not exist).
    pub fn file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.path.join(FILE_NAME))
    }

    /// Where a setting's value came from: `theme`, `panes.outline`,
    /// `keys.next_section`, `tags.allowed`...
    pub fn origin(&self, setting: &str) -> &Origin {
        self.origins.get(setting).unwrap_or(&Origin::Default)
    }

    /// Records where a setting came from: call with
    /// `Origin::CommandLine("--theme".into())` after a command-line override.
    pub fn set_origin(&mut self, setting: &str, origin: Origin) {
        self.origins.insert(setting.to_owned(), origin);
    }

    /// A theme chosen on the command line or in the environment.
    pub fn set_theme(&mut self, name: &str, origin: Origin) {
        self.theme = name.to_owned();
        self.set_origin("theme", origin);
    }

    /// A library folder chosen on the command line or in the environment.
    pub fn set_library(&mut self, folder: PathBuf, origin: Origin) {
        self.library = Some(folder);
        self.set_origin("library", origin);
    }

    /// A reading width chosen on the command line; out of range is an error
    /// that says the range.
    pub fn set_reading_width(&mut self, width: u16, origin: Origin) -> Result<(), String> {
        check_width(i64::from(width))?;
        self.reading_width = width;
        self.set_origin("reading_width", origin);
        Ok(())
    }

    pub fn set_mouse(&mut self, on: bool, origin: Origin) {
        self.mouse = on;
        self.set_origin("mouse", origin);
    }

    /// The folder user themes are read from: the config folder itself
    /// (`theme::load` looks in its `themes/`).
    pub fn theme_dir(&self) -> Option<&Path> {
        self.dir.as_ref().map(|d| d.path.as_path())
    }

    /// The configured theme fitted to `depth`; the default theme and a
    /// warning (for the status bar) when it is unknown or broken.
    pub fn theme(&self, depth: ColorDepth) -> (Theme, Option<String>) {
        let (theme, warning) = theme::load_or_default(&self.theme, self.theme_dir());
        (theme.adapt(depth), warning)
    }

    /// Every theme that loads, fitted to `depth`, for `T` to cycle through.
    pub fn themes(&self, depth: ColorDepth) -> (Vec<Theme>, Vec<ThemeError>) {
        let (themes, errors) = theme::available(self.theme_dir());
        (themes.iter().map(|t| t.adapt(depth)).collect(), errors)
    }

    /// Gives the app the keymap, reading width, panes and tag vocabulary
    /// (the theme is separate: see [`Config::theme`]).
    pub fn apply_to(&self, app: &mut App) {
        app.keymap = self.keymap.clone();
        app.reading_width = self.reading_width;
        app.shown = self.panes;
        app.allowed_tags = self.allowed_tags.clone();
        // Lays the panes out again for the new widths and panes.
        let (width, height) = (app.size.width, app.size.height);
        app.update(Action::Resize { width, height });
    }

    /// A commented config file that loads to the defaults: what
    /// `brief config --default` prints.
    pub fn default_text() -> &'static str {
        static TEXT: OnceLock<String> = OnceLock::new();
        TEXT.get_or_init(default_file_text)
    }

    /// Every setting with its effective value (as TOML) and origin, grouped
    /// by table (`""` for the top level), in the order config.toml has them.
    pub fn settings(&self) -> Vec<Setting> {
        let mut out = Vec::new();
        let mut push = |table: &'static str, key: &str, value: String| {
            let path = if table.is_empty() {
                key.to_owned()
            } else {
                format!("{table}.{key}")
            };
            let origin = self.origin(&path).clone();
            out.push(Setting {
                table,
                key: key.to_owned(),
                value,
                origin,
            });
        };
        push("", "theme", toml_string(&self.theme));
        let library = self.library.as_ref().map(|p| p.display().to_string());
        push(
            "",
            "library",
            library.map_or("(none)".into(), |l| toml_string(&l)),
        );
        push("", "reading_width", self.reading_width.to_string());
        push("", "mouse", self.mouse.to_string());
        push("panes", "outline", self.panes.outline.to_string());
        push("panes", "notes", self.panes.notes.to_string());
        let allowed = self.allowed_tags.as_deref().map(|t| toml_list(t.iter()));
        push(
            "tags",
            "allowed",
            allowed.unwrap_or_else(|| "(any tag)".into()),
        );
        for info in COMMANDS {
            let keys = self.keymap.keys_for(info.command).iter().map(key_name);
            push("keys", info.name, toml_list(keys));
        }
        out
    }
}

/// One effective setting, for `brief config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The TOML table it is in; `""` for the top level.
    pub table: &'static str,
    pub key: String,
    /// The value as TOML, or a note in parentheses when unset.
    pub value: String,
    pub origin: Origin,
}

fn check_width(width: i64) -> Result<u16, String> {
    let range = i64::from(MIN_READING_WIDTH)..=i64::from(MAX_READING_WIDTH);
    if range.contains(&width) {
        Ok(width as u16)
    } else {
        Err(format!(
            "reading_width {width} is out of range: use {MIN_READING_WIDTH}-{MAX_READING_WIDTH}"
        ))
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn toml_list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let items: Vec<String> = items.map(|s| toml_string(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// A key as config files write it: `j`, `G`, `ctrl-d`, `pagedown`, `space`.
pub fn key_name(key: &Key) -> String {
    let mut name = String::new();
    for (m, prefix) in [
        (KeyModifiers::CONTROL, "ctrl-"),
        (KeyModifiers::ALT, "alt-"),
        (KeyModifiers::SHIFT, "shift-"),
    ] {
        if key.modifiers.contains(m) {
            name.push_str(prefix);
        }
    }
    match key.code {
        KeyCode::Char(' ') => name.push_str("space"),
        KeyCode::Char(c) => name.push(c),
        KeyCode::PageUp => name.push_str("pageup"),
        KeyCode::PageDown => name.push_str("pagedown"),
        KeyCode::BackTab => name.push_str("backtab"),
        code => {
            let bare = Key {
                code,
                modifiers: KeyModifiers::NONE,
            };
            name.push_str(&bare.to_string().to_ascii_lowercase());
        }
    }
    name
}

/// Reads config.toml into a [`Config`], collecting problems.
struct Reader<'a> {
    file: PathBuf,
    text: &'a str,
    problems: Vec<ConfigProblem>,
}

type Spot<'i> = &'i Spanned<DeValue<'i>>;

impl Reader<'_> {
    fn problem(&mut self, offset: usize, message: String) {
        let (line, column) = theme::line_column(self.text, offset);
        self.problems.push(ConfigProblem {
            file: self.file.clone(),
            line,
            column,
            message,
        });
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin::File {
            path: self.file.clone(),
            line: theme::line_column(self.text, offset).0,
        }
    }

    fn unknown(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>, within: &str, known: &[&str]) {
        let name = key.get_ref().as_ref();
        let hint = match suggest(name, known) {
            Some(s) => format!("did you mean `{s}`?"),
            None if known.len() > 10 => "`brief config --default` lists them all".to_owned(),
            None => format!("expected one of: {}", known.join(", ")),
        };
        let message = format!("unknown key `{name}`{within}, ignored; {hint}");
        self.problem(key.span().start, message);
    }

    fn wrong_type(&mut self, key: &str, value: Spot<'_>, expected: &str) {
        let found = value.get_ref().type_str();
        let message = format!("`{key}` must be {expected}, found {found}; ignored");
        self.problem(value.span().start, message);
    }

    fn read(&mut self, config: &mut Config) {
        let text = self.text;
        let doc = match DeTable::parse(text) {
            Ok(doc) => doc,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let message = format!("{}; the whole file is ignored", e.message().trim());
                return self.problem(offset, message);
            }
        };
        for (key, value) in doc.get_ref() {
            let at = key.span().start;
            match key.get_ref().as_ref() {
                "theme" => match value.get_ref() {
                    DeValue::String(s) if !s.trim().is_empty() => {
                        config.theme = s.trim().to_owned();
                        config.set_origin("theme", self.origin(at));
                    }
                    _ => self.wrong_type("theme", value, "a theme name"),
                },
                "library" => self.library(config, value, at),
                "reading_width" => match value.get_ref() {
                    DeValue::Integer(i) => {
                        let n = i64::from_str_radix(i.as_str(), i.radix()).unwrap_or(i64::MAX);
                        match check_width(n) {
                            Ok(w) => {
                                config.reading_width = w;
                                config.set_origin("reading_width", self.origin(at));
                            }
                            Err(e) => self.problem(value.span().start, format!("{e}; ignored")),
                        }
                    }
                    _ => self.wrong_type("reading_width", value, "a number of cells"),
                },
                "mouse" => match value.get_ref() {
                    DeValue::Boolean(b) => {
                        config.mouse = *b;
                        config.set_origin("mouse", self.origin(at));
                    }
                    _ => self.wrong_type("mouse", value, "true or false"),
                },
                "panes" => self.panes(config, value),
                "tags" => self.tags(config, value),
                "keys" => self.keys(config, value),
                _ => self.unknown(key, "", TOP_KEYS),
            }
        }
    }

    fn library(&mut self, config: &mut Config, value: Spot<'_>, at: usize) {
        let DeValue::String(s) = value.get_ref() else {
            return self.wrong_type("library", value, "a folder path");
        };
        let folder = expand_path(s, self.file.parent());
        if !folder.is_dir() {
            let message = format!(
                "library: no folder at {}; ignored (fix the path or remove the line)",
                folder.display()
            );
            return self.problem(value.span().start, message);
        }
        config.library = Some(folder);
        config.set_origin("library", self.origin(at));
    }

    fn table<'v>(&mut self, name: &str, value: Spot<'v>) -> Option<&'v DeTable<'v>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(name, value, "a table");
                None
            }
        }
    }

    fn panes(&mut self, config: &mut Config, value: Spot<'_>) {
        let Some(table) = self.table("panes", value) else {
            return;
        };
        for (key, v) in table {
            let name = key.get_ref().as_ref();
            let slot = match name {
                "outline" => &mut config.panes.outline,
                "notes" => &mut config.panes.notes,
                _ => {
                    self.unknown(key, " in [panes]", PANE_KEYS);
                    continue;
                }
            };
            match v.get_ref() {
                DeValue::Boolean(b) => {
                    *slot = *b;
                    let origin = self.origin(key.span().start);
                    config.set_origin(&format!("panes.{name}"), origin);
                }
                _ => self.wrong_type(&format!("panes.{name}"), v, "true or false"),
            }
        }
    }

    fn tags(&mut self, config: &mut Config, value: Spot<'_>) {
        let Some(table) = self.table("tags", value) else {
            return;
        };
        for (key, v) in table {
            if key.get_ref().as_ref() != "allowed" {
                self.unknown(key, " in [tags]", TAG_KEYS);
                continue;
            }
            let DeValue::Array(items) = v.get_ref() else {
                self.wrong_type("tags.allowed", v, "a list of tags");
                continue;
            };
            let mut tags = Vec::new();
            for item in items.iter() {
                match item.get_ref() {
                    DeValue::String(s) if !s.trim().is_empty() => tags.push(s.trim().to_owned()),
                    _ => self.wrong_type("tags.allowed", item, "a list of tag names"),
                }
            }
            config.allowed_tags = Some(tags);
            config.set_origin("tags.allowed", self.origin(key.span().start));
        }
    }

    /// `[keys]`: each action's new keys. Every action named is unbound
    /// first, so keys can be swapped (`up = ["j"]`, `down = ["k"]`); an
    /// action whose keys cannot be bound keeps its old ones.
    fn keys(&mut self, config: &mut Config, value: Spot<'_>) {
        let Some(table) = self.table("keys", value) else {
            return;
        };
        let mut entries: Vec<(usize, Command, Vec<String>)> = Vec::new();
        for (key, v) in table {
            let name = key.get_ref().as_ref();
            let Some(command) = Command::from_name(name) else {
                let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
                self.unknown(key, " in [keys] (not an action)", &names);
                continue;
            };
            if let Some(keys) = self.key_list(name, v) {
                entries.push((key.span().start, command, keys));
            }
        }
        entries.sort_by_key(|(at, _, _)| *at);
        let old: Vec<Vec<Key>> = entries
            .iter()
            .map(|(_, c, _)| config.keymap.keys_for(*c).to_vec())
            .collect();
        for (_, command, _) in &entries {
            let _ = config.keymap.apply(&binding(command.name(), &[]));
        }
        for ((at, command, keys), old) in entries.iter().zip(old) {
            let result = match config.keymap.apply(&binding(command.name(), keys)) {
                Err(errors) => Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")),
                Ok(()) if *command == Command::Quit && keys.is_empty() => {
                    Err("quit needs at least one key".to_owned())
                }
                Ok(()) => Ok(()),
            };
            match result {
                Ok(()) => {
                    let origin = self.origin(*at);
                    config.set_origin(&format!("keys.{}", command.name()), origin);
                }
                Err(why) => {
                    restore(&mut config.keymap, *command, &old);
                    let kept = config.keymap.label(*command);
                    self.problem(*at, format!("{why}; ignored, keeping {kept}"));
                }
            }
        }
    }

    /// The key names of one `[keys]` entry, each checked; None (and a
    /// problem) when any is bad.
    fn key_list(&mut self, action: &str, value: Spot<'_>) -> Option<Vec<String>> {
        let items: Vec<Spot<'_>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                self.wrong_type(&format!("keys.{action}"), value, "a key or a list of keys");
                return None;
            }
        };
        let mut keys = Vec::new();
        for item in items {
            let DeValue::String(s) = item.get_ref() else {
                self.wrong_type(&format!("keys.{action}"), item, "a list of key names");
                return None;
            };
            if let Err(e) = Key::parse(s) {
                let message = format!("{action}: {e}; ignored (see `brief config --default`)");
                self.problem(item.span().start, message);
                return None;
            }
            keys.push(s.to_string());
        }
        Some(keys)
    }
}

fn binding(action: &str, keys: &[String]) -> toml::Table {
    let list = keys.iter().cloned().map(toml::Value::String).collect();
    let mut table = toml::Table::new();
    table.insert(action.to_owned(), toml::Value::Array(list));
    table
}

/// Gives a command back those of its old keys nothing else has taken.
fn restore(keymap: &mut Keymap, command: Command, old: &[Key]) {
    let free: Vec<String> = old
        .iter()
        .filter(|k| {
            let event = KeyEvent::new(k.code, k.modifiers);
            keymap.command_for(&event).is_none_or(|c| c == command)
        })
        .map(key_name)
        .collect();
    let _ = keymap.apply(&binding(command.name(), &free));
}

/// `~/x` is in the home folder; a relative path is relative to `base` (the
/// config folder).
fn expand_path(s: &str, base: Option<&Path>) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let path = match s.strip_prefix("~/").or(s.strip_prefix("~\\")) {
        Some(rest) => home().map_or_else(|| PathBuf::from(s), |h| h.join(rest)),
        None if s == "~" => home().unwrap_or_else(|| PathBuf::from(s)),
        None => PathBuf::from(s),
    };
    match base {
        Some(base) if path.is_relative() => base.join(path),
        _ => path,
    }
}

fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

const DEFAULT_HEAD: &str = r#"# brief configuration.
#
# brief reads config.toml in its config folder: `brief config` prints where
# that is and the settings in effect (BRIEF_CONFIG_DIR overrides the folder).
# Every setting is optional; the values below are the defaults. An unknown
# key or a bad value is reported with its line and column and ignored: the
# rest of the file still applies.

# The colour theme: a bundled one (`brief themes` lists them) or a file in
# the config folder's themes/ (its name without .toml). `T` cycles themes.
theme = "default"

# The folder of briefs for the library: `~` is your home folder; a relative
# path is relative to the config folder.
# library = "~/briefs"

# The widest the text column grows, in cells (20-400).
reading_width = 100

# The mouse: the wheel scrolls, a click opens. false leaves the terminal's
# own text selection alone.
mouse = true

# The panes shown at start (m and Tab show and focus them later).
[panes]
outline = true
notes = false

# A controlled tag vocabulary: tags not in it are flagged when typed.
[tags]
# allowed = ["energy", "sanctions", "follow-up"]

# Key bindings: every action takes a key or a list of keys. A key is a
# character ("j", "G", "?") or a name (enter, esc, tab, backtab, space,
# backspace, delete, up, down, left, right, home, end, pageup, pagedown,
# f1-f12), optionally with ctrl-, alt- or shift- in front. A key may be bound
# to one action only: to move a key, rebind both actions. The defaults
# (uncomment a line to change it):
[keys]
"#;

fn default_file_text() -> String {
    let keymap = Keymap::default();
    let rows: Vec<(String, &str)> = COMMANDS
        .iter()
        .map(|info| {
            let keys = keymap.keys_for(info.command).iter().map(key_name);
            (
                format!("# {} = {}", info.name, toml_list(keys)),
                info.describe,
            )
        })
        .collect();
    let width = rows
        .iter()
        .map(|(s, _)| s.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = DEFAULT_HEAD.to_owned();
    for (binding, describe) in rows {
        text.push_str(&format!("{binding:<width$}  # {describe}\n"));
    }
    text
}
