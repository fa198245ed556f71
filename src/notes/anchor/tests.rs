use super::*;
use crate::document::{Brief, parse};
use crate::hash::{fnv1a, text_hash};
use crate::notes::Note;

fn note_on(brief: &Brief, block: BlockId) -> Note {
    Note::new(anchor_for(brief, block), "n".into(), vec![])
}

const BRIEF: &str = "## Background\n\nThe corridor carried most of the region's grain until the blockade.\n\n\
    Insurers withdrew cover after the first strikes on port facilities.\n\n\
    ## Options\n\nA convoy scheme would need naval escorts from at least three states.\n";

#[test]
fn unchanged_brief_places_every_note_exactly() {
    let b = parse(BRIEF, "t");
    let notes: Vec<Note> = (0..b.blocks.len()).map(|i| note_on(&b, i)).collect();
    let placed = place_notes(&b, &notes);
    for (i, p) in placed.iter().enumerate() {
        assert_eq!(
            *p,
            Placement {
                block: Some(i),
                how: Placed::Exact
            }
        );
    }
}

#[test]
fn edited_paragraph_is_followed_and_flagged() {
    let b = parse(BRIEF, "t");
    let n = note_on(&b, 1);
    let edited = BRIEF.replace("after the first strikes", "after the first two strikes");
    let b2 = parse(&edited, "t");
    assert_eq!(
        place_notes(&b2, &[n])[0],
        Placement {
            block: Some(1),
            how: Placed::Edited
        }
    );
}

#[test]
fn deleted_paragraph_orphans_its_note() {
    let b = parse(BRIEF, "t");
    let n = note_on(&b, 1);
    let deleted = BRIEF.replace(
        "Insurers withdrew cover after the first strikes on port facilities.\n\n",
        "",
    );
    let b2 = parse(&deleted, "t");
    assert_eq!(place_notes(&b2, &[n])[0].how, Placed::Orphaned);
}

#[test]
fn paragraph_moved_to_another_section_is_flagged_moved() {
    let b = parse(BRIEF, "t");
    let n = note_on(&b, 0);
    let moved = "## Background\n\nInsurers withdrew cover after the first strikes on port facilities.\n\n\
        ## Options\n\nA convoy scheme would need naval escorts from at least three states.\n\n\
        The corridor carried most of the region's grain until the blockade.\n";
    let b2 = parse(moved, "t");
    assert_eq!(
        place_notes(&b2, &[n])[0],
        Placement {
            block: Some(2),
            how: Placed::Moved
        }
    );
}

#[test]
fn notes_on_repeated_boilerplate_do_not_swap() {
    let md = "## A\n\nSee the annex for sources.\n\nAlpha text.\n\n## B\n\nSee the annex for sources.\n\nBeta text.\n";
    let b = parse(md, "t");
    let notes = vec![note_on(&b, 0), note_on(&b, 2)];
    // Insert a block before both copies: ordinals and positions shift.
    let b2 = parse(&format!("Intro.\n\n{md}"), "t");
    let placed = place_notes(&b2, &notes);
    assert_eq!(placed[0].block, Some(1));
    assert_eq!(placed[1].block, Some(3));
}

const BOILER: &str = "Distribution: internal use only, not to be shared outside the office.";

fn boiler_brief(order: &[&str], with_summary_copy: bool) -> String {
    let mut md = String::from("## Summary\n\nThe summary says what matters.\n\n");
    if with_summary_copy {
        md.push_str(&format!("{BOILER}\n\n"));
    }
    for name in order {
        md.push_str(&format!(
            "## Section {name}\n\n{BOILER}\n\nWhat section {name} is about.\n\n"
        ));
    }
    md
}

#[test]
fn swapped_sections_keep_their_boilerplate_notes() {
    let b = parse(&boiler_brief(&["A", "B"], false), "t");
    // Block 1 is A's copy, block 3 B's.
    let notes = vec![note_on(&b, 1), note_on(&b, 3)];
    let b2 = parse(&boiler_brief(&["B", "A"], false), "t");
    let placed = place_notes(&b2, &notes);
    // Now B's copy is block 1 and A's block 3: each note follows its
    // own section's copy.
    assert_eq!(placed[0].block, Some(3));
    assert_eq!(placed[1].block, Some(1));
}

#[test]
fn deleting_one_copy_of_boilerplate_orphans_exactly_its_notes() {
    let b = parse(&boiler_brief(&["A", "B"], true), "t");
    // Summary's copy is block 1, A's block 2, B's block 4; two notes on
    // the summary copy.
    let notes = vec![
        note_on(&b, 1),
        note_on(&b, 1),
        note_on(&b, 2),
        note_on(&b, 4),
    ];
    let b2 = parse(&boiler_brief(&["A", "B"], false), "t");
    let placed = place_notes(&b2, &notes);
    assert_eq!(placed[0].how, Placed::Orphaned);
    assert_eq!(placed[1].how, Placed::Orphaned);
    assert_eq!(placed[2].block, Some(1), "A's copy");
    assert_eq!(placed[3].block, Some(3), "B's copy");
    assert_eq!(placed[2].how, Placed::Exact);
}

