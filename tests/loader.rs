//! The loader's specification (issue 2): markdown bytes become a `Brief` of
//! titled, ordered sections and styled blocks; hostile or odd input loads
//! safely; bad files fail with an error that names them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use brief::document::load::from_bytes;
use brief::document::sanitize::{BIDI_MARK, is_unsafe};
use brief::document::{
    Align, BlockKind, Brief, IdTarget, Inline, ListMarker, LoadError, LoadOptions, load_path, parse,
};
use proptest::prelude::*;

// ---------------------------------------------------------------- helpers

fn brief(md: &str) -> Brief {
    parse(md, "fallback")
}

fn block_texts(b: &Brief) -> Vec<&str> {
    (0..b.blocks.len()).map(|id| b.block_text(id)).collect()
}

fn section_titles(b: &Brief) -> Vec<&str> {
    b.sections.iter().map(|s| s.title.as_str()).collect()
}

/// The texts of a block's spans that carry `style`.
fn styled(b: &Brief, id: usize, style: Inline) -> Vec<&str> {
    let text = b.block_text(id);
    b.block_spans(id)
        .iter()
        .filter(|s| s.style.contains(style))
        .map(|s| &text[s.range()])
        .collect()
}

/// A fresh, empty directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("loader")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn mkfifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(status.success(), "mkfifo failed");
    path
}

/// Runs `load_path` on another thread so a blocking open fails the test
/// instead of hanging it.
fn load_with_timeout(path: &Path) -> Result<Brief, LoadError> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_owned();
    thread::spawn(move || {
        let _ = tx.send(load_path(&path, LoadOptions::default()));
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("load_path blocked for 10 s")
}

/// Runs `brief outline PATH`, killing it if it runs for 20 s; returns the
/// exit code and stderr.
fn run_outline(path: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("outline")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("brief outline {} hung", path.display());
        }
        thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A character a terminal could obey: any control but newline, or anything
/// the sanitiser would replace.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n') || is_unsafe(c)
}

/// Every string a brief exposes is free of dangerous characters; one-line
/// strings (titles, URLs, metadata, warnings) hold no newline either.
fn assert_no_control_chars(b: &Brief) {
    let check = |what: &str, s: &str, one_line: bool| {
        assert!(
            !s.chars()
                .any(|c| is_dangerous(c) || (one_line && c == '\n')),
            "{what} holds a control character: {s:?}"
        );
    };
    check("title", &b.title, true);
    for s in &b.sections {
        check("section title", &s.title, true);
    }
    for id in 0..b.blocks.len() {
        check("block text", b.block_text(id), false);
        for link in b.block_spans(id).iter().filter_map(|s| s.link) {
            check("link URL", b.link_url(link), true);
        }
    }
    let m = &b.meta;
    for field in [&m.title, &m.date, &m.author, &m.classification, &m.summary]
        .into_iter()
        .flatten()
    {
        check("meta field", field, true);
    }
    for tag in &m.tags {
        check("tag", tag, true);
    }
    for w in &b.warnings {
        check("warning", w, true);
    }
}

/// Terminal escapes as raw bytes: OSC 52 (clipboard write), clear screen,
/// OSC 0 (window title), a C1 CSI and DEL.
const RAW_ESCAPES: &str = "\x1b]52;c;ZXZpbA==\x07 \x1b[2J \x1b]0;title\x07 \u{9b}31m \x7f";
/// The same escapes as HTML character references, which pulldown-cmark
/// decodes into the control characters themselves.
const ENTITY_ESCAPES: &str =
    "&#27;]52;c;ZXZpbA==&#7; &#x1b;[2J &#27;]0;title&#x07; &#x9b;31m &#127;";

// ------------------------------------------------------- sections and title

#[test]
fn sections_follow_headings_in_document_order() {
    let b = brief("# One\n\ntext\n\n## Two\n\ntext\n\n### Three\n\ntext\n");
    assert_eq!(section_titles(&b), ["One", "Two", "Three"]);
    let levels: Vec<u8> = b.sections.iter().map(|s| s.level).collect();
    assert_eq!(levels, [1, 2, 3]);
}

#[test]
fn heading_text_flattens_inline_markup() {
    let b = brief("## The *new* **rules** for `tariffs` and [ports](https://example.org)\n");
    assert_eq!(b.sections[0].title, "The new rules for tariffs and ports");
}

#[test]
fn section_parent_is_the_nearest_shallower_heading() {
    let b = brief("# A\n## B\n### C\n## D\n# E\n");
    let parents: Vec<Option<usize>> = b.sections.iter().map(|s| s.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(1), Some(0), None]);
}

#[test]
fn skipped_levels_parent_to_the_shallower_heading() {
    let b = brief("# Overview\n\n#### Detail\n\ntext\n");
    assert_eq!(b.sections[1].level, 4);
    assert_eq!(b.sections[1].parent, Some(0));
}

#[test]
fn section_blocks_are_the_blocks_under_its_heading() {
    let b = brief("# A\n\none\n\ntwo\n\n# B\n\nthree\n");
    let a: Vec<&str> = b.sections[0]
        .blocks
        .clone()
        .map(|i| b.block_text(i))
        .collect();
    let bb: Vec<&str> = b.sections[1]
        .blocks
        .clone()
        .map(|i| b.block_text(i))
        .collect();
    assert_eq!(a, ["one", "two"]);
    assert_eq!(bb, ["three"]);
}

#[test]
fn heading_path_runs_from_the_top_of_the_tree() {
    let b = brief("# Trade\n## Flows\n### Grain\n");
    assert_eq!(b.heading_path(2), ["Trade", "Flows", "Grain"]);
}

