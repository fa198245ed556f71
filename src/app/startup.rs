//! How the app starts and how it ends: what to open with which settings,
//! and what the runtime reports once the app is done.

use std::path::PathBuf;

use super::msg::Loaded;
use crate::config::Settings;
use crate::document::Brief;
use crate::theme::Theme;

/// How the app starts: the settings, the theme, and what to open.
#[derive(Debug)]
pub struct Startup {
    pub settings: Settings,
    pub theme: Theme,
    /// The themes `T` cycles through.
    pub themes: Vec<Theme>,
    pub start: Start,
}

#[derive(Debug)]
pub enum Start {
    /// The library of a folder.
    Library(PathBuf),
    /// A brief to load off the UI thread.
    Load(PathBuf),
    /// A brief already loaded (small, stdin, a sample).
    Opened(Box<Loaded>),
}

impl Startup {
    /// A brief on its own with the default settings, notes in memory: for
    /// tests, benchmarks and examples.
    pub fn brief(brief: Brief) -> Startup {
        Startup {
            settings: Settings::default(),
            theme: Theme::default(),
            themes: Vec::new(),
            start: Start::Opened(Box::new(Loaded::in_memory(brief))),
        }
    }
}

/// How the app ended.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ending {
    /// The signal that ended it (exit 128 + n).
    pub signal: Option<i32>,
    /// Why the app could not go on, to print after the terminal is
    /// restored (exit code 2).
    pub fatal: Option<String>,
    /// Notes that were not saved when the reader quit without them.
    pub lost: Option<String>,
}
