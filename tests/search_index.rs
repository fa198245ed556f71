//! The search index on disk (issue 13): `brief search` sees briefs added,
//! edited and removed since it last ran, reading only those; a process
//! killed while indexing leaves an index that still answers right once
//! completed; an index that cannot be used is built again, with a
//! message; the library view's results follow the folder as it changes.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;
use std::process::Command;

use common::run::Output;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use brief::app::App;
use brief::app::msg::{Effect, Msg, Scanned};
use brief::catalogue::{ScanOptions, scan};
use brief::search::{
    IndexEvent, LibraryIndex, Plan, SearchRequest, SearchWorker, WorkerEvent, index_path,
    source_files,
};
use common::search::{Library, briefs};
use common::tui::{library_at, press, screen, type_text};

fn brief_search(l: &Library, args: &[&str]) -> Output {
    l.brief("search", args)
}

/// The files `brief search` lists, one per line, without the folder.
fn found(l: &Library, query: &str) -> Vec<String> {
    found_with(l, &["--limit", "100000", query])
}

/// The files `brief search ARGS` lists.
fn found_with(l: &Library, args: &[&str]) -> Vec<String> {
    let out = brief_search(l, args);
    let lib = l.lib().to_string_lossy().into_owned() + "/";
    let mut files: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split(':').next())
        .map(|file| file.strip_prefix(&lib).unwrap_or(file).to_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn brief_search_sees_briefs_added_edited_and_removed() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    l.write("b.md", "# B\n\nNothing to see.\n");
    assert_eq!(found(&l, "kestrel"), ["a.md"]);
    l.write("c.md", "# C\n\nA kestrel was ringed.\n");
    assert_eq!(found(&l, "kestrel"), ["a.md", "c.md"], "added");
    l.write("a.md", "# A\n\nThe falcon nests on the cliff now.\n");
    assert_eq!(found(&l, "kestrel"), ["c.md"], "edited");
    assert_eq!(found(&l, "falcon"), ["a.md"], "edited");
    l.remove("c.md");
    assert!(found(&l, "kestrel").is_empty(), "removed");
    assert_eq!(brief_search(&l, &["kestrel"]).code, Some(1));
}

/// The files `brief search --cached` lists.
fn found_cached(l: &Library, query: &str) -> Vec<String> {
    found_with(l, &["--cached", query])
}

#[test]
fn cached_search_answers_from_the_index_as_last_brought_up_to_date() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    // No index yet: --cached builds it rather than finding nothing.
    assert_eq!(found_cached(&l, "kestrel"), ["a.md"]);
    l.write("c.md", "# C\n\nA kestrel was ringed.\n");
    assert_eq!(
        found_cached(&l, "kestrel"),
        ["a.md"],
        "the folder is not looked at"
    );
    assert_eq!(
        found(&l, "kestrel"),
        ["a.md", "c.md"],
        "a plain search updates"
    );
    assert_eq!(found_cached(&l, "kestrel"), ["a.md", "c.md"]);
}

#[test]
fn briefs_that_did_not_change_are_not_read_again() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    l.write("b.md", "# B\n\nNothing to see.\n");
    let index = l.index();
    let files = files_of(&l);
    assert!(Plan::new(&index.manifest().unwrap(), &files).is_empty());
    // Written again with the same bytes: a new time, the same hash.
    l.write("b.md", "# B\n\nNothing to see.\n");
    let files = files_of(&l);
    let plan = Plan::new(&index.manifest().unwrap(), &files);
    assert_eq!(plan.read.len(), 1, "its stamp changed: read to compare");
    let done = index
        .update(&files, &plan, Default::default(), &mut |_| {}, &|| false)
        .unwrap();
    assert_eq!(
        (done.indexed, done.touched),
        (0, 1),
        "same bytes: not indexed again"
    );
    assert!(Plan::new(&index.manifest().unwrap(), &files).is_empty());
    assert_eq!(briefs(&index, "kestrel"), ["a.md"]);
}