#[test]
fn section_of_finds_the_section_holding_a_block() {
    let b = brief("intro\n\n# A\n\n# B\n\nb1\n\nb2\n");
    assert_eq!(b.section_of(0), 0);
    assert_eq!(b.section_of(2), 2);
}

#[test]
fn sections_and_blocks_record_their_source_lines() {
    let b = brief("intro\n\n# Heading\n\nbody\n");
    assert_eq!(b.sections[1].line, 3);
    assert_eq!(b.blocks[1].line, 5);
}

#[test]
fn title_comes_from_front_matter_first() {
    let b = brief("---\ntitle: From the front matter\n---\n# Heading One\n");
    assert_eq!(b.title, "From the front matter");
}

#[test]
fn title_falls_back_to_the_first_level_one_heading() {
    let b = brief("## Context\n\ntext\n\n# The Real Title\n");
    assert_eq!(b.title, "The Real Title");
}

#[test]
fn title_falls_back_to_the_file_stem() {
    let b = from_bytes(
        b"## Only a subheading\n".to_vec(),
        Path::new("briefs/sahel-water.md"),
    )
    .unwrap();
    assert_eq!(b.title, "sahel-water");
}

#[test]
fn title_from_a_hostile_file_name_is_sanitised() {
    let b = from_bytes(b"text\n".to_vec(), Path::new("evil\x1b]0;pwned\x07.md")).unwrap();
    assert_no_control_chars(&b);
}

// ---------------------------------------------------------------- preamble

#[test]
fn text_before_the_first_heading_is_a_level_zero_section() {
    let b = brief("Opening words.\n\n# First\n\nbody\n");
    assert_eq!(b.sections.len(), 2);
    assert_eq!(b.sections[0].level, 0);
    assert!(b.sections[0].is_preamble());
    assert_eq!(b.block_text(b.sections[0].blocks.start), "Opening words.");
}

#[test]
fn preamble_section_carries_the_brief_title() {
    let b = brief("---\ntitle: Arctic lanes\n---\nOpening words.\n\n### First\n");
    assert_eq!(b.sections[0].title, "Arctic lanes");
}

#[test]
fn text_before_the_h1_that_titles_the_brief_is_named_by_its_opening_words() {
    // The outline listed "One" twice: for the preamble and for the H1.
    let b = brief("Intro.\n\n# One\n\n## Two\n");
    assert_eq!(section_titles(&b), ["Intro.", "One", "Two"]);
    assert_eq!(b.title, "One");
    let b = brief("A front page of many words before the title.\n\n# One\n");
    assert_eq!(section_titles(&b), ["A front page of many words …", "One"]);
}

#[test]
fn brief_that_opens_with_a_heading_has_no_preamble() {
    let b = brief("# First\n\nbody\n");
    assert_eq!(b.sections.len(), 1);
    assert_eq!(b.sections[0].level, 1);
}

#[test]
fn reference_shaped_brief_has_eleven_sections() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/arctic-shipping.md");
    let b = load_path(&path, LoadOptions::default()).unwrap();
    assert_eq!(b.sections.len(), 11);
    assert_eq!(b.blocks.len(), 11);
    assert_eq!(b.sections[0].level, 0);
    assert_eq!(b.sections[0].title, "arctic-shipping");
    assert!(
        b.sections[1..]
            .iter()
            .all(|s| s.level == 3 && s.blocks.len() == 1)
    );
    assert_eq!(b.sections[10].title, "Conclusion: Managing a New Ocean");
}

// ------------------------------------------------------------- front matter

#[test]
fn yaml_front_matter_fills_the_metadata() {
    let b = brief(
        "---\ntitle: Water in the Sahel\ndate: 2026-05-02\nauthor: J. Roe\n\
         classification: OFFICIAL\ntags: [water, sahel]\nsummary: Wells are failing.\n---\nbody\n",
    );
    let m = &b.meta;
    assert_eq!(m.title.as_deref(), Some("Water in the Sahel"));
    assert_eq!(m.date.as_deref(), Some("2026-05-02"));
    assert_eq!(m.author.as_deref(), Some("J. Roe"));
    assert_eq!(m.classification.as_deref(), Some("OFFICIAL"));
    assert_eq!(m.tags, ["water", "sahel"]);
    assert_eq!(m.summary.as_deref(), Some("Wells are failing."));
}

#[test]
fn toml_front_matter_fills_the_metadata() {
    let b = brief(
        "+++\ntitle = \"Grain corridors\"\ndate = 2026-03-01\nauthor = \"A. Doe\"\n\
         classification = \"RESTRICTED\"\ntags = [\"trade\", \"black-sea\"]\n\
         summary = \"Exports resume.\"\n+++\nbody\n",
    );
    let m = &b.meta;
    assert_eq!(m.title.as_deref(), Some("Grain corridors"));
    assert_eq!(m.date.as_deref(), Some("2026-03-01"));
    assert_eq!(m.author.as_deref(), Some("A. Doe"));
    assert_eq!(m.classification.as_deref(), Some("RESTRICTED"));
    assert_eq!(m.tags, ["trade", "black-sea"]);
    assert_eq!(m.summary.as_deref(), Some("Exports resume."));
}

#[test]
fn front_matter_is_neither_a_heading_nor_text() {
    let b = brief("---\ntitle: Secret plan\nclassification: SECRET\n---\n# Heading\n\nbody\n");
    assert_eq!(section_titles(&b), ["Heading"]);
    assert_eq!(block_texts(&b), ["body"]);
    assert!(!b.full_text().contains("SECRET"));
}

