//! Saved web pages (HTML) to markdown: the page's main content only.
//!
//! The page is parsed as a browser would (`scraper`, on html5ever), after
//! a cap on how deep tags nest (`nest`). The main content is the page's
//! `<main>` (or `role="main"`), else its longest `<article>`, else its
//! body; inside it, page furniture is dropped: navigation, page headers
//! and footers, asides, scripts, styles, forms, and elements whose id,
//! class or role names a menu, a cookie or consent banner, a sidebar,
//! sharing, subscribing or comments (unless it holds over half the
//! text). `write` walks what is left.
//!
//! Kept: h1-h6 as headings, paragraphs, line breaks, lists with their
//! nesting, quotes, preformatted text as code, tables (the first row as
//! header, cells' text), links (never fetched), emphasis, inline code,
//! images with a relative local path; title (`og:title` or `<title>`),
//! author and date from the page's `<meta>` tags. Lost: layout and
//! styles, remote images, forms, scripts, merged cells' shape, anything
//! the furniture rules drop by mistake.

mod charset;
mod nest;
mod write;

pub use charset::decode_legacy;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::FormatError;
use super::markdown::front_matter;

/// Elements that are never the content of a page.
const DROPPED: &[&str] = &[
    "nav", "footer", "aside", "script", "style", "form", "noscript", "template", "svg", "iframe",
    "button", "input", "select", "textarea", "object", "embed", "canvas", "dialog", "head",
    "title", "link", "meta",
];

/// Roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "search",
];

/// Words in ids and class names of page furniture: anywhere in a name,
/// and (short ones) at the start of a name's part.
const FURNITURE_ANYWHERE: &[&str] = &[
    "cookie",
    "consent",
    "banner",
    "footer",
    "sidebar",
    "subscribe",
    "newsletter",
    "breadcrumb",
    "navbar",
    "navigation",
];
const FURNITURE_START: &[&str] = &[
    "nav", "menu", "social", "promo", "advert", "related", "popup", "modal", "comments", "disqus",
];
/// Whole parts only: a section id `sharing-with-a-team` is content.
const FURNITURE_PARTS: &[&str] = &["share", "shares", "sharebar", "sharethis", "addthis"];

/// True when an id or class names page furniture.
fn furniture_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    FURNITURE_ANYWHERE.iter().any(|w| name.contains(w))
        || name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| {
                FURNITURE_PARTS.contains(&part)
                    || FURNITURE_START.iter().any(|w| part.starts_with(w))
            })
}

/// A link's target worth keeping: not a script, not a place on the page.
fn link_target(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let dead = href.is_empty()
        || href.starts_with('#')
        || ["javascript:", "vbscript:", "data:"]
            .iter()
            .any(|s| lower.starts_with(s));
    (!dead).then(|| href.to_owned())
}

/// True for a picture beside the page: a relative path, no scheme.
fn is_local(src: &str) -> bool {
    let src = src.trim();
    let scheme = src
        .find(':')
        .is_some_and(|c| !src[..c].contains(['/', '?', '#']));
    !src.is_empty() && !scheme && !src.starts_with(['/', '\\'])
}

/// A URL as a markdown link destination: what would end it is escaped.
fn url(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.trim().chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '\\' | '"' | '\'' => {
                out.push_str(&format!("%{:02X}", u32::from(c)));
            }
            c if c.is_control() || c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// A page's text as markdown: front matter, then the main content.
pub fn to_markdown(page: &str) -> Result<String, FormatError> {
    let capped = nest::cap_depth(page, nest::MAX_DEPTH);
    let doc = Html::parse_document(&capped);
    let root = main_content(&doc);
    let mut body = String::new();
    // Furniture rules by name can take a whole page whose wrapper is
    // called `with-sidebar`; then read it without them.
    for by_name in [true, false] {
        let mut writer = write::Writer::new(by_name);
        writer.walk(root);
        body = writer.finish();
        if body.chars().any(char::is_alphanumeric) {
            break;
        }
    }
    if !body.chars().any(char::is_alphanumeric) {
        return Err(FormatError::NoText);
    }
    let meta = metadata(&doc);
    let mut markdown = front_matter(&[
        ("title", meta.title),
        ("author", meta.author),
        ("date", meta.date),
    ]);
    markdown.push_str(&body);
    Ok(markdown)
}

/// The page's `<main>`, else its longest `<article>`, else its body.
fn main_content(doc: &Html) -> NodeRef<'_, Node> {
    let elements = || {
        doc.tree
            .root()
            .descendants()
            .filter(|n| n.value().is_element())
    };
    let named =
        |n: &NodeRef<Node>, name: &str| n.value().as_element().is_some_and(|e| e.name() == name);
    if let Some(main) = elements().find(|n| {
        named(n, "main")
            || n.value()
                .as_element()
                .is_some_and(|e| e.attr("role") == Some("main"))
    }) {
        return main;
    }
    let longest = elements()
        .filter(|n| named(n, "article"))
        .max_by_key(|n| text_len(*n));
    longest
        .or_else(|| elements().find(|n| named(n, "body")))
        .unwrap_or_else(|| doc.tree.root())
}

fn text_len(node: NodeRef<'_, Node>) -> usize {
    node.descendants()
        .filter_map(|n| n.value().as_text())
        .map(|t| t.trim().len())
        .sum()
}

