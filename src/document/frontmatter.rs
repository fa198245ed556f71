//! Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a
//! brief. Only the keys a reader sees are kept; anything malformed becomes a
//! warning, never a failed load.

use super::Meta;
use super::sanitize::sanitize_line;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;
use yaml_rust2::yaml::Hash;
use yaml_rust2::{ScanError, Yaml};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Toml,
}

/// Front matter beyond this size is ignored: real front matter is a few
/// lines, and a huge one is either a mistake or an attack on the parser.
const MAX_LEN: usize = 64 * 1024;

/// YAML nested deeper than this is refused: real front matter is a flat
/// map with the odd list, and the cap keeps the tree (and the recursion
/// that hashes and drops it) small.
const MAX_YAML_DEPTH: usize = 64;

/// YAML parser events allowed in one front matter. `MAX_LEN` already bounds
/// them (a text yields at most about two events per character); this is a
/// backstop so the work stays bounded whatever the parser does.
const MAX_YAML_EVENTS: usize = 4 * MAX_LEN;

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
        Format::Yaml => parse_yaml(text, first_line),
        Format::Toml => parse_toml(text, first_line),
    };
    // Parser messages may quote the offending character, which can be a
    // control character; the warning reaches the status bar.
    parsed.map_err(|w| sanitize_line(&w))
}

fn parse_yaml(text: &str, first_line: u32) -> Result<Meta, String> {
    let root = load_yaml(text).map_err(|e| {
        let line = first_line as usize + e.marker().line().saturating_sub(1);
        format!(
            "YAML front matter, line {line}, column {}: {}; fix it to see the title, date and tags",
            e.marker().col() + 1,
            e.info()
        )
    })?;
    let Some(Yaml::Hash(map)) = root else {
        return Ok(Meta::default());
    };
    let mut meta = Meta::default();
    for (key, value) in map {
        let Some(key) = key.as_str() else { continue };
        match key.to_ascii_lowercase().as_str() {
            "tags" | "keywords" => meta.tags = yaml_list(&value),
            k => {
                if let Some(v) = yaml_scalar(&value) {
                    set_field(&mut meta, k, &v);
                }
            }
        }
    }
    Ok(meta)
}

/// A YAML collection being built.
enum Open {
    Seq(Vec<Yaml>),
    /// A mapping and the state of its current entry.
    Map(Hash, Entry),
}

/// Where a mapping is between its keys and values.
enum Entry {
    /// The next node is a key.
    Key,
    /// The next node is the value of this key.
    Value(Yaml),
    /// The key was an alias: the next node is its value and is dropped.
    Skip,
}