#[test]
fn front_matter_opening_with_a_blank_line_is_still_front_matter() {
    // Jekyll accepts this; pulldown-cmark alone reads it as a rule and a
    // setext heading "title: Plan".
    let b = brief("---\n\ntitle: Plan\n---\n# Heading\n");
    assert_eq!(b.meta.title.as_deref(), Some("Plan"));
    assert_eq!(section_titles(&b), ["Heading"]);
}

#[test]
fn yaml_front_matter_may_close_with_dots() {
    let b = brief("---\ntitle: Dotted\n...\n# Heading\n");
    assert_eq!(b.meta.title.as_deref(), Some("Dotted"));
    assert_eq!(section_titles(&b), ["Heading"]);
}

#[test]
fn malformed_yaml_front_matter_warns_naming_the_line() {
    let b = brief("---\ntitle: ok\nauthor: @bad\n---\n# Heading\n\nbody\n");
    assert_eq!(b.warnings.len(), 1, "{:?}", b.warnings);
    assert!(b.warnings[0].contains("line 3"), "{}", b.warnings[0]);
    assert_eq!(section_titles(&b), ["Heading"]);
    assert_eq!(block_texts(&b), ["body"]);
}

#[test]
fn malformed_toml_front_matter_warns_naming_the_line() {
    let b = brief("+++\ntitle = \"ok\"\ndate = not-a-date\n+++\n# Heading\n");
    assert_eq!(b.warnings.len(), 1, "{:?}", b.warnings);
    assert!(b.warnings[0].contains("line 3"), "{}", b.warnings[0]);
    assert_eq!(section_titles(&b), ["Heading"]);
}

#[test]
fn unclosed_front_matter_warns_and_keeps_the_text() {
    let b = brief("---\ntitle: Never closed\n\nBody text.\n");
    assert!(b.warnings[0].contains("line 1"), "{:?}", b.warnings);
    assert!(b.full_text().contains("Body text."));
}

#[test]
fn opening_rule_before_prose_is_not_front_matter() {
    let b = brief("---\nJust a paragraph between rules.\n\n---\n\n# Heading\n");
    assert_eq!(b.meta.title, None);
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    let kinds: Vec<&BlockKind> = b.blocks.iter().map(|bl| &bl.kind).collect();
    assert_eq!(
        kinds,
        [&BlockKind::Rule, &BlockKind::Paragraph, &BlockKind::Rule]
    );
    assert_eq!(b.block_text(1), "Just a paragraph between rules.");
}

#[test]
fn opening_rule_before_a_heading_is_not_front_matter() {
    let b = brief("---\n# Heading\n\ntext\n\n---\n");
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert_eq!(section_titles(&b), ["Heading"]);
}

#[test]
fn lone_rule_is_not_front_matter() {
    let b = brief("---\n");
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert_eq!(b.blocks.len(), 1);
    assert_eq!(b.blocks[0].kind, BlockKind::Rule);
}

#[test]
fn lines_after_front_matter_keep_their_file_numbers() {
    let b = brief("---\ntitle: x\nauthor: y\n---\n\n# Heading\n\nbody\n");
    assert_eq!(b.sections[0].line, 6);
    assert_eq!(b.blocks[0].line, 8);
}

// ----------------------------------------------------------------- headings

#[test]
fn heading_in_code_block_is_not_a_section() {
    let b = brief("# Real\n\n```\n# not a heading\n```\n\n    ## indented code\n");
    assert_eq!(section_titles(&b), ["Real"]);
    assert_eq!(block_texts(&b), ["# not a heading", "## indented code"]);
}

#[test]
fn setext_headings_are_sections() {
    let b = brief("Main Title\n==========\n\nA subsection\n------------\n\nbody\n");
    assert_eq!(section_titles(&b), ["Main Title", "A subsection"]);
    assert_eq!(b.sections[1].level, 2);
    assert_eq!(b.sections[1].parent, Some(0));
}

#[test]
fn heading_inside_a_list_does_not_start_a_section() {
    let b = brief("# Top\n\n- item\n\n  ## Listed heading\n");
    assert_eq!(section_titles(&b), ["Top"]);
    let heading = b
        .blocks
        .iter()
        .position(|bl| bl.kind == BlockKind::Heading(2));
    let id = heading.expect("the nested heading is a block");
    assert_eq!(b.block_text(id), "Listed heading");
    assert_eq!(b.blocks[id].list_depth, 1);
}

#[test]
fn heading_inside_a_quote_does_not_start_a_section() {
    let b = brief("# Top\n\n> ## Quoted heading\n> quoted text\n");
    assert_eq!(section_titles(&b), ["Top"]);
    assert_eq!(b.blocks[0].kind, BlockKind::Heading(2));
    assert_eq!(b.blocks[0].quote_depth, 1);
}

#[test]
fn br_in_a_heading_separates_words() {
    let b = brief("## M-16-21<br/>MEMORANDUM FOR AGENCIES\n");
    assert_eq!(b.sections[0].title, "M-16-21 MEMORANDUM FOR AGENCIES");
}

#[test]
fn html_comment_in_a_heading_vanishes() {
    let b = brief("## Key Terms <!-- omit from toc -->\n");
    assert_eq!(b.sections[0].title, "Key Terms");
}

#[test]
fn heading_attribute_list_is_not_part_of_the_title() {
    let b = brief("# PID Rulebook { #pid-rulebook }\n## Scope {#scope .wide}\n## Budget {2026}\n");
    assert_eq!(
        section_titles(&b),
        ["PID Rulebook", "Scope", "Budget {2026}"]
    );
    assert_eq!(b.resolve_anchor("pid-rulebook"), Some(IdTarget::Section(0)));
    assert_eq!(b.resolve_anchor("#scope"), Some(IdTarget::Section(1)));
}

