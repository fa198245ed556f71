//! What a brief holds, drawn: rules, list markers, emphasis in headings,
//! HTML, footnotes, tables and code, each in ratatui's TestBackend and
//! compared with an insta snapshot. The markdown comes from the CommonMark
//! 0.31.2 and GFM spec examples the issue quotes, or is written here.

mod common;

use brief::app::App;
use brief::document::parse;
use common::tui::{app_at, screen};

fn app(md: &str, width: u16, height: u16) -> App {
    app_at(parse(md, "render"), width, height)
}

#[test]
fn rules_are_drawn_across_the_reading_width() {
    // CommonMark example 43 and a rule between two lists (example 61).
    let app = app("Foo\n***\nbar\n\n- foo\n***\n- bar\n", 40, 12);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_brief_of_only_rules_is_not_empty() {
    let app = app("***\n---\n___\n", 40, 8);
    let drawn = screen(&app);
    assert!(!drawn.contains("empty"), "{drawn}");
    assert_eq!(
        drawn.lines().filter(|l| l.contains("────")).count(),
        3,
        "{drawn}"
    );
}

#[test]
fn every_list_item_keeps_its_marker() {
    // CommonMark examples 280 (an empty item), 298 (an item opening with a
    // list), 300 (with a heading) and an item holding raw HTML.
    let md = "1. foo\n2.\n3. bar\n\n- - foo\n\n- # Foo\n- <div>\n- bar\n";
    let app = app(md, 40, 14);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_outline_lists_the_title_once_when_text_precedes_the_first_h1() {
    let app = app("Intro.\n\n# One\n\ntext\n\n## Two\n\nmore\n", 100, 8);
    let drawn = screen(&app);
    let outline: Vec<&str> = drawn
        .lines()
        .filter_map(|l| l.split_once('│').map(|(outline, _)| outline))
        .filter(|l| l.contains("One"))
        .collect();
    assert_eq!(outline.len(), 1, "{drawn}");
    insta::assert_snapshot!(drawn);
}
