//! Issue 18, "never lose a note", at the store: two instances editing one
//! note keep both texts; saves sent from a worker thread before the last
//! result came back merge against the caller's base; a notes file that
//! cannot be read opens read-only instead of empty; exports ask before
//! replacing a file.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::path::Path;

use brief::notes::merge::merge;
use brief::notes::store::{BriefNotes, NotesFile, Saved, StoreError};
use brief::notes::{Flag, Note};
use common::notes::*;
use proptest::prelude::*;

/// The store worker owns a `BriefNotes` on its own thread.
const _: () = {
    const fn assert_send<T: Send>() {}
    assert_send::<BriefNotes>();
};

fn conflict_copies(notes: &[Note]) -> Vec<&Note> {
    notes
        .iter()
        .filter(|n| n.flag == Some(Flag::Conflict))
        .collect()
}

fn find<'a>(notes: &'a [Note], id: &str) -> &'a Note {
    notes.iter().find(|n| n.id == id).expect("note by id")
}

/// One note "shared", then instances A and B opened on it.
fn shared_note(fx: &Fixture) -> (BriefNotes, BriefNotes, String) {
    let mut first = fx.open();
    first.notes = vec![fx.note(1, "shared")];
    save(&mut first, fx);
    let id = first.notes[0].id.clone();
    (fx.open(), fx.open(), id)
}

// ---------------------------------------------------------------- both edit one note

#[test]
fn one_note_edited_in_two_instances_keeps_both_texts() {
    let fx = Fixture::new();
    let (mut a, mut b, id) = shared_note(&fx);
    edit(&mut a, &id, "shared +A", LATEST);
    save(&mut a, &fx);
    edit(&mut b, &id, "shared +B", LATER);
    let report = save(&mut b, &fx);

    assert_eq!(report.conflicts, 1);
    let notes = fx.on_disk().notes;
    assert_eq!(notes.len(), 2);
    let note = find(&notes, &id);
    assert_eq!((note.text.as_str(), note.flag), ("shared +B", None));
    let copies = conflict_copies(&notes);
    let copy = copies[0];
    assert_eq!(
        copy.text, "shared +A",
        "the other instance's text, though later"
    );
    assert!(
        copy.id.starts_with(&format!("{id}-conflict-")),
        "{}",
        copy.id
    );
    assert_eq!(copy.anchor, note.anchor);
    assert_eq!(copy.tags, note.tags);
}

#[test]
fn saving_again_after_a_conflict_adds_no_second_copy() {
    let fx = Fixture::new();
    let (mut a, mut b, id) = shared_note(&fx);
    edit(&mut a, &id, "shared +A", LATER);
    save(&mut a, &fx);
    edit(&mut b, &id, "shared +B", LATER);
    save(&mut b, &fx);
    let after_conflict = fx.on_disk().notes;

    assert_eq!(save(&mut a, &fx).conflicts, 0);
    assert_eq!(save(&mut b, &fx).conflicts, 0);
    assert_eq!(fx.on_disk().notes, after_conflict);
    assert_eq!(texts(&a.notes), ["shared +A", "shared +B"]);
}

#[test]
fn note_deleted_in_one_instance_and_edited_in_the_other_keeps_the_edit() {
    let fx = Fixture::new();
    let (mut a, mut b, id) = shared_note(&fx);
    a.notes.clear();
    save(&mut a, &fx);
    edit(&mut b, &id, "shared, edited", LATER);
    let report = save(&mut b, &fx);
    assert_eq!(texts(&fx.on_disk().notes), ["shared, edited"]);
    assert_eq!(report.conflicts, 0);
}

#[test]
fn tags_in_one_instance_and_text_in_the_other_are_both_kept_in_one_note() {
    let fx = Fixture::new();
    let (mut a, mut b, id) = shared_note(&fx);
    a.notes[0].tags.push("energy".into());
    a.notes[0].updated = LATER.into();
    save(&mut a, &fx);
    edit(&mut b, &id, "shared, reworded", LATER);
    let report = save(&mut b, &fx);

    assert_eq!(report.conflicts, 0);
    let notes = fx.on_disk().notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "shared, reworded");
    assert_eq!(notes[0].tags, ["uk", "energy"]);
}

// ---------------------------------------------------------------- saves in flight