#[test]
fn html_style_tags_on_lines_of_their_own_style_the_markdown_between() {
    // CommonMark 0.31.2 example 152.
    let b = brief("<del>\n\n*foo*\n\n</del>\n\nafter\n");
    assert_eq!(styled(&b, 0, Inline::STRIKE | Inline::EMPHASIS), ["foo"]);
    assert!(styled(&b, 1, Inline::STRIKE).is_empty());
}

#[test]
fn inline_html_styles_links_and_marks_targets() {
    let b = brief(
        "a <del>b</del> <s>c</s> <b>d</b> <i>e</i> H<sub>2</sub>O x<sup>2</sup> \
         <a name=\"t\"></a><a href=\"#t\">link</a>\n",
    );
    assert_eq!(styled(&b, 0, Inline::STRIKE), ["b", "c"]);
    assert_eq!(styled(&b, 0, Inline::STRONG), ["d"]);
    assert_eq!(styled(&b, 0, Inline::EMPHASIS), ["e"]);
    assert_eq!(styled(&b, 0, Inline::SUBSCRIPT), ["2"]);
    assert_eq!(styled(&b, 0, Inline::SUPERSCRIPT), ["2"]);
    assert_eq!(styled(&b, 0, Inline::LINK), ["link"]);
    assert_eq!(b.resolve_anchor("t"), Some(IdTarget::Block(0)));
}

#[test]
fn an_id_before_a_heading_points_at_its_section() {
    let b = brief("Intro.\n\n<a id=\"top\"></a>\n\n---\n\n## Part\n\ntext\n");
    assert_eq!(b.resolve_anchor("top"), Some(IdTarget::Section(1)));
    let b = brief("<a id=\"top\"></a>\n\n---\n\n# Part\n\ntext\n");
    assert_eq!(b.resolve_anchor("top"), Some(IdTarget::Section(0)));
}

#[test]
fn image_in_a_heading_keeps_its_closing_bracket() {
    let b = brief("## Status ![badge](b.png) today\n");
    assert_eq!(b.sections[0].title, "Status [image: badge] today");
}

// ------------------------------------------------------------------ blocks

#[test]
fn paragraph_is_one_block_with_soft_breaks_as_spaces() {
    let b = brief("first line\nsecond line\n\nnext paragraph\n");
    assert_eq!(
        block_texts(&b),
        ["first line second line", "next paragraph"]
    );
    assert_eq!(b.blocks[0].kind, BlockKind::Paragraph);
}

#[test]
fn paragraph_keeps_emphasis_strong_code_and_strikethrough() {
    let b = brief("plain *em* **strong** `code` ~~gone~~\n");
    assert_eq!(b.block_text(0), "plain em strong code gone");
    assert_eq!(styled(&b, 0, Inline::EMPHASIS), ["em"]);
    assert_eq!(styled(&b, 0, Inline::STRONG), ["strong"]);
    assert_eq!(styled(&b, 0, Inline::CODE), ["code"]);
    assert_eq!(styled(&b, 0, Inline::STRIKE), ["gone"]);
}

#[test]
fn nested_styles_combine() {
    let b = brief("***both***\n");
    let span = b.block_spans(0)[0];
    assert!(span.style.contains(Inline::EMPHASIS | Inline::STRONG));
}

#[test]
fn link_span_carries_its_url() {
    let b = brief("See [the treaty](https://example.org/treaty) now.\n");
    let link = b.block_spans(0).iter().find(|s| s.link.is_some()).unwrap();
    assert_eq!(&b.block_text(0)[link.range()], "the treaty");
    assert!(link.style.contains(Inline::LINK));
    assert_eq!(b.link_url(link.link.unwrap()), "https://example.org/treaty");
}

#[test]
fn spans_cover_the_block_text_in_order() {
    let b = brief("a *b* **c** [d](u) `e` f\n");
    let spans = b.block_spans(0);
    assert_eq!(spans[0].start, 0);
    assert!(spans.windows(2).all(|w| w[0].end == w[1].start));
    assert_eq!(spans.last().unwrap().end as usize, b.block_text(0).len());
}

#[test]
fn bullet_items_are_list_item_blocks() {
    let b = brief("- first\n- second\n");
    assert_eq!(block_texts(&b), ["first", "second"]);
    assert!(
        b.blocks
            .iter()
            .all(|bl| bl.marker == Some(ListMarker::Bullet))
    );
    assert!(b.blocks.iter().all(|bl| bl.list_depth == 1));
}

#[test]
fn ordered_items_keep_their_numbers() {
    let b = brief("3. three\n4. four\n");
    let markers: Vec<Option<ListMarker>> = b.blocks.iter().map(|bl| bl.marker).collect();
    assert_eq!(
        markers,
        [Some(ListMarker::Ordered(3)), Some(ListMarker::Ordered(4))]
    );
}

#[test]
fn task_items_record_whether_they_are_done() {
    let b = brief("- [ ] todo\n- [x] done\n");
    assert_eq!(block_texts(&b), ["todo", "done"]);
    assert_eq!(b.blocks[0].marker, Some(ListMarker::Task(false)));
    assert_eq!(b.blocks[1].marker, Some(ListMarker::Task(true)));
}

#[test]
fn nested_list_items_count_their_list_depth() {
    let b = brief("- outer\n  - middle\n    - inner\n- back\n");
    let depths: Vec<u8> = b.blocks.iter().map(|bl| bl.list_depth).collect();
    assert_eq!(depths, [1, 2, 3, 1]);
}

#[test]
fn quote_paragraphs_count_their_quote_depth() {
    let b = brief("> outer one\n>\n> outer two\n>> inner\n\nafter\n");
    let depths: Vec<u8> = b.blocks.iter().map(|bl| bl.quote_depth).collect();
    assert_eq!(
        block_texts(&b),
        ["outer one", "outer two", "inner", "after"]
    );
    assert_eq!(depths, [1, 1, 2, 0]);
}