/// Parses YAML the way `YamlLoader` does (same scalar types, same errors
/// for malformed YAML and duplicated keys) and returns the first document,
/// `None` when there is none or it is an alias.
///
/// Unlike `YamlLoader`, an alias is never expanded: `YamlLoader` copies the
/// anchored node for every alias, so a few lines of nested aliases (a
/// "billion laughs") grow exponentially and hang the loader. Here an alias
/// is absent: a null in a mapping value, skipped in a sequence, and an
/// entry whose key is an alias is dropped. The tree built is never larger
/// than the text, nesting is capped at `MAX_YAML_DEPTH` and the events read
/// at `MAX_YAML_EVENTS`, so no front matter costs more than a pass over its
/// 64 KiB. The parser is driven event by event rather than through
/// `Parser::load`, which recurses once per nesting level.
fn load_yaml(text: &str) -> Result<Option<Yaml>, ScanError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut first: Option<Option<Yaml>> = None;
    let mut last = None;
    let mut duplicate = None;
    for _ in 0..MAX_YAML_EVENTS {
        let (event, mark) = parser.next_token()?;
        last = Some(mark);
        let node = match event {
            Event::StreamEnd => return duplicate.map_or(Ok(first.flatten()), Err),
            Event::Nothing | Event::StreamStart | Event::DocumentStart => continue,
            Event::DocumentEnd => {
                // An empty document; a full one was stored as it closed.
                first.get_or_insert(None);
                continue;
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_YAML_DEPTH {
                    return Err(ScanError::new_string(
                        mark,
                        format!("nested more than {MAX_YAML_DEPTH} levels deep"),
                    ));
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Open::Seq(Vec::new()),
                    _ => Open::Map(Hash::new(), Entry::Key),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(items)) => Some(Yaml::Array(items)),
                Some(Open::Map(map, _)) => Some(Yaml::Hash(map)),
                None => return Err(ScanError::new(mark, "unexpected end of a collection")),
            },
            Event::Scalar(value, style, _, tag) => Some(yaml_value(value, style, tag.as_ref())),
            Event::Alias(_) => None,
        };
        match stack.last_mut() {
            None => {
                // A document's root node, complete.
                first.get_or_insert(node);
            }
            Some(Open::Seq(items)) => items.extend(node),
            Some(Open::Map(map, entry)) => match std::mem::replace(entry, Entry::Key) {
                Entry::Key => *entry = node.map_or(Entry::Skip, Entry::Value),
                Entry::Skip => {}
                Entry::Value(key) => {
                    if map.contains_key(&key) {
                        // Reported once the whole text has parsed, as a
                        // syntax error further on is reported first.
                        duplicate.get_or_insert_with(|| {
                            ScanError::new_string(
                                mark,
                                format!("{key:?}: duplicated key in mapping"),
                            )
                        });
                    } else {
                        map.insert(key, node.unwrap_or(Yaml::Null));
                    }
                }
            },
        }
    }
    match last {
        Some(mark) => Err(ScanError::new(mark, "too many YAML nodes")),
        None => Ok(None),
    }
}

/// A scalar typed as `YamlLoader` types it: quoted scalars are strings,
/// `!!bool`, `!!int`, `!!float` and `!!null` tags are checked, and plain
/// scalars are resolved by `Yaml::from_str`.
fn yaml_value(value: String, style: TScalarStyle, tag: Option<&Tag>) -> Yaml {
    if style != TScalarStyle::Plain {
        return Yaml::String(value);
    }
    let Some(tag) = tag else {
        return Yaml::from_str(&value);
    };
    if tag.handle != "tag:yaml.org,2002:" {
        return Yaml::String(value);
    }
    match tag.suffix.as_str() {
        "bool" => match value.as_str() {
            "true" | "True" | "TRUE" => Yaml::Boolean(true),
            "false" | "False" | "FALSE" => Yaml::Boolean(false),
            _ => Yaml::BadValue,
        },
        "int" => value.parse::<i64>().map_or(Yaml::BadValue, Yaml::Integer),
        "float" if is_yaml_float(&value) => Yaml::Real(value),
        "float" => Yaml::BadValue,
        "null" => match value.as_str() {
            "~" | "null" => Yaml::Null,
            _ => Yaml::BadValue,
        },
        _ => Yaml::String(value),
    }
}

/// yaml-rust2's test for a `!!float` scalar (its `parse_f64` is private).
fn is_yaml_float(v: &str) -> bool {
    match v {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => true,
        _ => v.bytes().any(|b| b.is_ascii_digit()) && v.parse::<f64>().is_ok(),
    }
}

fn yaml_scalar(v: &Yaml) -> Option<String> {
    match v {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(yaml_scalar).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

fn yaml_list(v: &Yaml) -> Vec<String> {
    match v {
        Yaml::Array(items) => items.iter().filter_map(yaml_scalar).collect(),
        other => yaml_scalar(other)
            .map(|s| split_tags(&s))
            .unwrap_or_default(),
    }
}

fn parse_toml(text: &str, first_line: u32) -> Result<Meta, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
        format!(
            "TOML front matter, line {}, column {}: {}; fix it to see the title, date and tags",
            first_line as usize + line,
            col + 1,
            e.message()
        )
    })?;
    let mut meta = Meta::default();
    for (key, value) in &table {
        match key.to_ascii_lowercase().as_str() {
            "tags" | "keywords" => meta.tags = toml_list(value),
            k => {
                if let Some(v) = toml_scalar(value) {
                    set_field(&mut meta, k, &v);
                }
            }
        }
    }
    Ok(meta)
}

