//! Writing markdown that reads back as exactly the text it was made from:
//! escaping, code fences, front matter. Shared by the converters.

/// Text escaped so that the markdown parser shows it as it is: no emphasis,
/// link, HTML, entity or table syntax survives. Line breaks and tabs become
/// spaces (callers break lines themselves).
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// [`escape_inline`] for text that starts a line: what would open a list,
/// a quote, a heading or a thematic break is escaped too, and leading
/// spaces (an indented code block) are dropped.
pub fn escape_line(text: &str) -> String {
    guard_line_start(escape_inline(text.trim_start()))
}

/// Already escaped text that starts a line, with what would open a list,
/// a quote, a heading or a thematic break escaped too.
pub fn guard_line_start(mut out: String) -> String {
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        // `1.` or `1)` opens an ordered list.
        let digits = out.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// A fenced code block holding `lines` as they are: the fence is longer
/// than any run of backticks inside.
pub fn code_block(lines: &[&str]) -> String {
    let longest = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut out = format!("{fence}\n");
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&fence);
    out
}

/// A YAML front matter block from `(key, value)` pairs; empty when there
/// are none. Values are double-quoted so no YAML syntax in them counts.
pub fn front_matter(fields: &[(&str, String)]) -> String {
    let fields: Vec<_> = fields
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    if fields.is_empty() {
        return String::new();
    }
    let mut out = String::from("---\n");
    for (key, value) in fields {
        let mut quoted = String::new();
        for c in value.trim().chars() {
            match c {
                '"' | '\\' => {
                    quoted.push('\\');
                    quoted.push(c);
                }
                c if c.is_control() => quoted.push(' '),
                c => quoted.push(c),
            }
        }
        out.push_str(&format!("{key}: \"{quoted}\"\n"));
    }
    out.push_str("---\n\n");
    out
}

/// True when text named `.txt` is in fact markdown: it opens with front
/// matter, or has an ATX heading, a fenced code block or an inline link.
pub fn looks_like_markdown(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if text.starts_with("---\n") || text.starts_with("---\r\n") || text.starts_with("+++") {
        return true;
    }
    text.lines().any(|line| {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
            || line.starts_with("```")
            || (line.contains("](") && line.contains('['))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    /// Escaped text comes back from the parser as the text itself.
    #[test]
    fn escaped_text_reads_back_unchanged() {
        for text in [
            "A *star*, an _under_ and `code` [link](x) <b>html</b> &amp; #tag | pipe ~x~ \\",
            "- not a list",
            "1. not a list either",
            "12) nor this",
            "> no quote",
            "=== no heading",
            "# no heading",
        ] {
            let brief = parse(&escape_line(text), "t");
            assert_eq!(brief.block_text(0), text, "{text}");
        }
    }

    #[test]
    fn fences_outlast_backticks_inside() {
        let block = code_block(&["a ```` b", "c"]);
        assert!(block.starts_with("`````\n"), "{block}");
        let brief = parse(&block, "t");
        assert_eq!(brief.block_text(0), "a ```` b\nc");
    }

    #[test]
    fn front_matter_reads_back() {
        let fm = front_matter(&[
            ("title", "Grain \"deal\": a note".into()),
            ("date", String::new()),
        ]);
        let brief = parse(&format!("{fm}Body"), "t");
        assert_eq!(brief.meta.title.as_deref(), Some("Grain \"deal\": a note"));
        assert_eq!(brief.meta.date, None);
    }
}
