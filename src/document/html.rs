//! Raw HTML in a brief, read as a browser would show it, within reason:
//! tags are read with their attributes, text folds its white space, a few
//! tags style or link their text, `id`s become link targets, and what a
//! browser hides (scripts, style sheets, the head) stays hidden. Nothing is
//! fetched or run; the result is sanitised by the builder like any text.
//!
//! This file holds the tokenizer and what one tag means; `html/block.rs`
//! turns an HTML block into styled text, `html/table.rs` reads a table's
//! rows and cells, `html/inline.rs` reads one inline tag,
//! `html/entities.rs` decodes character references.

mod block;
mod entities;
mod inline;
mod table;

pub(crate) use block::{HtmlEvent, block_events, preformatted, style_only};
pub(crate) use entities::decode_entities;
pub(crate) use inline::{InlineTag, inline_tag};
pub(crate) use table::HtmlTable;

use super::Inline;

/// Elements whose content a browser never shows.
const HIDDEN: &[&str] = &["script", "style", "head", "template"];

/// GFM's disallowed raw HTML: shown as written, not obeyed.
const DISALLOWED: &[&str] = &[
    "title",
    "textarea",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "script",
    "plaintext",
];

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
    "dl",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "aside",
    "nav",
    "header",
    "footer",
    "figure",
    "figcaption",
    "caption",
    "details",
    "summary",
    "hr",
    "address",
    "main",
];

/// Breaking elements that read as paragraphs: a blank line around them.
const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "hr",
    "figure",
    "section",
    "article",
];

/// Inline elements that sit inside a word: no space is put at their
/// edges. Any other tag (a `<span>` badge, an `<input>`) separates words,
/// so `ID-1<span>SHALL</span>` reads as two words.
const IN_WORD: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var", "wbr",
];

/// One tag as written: `<name attrs>`, `</name>` or `<name attrs/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag<'a> {
    /// Lower case.
    pub name: String,
    pub closing: bool,
    pub self_closing: bool,
    attrs: &'a str,
    /// The whole tag, `<` to `>`.
    pub raw: &'a str,
}

impl Tag<'_> {
    /// The value of an attribute (entities decoded), `Some("")` for one
    /// without a value, `None` when absent.
    pub fn attr(&self, wanted: &str) -> Option<String> {
        let mut rest = self.attrs;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let name = &rest[..end];
            rest = rest[end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
            let mut value = "";
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
                let (v, tail) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        match body.find(q) {
                            Some(close) => (&body[..close], &body[close + 1..]),
                            None => (body, ""),
                        }
                    }
                    _ => {
                        let e = after
                            .find(|c: char| c.is_ascii_whitespace())
                            .unwrap_or(after.len());
                        (&after[..e], &after[e..])
                    }
                };
                value = v;
                rest = tail;
            }
            if name.eq_ignore_ascii_case(wanted) {
                return Some(decode_entities(value));
            }
            if end == 0 && value.is_empty() {
                // Nothing was read: skip a stray character.
                let mut chars = rest.chars();
                chars.next();
                rest = chars.as_str();
            }
        }
    }

    /// The `id` of any element, or the `name` of an `<a>`: a link target.
    pub fn id(&self) -> Option<String> {
        if self.closing {
            return None;
        }
        let id = self
            .attr("id")
            .or_else(|| (self.name == "a").then(|| self.attr("name")).flatten())?;
        let id = id.trim();
        (!id.is_empty()).then(|| id.to_owned())
    }

    fn is(&self, names: &[&str]) -> bool {
        names.contains(&self.name.as_str())
    }

    /// Starts an element whose content a browser hides.
    pub fn opens_hidden(&self) -> bool {
        !self.closing && !self.self_closing && self.is(HIDDEN)
    }

    pub fn is_disallowed(&self) -> bool {
        self.is(DISALLOWED)
    }

    pub fn is_breaking(&self) -> bool {
        self.is(BREAKING)
    }

    pub fn is_paragraph(&self) -> bool {
        self.is(PARAGRAPHS)
    }

    pub fn separates_words(&self) -> bool {
        !self.is(IN_WORD) && !self.is_breaking()
    }

    /// The style an opening (or closing) tag gives its text.
    pub fn style(&self) -> Option<Inline> {
        Some(match self.name.as_str() {
            "em" | "i" | "cite" | "var" | "dfn" => Inline::EMPHASIS,
            "strong" | "b" => Inline::STRONG,
            "code" | "kbd" | "samp" | "tt" => Inline::CODE,
            "s" | "del" | "strike" => Inline::STRIKE,
            "sup" => Inline::SUPERSCRIPT,
            "sub" => Inline::SUBSCRIPT,
            _ => return None,
        })
    }
}