#[test]
fn saves_in_flight_with_a_stale_base_keep_a_note_another_instance_added() {
    let fx = Fixture::new();
    let (mut worker, mut other, _) = shared_note(&fx);
    let base = worker.notes.clone();
    other.notes.push(fx.note(2, "from another instance"));
    save(&mut other, &fx);

    // The app sends two saves before the first result comes back: both
    // start from the notes it last received.
    let mut first = base.clone();
    first.push(fx.note(0, "first"));
    let saved = worker
        .save_from(&base, first.clone(), fx.header())
        .expect("save");
    assert_eq!(saved.report.from_other, 1);
    let mut second = first;
    second.push(fx.note(3, "second"));
    worker.save_from(&base, second, fx.header()).expect("save");

    assert_eq!(
        texts(&fx.on_disk().notes),
        ["first", "from another instance", "second", "shared"]
    );
}

#[test]
fn a_note_edited_twice_by_saves_in_flight_is_not_its_own_conflict() {
    let fx = Fixture::new();
    let (mut worker, _, id) = shared_note(&fx);
    let base = worker.notes.clone();
    let mut first = base.clone();
    first[0].text = "edit one".into();
    first[0].updated = LATER.into();
    worker
        .save_from(&base, first.clone(), fx.header())
        .expect("save");
    let mut second = first;
    second[0].text = "edit two".into();
    second[0].updated = LATEST.into();
    let saved = worker.save_from(&base, second, fx.header()).expect("save");

    assert_eq!(saved.report.conflicts, 0);
    assert_eq!(texts(&fx.on_disk().notes), ["edit two"]);
    assert_eq!(find(&saved.notes, &id).text, "edit two");
}

#[test]
fn a_note_added_then_deleted_by_saves_in_flight_stays_deleted() {
    let fx = Fixture::new();
    let (mut worker, _, _) = shared_note(&fx);
    let base = worker.notes.clone();
    let mut first = base.clone();
    first.push(fx.note(0, "short-lived"));
    worker.save_from(&base, first, fx.header()).expect("save");
    worker
        .save_from(&base, base.clone(), fx.header())
        .expect("save");
    assert_eq!(texts(&fx.on_disk().notes), ["shared"]);
}

#[test]
fn save_from_with_nothing_changed_elsewhere_writes_exactly_ours() {
    let fx = Fixture::new();
    let (mut worker, _, _) = shared_note(&fx);
    let base = worker.notes.clone();
    let mut ours = base.clone();
    ours[0].text = "changed".into();
    ours.insert(0, fx.note(0, "new"));
    let saved = worker
        .save_from(&base, ours.clone(), fx.header())
        .expect("save");
    assert_eq!(saved.notes, ours, "file order is document order");
    assert_eq!((saved.report.from_other, saved.report.total), (0, 2));
    assert_eq!(fx.on_disk().notes, ours);
    assert_eq!(worker.notes, ours);
}

// ---------------------------------------------------------------- unreadable files

fn assert_refuses_to_save(notes: &mut BriefNotes, fx: &Fixture) {
    notes.notes.push(fx.note(0, "written while unreadable"));
    let err = notes.save(fx.header()).expect_err("save refused");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    let base = Vec::new();
    let err = notes
        .save_from(&base, notes.notes.clone(), fx.header())
        .expect_err("save_from refused");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
}

#[test]
fn a_directory_where_the_notes_file_should_be_opens_read_only() {
    let fx = Fixture::new();
    let path = fx.open().path().to_path_buf();
    fs::create_dir(&path).expect("mkdir");
    fs::write(path.join("inside"), "x").expect("write");

    let mut notes = fx.open();
    let why = notes.read_only.clone().expect("read-only");
    assert!(
        why.contains(&path.display().to_string()),
        "names the file: {why}"
    );
    assert!(
        why.contains("permissions") && why.contains("export"),
        "{why}"
    );
    assert!(notes.notes.is_empty());
    assert_refuses_to_save(&mut notes, &fx);
    assert!(path.is_dir());
    assert_eq!(fs::read_dir(&path).expect("list").count(), 1, "untouched");
}

/// True when this process can read a file whatever its mode (root).
#[cfg(unix)]
fn permissions_ignored(path: &Path) -> bool {
    fs::read(path).is_ok()
}

#[cfg(unix)]
#[test]
fn a_notes_file_that_cannot_be_read_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::new();
    let (mut a, _, _) = shared_note(&fx);
    let path = a.path().to_path_buf();
    let before = fs::read(&path).expect("read");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if permissions_ignored(&path) {
        eprintln!("running as root: permissions are not enforced, skipping");
        return;
    }
    let mut notes = fx.open();
    let why = notes.read_only.clone().expect("read-only");
    assert!(why.contains(&path.display().to_string()), "{why}");
    assert!(why.contains("permissions"), "{why}");
    assert!(notes.notes.is_empty());
    assert_refuses_to_save(&mut notes, &fx);
    // Nor does an instance that loaded it before write over it.
    a.notes.push(fx.note(0, "after the chmod"));
    assert!(a.save(fx.header()).is_err());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod back");
    assert_eq!(fs::read(&path).expect("read"), before, "untouched");
}

