//! An HTML block as a browser would show its text: white space folds to
//! one space, block tags (`<p>`, `<div>`, `<br>`...) start a line, style
//! tags style, links link, and `id`s are noted where they stand so a link
//! can find them. Text stays in reading order with words kept apart where
//! a tag parts them; a table is read as rows of cells (`html/table.rs`).

use super::table::{HtmlTable, read_table};
use super::{Piece, Tag, Walker, decode_entities};
use crate::document::Inline;

/// What an HTML block holds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HtmlEvent {
    /// Text with its white space folded, in the style of the tags around it.
    Text(String, Inline),
    /// `<a href>`: the text up to [`HtmlEvent::LinkEnd`] links there.
    Link(String),
    LinkEnd,
    /// An element's `id` (or an `<a name>`): a link target at this place.
    Id(String),
    /// A `<table>`, laid out as one.
    Table(Box<HtmlTable>),
}

/// Folds text as HTML does, one character at a time, so the folding holds
/// across tags and styles.
#[derive(Default)]
pub(super) struct Folder {
    out: Vec<HtmlEvent>,
    styles: Vec<Inline>,
    /// Something has been written.
    written: bool,
    /// A space waiting for the next character, in the style it had.
    space: Option<Inline>,
    /// Line breaks waiting for the next character (at most one blank line).
    lines: u8,
    /// For each open `<a>`: whether it is a link (has an `href`).
    anchors: Vec<bool>,
}

impl Folder {
    fn style(&self) -> Inline {
        self.styles.iter().fold(Inline::empty(), |acc, s| acc | *s)
    }

    fn emit(&mut self, c: char, style: Inline) {
        if let Some(HtmlEvent::Text(text, s)) = self.out.last_mut()
            && *s == style
        {
            text.push(c);
            return;
        }
        self.out.push(HtmlEvent::Text(c.to_string(), style));
    }

    /// Writes what is waiting (breaks, or a space) before `c`, then `c`.
    fn put(&mut self, c: char, style: Inline) {
        if c.is_ascii_whitespace() {
            if self.written && self.lines == 0 && self.space.is_none() {
                self.space = Some(style);
            }
            return;
        }
        self.settle();
        self.emit(c, style);
        self.written = true;
    }

    /// Writes the breaks or space waiting, if anything was written before.
    fn settle(&mut self) {
        if self.lines > 0 && self.written {
            for _ in 0..self.lines {
                self.emit('\n', Inline::empty());
            }
        } else if let Some(space) = self.space.filter(|_| self.written) {
            self.emit(' ', space);
        }
        self.lines = 0;
        self.space = None;
    }

    fn text(&mut self, t: &str) {
        let style = self.style();
        for c in t.chars() {
            self.put(c, style);
        }
    }

    /// A tag that starts a line: `<br>` adds one (two make a blank line);
    /// a paragraph-like element leaves a blank line; other blocks (`<div>`,
    /// `<tr>`, `<li>`) a line.
    fn line(&mut self, tag: &Tag<'_>) {
        self.space = None;
        if !self.written {
            return;
        }
        self.lines = if tag.name == "br" {
            self.lines + 1
        } else if tag.is_paragraph() {
            2
        } else {
            self.lines.max(1)
        }
        .min(2);
    }

    /// Words part here: a space unless one (or a break) is already there.
    fn separate(&mut self) {
        if self.written && self.lines == 0 && self.space.is_none() {
            self.space = Some(Inline::empty());
        }
    }

    /// An event that is not text; a waiting space is written first so it
    /// does not fall inside a link.
    fn mark(&mut self, event: HtmlEvent) {
        if self.lines == 0 {
            self.settle();
        }
        self.out.push(event);
    }
}

impl Folder {
    /// Folds one piece of HTML in: text, or a tag that styles, links,
    /// breaks the line, parts words or hides what follows.
    pub(super) fn piece(&mut self, piece: Piece<'_>, walker: &mut Walker<'_>) {
        let tag = match piece {
            Piece::Text(t) => {
                self.text(&decode_entities(t));
                return;
            }
            Piece::Tag(tag) => tag,
        };
        if let Some(id) = tag.id() {
            self.mark(HtmlEvent::Id(id));
        }
        if tag.opens_hidden() {
            walker.skip_element(&tag.name);
        } else if tag.is_disallowed() {
            self.text(tag.raw);
        } else if tag.is_breaking() {
            self.line(&tag);
        } else if tag.name == "a" {
            if tag.closing {
                if self.anchors.pop() == Some(true) {
                    self.mark(HtmlEvent::LinkEnd);
                }
            } else if !tag.self_closing {
                let href = tag.attr("href").filter(|h| !h.trim().is_empty());
                self.anchors.push(href.is_some());
                if let Some(href) = href {
                    self.mark(HtmlEvent::Link(href));
                }
            }
        } else if tag.name == "img" {
            self.separate();
            self.text("[image: ");
            self.styles.push(Inline::EMPHASIS);
            self.text(&tag.attr("alt").unwrap_or_default());
            self.styles.pop();
            self.text("]");
        } else if let Some(style) = tag.style() {
            if tag.closing {
                if let Some(i) = self.styles.iter().rposition(|s| *s == style) {
                    self.styles.remove(i);
                }
            } else if !tag.self_closing {
                self.styles.push(style);
            }
        } else if tag.separates_words() {
            self.separate();
        }
    }

