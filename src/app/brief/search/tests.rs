//! In-brief search: case, headings, stepping and wrapping.

use super::*;
use crate::document::parse;

fn brief() -> Brief {
    parse(
        "Sanctions bite.\n\nNo match here.\n\nMore SANCTIONS and sanctions.\n",
        "t",
    )
}

#[test]
fn lowercase_query_ignores_case() {
    let b = brief();
    let mut s = Search::default();
    s.set_query(&b, "sanctions");
    assert_eq!(s.matches.len(), 3);
    assert_eq!(s.in_block(2).len(), 2);
    assert!(s.in_block(1).is_empty());
}

#[test]
fn a_capital_makes_the_query_case_sensitive() {
    let b = brief();
    let mut s = Search::default();
    s.set_query(&b, "SANCTIONS");
    assert_eq!(s.matches.len(), 1);
    assert_eq!(
        s.matches[0],
        Match {
            block: 2,
            heading: None,
            start: 5,
            end: 14
        }
    );
}

#[test]
fn headings_match_in_reading_order_and_the_preamble_title_does_not() {
    let b = parse(
        "Sanctions first.\n\n## Sanctions\n\nThey bite.\n\n## Trade\n\nSanctions again.\n",
        "Sanctions-file",
    );
    let mut s = Search::default();
    s.set_query(&b, "Sanctions");
    let order: Vec<(usize, Option<usize>)> =
        s.matches.iter().map(|m| (m.block, m.heading)).collect();
    // Preamble block, the heading of section 1 (before its block 1),
    // then the block of section 2; the file-name title is not on the page.
    assert_eq!(order, vec![(0, None), (1, Some(1)), (2, None)]);
    assert_eq!(s.in_heading(&b, 1).len(), 1);
    assert!(s.in_block(1).is_empty(), "the heading is not in the block");
    // Backwards from block 1 the heading above it comes first.
    assert_eq!(s.step(1, false), Some((1, false)));
    // Forwards from block 1 the heading is already behind.
    assert_eq!(s.step(1, true), Some((2, false)));
}

#[test]
fn n_moves_on_from_a_heading_match_with_nothing_under_it() {
    let b = parse("## Alpha\n\nSanctions one.\n\n## Sanctions end\n", "t");
    let mut s = Search::default();
    s.set_query(&b, "Sanctions");
    assert_eq!(s.matches.len(), 2);
    // On the empty last section's heading, the cursor is on block 0.
    s.current = Some(1);
    assert_eq!(s.step(0, true), Some((0, true)), "wraps to the top");
}

#[test]
fn stepping_wraps_around() {
    let b = brief();
    let mut s = Search::default();
    s.set_query(&b, "sanctions");
    s.current = Some(2);
    assert_eq!(s.step(2, true), Some((0, true)));
    s.current = Some(0);
    assert_eq!(s.step(0, false), Some((2, true)));
    s.current = None;
    assert_eq!(s.step(1, true), Some((1, false)));
}

#[test]
fn regex_characters_are_literal() {
    let b = parse("a.b and axb\n", "t");
    let mut s = Search::default();
    s.set_query(&b, "a.b");
    assert_eq!(s.matches.len(), 1);
}
