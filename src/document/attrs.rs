//! Attribute lists that some markdown dialects write after a heading or on
//! a line of their own: Pandoc and MkDocs `{#id .class key=value}`,
//! kramdown `{: .class #id}` (and its `{:toc}`, `{::comment}`). They are
//! not text: they are hidden, and their ids become link targets.

/// The words of an attribute list `{...}`, or `None` when `s` (trimmed) is
/// not one. A kramdown list (`{:`) is always one; a plain `{...}` only when
/// every word is `#id`, `.class` or `key=value`, so "{2026}" stays text.
pub(super) fn attribute_list(s: &str) -> Option<Vec<&str>> {
    let inner = s.trim().strip_prefix('{')?.strip_suffix('}')?;
    if inner.contains(['{', '}', '\n']) {
        return None;
    }
    if let Some(kramdown) = inner.strip_prefix(':') {
        return Some(
            kramdown
                .trim_start_matches(':')
                .split_whitespace()
                .collect(),
        );
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    let is_attribute = |w: &&str| w.len() > 1 && (w.starts_with(['#', '.']) || w.contains('='));
    (!words.is_empty() && words.iter().all(is_attribute)).then_some(words)
}

/// The ids an attribute list gives: `#id` and `id=value`.
pub(super) fn ids(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .filter_map(|w| {
            w.strip_prefix('#').or_else(|| {
                w.strip_prefix("id=")
                    .map(|v| v.trim_matches(|c| c == '"' || c == '\''))
            })
        })
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A heading's title without a trailing attribute list, and the ids the
/// list gave.
pub(super) fn strip_trailing(title: &str) -> (&str, Vec<String>) {
    let trimmed = title.trim_end();
    if !trimmed.ends_with('}') {
        return (title, Vec::new());
    }
    let Some(open) = trimmed.rfind('{') else {
        return (title, Vec::new());
    };
    match attribute_list(&trimmed[open..]) {
        Some(words) => (&trimmed[..open], ids(&words)),
        None => (title, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_each_dialect_are_read() {
        assert_eq!(
            attribute_list("{: .eudi-hlr__meta }"),
            Some(vec![".eudi-hlr__meta"])
        );
        assert_eq!(attribute_list("{:toc}"), Some(vec!["toc"]));
        assert_eq!(attribute_list("{::comment}"), Some(vec!["comment"]));
        assert_eq!(
            attribute_list(" {#id .c k=v} "),
            Some(vec!["#id", ".c", "k=v"])
        );
        assert_eq!(attribute_list("{2026}"), None);
        assert_eq!(attribute_list("{a} and {b}"), None);
        assert_eq!(attribute_list("text"), None);
    }

    #[test]
    fn ids_come_from_hash_words_and_id_keys() {
        assert_eq!(ids(&["#a", ".b", "id=\"c\"", "k=v", "#"]), ["a", "c"]);
    }

    #[test]
    fn heading_titles_lose_their_list_only() {
        assert_eq!(
            strip_trailing("PID Rulebook { #pid-rulebook }"),
            ("PID Rulebook ", vec!["pid-rulebook".to_owned()])
        );
        assert_eq!(strip_trailing("Budget {2026}"), ("Budget {2026}", vec![]));
        assert_eq!(strip_trailing("Plain"), ("Plain", vec![]));
    }
}
