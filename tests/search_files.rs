//! The search index and the files it reads (issue 13 review): a file that
//! cannot be read never stalls a search and is not read again until it
//! changes; passages come from the briefs' files; the index folder is not
//! removed under a writer; a reader that finds no new commit keeps its
//! manifest; the app's index thread says nothing while another process
//! writes the index.

mod common;

use std::sync::{Arc, mpsc};
use std::time::Duration;

use brief::catalogue::{ScanOptions, scan};
use brief::search::{
    IndexError, IndexEvent, LibraryIndex, Plan, Progress, SourceFile, WorkerEvent,
};
use common::search::{Library, briefs};

fn files_of(l: &Library) -> Vec<SourceFile> {
    let listing = brief::catalogue::list(&l.lib()).expect("list");
    SourceFile::from_listing(listing.files).0
}

fn opened(l: &Library) -> LibraryIndex {
    let root = std::fs::canonicalize(l.lib()).expect("root");
    LibraryIndex::open(Some(&l.data()), &l.lib(), &root)
        .expect("open")
        .index
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_brief_does_not_stall_brief_search() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    let fifo = l.lib().join("x.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    // Opening a FIFO for reading waits for a writer: the run helper fails
    // the test if `brief search` hangs.
    for _ in 0..2 {
        let out = l.brief("search", &["kestrel"]);
        assert!(
            out.stdout().contains("a.md:1:1: The kestrel"),
            "{}",
            out.stdout()
        );
        assert!(
            out.stderr().contains("x.md") && out.stderr().contains("not a regular file"),
            "the FIFO is reported on every run: {}",
            out.stderr()
        );
    }
}

#[test]
fn a_file_that_fails_to_index_is_not_read_again_until_it_changes() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    l.write("bad.md", "# Bad\n\nbinary \0 bytes\n");
    let index = opened(&l);
    let files = files_of(&l);
    let plan = Plan::new(&index.manifest().expect("manifest"), &files);
    let updated = index
        .update(&files, &plan, Default::default(), &mut |_| {}, &|| false)
        .expect("update");
    assert_eq!(updated.indexed, 1);
    assert_eq!(updated.failed.len(), 1, "{:?}", updated.failed);
    let again = Plan::new(&index.manifest().expect("manifest"), &files);
    assert!(again.is_empty(), "the failure is recorded: {again:?}");
    let out = l.brief("search", &["kestrel"]);
    assert!(
        out.stderr().contains("bad.md") && out.stderr().contains("binary"),
        "still reported: {}",
        out.stderr()
    );
    // Mended (its size changes), it is read and found.
    l.write("bad.md", "# Bad\n\nA kestrel after all.\n");
    let mut found = briefs(&l.index(), "kestrel");
    found.sort();
    assert_eq!(found, ["a.md", "bad.md"]);
}

#[test]
fn passages_are_read_back_from_the_files_with_their_exact_text() {
    let l = Library::new();
    let text = "# Notes\n\nSee [the charter][c] on *shipping*.\n\n- a list item on shipping\n  \
                - nested deeper on shipping\n\n> quoted shipping line\n\n[c]: http://x\n";
    l.write("a.md", text);
    let model = brief::document::parse(text, "a");
    let index = l.index();
    let results = common::search::run(&index, "shipping", false, None);
    assert_eq!(results.passages.len(), 4);
    for p in &results.passages {
        let block = model.block_text(p.block);
        assert!(
            block.starts_with(p.snippet.text.trim_end_matches('…')),
            "{:?} is block {}: {block:?}",
            p.snippet.text,
            p.block
        );
        for r in &p.block_matches {
            assert_eq!(&block[r.clone()], "shipping");
        }
    }
}

/// Holds the index's writer lock (taken by an update that waits in its
/// first progress call) while `f` runs.
fn while_writing(l: &Library, f: impl FnOnce()) {
    let writer = opened(l);
    let files = files_of(l);
    let plan = Plan::new(&writer.manifest().expect("manifest"), &files);
    let (held, wait_held) = mpsc::channel();
    let (release, wait_release) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let (writer, files, plan) = (&writer, &files, &plan);
        s.spawn(move || {
            let mut first = true;
            let mut progress = |_: Progress| {
                if std::mem::take(&mut first) {
                    let _ = held.send(());
                    let _ = wait_release.recv();
                }
            };
            writer
                .update(files, plan, Default::default(), &mut progress, &|| false)
                .expect("update");
        });
        wait_held.recv().expect("the writer starts");
        // Released even if `f` fails, so the scope can end.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        release.send(()).expect("release");
        if let Err(e) = result {
            std::panic::resume_unwind(e);
        }
    });
}

#[test]
fn the_index_folder_is_not_removed_while_another_process_writes_it() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    let root = std::fs::canonicalize(l.lib()).expect("root");
    while_writing(&l, || {
        let removed = LibraryIndex::remove(&l.data(), &root);
        assert!(matches!(removed, Err(IndexError::Busy)), "{removed:?}");
    });
    LibraryIndex::remove(&l.data(), &root).expect("removed once nobody writes");
}

#[test]
fn a_reload_that_finds_no_new_commit_keeps_the_manifest() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    let index = l.index();
    let before = index.manifest().expect("manifest");
    index.reload().expect("reload");
    let after = index.manifest().expect("manifest");
    assert!(Arc::ptr_eq(&before, &after), "not read again");
}

#[test]
fn the_app_says_no_progress_while_another_process_writes_the_index() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    l.write("b.md", "# B\n\nA kestrel was ringed.\n");
    let library = scan(&l.lib(), &ScanOptions::default()).expect("scan");
    let mut events = Vec::new();
    while_writing(&l, || {
        let (worker, rx) = common::search::worker(library.clone(), &l.data());
        // Long enough for the index thread to find the index busy twice.
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(1_200)) {
            events.push(e);
        }
        drop(worker);
    });
    let progress = events
        .iter()
        .filter(|e| matches!(e, WorkerEvent::Index(IndexEvent::Progress(_))))
        .count();
    assert_eq!(progress, 0, "nothing indexed yet, nothing said: {events:?}");
}
