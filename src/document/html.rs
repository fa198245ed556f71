//! Raw HTML in a brief is shown as its text: tags are dropped, comments
//! vanish, line-breaking tags become newlines and entities are decoded.
//! Nothing is interpreted beyond that; the result is sanitised by the caller.

/// Tags after which the text continues on a new line.
const BREAKING: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "hr",
];

/// Converts an HTML fragment to plain text with HTML whitespace rules:
/// runs of white space fold to one space; only breaking tags end a line.
pub(crate) fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_folded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        match rest.find('>') {
            Some(gt) => {
                if is_breaking(&rest[1..gt]) {
                    push_newline(&mut out);
                }
                rest = &rest[gt + 1..];
            }
            None => {
                // A lone '<' is text, not a tag.
                push_folded(&mut out, rest);
                rest = "";
            }
        }
    }
    push_folded(&mut out, rest);
    let decoded = decode_entities(&out);
    tidy_lines(&decoded)
}

/// The break an inline HTML fragment stands for, if any: `<br>` is a line
/// break, every other tag and comment is dropped.
pub(crate) fn inline_break(fragment: &str) -> bool {
    let f = fragment.trim();
    f.starts_with('<') && !f.starts_with("<!--") && tag_name(&f[1..]) == "br"
}

fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_breaking(inner: &str) -> bool {
    BREAKING.contains(&tag_name(inner).as_str())
}

fn push_folded(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn push_newline(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn tidy_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut out = String::with_capacity(text.len());
    for line in lines {
        if line.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// Decodes `&amp;`-style named entities (the common ones) and numeric ones.
/// Unknown entities are left as written.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').filter(|&e| e <= 10).map(|e| e + 1);
        let decoded = end.and_then(|e| decode_one(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{FFFD}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "ccedil" => 'ç',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_dropped_and_br_breaks_lines() {
        assert_eq!(
            to_text("<h3> FROM: <br/>Jane Roe<br/>Chief Officer</h3>"),
            "FROM:\nJane Roe\nChief Officer"
        );
    }

    #[test]
    fn comments_vanish() {
        assert_eq!(to_text("<!-- Policy: X.1 -->"), "");
        assert_eq!(to_text("a <!-- hidden --> b"), "a b");
    }

    #[test]
    fn entities_decode_including_escape() {
        assert_eq!(
            decode_entities("a &amp; b &#27; &#x9b; &bogus;"),
            "a & b \u{1b} \u{9b} &bogus;"
        );
    }

    #[test]
    fn inline_br_is_a_break() {
        assert!(inline_break("<br/>"));
        assert!(inline_break("<BR>"));
        assert!(!inline_break("<b>"));
        assert!(!inline_break("<!-- br -->"));
    }
}
