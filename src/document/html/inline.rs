//! Inline HTML: one tag as pulldown-cmark hands it over, and what it
//! means for the text around it.

use super::{Piece, Walker};
use crate::document::Inline;

/// What an inline HTML fragment means for the text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum InlineTag {
    /// `<br>`: a line break.
    Break,
    /// An opening tag whose style the reader shows (`<sup>`, `<em>`...).
    Open(Inline),
    /// The closing tag of one of those.
    Close(Inline),
    /// `<a>`, with its `href` when it is a link.
    A(Option<String>),
    /// `</a>`.
    AEnd,
    /// A tag GFM disallows: its text is shown as written.
    Literal(String),
    /// `<img>`: its `alt` text.
    Image(String),
    /// A tag at whose edges words part (`<span>`, `<div>`).
    Separator,
    /// Any other tag, or a comment: dropped.
    Other,
}

/// Classifies one inline HTML fragment as pulldown-cmark hands it over,
/// with the link target (`id`, `<a name>`) it sets, if any.
pub(crate) fn inline_tag(fragment: &str) -> (InlineTag, Option<String>) {
    let trimmed = fragment.trim();
    let Some(Piece::Tag(tag)) = Walker::new(trimmed).next() else {
        return (InlineTag::Other, None);
    };
    let id = tag.id();
    let kind = if tag.name == "br" {
        InlineTag::Break
    } else if tag.is_disallowed() {
        InlineTag::Literal(trimmed.to_owned())
    } else if tag.name == "a" {
        if tag.closing {
            InlineTag::AEnd
        } else {
            InlineTag::A(tag.attr("href").filter(|h| !h.trim().is_empty()))
        }
    } else if tag.name == "img" {
        InlineTag::Image(tag.attr("alt").unwrap_or_default())
    } else if let Some(style) = tag.style() {
        match (tag.closing, tag.self_closing) {
            (true, _) => InlineTag::Close(style),
            (false, false) => InlineTag::Open(style),
            (false, true) => InlineTag::Other,
        }
    } else if tag.separates_words() || tag.is_breaking() {
        InlineTag::Separator
    } else {
        InlineTag::Other
    };
    (kind, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> InlineTag {
        inline_tag(s).0
    }

    #[test]
    fn inline_br_is_a_break() {
        assert_eq!(tag("<br/>"), InlineTag::Break);
        assert_eq!(tag("<BR>"), InlineTag::Break);
        assert_eq!(tag("<span>"), InlineTag::Separator);
        assert_eq!(tag("<!-- br -->"), InlineTag::Other);
    }

    #[test]
    fn inline_style_tags_open_and_close() {
        assert_eq!(tag("<sup>"), InlineTag::Open(Inline::SUPERSCRIPT));
        assert_eq!(tag("</SUP>"), InlineTag::Close(Inline::SUPERSCRIPT));
        assert_eq!(tag("<b class=\"x\">"), InlineTag::Open(Inline::STRONG));
        assert_eq!(tag("<b/>"), InlineTag::Other);
        assert_eq!(tag("<del>"), InlineTag::Open(Inline::STRIKE));
        assert_eq!(tag("<s>"), InlineTag::Open(Inline::STRIKE));
        assert_eq!(tag("<i>"), InlineTag::Open(Inline::EMPHASIS));
        assert_eq!(tag("<sub>"), InlineTag::Open(Inline::SUBSCRIPT));
    }

    #[test]
    fn links_anchors_and_disallowed_tags() {
        assert_eq!(
            inline_tag("<a href=\"#x\" name='y'>"),
            (InlineTag::A(Some("#x".into())), Some("y".into()))
        );
        assert_eq!(
            inline_tag("<a name=FIPS140-2>"),
            (InlineTag::A(None), Some("FIPS140-2".into()))
        );
        assert_eq!(
            inline_tag("<span id=\"s1\" class=k>"),
            (InlineTag::Separator, Some("s1".into()))
        );
        assert_eq!(tag("<title>"), InlineTag::Literal("<title>".into()));
        assert_eq!(tag("</SCRIPT>"), InlineTag::Literal("</SCRIPT>".into()));
    }
}
