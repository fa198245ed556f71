//! Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a
//! brief. Only the keys a reader sees are kept; anything malformed becomes a
//! warning, never a failed load.
//!
//! This file finds the block and turns keys into [`Meta`] fields; reading
//! each format is in `frontmatter/yaml.rs` and `frontmatter/toml.rs`.

mod toml;
mod yaml;

use super::Meta;
use super::sanitize::sanitize_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Toml,
}

/// Front matter beyond this size is ignored: real front matter is a few
/// lines, and a huge one is either a mistake or an attack on the parser.
const MAX_LEN: usize = 64 * 1024;

/// Front matter found at the top of a brief.
#[derive(Debug)]
pub(crate) struct FrontMatter {
    pub meta: Meta,
    /// Why the metadata could not be read, naming the line.
    pub warning: Option<String>,
    /// Byte offset where the markdown body starts (0 when the front matter
    /// is shown as text because it is never closed).
    pub body_start: usize,
    /// Lines before the body, fences included, so body lines keep their
    /// numbers in the file.
    pub lines: u32,
}

/// Finds and reads front matter: a `---` (YAML) or `+++` (TOML) line at the
/// very top, closed by the same fence (or `...` for YAML). Blank lines are
/// allowed inside, as Jekyll and Hugo allow them, which pulldown-cmark's
/// own metadata blocks do not. The first line inside must look like a key,
/// so a brief that merely opens with a `---` rule keeps its text.
pub(crate) fn read(text: &str) -> Option<FrontMatter> {
    let first = text.split_inclusive('\n').next()?;
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return None,
    };
    let content = &text[first.len()..];
    if !starts_like_metadata(format, content) {
        return None;
    }
    let Some((end, lines)) = closing_fence(format, content) else {
        return unclosed(first.trim_end(), content);
    };
    let (meta, warning) = match parse(format, &content[..end.start], 2) {
        Ok(meta) => (meta, None),
        Err(w) => (Meta::default(), Some(w)),
    };
    Some(FrontMatter {
        meta,
        warning,
        body_start: first.len() + end.end,
        lines: lines.saturating_add(1),
    })
}

/// Front matter that never closes: its end is unknown, so it stays text,
/// with a warning unless there is nothing after the fence at all.
fn unclosed(fence: &str, content: &str) -> Option<FrontMatter> {
    if content.trim().is_empty() {
        return None;
    }
    Some(FrontMatter {
        meta: Meta::default(),
        warning: Some(format!(
            "front matter opened at line 1 is never closed (no closing {fence} line); it is shown as text"
        )),
        body_start: 0,
        lines: 0,
    })
}

/// True when the first non-blank line of `content` is a key (`title:` or
/// `title =`) or a TOML table header, or when the block is empty. Comments
/// do not count: `---` then `# Heading` is a rule and a heading.
fn starts_like_metadata(format: Format, content: &str) -> bool {
    let Some(line) = content.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return true;
    };
    if is_fence(format, line) {
        return true;
    }
    let (sep, table) = match format {
        Format::Yaml => (':', false),
        Format::Toml => ('=', line.starts_with('[')),
    };
    let key_chars = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\''))
    };
    table
        || line
            .split_once(sep)
            .is_some_and(|(k, _)| key_chars(k.trim()))
}

fn is_fence(format: Format, line: &str) -> bool {
    match format {
        Format::Yaml => line == "---" || line == "...",
        Format::Toml => line == "+++",
    }
}

/// The byte range of the closing fence line in `content`, and how many
/// lines of `content` it ends (the fence included).
fn closing_fence(format: Format, content: &str) -> Option<(std::ops::Range<usize>, u32)> {
    let mut offset = 0;
    for (i, line) in content.split_inclusive('\n').enumerate() {
        if is_fence(format, line.trim_end()) {
            let lines = u32::try_from(i + 1).unwrap_or(u32::MAX);
            return Some((offset..offset + line.len(), lines));
        }
        offset += line.len();
    }
    None
}

/// Reads metadata from front matter text. `first_line` is the 1-based line
/// of the first line of `text` in the file, for error messages.
pub(crate) fn parse(format: Format, text: &str, first_line: u32) -> Result<Meta, String> {
    if text.len() > MAX_LEN {
        return Err(format!(
            "front matter at line {first_line} is over {} KiB and was ignored",
            MAX_LEN / 1024
        ));
    }
    let parsed = match format {
        Format::Yaml => yaml::parse_yaml(text, first_line),
        Format::Toml => toml::parse_toml(text, first_line),
    };
    // Parser messages may quote the offending character, which can be a
    // control character; the warning reaches the status bar.
    parsed.map_err(|w| sanitize_line(&w))
}

fn split_tags(s: &str) -> Vec<String> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn set_field(meta: &mut Meta, key: &str, value: &str) {
    let value = sanitize_line(value.trim());
    if value.is_empty() {
        return;
    }
    let slot = match key {
        "id" | "identifier" | "doc_id" => &mut meta.id,
        "title" => &mut meta.title,
        "subtitle" => &mut meta.subtitle,
        "lang" | "language" => &mut meta.language,
        "date" => &mut meta.date,
        "author" | "authors" => &mut meta.author,
        "classification" => &mut meta.classification,
        "url" | "link" => &mut meta.url,
        "source" | "publisher" => &mut meta.source,
        "summary" | "description" | "abstract" => &mut meta.summary,
        _ => return,
    };
    // The first spelling wins: `summary` before a later `description`.
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// Tags are sanitised and kept in the order given.
pub(crate) fn clean_tags(tags: Vec<String>) -> Vec<String> {
    tags.into_iter()
        .map(|t| sanitize_line(t.trim()))
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests;