fn files_of(l: &Library) -> Vec<brief::search::SourceFile> {
    source_files(&scan(&l.lib(), &ScanOptions::default()).unwrap())
}

#[test]
fn an_index_that_cannot_be_read_is_built_again_with_a_message() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    assert_eq!(found(&l, "kestrel"), ["a.md"]);
    let root = fs::canonicalize(l.lib()).unwrap();
    let location = index_path(&l.data(), &root);
    for entry in fs::read_dir(&location).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && name != "brief-index" {
            fs::write(entry.path(), b"garbage, not an index").unwrap();
        }
    }
    let out = brief_search(&l, &["kestrel"]);
    assert_eq!(
        out.code,
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is being built again"), "{err}");
    assert_eq!(found(&l, "kestrel"), ["a.md"]);
}

#[test]
fn an_index_of_another_version_is_built_again() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    assert_eq!(found(&l, "kestrel"), ["a.md"]);
    let root = fs::canonicalize(l.lib()).unwrap();
    let stamp = index_path(&l.data(), &root).join("brief-index");
    fs::write(&stamp, "brief search index 0\n").unwrap();
    let opened = LibraryIndex::open(Some(&l.data()), &l.lib(), &root).unwrap();
    assert!(opened.rebuilt.is_some());
    assert_eq!(found(&l, "kestrel"), ["a.md"]);
}

/// A library big enough that indexing it takes several commits.
fn big_library(l: &Library, briefs: usize) -> usize {
    let mut with_word = 0;
    for i in 0..briefs {
        let word = if i % 7 == 0 {
            with_word += 1;
            "kestrel"
        } else {
            "sparrow"
        };
        let mut text = format!("# Brief {i}\n\n");
        for p in 0..8 {
            text.push_str(&format!(
                "Paragraph {p} of brief {i} watches the {word} over the estuary, \
                 counting the birds that pass in the morning and the evening.\n\n"
            ));
        }
        l.write(&format!("b{i:05}.md"), &text);
    }
    with_word
}

