//! Raw HTML in a brief is shown as its text: tags are dropped, comments
//! vanish, line-breaking tags become newlines and entities are decoded.
//! Nothing is interpreted beyond that; the result is sanitised by the caller.

use super::Inline;

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

/// A piece of an HTML fragment: text between tags, or the inside of a tag
/// (between `<` and `>`). Comments are not pieces: they vanish.
enum Piece<'a> {
    Text(&'a str),
    Tag(&'a str),
}

/// Walks an HTML fragment piece by piece. A `<` that never closes is text.
fn walk<'a>(html: &'a str, mut visit: impl FnMut(Piece<'a>)) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        visit(Piece::Text(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        visit(Piece::Tag(&rest[1..gt]));
        rest = &rest[gt + 1..];
    }
    visit(Piece::Text(rest));
}

/// Converts an HTML fragment to plain text with HTML whitespace rules:
/// runs of white space fold to one space; only breaking tags end a line.
pub(crate) fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    walk(html, |piece| match piece {
        Piece::Text(t) => push_folded(&mut out, t),
        Piece::Tag(inner) if is_breaking(inner) => push_newline(&mut out),
        Piece::Tag(_) => {}
    });
    let decoded = decode_entities(&out);
    tidy_lines(&decoded)
}

/// The text of an HTML block that is a `<pre>` element, with its lines and
/// indentation kept (less the indentation all lines share), or `None` for
/// any other block. Policy documents use `<pre>` for settings paths that
/// read wrong when folded into one line.
pub(crate) fn preformatted(html: &str) -> Option<String> {
    let inner = html.trim_start().strip_prefix('<')?;
    if tag_name(inner) != "pre" || inner.starts_with('/') {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    walk(html, |piece| {
        if let Piece::Text(t) = piece {
            out.push_str(t);
        }
    });
    Some(dedent(&decode_entities(&out)))
}

/// Drops leading blank lines, trailing white space and the indentation (in
/// spaces) every non-blank line shares.
fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .map(str::trim_end)
        .collect();
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let kept: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    kept.join("\n").trim_end().to_owned()
}

/// What an inline HTML fragment means for the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InlineTag {
    /// `<br>`: a line break.
    Break,
    /// An opening tag whose style the reader shows (`<sup>`, `<em>`...).
    Open(Inline),
    /// The closing tag of one of those.
    Close(Inline),
    /// Any other tag, or a comment: dropped.
    Other,
}

/// Classifies one inline HTML fragment as pulldown-cmark hands it over.
pub(crate) fn inline_tag(fragment: &str) -> InlineTag {
    let Some(inner) = fragment.trim().strip_prefix('<') else {
        return InlineTag::Other;
    };
    if inner.starts_with(['!', '?']) {
        return InlineTag::Other;
    }
    let name = tag_name(inner);
    if name == "br" {
        return InlineTag::Break;
    }
    match inline_style(&name) {
        Some(style) if inner.starts_with('/') => InlineTag::Close(style),
        Some(style) if !inner.trim_end_matches('>').ends_with('/') => InlineTag::Open(style),
        _ => InlineTag::Other,
    }
}

/// The style of an inline HTML element the reader can show.
fn inline_style(name: &str) -> Option<Inline> {
    Some(match name {
        "em" | "i" | "cite" => Inline::EMPHASIS,
        "strong" | "b" => Inline::STRONG,
        "code" | "kbd" | "samp" | "tt" => Inline::CODE,
        "s" | "del" | "strike" => Inline::STRIKE,
        "sup" => Inline::SUPERSCRIPT,
        "sub" => Inline::SUBSCRIPT,
        _ => return None,
    })
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
        assert_eq!(inline_tag("<br/>"), InlineTag::Break);
        assert_eq!(inline_tag("<BR>"), InlineTag::Break);
        assert_eq!(inline_tag("<span>"), InlineTag::Other);
        assert_eq!(inline_tag("<!-- br -->"), InlineTag::Other);
    }

    #[test]
    fn inline_style_tags_open_and_close() {
        assert_eq!(inline_tag("<sup>"), InlineTag::Open(Inline::SUPERSCRIPT));
        assert_eq!(inline_tag("</SUP>"), InlineTag::Close(Inline::SUPERSCRIPT));
        assert_eq!(
            inline_tag("<b class=\"x\">"),
            InlineTag::Open(Inline::STRONG)
        );
        assert_eq!(inline_tag("<b/>"), InlineTag::Other);
    }

    #[test]
    fn pre_keeps_lines_less_shared_indent() {
        let pre = "<pre>\n  Users > <b>All</b>\n\n    Grant &gt; Block\n</pre>\n";
        assert_eq!(
            preformatted(pre).as_deref(),
            Some("Users > All\n\n  Grant > Block")
        );
        assert_eq!(preformatted("<p>text</p>"), None);
    }
}
