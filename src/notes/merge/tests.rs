//! The merge rules, one per test.

use super::*;
use crate::notes::{Anchor, Kind, Stance};

fn note(id: &str, text: &str, updated: &str) -> Note {
    Note {
        id: id.into(),
        created: "2026-01-01T00:00:00Z".into(),
        updated: updated.into(),
        tags: vec![],
        text: text.into(),
        kind: None,
        stance: None,
        flag: None,
        original_quote: None,
        author: String::new(),
        shared: false,
        reply_to: None,
        anchor: Anchor {
            section: vec![],
            section_number: 1,
            block: 1,
            hash: String::new(),
            quote: String::new(),
            before: String::new(),
            after: String::new(),
        },
    }
}

fn tagged(mut n: Note, tags: &[&str]) -> Note {
    n.tags = tags.iter().map(|t| (*t).to_owned()).collect();
    n
}

const T0: &str = "2026-01-01T00:00:00Z";
const T1: &str = "2026-01-01T00:00:01Z";
const T2: &str = "2026-01-01T00:00:02Z";

fn texts(m: &Merged) -> Vec<(&str, &str)> {
    let mut v: Vec<_> = m
        .notes
        .iter()
        .map(|n| (n.id.as_str(), n.text.as_str()))
        .collect();
    v.sort();
    v
}

fn copies(m: &Merged) -> Vec<&Note> {
    m.notes
        .iter()
        .filter(|n| n.flag == Some(Flag::Conflict))
        .collect()
}

#[test]
fn change_on_one_side_wins() {
    let base = [note("a", "x", T0), note("b", "y", T0)];
    let ours = [note("a", "ours", T1), note("b", "y", T0)];
    let theirs = [note("a", "x", T0), note("b", "theirs", T1)];
    let m = merge(&base, &ours, &theirs);
    assert_eq!(texts(&m), [("a", "ours"), ("b", "theirs")]);
    assert_eq!((m.from_theirs, m.conflicts), (1, 0));
}

#[test]
fn nothing_changed_there_gives_ours_unchanged() {
    let base = [note("a", "x", T0), note("b", "y", T0), note("c", "z", T0)];
    let ours = [
        note("c", "z", T0),
        note("a", "edited", T1),
        note("d", "new", T1),
    ];
    let m = merge(&base, &ours, &base);
    assert_eq!(
        m,
        Merged {
            notes: ours.to_vec(),
            ..Merged::default()
        }
    );
}

#[test]
fn text_changed_on_both_sides_keeps_ours_and_a_conflict_copy_of_theirs() {
    let base = [note("a", "shared", T0)];
    let mut their = tagged(note("a", "shared +A", T2), &["uk"]);
    their.kind = Some(Kind::Risk);
    their.stance = Some(Stance::Agree);
    their.anchor.block = 7;
    let m = merge(&base, &[note("a", "shared +B", T1)], &[their.clone()]);
    assert_eq!(
        m.notes[0],
        note("a", "shared +B", T1),
        "ours stays the note"
    );
    let copy = copies(&m)[0];
    assert!(copy.id.starts_with("a-conflict-"), "{}", copy.id);
    assert_eq!(copy.text, "shared +A");
    assert_eq!(
        (&copy.tags, copy.kind, copy.stance, &copy.anchor),
        (&their.tags, their.kind, their.stance, &their.anchor)
    );
    assert_eq!(
        (m.conflicts, m.conflict_ids.clone()),
        (1, vec![copy.id.clone()])
    );
    assert_eq!(m.notes.len(), 2);
}

#[test]
fn conflict_copy_id_depends_only_on_the_note_and_their_content() {
    let base = [note("a", "x", T0)];
    let once = merge(&base, &[note("a", "ours", T1)], &[note("a", "theirs", T1)]);
    let again = merge(&base, &[note("a", "other", T2)], &[note("a", "theirs", T1)]);
    let other = merge(&base, &[note("a", "ours", T1)], &[note("a", "theirs!", T1)]);
    assert_eq!(once.conflict_ids, again.conflict_ids);
    assert_ne!(once.conflict_ids, other.conflict_ids);
}

#[test]
fn merging_the_same_conflict_again_adds_no_second_copy() {
    let base = [note("a", "x", T0)];
    let theirs = [note("a", "theirs", T1)];
    let first = merge(&base, &[note("a", "ours", T1)], &theirs);
    // The other side already holds the copy the first merge made.
    let mut theirs_now = theirs.to_vec();
    theirs_now.extend(copies(&first).into_iter().cloned());
    let second = merge(&base, &[note("a", "ours", T2)], &theirs_now);
    assert_eq!(copies(&second).len(), 1);
    assert_eq!(second.conflicts, 0);
    assert_eq!(second.notes.len(), 2);
}