#[test]
fn a_search_after_a_kill_during_indexing_gives_the_right_answer() {
    let l = Library::new();
    let expected = big_library(&l, 3_000);
    let root = fs::canonicalize(l.lib()).unwrap();
    let meta = index_path(&l.data(), &root).join("meta.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--data-dir")
        .arg(l.data())
        .args(["search", "kestrel"])
        .arg(l.lib())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start brief search");
    // Killed as soon as a first part of the library is committed.
    let since = Instant::now();
    let mut committed = false;
    while since.elapsed() < Duration::from_secs(120) {
        if fs::read_to_string(&meta).is_ok_and(|m| m.contains("segment_id")) {
            committed = true;
            break;
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(committed, "the index committed part of the library");
    let opened = LibraryIndex::open(Some(&l.data()), &l.lib(), &root).unwrap();
    let indexed = opened.index.manifest().unwrap().briefs.len();
    assert!(
        indexed < 3_000,
        "killed mid-build: {indexed} briefs indexed"
    );
    drop(opened);
    assert_eq!(found(&l, "kestrel").len(), expected);
    assert_eq!(found(&l, "sparrow").len(), 3_000 - expected);
}

// ------------------------------------------------------ the library view

/// Plays the runtime's part: a search worker for the app's library.
struct Runtime {
    worker: SearchWorker,
    events: Receiver<WorkerEvent>,
}

impl Runtime {
    fn start(dir: &Path, data: &Path) -> (Runtime, Scanned) {
        let scanned = scanned(dir);
        let (worker, events) = common::search::worker(scanned.library.clone(), data);
        (Runtime { worker, events }, scanned)
    }

    /// Answers every search the app asks for, and passes index events to
    /// it (until the index is up to date, with `indexing`).
    fn settle(&self, app: &mut App, indexing: bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut ready = !indexing;
        loop {
            let mut asked = false;
            for effect in app.take_effects() {
                if let Effect::Search { text, incremental } = effect {
                    self.worker.submit(SearchRequest {
                        text,
                        incremental,
                        ..SearchRequest::default()
                    });
                    asked = true;
                }
            }
            let waiting = app
                .library()
                .and_then(|l| l.search.as_ref())
                .is_some_and(|s| s.waiting);
            if ready && !asked && !waiting {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left).expect("the worker answers") {
                WorkerEvent::Index(e) => {
                    ready |= e == IndexEvent::Ready;
                    app.update(Msg::Index(e));
                }
                WorkerEvent::Results(r) if self.worker.is_current(&r) => {
                    app.update(Msg::SearchResults(r));
                }
                WorkerEvent::Results(_) => {}
            }
        }
    }

    /// The folder changed: the app asks for a scan, which goes to the
    /// app and to the worker.
    fn rescan(&self, app: &mut App, dir: &Path) {
        app.update(Msg::LibraryChanged);
        let asked = app
            .take_effects()
            .into_iter()
            .any(|e| matches!(e, Effect::ScanLibrary { .. }));
        assert!(asked, "a rescan is asked for");
        let s = scanned(dir);
        self.worker.sync(s.library.clone());
        app.update(Msg::Scanned(Ok(Box::new(s))));
        self.settle(app, true);
    }
}

fn scanned(dir: &Path) -> Scanned {
    Scanned {
        library: scan(dir, &ScanOptions::default()).expect("scan"),
        progress: Default::default(),
        updated: Default::default(),
        notes: Default::default(),
    }
}

fn shown(app: &App) -> Vec<String> {
    let search = app
        .library()
        .and_then(|l| l.search.as_ref())
        .expect("a search");
    let mut found: Vec<String> = search.passages.iter().map(|p| p.relative.clone()).collect();
    found.sort();
    found
}

#[test]
fn the_library_search_follows_briefs_added_edited_and_removed() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    l.write("b.md", "# B\n\nNothing to see.\n");
    let (rt, first) = Runtime::start(&l.lib(), &l.data());
    let mut app = library_at(&l.lib(), first, 100, 30);
    rt.settle(&mut app, true);
    press(&mut app, &["/"]);
    type_text(&mut app, "kestrel ");
    rt.settle(&mut app, false);
    assert_eq!(shown(&app), ["a.md"]);
    l.write("c.md", "# C\n\nA kestrel was ringed.\n");
    rt.rescan(&mut app, &l.lib());
    assert_eq!(shown(&app), ["a.md", "c.md"], "added");
    l.write("a.md", "# A\n\nThe falcon nests on the cliff now.\n");
    rt.rescan(&mut app, &l.lib());
    assert_eq!(shown(&app), ["c.md"], "edited");
    l.remove("c.md");
    rt.rescan(&mut app, &l.lib());
    assert!(shown(&app).is_empty(), "removed");
}

#[test]
fn a_tag_finds_a_block_once_a_note_with_it_is_added() {
    let l = Library::new();
    let a = l.write(
        "a.md",
        "# A\n\nThe kestrel nests on the cliff.\n\nThe falcon hunts.\n",
    );
    l.write("b.md", "# B\n\nNothing to see.\n");
    assert!(found(&l, "#watch").is_empty());
    let mut args = vec![OsStr::new("annotate"), a.as_os_str()];
    args.extend(["--section", "1", "--block", "2", "--tag", "watch"].map(OsStr::new));
    let annotated = common::run::brief(&args, &l.data());
    assert_eq!(annotated.code, Some(0), "{}", annotated.stderr());
    let out = brief_search(&l, &["#watch"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.ends_with("a.md:1:2: The falcon hunts.\n"), "{text}");
}

fn brief_index(l: &Library, args: &[&str]) -> String {
    let out = l.brief("index", args);
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn brief_index_brings_the_index_up_to_date_and_says_what_it_holds() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    l.write("b.md", "# B\n\nNothing to see.\n");
    let first = brief_index(&l, &[]);
    assert!(first.contains("briefs:   2 (2 passages)"), "{first}");
    assert!(first.contains("this run: 2 indexed"), "{first}");
    assert!(
        first.contains("size:") && first.contains("updated:"),
        "{first}"
    );
    let again = brief_index(&l, &[]);
    assert!(
        again.contains("this run: 0 indexed"),
        "nothing changed: {again}"
    );
    let rebuilt = brief_index(&l, &["--rebuild"]);
    assert!(rebuilt.contains("this run: 2 indexed"), "{rebuilt}");
}

#[test]
fn the_status_line_says_how_far_a_first_index_build_is() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    let mut app = library_at(&l.lib(), scanned(&l.lib()), 100, 30);
    let progress = brief::search::Progress {
        done: 4_210,
        total: 10_000,
    };
    app.update(Msg::Index(IndexEvent::Progress(progress)));
    assert!(
        screen(&app).contains("indexing 4,210 of 10,000 briefs"),
        "{}",
        screen(&app)
    );
    app.update(Msg::Index(IndexEvent::Ready));
    assert!(!screen(&app).contains("indexing"), "{}", screen(&app));
}

#[test]
fn search_while_indexing_says_the_results_are_from_part_of_the_library() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    let mut app = library_at(&l.lib(), scanned(&l.lib()), 120, 30);
    press(&mut app, &["/"]);
    type_text(&mut app, "kestrel");
    let mut results = brief::search::SearchResults::empty();
    results.total = brief::search::Total::Exact(0);
    app.update(Msg::SearchResults(brief::search::SearchResponse {
        generation: 1,
        text: "kestrel".into(),
        results,
        indexing: Some(brief::search::Progress {
            done: 300,
            total: 1_000,
        }),
    }));
    let shown = screen(&app);
    assert!(shown.contains("300/1000 indexed"), "{shown}");
    assert!(
        shown.contains("Nothing matches yet: 300 of 1,000 briefs indexed"),
        "{shown}"
    );
}

