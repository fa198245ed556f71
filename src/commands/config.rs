//! `brief config`: the effective configuration and where each value came
//! from; `brief config --default`: a commented default file.

use std::fmt::Write as _;

use crate::config::{Config, ConfigProblem, Origin, Setting};

/// The settings in effect as a config file would write them, each with its
/// origin (default, `file:line`, environment or command line), after the
/// config file's path and any problems found in it.
pub fn show(config: &Config, problems: &[ConfigProblem]) -> String {
    let mut out = String::new();
    match (config.file(), &config.dir) {
        (Some(file), Some(dir)) => {
            let state = if file.is_file() {
                ""
            } else {
                " (not there yet: defaults apply; `brief config --default` prints one)"
            };
            let _ = writeln!(out, "# config file: {}{state}", file.display());
            if let Origin::Env(name) = &dir.origin {
                let _ = writeln!(out, "# (the folder comes from {name})");
            }
        }
        _ => out.push_str("# no config folder: set BRIEF_CONFIG_DIR; defaults apply\n"),
    }
    // A theme that is named but cannot be used is a problem too: the app
    // falls back to the default, and this must not claim otherwise.
    let theme_problem = crate::theme::load_or_default(&config.theme, config.theme_dir()).1;
    if !problems.is_empty() || theme_problem.is_some() {
        out.push_str("# problems (those values are ignored):\n");
        for p in problems {
            let _ = writeln!(out, "#   {p}");
        }
        if let Some(why) = theme_problem {
            let _ = writeln!(out, "#   theme: {why}");
        }
    }
    let settings = config.shown_settings();
    let lines: Vec<(String, &Setting)> = settings.iter().map(|s| (line(s), s)).collect();
    let width = lines
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let mut table = "";
    for (text, setting) in &lines {
        if setting.table != table {
            table = setting.table;
            let _ = writeln!(out, "\n[{table}]");
        }
        let _ = writeln!(out, "{text:<width$}  # {}", setting.origin);
    }
    out
}

/// `key = value`, or a comment for a setting that is not set.
fn line(setting: &Setting) -> String {
    if setting.value.starts_with('(') {
        format!("# {} {}", setting.key, setting.value)
    } else {
        format!("{} = {}", toml_key(&setting.key), setting.value)
    }
}

fn toml_key(key: &str) -> String {
    let bare = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_owned()
    } else {
        toml::Value::String(key.to_owned()).to_string()
    }
}

/// A commented config file that loads to the defaults.
pub fn default_file() -> &'static str {
    Config::default_text()
}