#[test]
fn a_different_note_under_the_copy_id_moves_the_copy_aside() {
    let base = [note("a", "x", T0)];
    let first = merge(&base, &[note("a", "ours", T1)], &[note("a", "theirs", T1)]);
    let id = first.conflict_ids[0].clone();
    let squatter = note(&id, "something else", T1);
    let m = merge(
        &base,
        &[note("a", "ours", T1), squatter.clone()],
        &[note("a", "theirs", T1)],
    );
    assert_eq!(m.conflict_ids, [format!("{id}-2")]);
    assert!(m.notes.contains(&squatter));
}

#[test]
fn new_on_both_sides_under_one_id_keeps_both_texts() {
    let m = merge(&[], &[note("a", "ours", T1)], &[note("a", "theirs", T2)]);
    assert_eq!(m.notes[0].text, "ours");
    assert_eq!(copies(&m)[0].text, "theirs");
    assert_eq!(m.conflicts, 1);
}

#[test]
fn new_on_both_sides_with_the_same_words_is_one_note() {
    let m = merge(&[], &[note("a", "same", T1)], &[note("a", "same", T2)]);
    assert_eq!(texts(&m), [("a", "same")]);
    assert_eq!(m.conflicts, 0);
}

#[test]
fn tags_on_one_side_and_text_on_the_other_are_combined() {
    let base = [tagged(note("a", "x", T0), &["uk"])];
    let ours = [tagged(note("a", "new text", T1), &["uk"])];
    let theirs = [tagged(note("a", "x", T2), &["uk", "energy"])];
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.notes.len(), 1, "no conflict copy");
    let n = &m.notes[0];
    assert_eq!(
        (n.text.as_str(), n.tags.clone()),
        ("new text", vec!["uk".into(), "energy".into()])
    );
    assert_eq!(n.updated, T2, "the later edit's time");
    assert_eq!((m.from_theirs, m.conflicts), (1, 0));
}

#[test]
fn kind_on_one_side_and_tags_on_the_other_are_combined() {
    let base = [note("a", "x", T0)];
    let mut ours = note("a", "x", T1);
    ours.kind = Some(Kind::Question);
    let theirs = [tagged(note("a", "x", T1), &["uk"])];
    let m = merge(&base, &[ours], &theirs);
    assert_eq!(m.notes.len(), 1);
    assert_eq!(
        (m.notes[0].kind, m.notes[0].tags.len()),
        (Some(Kind::Question), 1)
    );
}

#[test]
fn tags_changed_differently_on_both_sides_make_a_copy() {
    let base = [note("a", "x", T0)];
    let ours = [tagged(note("a", "x", T1), &["uk"])];
    let theirs = [tagged(note("a", "x", T1), &["fr"])];
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.notes[0].tags, ["uk"]);
    assert_eq!(copies(&m)[0].tags, ["fr"]);
}

#[test]
fn anchors_alone_never_make_a_copy() {
    let base = [note("a", "x", T0)];
    let mut ours = note("a", "x", T0);
    ours.anchor.block = 2;
    let mut theirs = note("a", "x", T0);
    theirs.anchor.block = 3;
    let m = merge(&base, std::slice::from_ref(&ours), &[theirs]);
    assert_eq!(m.notes, [ours]);
}

#[test]
fn delete_of_an_unchanged_note_holds() {
    let base = [note("a", "x", T0), note("b", "y", T0)];
    let ours = [note("b", "y", T0)];
    let theirs = [note("a", "x", T0)];
    let m = merge(&base, &ours, &theirs);
    assert!(m.notes.is_empty());
    assert_eq!(m.deleted_by_theirs, 1);
}

#[test]
fn delete_against_edit_keeps_the_edit() {
    let base = [note("a", "x", T0), note("b", "y", T0)];
    let ours = [note("b", "edited", T1)];
    let theirs = [note("a", "edited", T1)];
    let m = merge(&base, &ours, &theirs);
    assert_eq!(texts(&m), [("a", "edited"), ("b", "edited")]);
    assert_eq!(m.conflicts, 0);
}

#[test]
fn new_notes_on_either_side_are_kept() {
    let ours = [note("a", "x", T0)];
    let theirs = [note("b", "y", T0)];
    let m = merge(&[], &ours, &theirs);
    assert_eq!(texts(&m), [("a", "x"), ("b", "y")]);
    assert_eq!(m.from_theirs, 1);
}

#[test]
fn repeated_ids_are_made_unique_and_exact_copies_dropped() {
    let mut notes = vec![note("a", "x", T0), note("a", "x", T0), note("a", "y", T0)];
    unique_ids(&mut notes);
    assert_eq!(notes.len(), 2);
    assert_ne!(notes[0].id, notes[1].id);
    let mut again = vec![note("a", "x", T0), note("a", "y", T0)];
    unique_ids(&mut again);
    assert_eq!(again, notes, "the new id depends only on the content");
}
