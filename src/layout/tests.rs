//! Layout of blocks and headings: wrapping, markers, rules, code.

use super::*;
use crate::document::parse;

fn lines_of(md: &str, block: BlockId, width: usize) -> Vec<String> {
    let brief = parse(md, "t");
    block_lines(&brief, block, width)
        .iter()
        .map(StyledLine::text)
        .collect()
}

#[test]
fn paragraph_wraps_and_ends_with_a_gap() {
    assert_eq!(
        lines_of("one two three four", 0, 9),
        ["one two", "three", "four", ""]
    );
}

#[test]
fn list_items_hang_under_their_marker_and_sit_together() {
    let lines = lines_of("- alpha beta gamma\n- delta\n", 0, 10);
    assert_eq!(lines, ["• alpha", "  beta", "  gamma"]);
}

#[test]
fn quote_lines_carry_a_bar() {
    let lines = lines_of("> quoted words here\n", 0, 10);
    assert!(lines[..2].iter().all(|l| l.starts_with("│ ")), "{lines:?}");
}

#[test]
fn deep_quote_bars_give_way_to_the_text() {
    // Six levels of quote in the narrowest column the reader uses: the
    // bars take at most half of it and no line is wider than it.
    let md = format!("{} deep quoted text here\n", "> ".repeat(6));
    let lines = lines_of(&md, 0, 16);
    assert!(lines[0].starts_with("│ │ │ │ deep"), "{lines:?}");
    let brief = parse(&md, "t");
    for line in block_lines(&brief, 0, 16) {
        assert!(line.width() <= 16, "{:?}", line.text());
    }
}

#[test]
fn a_thematic_break_is_a_line_across_the_column() {
    // CommonMark 0.31.2 example 43 and a list split by a rule (61).
    let brief = parse("Foo\n***\nbar\n", "t");
    let lines: Vec<String> = (0..brief.blocks.len())
        .flat_map(|b| block_lines(&brief, b, 12))
        .map(|l| l.text())
        .collect();
    assert_eq!(lines, ["Foo", "", "────────────", "", "bar", ""]);
    let brief = parse("- foo\n***\n- bar\n", "t");
    let lines: Vec<String> = (0..brief.blocks.len())
        .flat_map(|b| block_lines(&brief, b, 8))
        .map(|l| l.text())
        .collect();
    assert_eq!(lines, ["• foo", "", "────────", "", "• bar", ""]);
}

fn all_lines(md: &str, width: usize) -> Vec<String> {
    let brief = parse(md, "t");
    (0..brief.blocks.len())
        .flat_map(|b| block_lines(&brief, b, width))
        .map(|l| l.text().trim_end().to_owned())
        .collect()
}

#[test]
fn every_list_item_keeps_its_marker() {
    // CommonMark 0.31.2: an empty item (example 280), items that open
    // with a nested list (298, 299), with a heading (300), with code
    // (273) and with raw HTML.
    assert_eq!(
        all_lines("1. foo\n2.\n3. bar\n", 20),
        ["1. foo", "2.", "3. bar", ""]
    );
    assert_eq!(all_lines("- - foo\n", 20), ["•", "   ◦ foo", ""]);
    assert_eq!(
        all_lines("1. - 2. foo\n", 20),
        ["1.", "   ◦", "      2. foo", ""]
    );
    assert_eq!(
        all_lines("- # Foo\n- Bar\n  ---\n  baz\n", 20),
        ["• Foo", "", "• Bar", "", "   baz", ""]
    );
    assert_eq!(
        all_lines("1.     indented code\n\n   paragraph\n", 20),
        ["1.  indented code", "", "   paragraph", ""]
    );
    assert_eq!(all_lines("- <div>\n- bar\n", 20), ["•", "• bar", ""]);
}

#[test]
fn emphasis_in_a_heading_is_kept() {
    // CommonMark example 66, with strong emphasis and code added.
    let brief = parse("# foo *bar* \\*baz\\*\n\n## A **b**  `c`\n", "t");
    let styled = |s: SectionId| -> Vec<(String, Inline)> {
        heading_lines(&brief, s, 40)[0]
            .segs
            .iter()
            .map(|seg| (seg.text.clone(), seg.inline))
            .collect()
    };
    assert_eq!(
        styled(0),
        [
            ("foo ".to_owned(), Inline::empty()),
            ("bar".to_owned(), Inline::EMPHASIS),
            (" *baz*".to_owned(), Inline::empty()),
        ]
    );
    assert_eq!(brief.sections[1].title, "A b c");
    assert_eq!(
        styled(1),
        [
            ("A ".to_owned(), Inline::empty()),
            ("b".to_owned(), Inline::STRONG),
            (" ".to_owned(), Inline::empty()),
            ("c".to_owned(), Inline::CODE),
        ]
    );
}

#[test]
fn emphasis_in_table_cells_and_link_text_is_kept() {
    let brief = parse(
        "[a *b* c](#x) d\n\n| *e* | **f** |\n|---|---|\n| `g` | ~~h~~ |\n",
        "t",
    );
    let styles = |b: BlockId| -> Vec<(String, Inline)> {
        block_lines(&brief, b, 40)
            .iter()
            .flat_map(|l| l.segs.clone())
            .filter(|s| s.src.is_some() && !s.inline.is_empty())
            .map(|s| (s.text, s.inline))
            .collect()
    };
    assert_eq!(
        styles(0),
        [
            ("a ".to_owned(), Inline::LINK),
            ("b".to_owned(), Inline::LINK | Inline::EMPHASIS),
            (" c".to_owned(), Inline::LINK),
        ]
    );
    assert_eq!(
        styles(1),
        [
            ("e".to_owned(), Inline::EMPHASIS),
            ("f".to_owned(), Inline::STRONG),
            ("g".to_owned(), Inline::CODE),
            ("h".to_owned(), Inline::STRIKE),
        ]
    );
}

#[test]
fn code_is_cut_not_wrapped_unless_asked() {
    let md = "```\nabcdefghijklmnop\nxy\n```\n";
    let lines = lines_of(md, 0, 8);
    assert_eq!(lines[0].trim_end(), " abc…+13");
    assert_eq!(lines[1].trim_end(), " xy");
    assert_eq!(lines.len(), 3);
    let brief = parse(md, "t");
    let wrapped: Vec<String> = block_lines_with(&brief, 0, 8, CodeLines::Wrap)
        .iter()
        .map(|l| l.text().trim_end().to_owned())
        .collect();
    assert_eq!(wrapped, [" abcdefg", "↪hijklmn", "↪op", " xy", ""]);
}

#[test]
fn no_line_is_wider_than_the_column() {
    let md = "Some *styled* text with a [link](http://x) and `code` \
              and a verylongwordthatmustbesplitacrosslines here.\n\n\
              | a | b |\n|---|---|\n| long cell text | x |\n";
    let brief = parse(md, "t");
    for width in [1, 2, 5, 9, 20, 40] {
        for id in 0..brief.blocks.len() {
            for line in block_lines(&brief, id, width) {
                assert!(line.width() <= width.max(4), "{width}: {:?}", line.text());
            }
        }
    }
}