#[test]
fn table_is_one_block_with_rows_cells_and_aligns() {
    let b =
        brief("| Year | Exports | Share |\n|:-----|:------:|------:|\n| 2024 | grain | 41% |\n");
    let BlockKind::Table(table) = &b.blocks[0].kind else {
        panic!("not a table: {:?}", b.blocks[0].kind);
    };
    assert_eq!(table.aligns, [Align::Left, Align::Center, Align::Right]);
    assert_eq!(table.header_rows, 1);
    let text = b.block_text(0);
    let cells: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| &text[c.start as usize..c.end as usize])
                .collect()
        })
        .collect();
    assert_eq!(
        cells,
        [["Year", "Exports", "Share"], ["2024", "grain", "41%"]]
    );
}

#[test]
fn table_text_joins_cells_with_bars_and_rows_with_newlines() {
    let b = brief("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n");
    assert_eq!(b.block_text(0), "a | b\n1 | 2\n3 | 4");
}

#[test]
fn table_cell_keeps_inline_styling() {
    let b = brief("| a |\n|---|\n| **bold** |\n");
    assert_eq!(styled(&b, 0, Inline::STRONG), ["bold"]);
}

#[test]
fn code_block_keeps_its_lines() {
    let b = brief("```powershell\nConnect-MgGraph\n  Get-MgUser | FL\n\nexit\n```\n");
    assert_eq!(b.blocks[0].kind, BlockKind::Code);
    assert_eq!(
        b.block_text(0),
        "Connect-MgGraph\n  Get-MgUser | FL\n\nexit"
    );
}

#[test]
fn html_block_shows_its_text_without_tags() {
    let b = brief("<div class=\"note\">\n<p>Agencies <b>must</b> comply.</p>\n</div>\n");
    assert_eq!(block_texts(&b), ["Agencies must comply."]);
}

#[test]
fn html_comments_vanish() {
    let b = brief(
        "## MS.AAD.1.1v1\n\nLegacy authentication SHALL be blocked.\n\n\
         <!--Policy: MS.AAD.1.1v1; Criticality: SHALL -->\n<!--ExclusionType: CapExclusions-->\n\
         - Rationale <!-- inline note --> stays\n",
    );
    assert_eq!(
        block_texts(&b),
        [
            "Legacy authentication SHALL be blocked.",
            "Rationale  stays"
        ]
    );
    assert!(!b.full_text().contains("Criticality"));
}

#[test]
fn inline_br_is_a_line_break() {
    let b = brief("FROM:<br/>Jane Roe<br>Chief Officer\n");
    assert_eq!(b.block_text(0), "FROM:\nJane Roe\nChief Officer");
}

#[test]
fn inline_html_sup_is_superscript() {
    let b = brief("spent $6 billion.<sup id=\"r1\"><a href=\"#fn1\">1</a></sup> Next\n");
    assert_eq!(b.block_text(0), "spent $6 billion.1 Next");
    assert_eq!(styled(&b, 0, Inline::SUPERSCRIPT), ["1"]);
}

#[test]
fn pre_html_block_is_code_with_its_lines() {
    let b =
        brief("<pre>\n  Users > Include > <b>All users</b>\n\n  Grant &gt; <b>Block</b>\n</pre>\n");
    assert_eq!(b.blocks[0].kind, BlockKind::Code);
    assert_eq!(
        b.block_text(0),
        "Users > Include > All users\n\nGrant > Block"
    );
}

#[test]
fn footnotes_show_their_labels() {
    let b = brief("Claim.[^1]\n\n[^1]: Source.\n");
    assert_eq!(block_texts(&b), ["Claim.[1]", "[1] Source."]);
}

#[test]
fn full_text_holds_every_block_in_order() {
    let b = brief("# A\n\none two\n\n- three\n");
    assert_eq!(b.full_text(), "one twothree");
    assert_eq!(b.word_count(), 2);
}

// ------------------------------------------------------------ odd inputs

#[test]
fn crlf_line_endings_load_like_lf() {
    let lf = "# Title\n\nline one\nline two\n\n```\ncode\n```\n";
    let crlf = lf.replace('\n', "\r\n");
    let (a, b) = (brief(lf), brief(&crlf));
    assert_eq!(section_titles(&a), section_titles(&b));
    assert_eq!(block_texts(&a), block_texts(&b));
    assert!(!b.full_text().contains('\r'));
}

#[test]
fn utf8_bom_is_dropped() {
    let b = from_bytes(
        b"\xef\xbb\xbf# Title\n\nbody\n".to_vec(),
        Path::new("bom.md"),
    )
    .unwrap();
    assert_eq!(section_titles(&b), ["Title"]);
    assert!(!b.full_text().contains('\u{feff}'));
}

#[test]
fn tabs_in_code_expand_to_the_next_multiple_of_four() {
    let b = brief("```\n\tindented\nab\tc\nabcd\te\n```\n");
    assert_eq!(b.block_text(0), "    indented\nab  c\nabcd    e");
}

#[test]
fn tabs_outside_code_become_spaces() {
    let b = brief("# Head\ting\n\nword\tword\n");
    assert_eq!(b.sections[0].title, "Head ing");
    assert_eq!(b.block_text(0), "word word");
}

#[test]
fn empty_file_has_no_sections_and_no_blocks() {
    let b = from_bytes(Vec::new(), Path::new("empty.md")).unwrap();
    assert_eq!(b.sections.len(), 0);
    assert_eq!(b.blocks.len(), 0);
    assert_eq!(b.title, "empty");
}