#[test]
fn an_edited_copy_of_boilerplate_keeps_its_note_as_edited() {
    let md = format!("## Only\n\n{BOILER}\n\nBetween the copies.\n\n{BOILER}\n\nAfter.\n");
    let b = parse(&md, "t");
    let notes = vec![note_on(&b, 0), note_on(&b, 2)];
    let reworded = BOILER.replace("the office", "the office, reworded");
    let b2 = parse(&md.replacen(BOILER, &reworded, 1), "t");
    let placed = place_notes(&b2, &notes);
    assert_eq!(
        placed[0],
        Placement {
            block: Some(0),
            how: Placed::Edited
        }
    );
    assert_eq!(placed[1].block, Some(2));
}

#[test]
fn a_note_on_a_reworded_copy_does_not_move_to_another_copy() {
    let md = format!("## Only\n\n{BOILER}\n\nBetween the copies.\n\n{BOILER}\n\nAfter.\n");
    let b = parse(&md, "t");
    // Only the first copy has a note.
    let notes = vec![note_on(&b, 0)];
    let reworded = BOILER.replace("the office", "the office, reworded");
    let b2 = parse(&md.replacen(BOILER, &reworded, 1), "t");
    assert_eq!(
        place_notes(&b2, &notes)[0],
        Placement {
            block: Some(0),
            how: Placed::Edited
        }
    );
    // The same paragraph moved down, unchanged, still follows it.
    let moved = md.replacen(&format!("{BOILER}\n\n"), "", 1) + &format!("\n{BOILER}\n");
    let b3 = parse(&moved, "t");
    assert_ne!(place_notes(&b3, &notes)[0].how, Placed::Orphaned);
}

#[test]
fn a_note_on_a_reworded_copy_stays_when_the_other_copy_sits_at_the_same_place_elsewhere() {
    let md = boiler_brief(&["A", "B"], false);
    let b = parse(&md, "t");
    // A's copy is block 1, B's block 3: both first in their section.
    let notes = vec![note_on(&b, 1)];
    let reworded = BOILER.replace("the office", "the office, reworded");
    let b2 = parse(&md.replacen(BOILER, &reworded, 1), "t");
    assert_eq!(
        place_notes(&b2, &notes)[0],
        Placement {
            block: Some(1),
            how: Placed::Edited
        }
    );
}

#[test]
fn deleting_the_first_of_two_copies_in_a_section_orphans_its_note() {
    let md = format!("## Only\n\n{BOILER}\n\nBetween the copies.\n\n{BOILER}\n\nAfter.\n");
    let b = parse(&md, "t");
    let notes = vec![note_on(&b, 0), note_on(&b, 2)];
    let b2 = parse(&md.replacen(&format!("{BOILER}\n\n"), "", 1), "t");
    let placed = place_notes(&b2, &notes);
    assert_eq!(placed[0].how, Placed::Orphaned);
    assert_eq!(placed[1].block, Some(1));
}

#[test]
fn renamed_heading_is_not_a_move() {
    let b = parse(BRIEF, "t");
    let n = note_on(&b, 2);
    let b2 = parse(&BRIEF.replace("## Options", "## Policy options"), "t");
    assert_eq!(
        place_notes(&b2, &[n])[0],
        Placement {
            block: Some(2),
            how: Placed::Exact
        }
    );
}

#[test]
fn whitespace_reflow_keeps_the_hash() {
    assert_eq!(text_hash("a  b\nc"), text_hash("a b c"));
    assert_eq!(text_hash("a b c"), fnv1a(b"a b c"));
}

#[test]
fn a_conflict_copy_on_an_edited_paragraph_stays_flagged_conflict() {
    let b = parse(BRIEF, "t");
    let mut copy = note_on(&b, 1);
    copy.flag = Some(crate::notes::Flag::Conflict);
    let mut plain = copy.clone();
    plain.flag = None;
    let mut notes = [copy, plain];
    let b2 = parse(
        &BRIEF.replace("after the first strikes", "after the first two strikes"),
        "t",
    );
    let placements = place_notes(&b2, &notes);
    refresh_anchors(&b2, &mut notes, &placements);
    assert_eq!(notes[0].flag, Some(crate::notes::Flag::Conflict));
    assert_eq!(notes[1].flag, Some(crate::notes::Flag::Edited));
    assert!(notes[0].original_quote.is_some(), "the old quote is kept");
}
