//! A cap on how deep tags nest, applied to the text before it is parsed.
//! The HTML parser checks scopes by walking its stack of open elements,
//! so 100,000 nested `<div>`s take minutes; browsers flatten such trees
//! too. Past [`MAX_DEPTH`] open elements, further start and end tags are
//! dropped (their text stays), which bounds every such walk.

use std::borrow::Cow;

/// How many nested elements are kept as elements.
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold others, or whose end tag the parser supplies
/// when the next one starts: they do not deepen the count.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "rb", "rt", "rp", "colgroup", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// `html` with tags nested deeper than `cap` dropped; borrowed when
/// nothing is that deep.
pub fn cap_depth(html: &str, cap: usize) -> Cow<'_, str> {
    if scan(html, cap, None) {
        let mut out = String::with_capacity(html.len());
        scan(html, cap, Some(&mut out));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

/// Walks the tags once; returns true when some were deeper than `cap`.
/// With `out`, copies the text without those tags.
fn scan(html: &str, cap: usize, mut out: Option<&mut String>) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut copied = 0; // bytes before this are written (or dropped)
    let mut i = 0;
    while let Some(at) = memchr(b'<', &bytes[i..]) {
        let start = i + at;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_at + name_len);
        let counted = !FLAT.contains(&name.as_str());
        let mut drop = false;
        if closing {
            if counted {
                drop = depth > cap;
                depth = depth.saturating_sub(1);
            }
        } else if counted && bytes[..end].ends_with(b"/>") && !RAW.contains(&name.as_str()) {
            // Self-closing: no depth (the parser ignores the slash on
            // most elements, which is at worst a deeper tree).
        } else if counted {
            depth += 1;
            drop = depth > cap;
        }
        too_deep |= drop;
        if let Some(out) = out.as_deref_mut() {
            out.push_str(&html[copied..start]);
            if !drop {
                out.push_str(&html[start..end]);
            }
            copied = end;
        }
        i = end;
        if !closing && RAW.contains(&name.as_str()) {
            i = raw_end(bytes, end, name.as_bytes());
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    too_deep
}

/// Where a tag that started before `from` ends: after its `>`, outside
/// quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return from + k + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Where the raw text that starts at `from` ends: at `</name`.
fn raw_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(at) = find(bytes, i, b"</") {
        let after = &bytes[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed() {
        let page = "<div><p>a<div>b</div></div><script>if (a<b) {}</script>";
        assert!(matches!(cap_depth(page, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_cap_are_dropped_and_text_kept() {
        let page = "<div><span><em>deep</em></span></div>";
        assert_eq!(cap_depth(page, 2), "<div><span>deep</span></div>");
    }

    #[test]
    fn quoted_angles_comments_and_scripts_do_not_count() {
        let page = "<!-- <div><div> --><a title=\"x>y\">t</a><script><div><div></script>";
        assert!(matches!(cap_depth(page, 1), Cow::Borrowed(_)));
    }
}