#[test]
fn file_of_only_headings_has_empty_sections() {
    let b = brief("# One\n## Two\n### Three\n");
    assert_eq!(b.sections.len(), 3);
    assert_eq!(b.blocks.len(), 0);
    assert!(b.sections.iter().all(|s| s.blocks.is_empty()));
}

#[test]
fn ten_megabyte_brief_loads_every_section_and_block() {
    let mut md = String::new();
    let mut units = 0;
    while md.len() < 10 * 1024 * 1024 {
        md.push_str(&format!(
            "## Section {units}\n\nParagraph {units} with *emphasis* and a \
             [link](https://example.org/{units}).\n\n- first {units}\n- second {units}\n\n\
             | a | b |\n|---|---|\n| {units} | x |\n\n```\ncode {units}\n```\n\n"
        ));
        units += 1;
    }
    let dir = scratch("ten_megabyte");
    let path = write(&dir, "big.md", md.as_bytes());
    let b = load_path(&path, LoadOptions::default()).unwrap();
    assert_eq!(b.sections.len(), units);
    assert_eq!(b.blocks.len(), units * 5);
    assert_eq!(
        b.sections[units - 1].title,
        format!("Section {}", units - 1)
    );
}

#[test]
fn invalid_utf8_loads_with_replacement_and_a_warning() {
    let b = from_bytes(
        b"# Caf\xe9\n\nna\xefve \xff\n".to_vec(),
        Path::new("latin1.md"),
    )
    .unwrap();
    assert_eq!(b.sections[0].title, "Caf\u{FFFD}");
    assert!(b.block_text(0).contains('\u{FFFD}'));
    assert!(
        b.warnings.iter().any(|w| w.contains("invalid UTF-8")),
        "{:?}",
        b.warnings
    );
}

#[test]
fn nul_after_the_first_8_kib_is_not_binary() {
    let mut bytes = b"# Title\n\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'a', 9000));
    bytes.extend(b"\0tail\n");
    let b = from_bytes(bytes, Path::new("late-nul.md")).unwrap();
    assert_no_control_chars(&b);
}

// ----------------------------------------------------------------- errors

#[test]
fn binary_file_is_refused_naming_it() {
    let dir = scratch("binary");
    let path = write(&dir, "photo-brief.md", b"# Title\n\x00\x01\x02binary");
    let err = load_path(&path, LoadOptions::default()).unwrap_err();
    assert!(
        matches!(err, LoadError::Binary { offset: 8, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("photo-brief.md"), "{err}");
}

#[test]
fn directory_is_refused_naming_it() {
    let dir = scratch("directory");
    let sub = dir.join("briefs-folder");
    fs::create_dir(&sub).unwrap();
    let err = load_path(&sub, LoadOptions::default()).unwrap_err();
    assert!(matches!(err, LoadError::IsDirectory { .. }), "{err:?}");
    assert!(err.to_string().contains("briefs-folder"), "{err}");
}

#[test]
fn missing_file_is_not_found_naming_it() {
    let dir = scratch("missing");
    let err = load_path(&dir.join("no-such-brief.md"), LoadOptions::default()).unwrap_err();
    assert!(matches!(err, LoadError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("no-such-brief.md"), "{err}");
}

#[test]
fn fifo_is_refused_without_blocking() {
    let dir = scratch("fifo");
    let fifo = mkfifo(&dir, "pipe-brief.md");
    let err = load_with_timeout(&fifo).unwrap_err();
    assert!(matches!(err, LoadError::NotRegular { .. }), "{err:?}");
    assert!(err.to_string().contains("pipe-brief.md"), "{err}");
}

#[test]
fn file_over_the_size_limit_is_too_large_naming_it() {
    let dir = scratch("too_large");
    let path = write(&dir, "huge-brief.md", &[b'a'; 2048]);
    let err = load_path(&path, LoadOptions { max_bytes: 1024 }).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("huge-brief.md"), "{err}");
}

#[test]
fn too_large_message_gives_readable_sizes() {
    let dir = scratch("too_large_sizes");
    let path = write(&dir, "big.md", &[b'a'; 2048]);
    let err = load_path(&path, LoadOptions { max_bytes: 1000 }).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("2 KB") && msg.contains("1000 bytes"), "{msg}");
}

#[test]
fn file_at_the_size_limit_loads() {
    let dir = scratch("at_limit");
    let path = write(&dir, "exact.md", &[b'a'; 1024]);
    assert!(load_path(&path, LoadOptions { max_bytes: 1024 }).is_ok());
}

#[test]
fn error_display_sanitises_a_hostile_path() {
    let err = load_path(
        Path::new("/nonexistent/\x1b]0;pwned\x07.md"),
        LoadOptions::default(),
    )
    .unwrap_err();
    assert!(!err.to_string().chars().any(is_dangerous), "{err}");
}

#[test]
fn cli_outline_of_a_missing_file_exits_2_naming_it() {
    let dir = scratch("cli_missing");
    let (code, stderr) = run_outline(&dir.join("absent-brief.md"));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("absent-brief.md"), "{stderr}");
}

#[test]
fn cli_outline_of_a_directory_exits_2_naming_it() {
    let dir = scratch("cli_directory");
    let (code, stderr) = run_outline(&dir);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("cli_directory"), "{stderr}");
}

#[test]
fn cli_outline_of_a_binary_file_exits_2_naming_it() {
    let dir = scratch("cli_binary");
    let path = write(&dir, "binary-brief.md", b"\x7fELF\x00\x00");
    let (code, stderr) = run_outline(&path);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("binary-brief.md"), "{stderr}");
}