#[test]
fn while_one_process_writes_the_index_another_reads_it_and_does_not_write() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe kestrel nests on the cliff.\n");
    l.write("b.md", "# B\n\nA kestrel was ringed.\n");
    let root = fs::canonicalize(l.lib()).unwrap();
    let writer = LibraryIndex::open(Some(&l.data()), &l.lib(), &root)
        .unwrap()
        .index;
    let files = files_of(&l);
    let plan = Plan::new(&writer.manifest().unwrap(), &files);
    let (started, wait_started) = mpsc::channel();
    let (finish, wait_finish) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let (writer, files, plan) = (&writer, &files, &plan);
        s.spawn(move || {
            // Holds the writer's lock after its first commit until told
            // (the first call says only that the lock is taken).
            let mut committed = |p: brief::search::Progress| {
                if p.done > 0 {
                    let _ = started.send(());
                    let _ = wait_finish.recv();
                }
            };
            writer
                .update(files, plan, Default::default(), &mut committed, &|| false)
                .unwrap();
        });
        wait_started.recv().unwrap();
        let reader = LibraryIndex::open(Some(&l.data()), &l.lib(), &root)
            .unwrap()
            .index;
        let again = Plan::new(&reader.manifest().unwrap(), files);
        let refused = reader.update(files, &again, Default::default(), &mut |_| {}, &|| false);
        assert!(
            matches!(refused, Err(brief::search::IndexError::Busy)),
            "one writer at a time"
        );
        let mut found = briefs(&reader, "kestrel");
        found.sort();
        assert_eq!(
            found,
            ["a.md", "b.md"],
            "the other reads what was committed"
        );
        finish.send(()).unwrap();
    });
}
