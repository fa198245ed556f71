//! Saved web pages (issue 15): the page's main content loads into the same
//! model as markdown (sections with their levels and titles, the words in
//! order, lists, tables, links, metadata), the page's furniture does not,
//! no page nests deep enough to hurt, and markdown holding HTML stays
//! markdown.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use brief::document::load::from_bytes;
use brief::document::{BlockKind, Brief, ListMarker, load_path};
use common::run::brief as run_brief;

const PAGE: &str = "river-ports.html";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn page() -> Brief {
    load_path(&fixture(PAGE), Default::default()).expect("the page loads")
}

fn outline(b: &Brief) -> Vec<(u8, &str)> {
    b.sections
        .iter()
        .filter(|s| !s.is_preamble())
        .map(|s| (s.level, s.title.as_str()))
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Section titles and block text, in reading order.
fn reading(b: &Brief) -> String {
    let mut all = Vec::new();
    for s in &b.sections {
        if !s.is_preamble() {
            all.push(s.title.clone());
        }
        for id in s.blocks.clone() {
            all.push(b.block_text(id).to_owned());
        }
    }
    all.join("\n")
}

fn find(b: &Brief, s: &str) -> usize {
    (0..b.blocks.len())
        .find(|&i| b.block_text(i).contains(s))
        .unwrap_or_else(|| panic!("no block with {s}"))
}

#[test]
fn every_heading_of_the_article_is_a_section_with_its_level() {
    let b = page();
    assert_eq!(
        outline(&b),
        [
            (1, "River ports reopen after the thaw"),
            (2, "What reopened"),
            (3, "Cargo so far"),
            (2, "What comes next"),
        ]
    );
}

#[test]
fn title_author_and_date_come_from_the_page_head() {
    let b = page();
    // og:title, without the site's name that <title> adds.
    assert_eq!(b.title, "River ports reopen after the thaw");
    assert_eq!(b.meta.author.as_deref(), Some("Mara Quill"));
    assert_eq!(b.meta.date.as_deref(), Some("2026-03-02"));
}

#[test]
fn the_article_reads_in_order_with_entities_decoded() {
    let b = page();
    let text = reading(&b);
    let want = words(
        "River ports reopen after the thaw. By Mara Quill 2 March 2026. Barges returned to \
         the upper river on Monday, two weeks earlier than planners had feared. Ice on the \
         locks broke up during a mild weekend, and harbour crews cleared the last channel by \
         dawn. The lock gate at Venn, cleared of ice. What reopened. Four of the five river \
         ports now take traffic: Venn, with all berths open; Ostra, limited to daylight \
         hours; pilots are required below the bridge; Harl and Mesk, for grain only. Cargo so \
         far. Port Barges Cargo Venn 41 grain timber Ostra 17 fuel. What comes next. The \
         river authority expects full service by mid-March, if the weather holds. Its \
         seventh notice to shippers lists the remaining limits fees. We are cautiously open \
         for business. Insurers still price the route as risky and keep a winter surcharge \
         of 4 %.",
    );
    let have = words(&text);
    let mut rest = have.iter();
    for (i, w) in want.iter().enumerate() {
        assert!(
            rest.any(|h| h == w),
            "word {i} `{w}` missing or out of order"
        );
    }
    assert!(text.contains("limits & fees"), "{text}");
    assert!(text.contains("By Mara Quill \u{b7} 2 March"), "{text}");
    // Text that looks like markdown stays text.
    assert!(text.contains("as *risky* and"), "{text}");
}

#[test]
fn navigation_cookies_sidebar_footer_and_scripts_are_left_out() {
    let b = page();
    let text = format!("{}\n{}", b.title, reading(&b));
    for furniture in [
        "cookies",
        "Accept all",
        "World desk",
        "Markets",
        "Delta Ledger",
        "Most read",
        "Ferry",
        "Subscribe",
        "Share this story",
        "Copyright",
        "newsroom",
        "tracker",
        "pageview",
        "late banner",
        "font-family",
    ] {
        assert!(!text.contains(furniture), "{furniture} leaked: {text}");
    }
}

#[test]
fn lists_tables_quotes_links_and_local_images_are_kept() {
    let b = page();
    assert_eq!(
        b.blocks[find(&b, "Venn, with")].marker,
        Some(ListMarker::Bullet)
    );
    assert_eq!(b.blocks[find(&b, "pilots are")].list_depth, 2);
    let table = find(&b, "fuel");
    let BlockKind::Table(t) = &b.blocks[table].kind else {
        panic!("the table is a table: {:?}", b.blocks[table].kind);
    };
    assert_eq!(t.rows.len(), 3);
    // A pipe in a cell is the cell's text, not a column.
    assert!(b.block_text(table).contains("grain | timber"));
    assert!(b.blocks[find(&b, "cautiously")].quote_depth > 0);
    let link = find(&b, "notice to shippers");
    let urls: Vec<&str> = b
        .block_spans(link)
        .iter()
        .filter_map(|s| s.link.map(|l| b.link_url(l)))
        .collect();
    assert_eq!(urls, ["https://example.org/river/notice-7"]);

    let data = tempfile::tempdir().unwrap();
    let out = run_brief(
        &[OsStr::new("convert"), fixture(PAGE).as_os_str()],
        data.path(),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    let md = out.stdout();
    assert!(
        md.contains("\n![Lock gate at Venn](images/lock-gate.png)\n"),
        "{md}"
    );
    assert!(md.contains("\n### Cargo so far\n"), "{md}");
}

#[test]
fn the_library_lists_and_searches_web_pages() {
    let data = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    fs::copy(fixture(PAGE), lib.path().join(PAGE)).unwrap();
    fs::copy(fixture(PAGE), lib.path().join("copy.htm")).unwrap();
    let out = run_brief(&[OsStr::new("index"), lib.path().as_os_str()], data.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    let briefs = out
        .stdout()
        .lines()
        .find(|l| l.starts_with("briefs:"))
        .map(|l| l.split_whitespace().nth(1) == Some("2"));
    assert_eq!(briefs, Some(true), "{}", out.stdout());
    let out = run_brief(
        &[
            OsStr::new("search"),
            OsStr::new("barges"),
            lib.path().as_os_str(),
        ],
        data.path(),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    assert!(out.stdout().contains(PAGE), "{}", out.stdout());
    // Scripts are not indexed.
    let out = run_brief(
        &[
            OsStr::new("search"),
            OsStr::new("tracker"),
            lib.path().as_os_str(),
        ],
        data.path(),
    );
    assert!(!out.stdout().contains(PAGE), "{}", out.stdout());
}

fn html(body: &str) -> String {
    format!("<!doctype html><html><head><title>T</title></head><body>{body}</body></html>")
}

#[test]
fn deep_nesting_neither_overflows_nor_hangs() {
    let n = 100_000;
    for tag in ["div", "blockquote", "ul><li", "b", "table><tr><td", "span"] {
        let open = format!("<{tag}>");
        let close: String = format!("</{tag}>")
            .split("><")
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("></");
        let page = html(&format!(
            "<p>Start here.</p>{}deep text{}<p>End here.</p>",
            open.repeat(n),
            close.repeat(n)
        ));
        let b = from_bytes(page.into_bytes(), Path::new("deep.html"))
            .unwrap_or_else(|e| panic!("{tag}: {e}"));
        let text = reading(&b);
        for want in ["Start here.", "deep text", "End here."] {
            assert!(text.contains(want), "{tag}: {want}");
        }
    }
}

#[test]
fn a_page_with_nothing_to_read_is_refused_by_name() {
    let page = html("<nav><a href='/'>Home</a></nav><script>var a = 1;</script>");
    let e = match from_bytes(page.into_bytes(), Path::new("empty.html")) {
        Ok(_) => panic!("a page of navigation should be refused"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.starts_with("empty.html: is a web page with no readable text"),
        "{e}"
    );
}

#[test]
fn page_text_never_turns_into_markdown_syntax() {
    let page = html(
        "<p># not a heading</p><p>- not a list</p><p>1. not a list</p>\
         <p>[x](y) and <b>bold *</b> and `tick` and &lt;i&gt;</p><p>===</p>\
         <pre>line one\n  # kept as code\n```</pre>",
    );
    let b = from_bytes(page.into_bytes(), Path::new("x.html")).unwrap();
    assert_eq!(outline(&b), []);
    let text = reading(&b);
    for want in [
        "# not a heading",
        "- not a list",
        "1. not a list",
        "[x](y)",
        "<i>",
        "===",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    assert!(text.contains("line one\n  # kept as code\n```"), "{text}");
}

#[test]
fn markdown_with_inline_html_is_still_markdown() {
    let md = "# Brief\n\n<div class=\"nav\">Menu</div>\n\nBody with <b>bold</b> text.\n\n## Next\n";
    let b = from_bytes(md.as_bytes().to_vec(), Path::new("note.md")).unwrap();
    assert_eq!(outline(&b), [(1, "Brief"), (2, "Next")]);
    assert!(reading(&b).contains("Body with"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Tag soup loads or is refused as having no text; it never panics.
    #[test]
    fn tag_soup_never_panics(parts in proptest::collection::vec(
        "<(/?)(div|p|ul|ol|li|table|tr|td|th|pre|code|a href=x|em|b|blockquote|h[1-6]|br|img src=a\\.png|nav|header|article|main)>|[a-z#*|`<>&;\\[\\] -]{0,6}",
        0..60,
    )) {
        let page = format!("<!doctype html>{}", parts.concat());
        match from_bytes(page.into_bytes(), Path::new("soup.html")) {
            Ok(_) => {}
            Err(e) => proptest::prop_assert!(e.to_string().contains("no readable text"), "{e}"),
        }
    }

    /// A paragraph's text reads back as itself, whatever markdown it
    /// looks like.
    #[test]
    fn page_text_reads_back_as_itself(text in "[a-z0-9#*|`<>&;\\[\\]_~!\\\\=+.)( -]{1,30}") {
        let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
        proptest::prop_assume!(want.chars().any(char::is_alphanumeric));
        let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let page = format!("<!doctype html><p>{escaped}</p>");
        let b = from_bytes(page.into_bytes(), Path::new("t.html")).unwrap();
        proptest::prop_assert_eq!(reading(&b), want);
    }
}