#[test]
fn cli_outline_of_a_fifo_exits_2_without_hanging() {
    let dir = scratch("cli_fifo");
    let fifo = mkfifo(&dir, "fifo-brief.md");
    let (code, stderr) = run_outline(&fifo);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("fifo-brief.md"), "{stderr}");
}

#[test]
fn cli_outline_of_a_file_over_the_default_limit_exits_2_naming_it() {
    let dir = scratch("cli_too_large");
    let path = dir.join("sparse-brief.md");
    // A sparse file: its length is over the limit without writing 100 MB.
    let file = fs::File::create(&path).unwrap();
    file.set_len(LoadOptions::default().max_bytes + 1).unwrap();
    let (code, stderr) = run_outline(&path);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("sparse-brief.md"), "{stderr}");
}

// ------------------------------------------------------- untrusted text

#[test]
fn escape_sequences_in_headings_are_neutralised() {
    let b = brief(&format!(
        "# Raw {RAW_ESCAPES}\n## Entity {ENTITY_ESCAPES}\n"
    ));
    assert_eq!(b.sections.len(), 2);
    assert!(b.sections[0].title.contains('\u{241b}'), "ESC shows as ␛");
    assert_no_control_chars(&b);
}

#[test]
fn escape_sequences_in_paragraphs_are_neutralised() {
    let b = brief(&format!("Raw {RAW_ESCAPES}\n\nEntity {ENTITY_ESCAPES}\n"));
    assert_eq!(b.blocks.len(), 2);
    assert_no_control_chars(&b);
}

#[test]
fn escape_sequences_in_code_blocks_are_neutralised() {
    let b = brief(&format!(
        "```\n{RAW_ESCAPES}\n{ENTITY_ESCAPES}\n```\n\ninline `{RAW_ESCAPES}`\n"
    ));
    assert_eq!(b.blocks[0].kind, BlockKind::Code);
    assert_no_control_chars(&b);
}

#[test]
fn escape_sequences_in_link_urls_are_neutralised() {
    let b = brief(
        "[entity](https://evil.example/&#x1b;]0;t&#7;&#x9b;) \
         [raw](<https://evil.example/\x1b[2J\x07>)\n",
    );
    let links = b.block_spans(0).iter().filter(|s| s.link.is_some()).count();
    assert_eq!(links, 2, "both links parse: {:?}", b.block_spans(0));
    assert_no_control_chars(&b);
}

#[test]
fn escape_sequences_in_table_cells_are_neutralised() {
    let b = brief(&format!(
        "| h |\n|---|\n| {RAW_ESCAPES} |\n| {ENTITY_ESCAPES} |\n"
    ));
    assert!(matches!(b.blocks[0].kind, BlockKind::Table(_)));
    assert_no_control_chars(&b);
}

#[test]
fn escape_sequences_in_yaml_front_matter_are_neutralised() {
    let b = brief(
        "---\ntitle: \"T \\e]0;title\\a\"\nauthor: \"A \\e[2J \\x9b\"\ndate: \"&#27;[2J\"\n\
         classification: \"C \\e]52;c;ZXZpbA==\\a\"\nsummary: \"S \\x7f\"\ntags: [\"\\e[2J\", ok]\n---\n",
    );
    assert!(b.meta.title.is_some(), "{:?}", b.warnings);
    assert_no_control_chars(&b);
}

#[test]
fn escape_sequences_in_toml_front_matter_are_neutralised() {
    let b = brief(
        "+++\ntitle = \"T \\u001b]0;title\\u0007\"\nauthor = \"\\u009b31m\"\n\
         tags = [\"\\u001b[2J\"]\n+++\n",
    );
    assert!(b.meta.author.is_some(), "{:?}", b.warnings);
    assert_no_control_chars(&b);
}

#[test]
fn raw_control_characters_in_front_matter_never_reach_a_warning() {
    let b = brief("---\ntitle: ok\n\x1b]0;t\x07: x\nauthor: \x1b[2J\n---\n+++\n");
    assert_no_control_chars(&b);
}

#[test]
fn escape_sequences_in_html_blocks_are_neutralised() {
    let b = brief(&format!(
        "<div>\n{RAW_ESCAPES}\n{ENTITY_ESCAPES} &#0; &#xd800; &#x110000;\n</div>\n\n\
         <pre>\n{RAW_ESCAPES}\n</pre>\n\ntext <span>{ENTITY_ESCAPES}</span>\n"
    ));
    assert_eq!(b.blocks.len(), 3);
    assert_no_control_chars(&b);
}

#[test]
fn bidi_overrides_and_isolates_become_visible_marks() {
    let b = brief(
        "# Pay \u{202e}gpj.exe\n\nabc\u{2066}def\u{2069} \u{202a}\u{202b}\u{202c}\u{202d}\u{2067}\u{2068}\n",
    );
    assert!(b.sections[0].title.contains(BIDI_MARK));
    assert_eq!(b.block_text(0).matches(BIDI_MARK).count(), 8);
    assert_no_control_chars(&b);
}

// --------------------------------------------------------- property tests

/// The structural invariants every parse keeps; `Err` says which broke.
fn check_invariants(b: &Brief) -> Result<(), String> {
    check_section_cover(b)?;
    for (id, s) in b.sections.iter().enumerate() {
        if let Some(p) = s.parent
            && (p >= id || b.sections[p].level >= s.level)
        {
            return Err(format!("section {id} has parent {p}: {:?}", b.sections));
        }
        if s.title.chars().any(|c| is_dangerous(c) || c == '\n') {
            return Err(format!("unsafe section title {:?}", s.title));
        }
    }
    for id in 0..b.blocks.len() {
        check_block(b, id)?;
    }
    Ok(())
}

