//! Reading config.toml with spans: each value applied to the [`Config`],
//! each unknown key or bad value a [`ConfigProblem`] with its line and column.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::theme;

use super::{Config, ConfigProblem, Origin, check_width};

const TOP_KEYS: &[&str] = &[
    "theme",
    "library",
    "reading_width",
    "panes",
    "mouse",
    "images",
    "tags",
    "team",
    "keys",
];
const PANE_KEYS: &[&str] = &["outline", "notes"];
const TAG_KEYS: &[&str] = &["allowed"];
const TEAM_KEYS: &[&str] = &["folder", "author", "share_new"];

/// Applies config.toml's `text` (read from `file`) to `config`; returns the
/// problems found, each already ignored.
pub(super) fn read(file: PathBuf, text: &str, config: &mut Config) -> Vec<ConfigProblem> {
    let mut reader = Reader {
        file,
        text,
        problems: Vec::new(),
    };
    reader.read(config);
    reader.problems
}

/// Reads config.toml into a [`Config`], collecting problems.
pub(super) struct Reader<'a> {
    file: PathBuf,
    text: &'a str,
    problems: Vec<ConfigProblem>,
}

pub(super) type Spot<'i> = &'i Spanned<DeValue<'i>>;

impl Reader<'_> {
    pub(super) fn problem(&mut self, offset: usize, message: String) {
        let (line, column) = theme::line_column(self.text, offset);
        self.problems.push(ConfigProblem {
            file: self.file.clone(),
            line,
            column,
            message,
        });
    }

    pub(super) fn origin(&self, offset: usize) -> Origin {
        Origin::File {
            path: self.file.clone(),
            line: theme::line_column(self.text, offset).0,
        }
    }

    pub(super) fn unknown(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        within: &str,
        known: &[&str],
    ) {
        let name = key.get_ref().as_ref();
        let hint = match crate::theme::suggest(name, known) {
            Some(s) => format!("did you mean `{s}`?"),
            None if known.len() > 10 => "`brief config --default` lists them all".to_owned(),
            None => format!("expected one of: {}", known.join(", ")),
        };
        let message = format!("unknown key `{name}`{within}, ignored; {hint}");
        self.problem(key.span().start, message);
    }

    pub(super) fn wrong_type(&mut self, key: &str, value: Spot<'_>, expected: &str) {
        let found = value.get_ref().type_str();
        let message = format!("`{key}` must be {expected}, found {found}; ignored");
        self.problem(value.span().start, message);
    }

    fn read(&mut self, config: &mut Config) {
        let Some(text) = self.parsable() else {
            return;
        };
        let Ok(doc) = DeTable::parse(&text) else {
            return;
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
                "images" => match value.get_ref() {
                    DeValue::Boolean(b) => {
                        config.images = *b;
                        config.set_origin("images", self.origin(at));
                    }
                    _ => self.wrong_type("images", value, "true or false"),
                },
                "panes" => self.panes(config, value),
                "tags" => self.tags(config, value),
                "team" => self.team(config, value),
                "keys" => self.keys(config, value),
                _ => self.unknown(key, "", TOP_KEYS),
            }
        }
    }

    /// The file's text with each table that has a syntax error blanked
    /// out (and reported), so that the tables that parse still apply.
    /// Blanking keeps every byte offset, so lines and columns stay true.
    /// None when nothing of it parses.
    fn parsable(&mut self) -> Option<String> {
        let mut text = self.text.to_owned();
        // Each round blanks one more table: a file has few.
        for _ in 0..64 {
            let e = match DeTable::parse(&text) {
                Ok(_) => return Some(text),
                Err(e) => e,
            };
            let mut offset = e.span().map_or(0, |s| s.start).min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let Some((range, name)) = table_around(&text, offset) else {
                let message = format!("{}; the whole file is ignored", e.message().trim());
                self.problem(offset, message);
                return None;
            };
            let what = match name {
                Some(name) => format!("the table [{name}] is ignored, the rest applies"),
                None => "that line is ignored, the rest applies".to_owned(),
            };
            self.problem(offset, format!("{}; {what}", e.message().trim()));
            blank(&mut text, range);
        }
        None
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

    pub(super) fn table<'v>(&mut self, name: &str, value: Spot<'v>) -> Option<&'v DeTable<'v>> {
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
}

impl Reader<'_> {
    /// `[team]`: `folder` (a path, `~/` for home, relative to the config
    /// folder), `author` (a name), `share_new` (true or false).
    fn team(&mut self, config: &mut Config, value: Spot<'_>) {
        let Some(table) = self.table("team", value) else {
            return;
        };
        for (key, v) in table {
            let name = key.get_ref().as_ref();
            let at = key.span().start;
            match (name, v.get_ref()) {
                ("folder", DeValue::String(s)) if !s.trim().is_empty() => {
                    config.team_folder = Some(expand_path(s.trim(), self.file.parent()));
                    config.set_origin("team.folder", self.origin(at));
                }
                ("folder", _) => self.wrong_type("team.folder", v, "a folder path"),
                ("author", DeValue::String(s)) if !s.trim().is_empty() => {
                    let author = crate::document::sanitize::sanitize_line(s.trim());
                    config.author = Some(author);
                    config.set_origin("team.author", self.origin(at));
                }
                ("author", _) => self.wrong_type("team.author", v, "a name"),
                ("share_new", DeValue::Boolean(b)) => {
                    config.share_new = *b;
                    config.set_origin("team.share_new", self.origin(at));
                }
                ("share_new", _) => self.wrong_type("team.share_new", v, "true or false"),
                _ => self.unknown(key, " in [team]", TEAM_KEYS),
            }
        }
    }
}

/// The part of config.toml a syntax error at `offset` spoils: its table,
/// from its `[header]` line to the next one (with the table's name), or,
/// before any header, the error's own line. None when that part is blank
/// already (blanking it again would change nothing).
fn table_around(text: &str, offset: usize) -> Option<(std::ops::Range<usize>, Option<String>)> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            starts.push(at);
        }
        at += line.len();
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    // An error on a header line belongs to that header's table.
    let header = starts.iter().rev().find(|&&s| s <= offset).copied();
    let range = match header {
        Some(start) => {
            let end = starts
                .iter()
                .find(|&&s| s > start)
                .copied()
                .unwrap_or(text.len());
            start..end
        }
        None => line_start..line_end,
    };
    if text[range.clone()].trim().is_empty() {
        return None;
    }
    let name = header.map(|start| {
        let line = text[start..].lines().next().unwrap_or_default();
        let inner = line.trim().trim_start_matches('[').trim_end_matches(']');
        inner.split(']').next().unwrap_or(inner).trim().to_owned()
    });
    Some((range, name))
}

/// Replaces a range of text by spaces (newlines kept), byte for byte.
fn blank(text: &mut String, range: std::ops::Range<usize>) {
    let spaces: String = text[range.clone()]
        .bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(range, &spaces);
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
