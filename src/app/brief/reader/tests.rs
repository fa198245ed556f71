use super::*;
use crate::document::parse;

fn brief_of(sections: usize, paras: usize) -> Brief {
    let mut md = String::new();
    for s in 0..sections {
        md.push_str(&format!("## Section {s}\n\n"));
        for p in 0..paras {
            md.push_str(&format!(
                "Paragraph {p} of section {s} has a few words.\n\n"
            ));
        }
    }
    parse(&md, "t")
}

fn reader(brief: &Brief, width: usize, height: usize) -> Reader {
    let mut r = Reader::new(brief);
    r.resize(brief, width, height);
    r
}

#[test]
fn next_block_scrolls_only_when_needed() {
    let brief = brief_of(3, 5);
    let mut r = reader(&brief, 80, 10);
    r.down(&brief);
    assert_eq!((r.cursor, r.top), (1, Pos::default()));
    for _ in 0..6 {
        r.down(&brief);
    }
    assert_eq!(r.cursor, 7);
    let (start, end) = r.cursor_rows(&brief).unwrap();
    assert!(start >= 0 && end <= 10, "{start}..{end}");
}

#[test]
fn a_far_jump_shows_the_block_a_quarter_down_and_a_near_one_does_not_scroll() {
    let brief = brief_of(10, 10);
    let mut r = reader(&brief, 80, 20);
    r.jump_to(&brief, 3);
    assert_eq!(
        (r.cursor, r.top),
        (3, Pos::default()),
        "on screen: no scroll"
    );
    r.jump_to(&brief, 55);
    let (start, end) = r.cursor_rows(&brief).unwrap();
    assert_eq!(start, 5, "a quarter of 20 rows above it");
    assert!(end <= 20);
    // Near the end there is no room below: the end of the brief stays
    // on the bottom row instead of leaving blank rows.
    let last = brief.blocks.len() - 1;
    r.jump_to(&brief, last);
    assert_eq!(r.top, r.max_top(&brief));
}

#[test]
fn opening_a_section_puts_its_heading_on_top() {
    let brief = brief_of(4, 3);
    let mut r = reader(&brief, 80, 10);
    r.open_section(&brief, 2);
    assert_eq!(r.items()[r.top.item], Item::Heading(2));
    assert_eq!(r.cursor, brief.sections[2].blocks.start);
}

#[test]
fn bottom_shows_the_end_and_top_returns() {
    let brief = brief_of(5, 5);
    let mut r = reader(&brief, 80, 10);
    r.to_bottom(&brief);
    assert_eq!(r.cursor, brief.blocks.len() - 1);
    assert_eq!(r.percent(&brief), 100);
    let rows = r.visible_rows(&brief);
    assert_eq!(rows.len(), 10);
    r.to_top(&brief);
    assert_eq!((r.cursor, r.top), (0, Pos::default()));
}

#[test]
fn page_down_moves_a_screen_and_the_cursor_follows() {
    let brief = brief_of(5, 5);
    let mut r = reader(&brief, 80, 10);
    r.page_down(&brief);
    assert!(r.top > Pos::default());
    assert!(r.cursor > 0);
    let (start, _) = r.cursor_rows(&brief).unwrap();
    assert!(start >= 0);
}

#[test]
fn tall_block_is_scrolled_through_before_moving_on() {
    let long = "word ".repeat(400);
    let brief = parse(&format!("{long}\n\nnext\n"), "t");
    let mut r = reader(&brief, 20, 5);
    r.down(&brief);
    assert_eq!(r.cursor, 0, "first scrolls inside the long block");
    assert!(r.top.line > 0);
    for _ in 0..200 {
        r.down(&brief);
    }
    assert_eq!(r.cursor, 1);
}

#[test]
fn going_up_into_a_tall_block_shows_its_end_then_scrolls_back_through_it() {
    let long: String = (0..400).map(|i| format!("w{i} ")).collect();
    let md = format!("## A\n\n{long}\n\n## B\n\nShort.\n");
    let brief = parse(&md, "t");
    let mut r = reader(&brief, 40, 10);
    r.to_bottom(&brief);
    assert_eq!(r.cursor, 1);
    r.up(&brief);
    assert_eq!(r.cursor, 0);
    let (start, end) = r.cursor_rows(&brief).unwrap();
    assert!(start < 0, "the start is far above");
    assert!((0..=10).contains(&end), "its end is on screen: {end}");
    let top = r.top;
    r.up(&brief);
    assert_eq!(r.cursor, 0, "still reading back through it");
    assert!(r.top < top);
}

#[test]
fn bottom_of_one_huge_block_shows_its_end() {
    let long = "word ".repeat(2000);
    let brief = parse(&format!("{long}end\n"), "t");
    let mut r = reader(&brief, 20, 5);
    assert!(r.percent(&brief) < 10);
    r.to_bottom(&brief);
    let rows = r.visible_rows(&brief);
    let last = rows.last().unwrap();
    assert_eq!(last.line + 1, r.content_height(&brief, last.item));
    assert_eq!(r.percent(&brief), 100);
}

#[test]
fn empty_brief_is_harmless() {
    let brief = parse("", "t");
    let mut r = reader(&brief, 10, 3);
    r.down(&brief);
    r.page_down(&brief);
    r.to_bottom(&brief);
    r.click(&brief, 0);
    assert_eq!(r.percent(&brief), 100);
    assert!(r.visible_rows(&brief).is_empty());
}

#[test]
fn a_brief_opens_in_the_section_of_its_first_block_not_an_empty_title_section() {
    let brief = parse("# Arctic lanes\n\n## Overview\n\nTraffic grew.\n", "t");
    let reader = Reader::new(&brief);
    assert_eq!(brief.section_of(reader.cursor), 1);
    assert_eq!(
        reader.section, 1,
        "the status line's §2, where `a` adds a note"
    );
}
