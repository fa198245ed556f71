//! NotesState: changes, what is queued for saving, and read-only notes.

use super::*;
use crate::document::parse;
use crate::notes::store::Header;

fn brief() -> Brief {
    parse(
        "## One\n\nFirst paragraph here.\n\nSecond paragraph here.\n\n## Two\n\nThird.\n",
        "t",
    )
}

fn filed(b: &Brief) -> NotesState {
    let home = NotesHome::File {
        file: "/data/notes/t.toml".into(),
        header: Header::default(),
    };
    NotesState::new(b, Vec::new(), home)
}

const PLAIN: (Option<Kind>, Option<Stance>) = (None, None);

#[test]
fn added_note_is_found_on_its_block_and_counted_in_its_section() {
    let b = brief();
    let mut s = filed(&b);
    s.add(&b, 1, "check".into(), vec!["uk".into()], PLAIN)
        .unwrap();
    assert_eq!(s.on_block(1), [0]);
    assert_eq!(s.count_in_section(0), 1);
    assert_eq!(s.count_in_section(1), 0);
}

#[test]
fn each_change_is_queued_once_with_the_base_it_descends_from() {
    let b = brief();
    let mut s = filed(&b);
    assert!(s.take_save().is_none(), "nothing changed yet");
    s.add(&b, 0, "x".into(), vec![], PLAIN).unwrap();
    let (base, notes) = s.take_save().expect("a save is queued");
    assert!(base.is_empty());
    assert_eq!(notes.len(), 1);
    assert!(s.take_save().is_none(), "queued once");
}

#[test]
fn notes_in_memory_only_queue_no_save() {
    let b = brief();
    let mut s = NotesState::in_memory(&b, "no data folder");
    s.add(&b, 0, "x".into(), vec![], PLAIN).unwrap();
    assert!(s.take_save().is_none());
    assert_eq!(s.memory_only(), Some("no data folder"));
}

#[test]
fn read_only_notes_refuse_every_change() {
    let b = brief();
    let mut s = NotesState::new(&b, Vec::new(), NotesHome::ReadOnly("damaged".into()));
    let err = s.add(&b, 0, "x".into(), vec![], PLAIN).unwrap_err();
    assert!(err.0.contains("damaged"), "{err:?}");
    assert!(s.notes.is_empty());
    assert!(s.take_save().is_none());
}

#[test]
fn delete_then_undo_restores_the_note() {
    let b = brief();
    let mut s = filed(&b);
    let id = s.add(&b, 0, "x".into(), vec![], PLAIN).unwrap();
    s.delete(&b, &id).unwrap();
    assert!(s.notes.is_empty());
    assert!(s.undo_delete(&b).unwrap());
    assert_eq!(s.notes[0].id, id);
    assert!(!s.undo_delete(&b).unwrap());
}

#[test]
fn removing_the_last_tag_of_a_textless_note_removes_it() {
    let b = brief();
    let mut s = filed(&b);
    let id = s
        .add(&b, 0, String::new(), vec!["uk".into()], PLAIN)
        .unwrap();
    s.set_block_tags(&b, std::slice::from_ref(&id), &[])
        .unwrap();
    assert!(s.notes.is_empty());
}

#[test]
fn block_tags_spread_over_several_notes_are_edited_together() {
    let b = brief();
    let mut s = filed(&b);
    let first = s
        .add(&b, 0, "first".into(), vec!["energy/grid".into()], PLAIN)
        .unwrap();
    let second = s
        .add(
            &b,
            0,
            "second".into(),
            vec!["sanctions".into(), "uk".into()],
            PLAIN,
        )
        .unwrap();
    let ids = [first.clone(), second.clone()];
    // The block shows energy/grid, sanctions, uk; the reader drops uk
    // and adds follow-up.
    let tags: Vec<String> = ["energy/grid", "sanctions", "follow-up"]
        .map(String::from)
        .to_vec();
    s.set_block_tags(&b, &ids, &tags).unwrap();
    let tags_of = |id: &str| s.notes[s.index_of(id).unwrap()].tags.clone();
    assert_eq!(tags_of(&first), ["energy/grid", "follow-up"]);
    assert_eq!(tags_of(&second), ["sanctions"]);
}

#[test]
fn a_save_answer_becomes_the_new_base() {
    let b = brief();
    let mut s = filed(&b);
    s.add(&b, 0, "mine".into(), vec![], PLAIN).unwrap();
    let (_, ours) = s.take_save().unwrap();
    let mut stored = ours.to_vec();
    let mut theirs = stored[0].clone();
    theirs.id = "other".into();
    theirs.text = "from another instance".into();
    stored.push(theirs);
    s.saved(&b, stored);
    assert_eq!(s.notes.len(), 2);
    s.add(&b, 1, "more".into(), vec![], PLAIN).unwrap();
    let (base, notes) = s.take_save().unwrap();
    assert_eq!(base.len(), 2, "the other instance's note is in the base");
    assert_eq!(notes.len(), 3);
}