/// Section ranges are contiguous, in order and cover every block once.
fn check_section_cover(b: &Brief) -> Result<(), String> {
    let ranges: Vec<_> = b.sections.iter().map(|s| s.blocks.clone()).collect();
    let Some(first) = ranges.first() else {
        return match b.blocks.len() {
            0 => Ok(()),
            n => Err(format!("{n} blocks but no section")),
        };
    };
    let contiguous = ranges.windows(2).all(|w| w[0].end == w[1].start);
    let ordered = ranges.iter().all(|r| r.start <= r.end);
    let last_end = ranges.last().map_or(0, |r| r.end);
    if first.start != 0 || !contiguous || !ordered || last_end != b.blocks.len() {
        return Err(format!(
            "ranges {ranges:?} do not cover {} blocks",
            b.blocks.len()
        ));
    }
    Ok(())
}

/// A block's text is safe and its spans are ordered char-boundary ranges
/// inside it.
fn check_block(b: &Brief, id: usize) -> Result<(), String> {
    let text = b.block_text(id);
    if text.chars().any(is_dangerous) {
        return Err(format!("unsafe block text {text:?}"));
    }
    let mut prev_end = 0;
    for s in b.block_spans(id) {
        let (start, end) = (s.start as usize, s.end as usize);
        if start < prev_end || end < start || text.get(start..end).is_none() {
            return Err(format!("bad span {s:?} in {text:?}"));
        }
        prev_end = end;
    }
    Ok(())
}

/// Pieces of markdown syntax, so generated text hits headings, lists,
/// quotes, fences, tables, HTML and escapes far more often than random
/// strings do.
const PIECES: &[&str] = &[
    "# ", "## ", "### ", "###### ", "####### ", "\n", "\n\n", "\r\n", "- ", "* ", "1. ", "- [ ] ",
    "- [x] ", "> ", ">> ", "```", "~~~", "    ", "\t", "|", "|---|", ":-:", "---", "===", "+++",
    "*", "**", "_", "~~", "`", "[", "]", "(", ")", "![", "<br>", "<!--", "-->", "<div>", "</div>",
    "<pre>", "</pre>", "<sup>", "</sup>", "&#27;", "&#x9b;", "&amp;", "\x1b[2J", "\x07",
    "\u{202e}", "\u{feff}", "title: x", "{#id}", "[^1]", "[^1]: ", "text", "word ", "é", "日本",
    " ",
];

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn arbitrary_text_parses_keeping_the_invariants(text in any::<String>()) {
        let b = parse(&text, "prop");
        prop_assert_eq!(check_invariants(&b), Ok(()));
    }

    #[test]
    fn markdownish_text_parses_keeping_the_invariants(text in markdownish()) {
        let b = parse(&text, "prop");
        prop_assert_eq!(check_invariants(&b), Ok(()));
    }

    #[test]
    fn arbitrary_bytes_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        match from_bytes(bytes, Path::new("prop.md")) {
            Ok(b) => prop_assert_eq!(check_invariants(&b), Ok(())),
            Err(e) => prop_assert!(matches!(e, LoadError::Binary { .. }), "{e:?}"),
        }
    }
}

// ------------------------------------------------- YAML alias bombs

/// Front matter whose anchors nest `levels` deep, each level an alias list
/// nine times the one before ("billion laughs"): expanded, the last key
/// holds 9^levels strings.
fn yaml_alias_bomb(levels: usize) -> String {
    let names: Vec<char> = ('a'..='z').take(levels).collect();
    let mut fm = format!("---\na: &a [{}]\n", ["\"lol\""; 9].join(","));
    for pair in names.windows(2) {
        let aliases = vec![format!("*{}", pair[0]); 9].join(",");
        fm.push_str(&format!("{c}: &{c} [{aliases}]\n", c = pair[1]));
    }
    fm.push_str("---\n\n# H\n\ntext\n");
    fm
}

/// Parses on another thread so a regression (aliases expanded again) fails
/// the test instead of hanging it: expanded, these bombs never finish.
fn parse_or_hang(md: String) -> Brief {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(parse(&md, "fallback"));
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("parsing the front matter hung")
}

#[test]
fn a_yaml_alias_bomb_loads_keeping_its_heading_and_body() {
    for levels in [7, 16] {
        let b = parse_or_hang(yaml_alias_bomb(levels));
        assert_eq!(b.title, "H", "{levels} levels");
        assert_eq!(b.meta, Default::default());
        assert_eq!(section_titles(&b), ["H"]);
        assert_eq!(block_texts(&b), ["text"]);
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }
}

#[test]
fn a_yaml_alias_bomb_in_a_file_loads() {
    let dir = scratch("alias-bomb");
    let path = write(&dir, "bomb.md", yaml_alias_bomb(16).as_bytes());
    let b = load_with_timeout(&path).unwrap();
    assert_eq!(b.title, "H");
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert_eq!(block_texts(&b), ["text"]);
}

#[test]
fn an_anchor_and_alias_in_an_unused_key_leave_the_metadata_intact() {
    let b = brief(
        "---\ntitle: Grain corridors\ndefaults: &d {owner: desk, region: black-sea}\n\
         override: *d\nextra: [*d, *d]\ntags: [trade, black-sea]\nauthor: A. Doe\n---\n\
         # Exports\n\nbody\n",
    );
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert_eq!(b.meta.title.as_deref(), Some("Grain corridors"));
    assert_eq!(b.title, "Grain corridors");
    assert_eq!(b.meta.tags, ["trade", "black-sea"]);
    assert_eq!(b.meta.author.as_deref(), Some("A. Doe"));
    assert_eq!(section_titles(&b), ["Exports"]);
    assert_eq!(block_texts(&b), ["body"]);
}