#[derive(Default)]
struct Meta {
    title: String,
    author: String,
    date: String,
}

/// Title, author and date from `<title>` and `<meta>` tags.
fn metadata(doc: &Html) -> Meta {
    let mut meta = Meta::default();
    let mut og_title = String::new();
    for node in doc.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if el.name() == "title" && meta.title.is_empty() {
            let text: String = node
                .descendants()
                .filter_map(|n| n.value().as_text())
                .map(|t| &**t)
                .collect();
            meta.title = text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        if el.name() != "meta" {
            continue;
        }
        let key = el
            .attr("name")
            .or_else(|| el.attr("property"))
            .or_else(|| el.attr("itemprop"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let value = el.attr("content").unwrap_or_default().trim();
        let slot = match key.as_str() {
            "og:title" => &mut og_title,
            "author" | "article:author" | "dc.creator" | "dcterms.creator"
                if !value.contains("://") =>
            {
                &mut meta.author
            }
            "date"
            | "article:published_time"
            | "article:published"
            | "datepublished"
            | "publishdate"
            | "dc.date"
            | "dcterms.date"
            | "dc.date.issued" => &mut meta.date,
            _ => continue,
        };
        if slot.is_empty() {
            *slot = value.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    if !og_title.is_empty() {
        meta.title = og_title;
    }
    if is_iso_date(&meta.date) {
        meta.date.truncate(10);
    }
    meta
}

/// True when text starts `YYYY-MM-DD`.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// True when the text opens as an HTML document: `<!doctype html` or
/// `<html` after a byte order mark, spaces and comments.
pub fn looks_like_html(head: &[u8]) -> bool {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        rest = &rest[start..];
        if !rest.starts_with(b"<!--") {
            break;
        }
        match rest.windows(3).position(|w| w == b"-->") {
            Some(end) => rest = &rest[end + 3..],
            None => return false,
        }
    }
    let opens = |tag: &[u8]| {
        rest.len() > tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && !rest[tag.len()].is_ascii_alphanumeric()
    };
    opens(b"<!doctype html") || opens(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> String {
        let md = to_markdown(&format!("<html><body>{html}</body></html>")).unwrap();
        md.trim_end().to_owned()
    }

    #[test]
    fn lists_keep_their_numbers_and_sit_inside_quotes() {
        assert_eq!(
            body("<ol start=3><li>a</li><li>b<ul><li>c</li></ul></li></ol>"),
            "3. a\n4. b\n   - c"
        );
        assert_eq!(
            body("<blockquote><p>q</p><ul><li>a</li></ul></blockquote>"),
            "> q\n>\n> - a"
        );
    }

    #[test]
    fn inline_marks_links_code_and_breaks() {
        assert_eq!(
            body("<p>a<em> b </em>c <code>x`y</code> <a href='x y(1).html'>t</a></p>"),
            "a *b* c ``x`y`` [t](x%20y%281%29.html)"
        );
        assert_eq!(body("<p>one<br>- two</p>"), "one\\\n\\- two");
        assert_eq!(
            body("<p><a href='javascript:go()'>go</a> <a href='#top'>up</a></p>"),
            "go up"
        );
    }

    #[test]
    fn only_local_pictures_are_kept() {
        assert_eq!(
            body(
                "<p>x</p><img src='https://e.org/a.png' alt=r><img src='data:image/png;base64,AA' alt=d><img src='/abs.png' alt=s><img src='pics/a b.png' alt='a [b]'>"
            ),
            "x\n\n![a \\[b\\]](pics/a%20b.png)"
        );
    }

    #[test]
    fn a_header_is_kept_inside_main_and_dropped_in_the_body() {
        assert_eq!(
            body("<main><header><h1>T</h1></header><p>x</p></main>"),
            "# T\n\nx"
        );
        assert_eq!(body("<header><h1>Site</h1></header><p>x</p>"), "x");
    }

    #[test]
    fn dates_come_from_the_common_meta_tags() {
        for tag in [
            "name=date",
            "property='article:published_time'",
            "itemprop=datePublished",
            "name=DC.date",
        ] {
            let page = format!("<html><head><meta {tag} content='2026-01-05T10:00'></head><p>x");
            assert!(
                to_markdown(&page).unwrap().contains("date: \"2026-01-05\""),
                "{tag}"
            );
        }
    }

    #[test]
    fn hidden_elements_and_inner_tables_are_handled() {
        assert_eq!(
            body("<p hidden>h</p><p aria-hidden=true>h</p><p style='Display: none'>h</p><p>v</p>"),
            "v"
        );
        assert_eq!(
            body(
                "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td><td>d</td></tr></table>"
            ),
            "| a b c | d |\n| --- | --- |"
        );
    }

    #[test]
    fn furniture_names_match_parts_and_words() {
        for name in [
            "cookie-banner",
            "cookieConsent",
            "main-nav",
            "navbar",
            "site-footer",
            "share-tools",
        ] {
            assert!(furniture_name(name), "{name}");
        }
        for name in [
            "content",
            "article-body",
            "canvas-wrap",
            "lead",
            "sharing-with-a-team",
        ] {
            assert!(!furniture_name(name), "{name}");
        }
    }
}