#[test]
fn a_notes_file_that_became_unreadable_since_loading_fails_the_save() {
    let fx = Fixture::new();
    let (mut a, _, _) = shared_note(&fx);
    let path = a.path().to_path_buf();
    fs::remove_file(&path).expect("rm");
    fs::create_dir(&path).expect("mkdir");
    a.notes.push(fx.note(0, "new"));
    let err = a.save(fx.header()).expect_err("save fails");
    assert!(err.to_string().contains("could not read"), "{err}");
    assert_eq!(a.notes.len(), 2, "notes kept in memory");
    assert!(path.is_dir() && fs::read_dir(&path).expect("list").next().is_none());
}

// ---------------------------------------------------------------- exports

#[test]
fn export_refuses_to_replace_an_existing_file_unless_asked() {
    let fx = Fixture::new();
    let (notes, _, _) = shared_note(&fx);
    let export = fx.tmp.path().join("mine.toml");
    fs::write(&export, "precious").expect("write");
    let err = notes.export_to(&export, false).expect_err("refused");
    assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(fs::read_to_string(&export).expect("read"), "precious");

    notes.export_to(&export, true).expect("replaced when asked");
    assert!(
        fs::read_to_string(&export)
            .expect("read")
            .contains("shared")
    );
}

#[test]
fn export_refuses_a_dangling_symlink_too() {
    let fx = Fixture::new();
    let (notes, _, _) = shared_note(&fx);
    let export = fx.tmp.path().join("link.toml");
    #[cfg(unix)]
    std::os::unix::fs::symlink(fx.tmp.path().join("nowhere"), &export).expect("symlink");
    #[cfg(not(unix))]
    fs::write(&export, "x").expect("write");
    assert!(matches!(
        notes.export_to(&export, false),
        Err(StoreError::Exists { .. })
    ));
}

#[cfg(unix)]
#[test]
fn replacing_an_export_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::new();
    let (notes, _, _) = shared_note(&fx);
    let export = fx.tmp.path().join("shared.toml");
    fs::write(&export, "old").expect("write");
    fs::set_permissions(&export, fs::Permissions::from_mode(0o644)).expect("chmod");
    notes.export_to(&export, true).expect("export");
    assert_eq!(mode(&export), 0o644);
    let fresh = fx.tmp.path().join("fresh.toml");
    notes.export_to(&fresh, false).expect("export");
    assert_eq!(mode(&fresh), 0o600);
}

// ---------------------------------------------------------------- property

/// The app as the lead's store worker will drive it: saves are sent with
/// the base last received, run later, and their results come back later
/// still; meanwhile another instance saves the usual way.
struct WorkerApp {
    notes: Vec<Note>,
    base: Vec<Note>,
    /// Sent, not yet run: (base, ours).
    queued: VecDeque<(Vec<Note>, Vec<Note>)>,
    /// Run, not yet received: (ours as sent, result).
    done: VecDeque<(Vec<Note>, Saved)>,
}

impl WorkerApp {
    fn run_one(&mut self, store: &mut BriefNotes, fx: &Fixture) {
        if let Some((base, ours)) = self.queued.pop_front() {
            let saved = store.save_from(&base, ours.clone(), fx.header());
            self.done.push_back((ours, saved.expect("save")));
        }
    }

