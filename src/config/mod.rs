//! Configuration: `config.toml` in the config folder, read leniently. Every
//! unknown key and bad value is a [`ConfigProblem`] (file, line, column) and
//! is ignored; the rest of the file still applies. [`Config`] remembers
//! where each effective value came from, for `brief config`.

mod file;
mod keys;
pub mod remember;
mod show;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::keys::Keymap;
use crate::theme::{self, ColorDepth, Theme, ThemeError};

pub use keys::key_name;
pub use show::Setting;

pub const FILE_NAME: &str = "config.toml";
/// Overrides the config folder.
pub const DIR_ENV: &str = "BRIEF_CONFIG_DIR";
/// The default widest text column, in cells: long lines are hard to read.
pub const READING_WIDTH: u16 = 100;
pub const MIN_READING_WIDTH: u16 = 20;
pub const MAX_READING_WIDTH: u16 = 400;

/// Which panes the reader asked for: the config gives those shown at
/// start; the app toggles them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub outline: bool,
    pub notes: bool,
}

/// Section titles `K` gathers by default (matched ignoring case and
/// numbering).
pub const DEFAULT_KEY_SECTIONS: &[&str] = &[
    "summary",
    "key findings",
    "key judgments",
    "key judgements",
    "recommendations",
    "recommendation",
    "bottom line",
    "conclusion",
    "conclusions",
];

/// What the app takes from the configuration: everything it needs to
/// start, decided before the screen is taken over.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub reading_width: u16,
    /// The panes shown when a brief opens.
    pub panes: Shown,
    pub mouse: bool,
    /// Pictures drawn in the text (`images` in config.toml; `I` toggles).
    pub images: bool,
    /// A controlled tag vocabulary: other tags are flagged when typed.
    pub allowed_tags: Option<Vec<String>>,
    /// Section titles `K` gathers.
    pub key_sections: Vec<String>,
    /// A problem with the theme or config.toml, for the status line until
    /// the first key.
    pub notice: Option<String>,
    /// The library `o` opens from a brief opened on its own.
    pub library: Option<PathBuf>,
    /// `[team]`: where shared notes go, and who signs them.
    pub team: Option<crate::notes::team::Team>,
    /// The name new notes are signed with.
    pub author: String,
    /// The folder brief was started in and the home folder: where a
    /// relative or `~/` file name typed in the app goes (decided before
    /// the app starts, since it does no I/O).
    pub cwd: Option<PathBuf>,
    pub home: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Config::default().settings(None, &[])
    }
}

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
    /// `images`: pictures drawn in the text.
    pub images: bool,
    /// The default bindings with config.toml's `[keys]` applied.
    pub keymap: Keymap,
    /// `[tags] allowed`: a controlled vocabulary (None: any tag).
    pub allowed_tags: Option<Vec<String>>,
    /// `[team]`: the shared folder, the name notes are signed with (None:
    /// git's or the login name), and whether new notes are shared.
    pub team_folder: Option<PathBuf>,
    pub author: Option<String>,
    pub share_new: bool,
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
            images: true,
            keymap: Keymap::default(),
            allowed_tags: None,
            team_folder: None,
            author: None,
            share_new: false,
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
        let problems = file::read(file, &text, &mut config);
        (config, problems)
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

    /// The settings the app starts with; `theme_warning` and `problems`
    /// become its start-up notice.
    pub fn settings(&self, theme_warning: Option<String>, problems: &[ConfigProblem]) -> Settings {
        let notice = theme_warning.or_else(|| {
            problems
                .first()
                .map(|p| format!("{p} (brief config shows all)"))
        });
        Settings {
            keymap: self.keymap.clone(),
            reading_width: self.reading_width,
            panes: self.panes,
            mouse: self.mouse,
            images: self.images,
            allowed_tags: self.allowed_tags.clone(),
            key_sections: DEFAULT_KEY_SECTIONS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            notice,
            library: self.library.clone(),
            team: self.team(),
            author: self.author_name(),
            cwd: None,
            home: None,
        }
    }
}

impl Config {
    /// The name notes are signed with: `[team] author`, else git's
    /// `user.name`, else the login name.
    pub fn author_name(&self) -> String {
        self.author.clone().unwrap_or_else(|| self.default_author())
    }

    /// The author when config.toml names none (read from git's config
    /// files and the environment; no program is run).
    pub fn default_author(&self) -> String {
        crate::notes::team::author::default_author(|k| std::env::var(k).ok())
    }

    /// The team settings, when a team folder is configured.
    pub fn team(&self) -> Option<crate::notes::team::Team> {
        Some(crate::notes::team::Team {
            folder: self.team_folder.clone()?,
            author: self.author_name(),
            share_new: self.share_new,
        })
    }
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
