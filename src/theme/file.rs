//! Theme files: the bundled ones and the user's, found by name, with
//! everything they `extends` merged in; the errors name the file, line and
//! column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Style};

use super::Theme;
use super::parse::{ColorRef, FileParser, StyleSpec, ThemeFile, bad_color};

/// The themes built into the binary, in the order `brief themes` lists them
/// and `T` cycles through them.
pub const BUNDLED: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    (
        "solarized-dark",
        include_str!("../../themes/solarized-dark.toml"),
    ),
    ("sepia", include_str!("../../themes/sepia.toml")),
];

/// The theme used when none is chosen or the chosen one is broken.
pub const DEFAULT_THEME: &str = "default";

/// Why a theme could not be loaded. Every message names the file and,
/// where it can, the line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    // Every field may quote the theme file (or its name): sanitised for
    // the status bar and `brief themes`.
    #[error("{}:{line}:{column}: {}", safe(file), safe(message))]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: cannot read: {}", safe(file), safe(message))]
    Read { file: String, message: String },
    #[error("no theme named {:?} (available: {})", safe(name), safe(&available.join(", ")))]
    NotFound {
        name: String,
        available: Vec<String>,
    },
}

fn safe(s: &str) -> String {
    crate::document::sanitize::sanitize_line(s)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A place in a theme file, kept for errors found after merging.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub(super) file: String,
    pub(super) line: usize,
    pub(super) column: usize,
}

impl Place {
    pub(super) fn error(&self, message: String) -> ThemeError {
        ThemeError::Invalid {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            message,
        }
    }
}

/// Where a theme's text comes from.
#[derive(Debug, Clone)]
struct Source {
    name: String,
    /// `None` for a bundled theme.
    path: Option<PathBuf>,
    text: Result<String, String>,
}

impl Source {
    fn label(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => format!("themes/{}.toml (built in)", self.name),
        }
    }

    fn bundled(name: &str) -> Option<Source> {
        BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| Source {
                name: (*n).to_owned(),
                path: None,
                text: Ok((*text).to_owned()),
            })
    }
}

/// The themes in `<config dir>/themes/`, sorted by name.
fn user_sources(config_dir: Option<&Path>) -> Vec<Source> {
    let Some(dir) = config_dir else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir.join("themes")) else {
        return Vec::new();
    };
    let mut sources: Vec<Source> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_owned();
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string());
            Some(Source {
                name,
                path: Some(path),
                text,
            })
        })
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    sources
}

/// Every theme name: the bundled ones in their order, then the user's own.
fn all_names(user: &[Source]) -> Vec<String> {
    let mut names: Vec<String> = BUNDLED.iter().map(|(n, _)| (*n).to_owned()).collect();
    for s in user {
        if !names.contains(&s.name) {
            names.push(s.name.clone());
        }
    }
    names
}

/// The source of a theme: the user's file over a bundled one.
fn find_source(name: &str, user: &[Source]) -> Option<Source> {
    user.iter()
        .find(|s| s.name == name)
        .cloned()
        .or_else(|| Source::bundled(name))
}

/// Parses a theme and everything it extends, root first.
fn chain(name: &str, user: &[Source]) -> Result<Vec<(ThemeFile, Source)>, ThemeError> {
    let mut source = find_source(name, user).ok_or_else(|| ThemeError::NotFound {
        name: name.to_owned(),
        available: all_names(user),
    })?;
    let mut files: Vec<(ThemeFile, Source)> = Vec::new();
    loop {
        let label = source.label();
        let text = source.text.clone().map_err(|message| ThemeError::Read {
            file: label.clone(),
            message,
        })?;
        let file = FileParser {
            file: &label,
            text: &text,
        }
        .parse()?;
        let parent = file.extends.clone();
        files.push((file, source.clone()));
        let Some((parent, place)) = parent else {
            break;
        };
        // Bundled themes extend bundled themes only, so a user's file can
        // never break them; a user's file extending its own name extends
        // the bundled one.
        let next = if source.path.is_none() || parent == source.name {
            Source::bundled(&parent)
        } else {
            find_source(&parent, user)
        };
        let Some(next) = next else {
            return Err(place.error(format!(
                "`extends`: no theme named {parent:?} (available: {})",
                all_names(user).join(", ")
            )));
        };
        if files
            .iter()
            .any(|(_, s)| s.name == next.name && s.path == next.path)
        {
            let mut names: Vec<&str> = files.iter().map(|(_, s)| s.name.as_str()).collect();
            names.push(&next.name);
            return Err(place.error(format!(
                "`extends` goes round in a loop: {}",
                names.join(" -> ")
            )));
        }
        source = next;
    }
    files.reverse();
    Ok(files)
}