    /// The events so far, links left open closed; the folder starts afresh
    /// (a new cell, the text after a table).
    pub(super) fn take(&mut self) -> Vec<HtmlEvent> {
        for link in std::mem::take(&mut self.anchors) {
            if link {
                self.out.push(HtmlEvent::LinkEnd);
            }
        }
        let out = std::mem::take(&mut self.out);
        *self = Folder::default();
        out
    }
}

/// The text, links, link targets and tables of an HTML block, in reading
/// order. Scripts, style sheets and the head are skipped with their
/// content; GFM's disallowed tags are shown as written.
pub(crate) fn block_events(html: &str) -> Vec<HtmlEvent> {
    let mut walker = Walker::new(html);
    let mut f = Folder::default();
    let mut out = Vec::new();
    while let Some(piece) = walker.next() {
        match piece {
            Piece::Tag(tag) if tag.name == "table" && !tag.closing => {
                if let Some(id) = tag.id() {
                    f.mark(HtmlEvent::Id(id));
                }
                out.extend(f.take());
                let table = read_table(&mut walker);
                out.extend(table.caption.iter().cloned());
                if !table.rows.is_empty() {
                    out.push(HtmlEvent::Table(Box::new(table)));
                }
            }
            piece => f.piece(piece, &mut walker),
        }
    }
    out.extend(f.take());
    out
}

/// For an HTML block made only of style tags (`<del>` on a line of its
/// own, around markdown that follows), the styles it opens (`true`) and
/// closes (`false`), in order; `None` for any other block.
pub(crate) fn style_only(html: &str) -> Option<Vec<(bool, Inline)>> {
    let mut out = Vec::new();
    for piece in Walker::new(html) {
        match piece {
            Piece::Text(t) if t.trim().is_empty() => {}
            Piece::Tag(tag) if !tag.self_closing => out.push((!tag.closing, tag.style()?)),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The text of an HTML block that is a `<pre>` element, with its lines and
/// indentation kept (less the indentation all lines share), or `None` for
/// any other block. Policy documents use `<pre>` for settings paths that
/// read wrong when folded into one line.
pub(crate) fn preformatted(html: &str) -> Option<String> {
    let first = Walker::new(html.trim_start()).next()?;
    match first {
        Piece::Tag(t) if t.name == "pre" && !t.closing => {}
        _ => return None,
    }
    let mut out = String::with_capacity(html.len());
    for piece in Walker::new(html) {
        if let Piece::Text(t) = piece {
            out.push_str(t);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The block's text without styles.
    fn text(html: &str) -> String {
        block_events(html)
            .iter()
            .filter_map(|e| match e {
                HtmlEvent::Text(t, _) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn tags_dropped_and_br_breaks_lines() {
        assert_eq!(
            text("<h3> FROM: <br/>Jane Roe<br/>Chief Officer</h3>"),
            "FROM:\nJane Roe\nChief Officer"
        );
        assert_eq!(text("<p>a</p>\n\n<p>b</p><p></p><p>c</p>"), "a\n\nb\n\nc");
    }

    #[test]
    fn comments_vanish() {
        assert_eq!(text("<!-- Policy: X.1 -->"), "");
        assert_eq!(text("a <!-- hidden --> b"), "a b");
    }

    #[test]
    fn scripts_styles_and_the_head_are_hidden() {
        // CommonMark 0.31.2 examples 170 and 171.
        let script = "<script type=\"text/javascript\">\n// JavaScript example\n\n\
                      document.getElementById(\"demo\").innerHTML = \"Hi<b>!\";\n</script>\nokay";
        assert_eq!(text(script), "okay");
        assert_eq!(
            text(
                "<style\n  type=\"text/css\">\nh1 {color:red;}\n\np {color:blue;}\n</style>\nokay"
            ),
            "okay"
        );
        assert_eq!(
            text("<head><title>T</title></head><body>Body</body>"),
            "Body"
        );
        assert_eq!(text("<script>never closed"), "");
    }

    #[test]
    fn disallowed_tags_are_shown_as_written() {
        // GFM 0.29 example 653.
        assert_eq!(
            text("<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>"),
            "<xmp> is disallowed. <XMP> is also disallowed."
        );
    }

    #[test]
    fn tags_that_part_words_keep_them_apart() {
        assert_eq!(
            text("<div class=\"id\">AS-WP-06-002<span class=\"kw\">SHALL</span></div>"),
            "AS-WP-06-002 SHALL"
        );
        assert_eq!(text("<p>im<b>port</b>ant</p>"), "important");
    }

    #[test]
    fn styles_links_and_ids_are_events() {
        let events = block_events("<p id=\"p1\">a <del>b</del> <a href=\"#x\">c</a></p>");
        assert_eq!(
            events,
            [
                HtmlEvent::Id("p1".into()),
                HtmlEvent::Text("a ".into(), Inline::empty()),
                HtmlEvent::Text("b".into(), Inline::STRIKE),
                HtmlEvent::Text(" ".into(), Inline::empty()),
                HtmlEvent::Link("#x".into()),
                HtmlEvent::Text("c".into(), Inline::empty()),
                HtmlEvent::LinkEnd,
            ]
        );
    }

    #[test]
    fn a_block_of_style_tags_only_is_told_apart() {
        assert_eq!(style_only("<del>\n"), Some(vec![(true, Inline::STRIKE)]));
        assert_eq!(style_only("</del>"), Some(vec![(false, Inline::STRIKE)]));
        assert_eq!(style_only("<del>x"), None);
        assert_eq!(style_only("<div>"), None);
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
