//! YAML front matter, read without ever expanding an alias, with nesting
//! and work capped.

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;
use yaml_rust2::yaml::Hash;
use yaml_rust2::{ScanError, Yaml};

use super::{MAX_LEN, Meta, set_field, split_tags};

/// YAML nested deeper than this is refused: real front matter is a flat
/// map with the odd list, and the cap keeps the tree (and the recursion
/// that hashes and drops it) small.
const MAX_YAML_DEPTH: usize = 64;

/// YAML parser events allowed in one front matter. `MAX_LEN` already bounds
/// them (a text yields at most about two events per character); this is a
/// backstop so the work stays bounded whatever the parser does.
const MAX_YAML_EVENTS: usize = 4 * MAX_LEN;

pub(super) fn parse_yaml(text: &str, first_line: u32) -> Result<Meta, String> {
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
