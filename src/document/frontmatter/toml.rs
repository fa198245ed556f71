//! TOML front matter: the keys a reader sees, as text.

use super::{Meta, set_field, split_tags};

pub(super) fn parse_toml(text: &str, first_line: u32) -> Result<Meta, String> {
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

/// 0-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col)
}