fn toml_scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(toml_scalar).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        toml::Value::Table(_) => None,
    }
}

fn toml_list(v: &toml::Value) -> Vec<String> {
    match v {
        toml::Value::Array(items) => items.iter().filter_map(toml_scalar).collect(),
        other => toml_scalar(other)
            .map(|s| split_tags(&s))
            .unwrap_or_default(),
    }
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
        "title" => &mut meta.title,
        "date" => &mut meta.date,
        "author" | "authors" => &mut meta.author,
        "classification" => &mut meta.classification,
        "summary" | "description" | "abstract" => &mut meta.summary,
        _ => return,
    };
    // The first spelling wins: `summary` before a later `description`.
    if slot.is_none() {
        *slot = Some(value);
    }
}

/// 0-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col)
}

/// Tags are sanitised and kept in the order given.
pub(crate) fn clean_tags(tags: Vec<String>) -> Vec<String> {
    tags.into_iter()
        .map(|t| sanitize_line(t.trim()))
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_fields_and_tag_list() {
        let m = parse(
            Format::Yaml,
            "title: Arctic lanes\ndate: 2026-03-01\ntags: [arctic, shipping]\nsummary: Short.\n",
            2,
        )
        .unwrap();
        assert_eq!(m.title.as_deref(), Some("Arctic lanes"));
        assert_eq!(m.date.as_deref(), Some("2026-03-01"));
        assert_eq!(m.tags, ["arctic", "shipping"]);
        assert_eq!(m.summary.as_deref(), Some("Short."));
    }

    #[test]
    fn toml_date_and_comma_tags() {
        let m = parse(
            Format::Toml,
            "title = \"Water\"\ndate = 2026-05-02\ntags = \"water, sahel\"\n",
            2,
        )
        .unwrap();
        assert_eq!(m.date.as_deref(), Some("2026-05-02"));
        assert_eq!(m.tags, ["water", "sahel"]);
    }

    #[test]
    fn yaml_error_names_the_file_line() {
        let err = parse(Format::Yaml, "title: ok\ntags: [unclosed\n", 2).unwrap_err();
        assert!(err.contains("line"), "{err}");
    }

    #[test]
    fn yaml_aliases_are_absent_not_expanded() {
        let m = parse(
            Format::Yaml,
            "t: &t Anchored\ntitle: *t\nauthor: A\n*t : dropped\ntags: [x, *t, y]\nsummary: S\n",
            2,
        )
        .unwrap();
        assert_eq!(m.title, None);
        assert_eq!(m.author.as_deref(), Some("A"));
        assert_eq!(m.tags, ["x", "y"]);
        assert_eq!(m.summary.as_deref(), Some("S"));
    }

    #[test]
    fn yaml_duplicated_keys_still_warn() {
        let err = parse(Format::Yaml, "title: a\ntitle: b\n", 2).unwrap_err();
        assert!(err.contains("duplicated key"), "{err}");
        let err = parse(Format::Yaml, "a: &x 1\ntitle: *x\ntitle: b\n", 2).unwrap_err();
        assert!(err.contains("duplicated key"), "{err}");
    }

    #[test]
    fn deeply_nested_yaml_is_refused_naming_the_line() {
        let deep = format!("title: x\ntags:\n{}x\n", "- ".repeat(5000));
        let err = parse(Format::Yaml, &deep, 2).unwrap_err();
        assert!(err.contains("line 4") && err.contains("nested"), "{err}");
        let ok = format!("title: x\nt: {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(
            parse(Format::Yaml, &ok, 2).unwrap().title.as_deref(),
            Some("x")
        );
    }
}