/// Reads a tag from its text between `<` and `>`; `None` when it is not a
/// tag (`< b`, `<3`), which is then text.
fn parse_tag<'a>(inner: &'a str, raw: &'a str) -> Option<Tag<'a>> {
    let (closing, body) = match inner.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inner),
    };
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(body.len());
    let attrs = &body[end..];
    Some(Tag {
        name: body[..end].to_ascii_lowercase(),
        closing,
        self_closing: attrs.trim_end().ends_with('/'),
        attrs,
        raw,
    })
}

/// A piece of an HTML fragment: text between tags, or a tag. Comments,
/// declarations (`<!DOCTYPE>`) and processing instructions are not pieces:
/// they vanish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

/// Walks an HTML fragment piece by piece. A `<` that starts no tag is text.
pub(crate) struct Walker<'a> {
    rest: &'a str,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(html: &'a str) -> Self {
        Walker { rest: html }
    }

    /// Skips everything up to and past `</name>`: the content of a script
    /// is not HTML, so its `<` must not be read as tags. Without a closing
    /// tag the rest of the fragment goes.
    pub(crate) fn skip_element(&mut self, name: &str) {
        let lower = self.rest.to_ascii_lowercase();
        let close = format!("</{name}");
        self.rest = match lower.find(&close) {
            Some(at) => {
                let after = &self.rest[at..];
                after.find('>').map_or("", |gt| &after[gt + 1..])
            }
            None => "",
        };
    }
}

impl<'a> Iterator for Walker<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let rest = self.rest;
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.rest = &rest[end..];
                return Some(Piece::Text(&rest[..end]));
            }
            if let Some(after) = rest.strip_prefix("<!--") {
                self.rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.rest = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
                continue;
            }
            let tag = rest
                .find('>')
                .and_then(|gt| Some((parse_tag(&rest[1..gt], &rest[..=gt])?, gt)));
            match tag {
                Some((tag, gt)) => {
                    self.rest = &rest[gt + 1..];
                    return Some(Piece::Tag(tag));
                }
                None => {
                    // Not a tag: the `<` is text, up to the next `<`.
                    let end = rest[1..].find('<').map_or(rest.len(), |i| i + 1);
                    self.rest = &rest[end..];
                    return Some(Piece::Text(&rest[..end]));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_in_every_form() {
        let Some(Piece::Tag(t)) =
            Walker::new("<td colspan=2 class='a b' data-x=\"&amp;\" hidden>").next()
        else {
            panic!("a tag");
        };
        assert_eq!(t.name, "td");
        assert_eq!(t.attr("colspan").as_deref(), Some("2"));
        assert_eq!(t.attr("class").as_deref(), Some("a b"));
        assert_eq!(t.attr("data-x").as_deref(), Some("&"));
        assert_eq!(t.attr("hidden").as_deref(), Some(""));
        assert_eq!(t.attr("id"), None);
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        let pieces: Vec<Piece<'_>> = Walker::new("a < b <3 <i>c</i>").collect();
        assert_eq!(pieces[0], Piece::Text("a "));
        assert_eq!(pieces[1], Piece::Text("< b "));
        assert_eq!(pieces[2], Piece::Text("<3 "));
        assert!(matches!(&pieces[3], Piece::Tag(t) if t.name == "i"));
    }
}