    /// Takes a result in: edits made since it was sent are kept on top.
    /// The result of a save with a later one on its way is passed over, as
    /// the app does (src/app/saves.rs, `Answer::Superseded`): the later
    /// save carries the same notes and more, and merging an older result
    /// over notes that already took in a newer one would make conflicts
    /// of our own edits.
    fn receive_one(&mut self) {
        if let Some((sent, saved)) = self.done.pop_front() {
            if !self.queued.is_empty() || !self.done.is_empty() {
                return;
            }
            self.notes = merge(&sent, &self.notes, &saved.notes).notes;
            self.base = saved.notes;
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Add(bool, usize),
    Edit(bool, usize),
    Delete(bool, usize),
    Send,
    Run,
    Receive,
    OtherSaves,
}

fn step() -> impl Strategy<Value = Step> {
    let i = || any::<prop::sample::Index>().prop_map(|i| i.index(1 << 16));
    prop_oneof![
        3 => (any::<bool>(), 0..4usize).prop_map(|(o, b)| Step::Add(o, b)),
        2 => (any::<bool>(), i()).prop_map(|(o, n)| Step::Edit(o, n)),
        1 => (any::<bool>(), i()).prop_map(|(o, n)| Step::Delete(o, n)),
        2 => Just(Step::Send),
        2 => Just(Step::Run),
        2 => Just(Step::Receive),
        1 => Just(Step::OtherSaves),
    ]
}

fn change(
    notes: &mut Vec<Note>,
    step: &Step,
    n: usize,
    created: &mut BTreeSet<String>,
    deleted: &mut BTreeSet<String>,
    fx: &Fixture,
) {
    match *step {
        Step::Add(_, block) => {
            let note = fx.note(block, &format!("note {n}"));
            created.insert(note.id.clone());
            notes.push(note);
        }
        Step::Edit(_, i) if !notes.is_empty() => {
            let len = notes.len();
            let note = &mut notes[i % len];
            note.text.push_str(&format!(" edited {n}"));
            note.touch();
        }
        Step::Delete(_, i) if !notes.is_empty() => {
            let len = notes.len();
            deleted.insert(notes.remove(i % len).id);
        }
        _ => {}
    }
}

fn on_disk_ids(path: &Path) -> BTreeSet<String> {
    let Ok(text) = fs::read_to_string(path) else {
        return BTreeSet::new();
    };
    let file: NotesFile = toml::from_str(&text).expect("notes file parses");
    file.notes.into_iter().map(|n| n.id).collect()
}

proptest! {
    // Cheap cases, and the interleavings that matter are rare: many.
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn saves_in_flight_never_lose_a_note(script in prop::collection::vec(step(), 0..40)) {
        let fx = Fixture::new();
        let mut store = fx.open();
        let mut other = fx.open();
        let mut app = WorkerApp {
            notes: Vec::new(),
            base: Vec::new(),
            queued: VecDeque::new(),
            done: VecDeque::new(),
        };
        let (mut created, mut deleted) = (BTreeSet::new(), BTreeSet::new());
        let mut other_edits = false;
        // Every note once saved and deleted by no one stays on disk after
        // every save, not only in the end.
        let mut saved_once: BTreeSet<String> = BTreeSet::new();
        for (n, step) in script.iter().enumerate() {
            match step {
                Step::Add(true, _) | Step::Edit(true, _) | Step::Delete(true, _) => {
                    other_edits |= !matches!(step, Step::Add(..));
                    change(&mut other.notes, step, n, &mut created, &mut deleted, &fx);
                }
                Step::Add(..) | Step::Edit(..) | Step::Delete(..) => {
                    change(&mut app.notes, step, n, &mut created, &mut deleted, &fx);
                }
                Step::Send => app.queued.push_back((app.base.clone(), app.notes.clone())),
                Step::Run => app.run_one(&mut store, &fx),
                Step::Receive => app.receive_one(),
                Step::OtherSaves => { save(&mut other, &fx); }
            }
            if matches!(step, Step::Run | Step::OtherSaves) {
                let disk = on_disk_ids(store.path());
                let missing: Vec<&String> = saved_once.difference(&disk)
                    .filter(|id| !deleted.contains(*id))
                    .collect();
                prop_assert!(missing.is_empty(), "dropped after step {}: {:?}", n, missing);
                saved_once.extend(disk);
            }
        }
        while !app.queued.is_empty() || !app.done.is_empty() {
            app.run_one(&mut store, &fx);
            app.receive_one();
        }
        app.queued.push_back((app.base.clone(), app.notes.clone()));
        app.run_one(&mut store, &fx);
        save(&mut other, &fx);

        let on_disk = fx.on_disk().notes;
        let ids: BTreeSet<&str> = on_disk.iter().map(|n| n.id.as_str()).collect();
        for id in created.difference(&deleted) {
            prop_assert!(ids.contains(id.as_str()), "note {} lost", id);
        }
        let copies = conflict_copies(&on_disk);
        if !other_edits {
            // Our own saves in flight never conflict with each other.
            prop_assert!(copies.is_empty(), "spurious conflicts: {:?}", copies);
        }
        for id in ids.iter().filter(|id| !created.contains(**id)) {
            prop_assert!(id.contains("-conflict-"), "note {} from nowhere", id);
        }
    }
}