/// Merges a chain (root first) over `base`, part by part, then resolves
/// colour names against the merged `[colors]`, so a theme that only
/// redefines a colour recolours every part of its parent that uses it.
fn build(name: &str, files: &[(ThemeFile, Source)], base: &Theme) -> Result<Theme, ThemeError> {
    let mut colors: BTreeMap<&str, Color> = BTreeMap::new();
    let mut styles: BTreeMap<&str, &StyleSpec> = BTreeMap::new();
    let mut palette: Option<&Vec<StyleSpec>> = None;
    let mut named: BTreeMap<&str, &StyleSpec> = BTreeMap::new();
    let mut theme = base.clone();
    for (file, _) in files {
        colors.extend(file.colors.iter().map(|(k, v)| (k.as_str(), *v)));
        styles.extend(file.styles.iter().map(|(k, v)| (*k, v)));
        palette = file.palette.as_ref().or(palette);
        named.extend(file.named_tags.iter().map(|(k, v)| (k.as_str(), v)));
        if let Some(d) = &file.description {
            theme.description = d.clone();
        }
    }
    let color = |c: &ColorRef| match c {
        ColorRef::Literal(c) => Ok(*c),
        ColorRef::Named(n, place) => colors
            .get(n.as_str())
            .copied()
            .ok_or_else(|| place.error(bad_color(n))),
    };
    let style = |spec: &StyleSpec| -> Result<Style, ThemeError> {
        let mut s = Style::new().add_modifier(spec.modifiers);
        s.fg = spec.fg.as_ref().map(color).transpose()?;
        s.bg = spec.bg.as_ref().map(color).transpose()?;
        Ok(s)
    };
    for (part, spec) in styles {
        theme.set_style(part, style(spec)?);
    }
    if let Some(p) = palette {
        theme.tag_palette = p.iter().map(style).collect::<Result<_, _>>()?;
    }
    for (tag, spec) in named {
        let s = style(spec)?;
        match theme.tag_colors.iter_mut().find(|(t, _)| t == tag) {
            Some((_, old)) => *old = s,
            None => theme.tag_colors.push((tag.to_owned(), s)),
        }
    }
    theme.name = name.to_owned();
    theme.source = files.last().and_then(|(_, s)| s.path.clone());
    Ok(theme)
}

/// Loads a theme by name: the user's `<config dir>/themes/NAME.toml`, else
/// the bundled one, with everything it `extends`.
pub fn load(name: &str, config_dir: Option<&Path>) -> Result<Theme, ThemeError> {
    load_with_base(name, config_dir, &Theme::monochrome())
}

/// [`load`], with the parts no file in the chain styles taken from `base`
/// (normally [`Theme::monochrome`]; tests pass a sentinel to prove that a
/// theme styles every part).
pub fn load_with_base(
    name: &str,
    config_dir: Option<&Path>,
    base: &Theme,
) -> Result<Theme, ThemeError> {
    let user = user_sources(config_dir);
    build(name, &chain(name, &user)?, base)
}

/// [`load`], falling back to the bundled default theme; the warning says
/// what went wrong, for the status bar.
pub fn load_or_default(name: &str, config_dir: Option<&Path>) -> (Theme, Option<String>) {
    match load(name, config_dir) {
        Ok(theme) => (theme, None),
        Err(e) => {
            let fallback = load(DEFAULT_THEME, None).unwrap_or_else(|_| Theme::monochrome());
            // What it means first: a status bar has room for the start.
            (
                fallback,
                Some(format!("theme {name:?} not used, showing the default: {e}")),
            )
        }
    }
}

/// Every theme that loads (bundled first, then the user's), and the errors
/// of those that do not.
pub fn available(config_dir: Option<&Path>) -> (Vec<Theme>, Vec<ThemeError>) {
    let user = user_sources(config_dir);
    let base = Theme::monochrome();
    let mut themes = Vec::new();
    let mut errors = Vec::new();
    for name in all_names(&user) {
        match chain(&name, &user).and_then(|files| build(&name, &files, &base)) {
            Ok(theme) => themes.push(theme),
            Err(e) => errors.push(e),
        }
    }
    (themes, errors)
}

/// The theme after `current` in `available`, wrapping round; the first one
/// when `current` is not among them.
pub fn cycle(current: &str, available: &[Theme]) -> Theme {
    let next = match available.iter().position(|t| t.name == current) {
        Some(i) => (i + 1) % available.len(),
        None => 0,
    };
    available.get(next).cloned().unwrap_or_default()
}
