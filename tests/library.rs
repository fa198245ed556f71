//! The library's specification (issue 4): scanning a folder of briefs, the
//! metadata store (issue 13) and reading state (search is in search.rs). Everything
//! runs in temp folders; the real data folder is never touched.

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use brief::catalogue::{CacheStatus, Library, ScanOptions, SortKey, cache_path, scan, sort_order};
use brief::document::parse;
use brief::reading::{
    DiffKind, Progress, ReadingState, StateStore, changed_sections, section_diff,
};
use tempfile::TempDir;

// ---------------------------------------------------------------- helpers

/// A library folder and a data folder side by side in one temp dir.
struct Fixture {
    tmp: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture {
            tmp: TempDir::new().expect("temp dir"),
        };
        fs::create_dir_all(f.lib()).expect("library folder");
        f
    }

    fn lib(&self) -> PathBuf {
        self.tmp.path().join("lib")
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.lib().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn options(&self) -> ScanOptions {
        ScanOptions::with_cache(self.data())
    }

    fn scan(&self) -> Library {
        scan(&self.lib(), &self.options()).expect("scan")
    }
}

fn titles(lib: &Library) -> Vec<&str> {
    lib.entries.iter().map(|e| e.title()).collect()
}

fn set_mtime(path: &Path, secs: u64) {
    let file = File::options().write(true).open(path).unwrap();
    file.set_modified(UNIX_EPOCH + Duration::from_secs(secs))
        .unwrap();
}

// ---------------------------------------------------------------- scanning

#[test]
fn scan_finds_md_and_markdown_files_recursively_and_skips_hidden_ones() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n\nText.\n");
    f.write("sub/deeper/b.markdown", "# Beta\n\nText.\n");
    f.write("sub/C.MD", "# Gamma\n\nText.\n");
    f.write(".git/hidden.md", "# Hidden\n");
    f.write("sub/.drafts/d.md", "# Draft\n");
    f.write("scan.pdf.tmp", "# Not a brief\n");
    let lib = f.scan();
    assert_eq!(titles(&lib), ["Alpha", "Gamma", "Beta"]);
    assert_eq!(lib.entries[2].relative, "sub/deeper/b.markdown");
    assert_eq!(lib.entries[2].path, f.lib().join("sub/deeper/b.markdown"));
}

#[test]
fn binary_and_unreadable_files_are_listed_with_a_reason_and_the_scan_goes_on() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n\nText.\n");
    fs::write(f.lib().join("b.md"), b"\x7fELF\x02\x00binary").unwrap();
    f.write("c.md", "# Gamma\n\nText.\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(f.lib().join("gone.md"), f.lib().join("d.md")).unwrap();
    let lib = f.scan();
    let errors: Vec<Option<&str>> = lib.entries.iter().map(|e| e.error()).collect();
    assert!(errors[0].is_none() && errors[2].is_none(), "{errors:?}");
    assert!(errors[1].unwrap().contains("binary"), "{errors:?}");
    #[cfg(unix)]
    assert!(errors[3].unwrap().contains("dangling"), "{errors:?}");
    assert_eq!(lib.stats.failed, if cfg!(unix) { 2 } else { 1 });
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_listed_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    let path = f.write("secret.md", "# Secret\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        return; // Running as root: permissions do not stop reads.
    }
    let lib = f.scan();
    assert!(
        lib.entries[0]
            .error()
            .unwrap()
            .contains("permission denied")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_of_the_library_are_not_followed() {
    let f = Fixture::new();
    f.write("sub/a.md", "# Alpha\n");
    let outside = f.tmp.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("x.md"), "# Outside\n").unwrap();
    std::os::unix::fs::symlink(f.lib(), f.lib().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(&outside, f.lib().join("out")).unwrap();
    let lib = f.scan();
    assert_eq!(titles(&lib), ["Alpha"]);
}

#[test]
fn metadata_comes_from_front_matter() {
    let f = Fixture::new();
    f.write(
        "a.md",
        "---\ntitle: Grain corridor\ndate: 2024-05-01\nauthor: Unit 4\nclassification: OFFICIAL\n\
         tags: [food, shipping]\nsummary: Why the corridor matters.\n---\n\n\
         ## Background\n\nOne two three.\n\n## Options\n\n### Convoys\n\nFour five.\n",
    );
    let lib = f.scan();
    let info = lib.entries[0].info().unwrap();
    assert_eq!(info.title, "Grain corridor");
    assert_eq!(
        (info.date.as_str(), info.date_from_file),
        ("2024-05-01", false)
    );
    assert_eq!(info.author.as_deref(), Some("Unit 4"));
    assert_eq!(info.classification.as_deref(), Some("OFFICIAL"));
    assert_eq!(info.tags, ["food", "shipping"]);
    let details = lib.details(0).expect("the preview's details");
    assert_eq!(details.summary, "Why the corridor matters.");
    let outline: Vec<(&str, u8, u8)> = details
        .outline
        .iter()
        .map(|o| (o.title.as_str(), o.level, o.depth))
        .collect();
    assert_eq!(
        outline,
        [("Background", 2, 0), ("Options", 2, 0), ("Convoys", 3, 1)]
    );
    assert_eq!((info.words, info.reading_minutes), (5, 1));
    assert_eq!(info.sections(), 3);
}

#[test]
fn summary_falls_back_to_the_first_paragraph_cut_to_length() {
    let f = Fixture::new();
    let long = "word ".repeat(200);
    f.write(
        "a.md",
        &format!("# T\n\n> A quote first.\n\n{long}\n\nSecond.\n"),
    );
    let lib = f.scan();
    let summary = &lib.details(0).unwrap().summary;
    assert!(summary.starts_with("word word"), "{summary}");
    assert!(
        summary.ends_with('…') && summary.chars().count() <= 301,
        "{summary}"
    );
}

#[test]
fn date_falls_back_to_the_file_day() {
    let f = Fixture::new();
    let path = f.write("a.md", "# No date\n\nText.\n");
    let secs = 1_614_859_200; // 2021-03-04T12:00:00Z
    set_mtime(&path, secs);
    let lib = f.scan();
    let info = lib.entries[0].info().unwrap();
    let expected = jiff::Timestamp::from_second(secs as i64)
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .date()
        .to_string();
    assert_eq!(
        (info.date.as_str(), info.date_from_file),
        (expected.as_str(), true)
    );
    assert!(info.date.starts_with("2021-03-0"));
}

#[test]
fn a_missing_folder_is_an_error_that_names_it() {
    let f = Fixture::new();
    let err = scan(&f.lib().join("nope"), &f.options()).unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
}

// ---------------------------------------------------------------- cache

#[test]
fn warm_open_reads_no_brief() {
    let f = Fixture::new();
    let a = f.write("a.md", "# Alpha\n\nText.\n");
    f.write("b.md", "# Beta\n\nText.\n");
    set_mtime(&a, 1_700_000_000);
    let cold = f.scan();
    assert_eq!(
        (cold.stats.parsed, cold.stats.cache.clone()),
        (2, CacheStatus::Missing)
    );
    // Same size and time, other bytes: only a read would notice.
    let len = fs::metadata(&a).unwrap().len() as usize;
    fs::write(&a, vec![0u8; len]).unwrap();
    set_mtime(&a, 1_700_000_000);
    let warm = f.scan();
    assert_eq!((warm.stats.parsed, warm.stats.from_cache), (0, 2));
    assert_eq!(warm.stats.cache, CacheStatus::Loaded);
    assert_eq!(titles(&warm), ["Alpha", "Beta"]);
}

#[test]
fn a_touched_file_is_read_again() {
    let f = Fixture::new();
    let a = f.write("a.md", "# Alpha\n\nText.\n");
    f.write("b.md", "# Beta\n\nText.\n");
    set_mtime(&a, 1_700_000_000);
    f.scan();
    f.write("a.md", "# Alpha, revised\n\nText.\n");
    let lib = f.scan();
    assert_eq!(lib.stats.parsed, 1);
    assert_eq!(titles(&lib), ["Alpha, revised", "Beta"]);
}

#[test]
fn a_corrupt_store_is_ignored_with_a_reason_and_rebuilt() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n\nText.\n");
    f.write("b.md", "# Beta\n\nText.\n");
    f.scan();
    let root = fs::canonicalize(f.lib()).unwrap();
    let store = cache_path(&f.data(), &root);
    let good = fs::read(&store).unwrap();
    // A byte of the rows changed (a title's letter), then the file cut short.
    let mut flipped = good.clone();
    let at = good
        .windows(5)
        .position(|w| w == b"Alpha")
        .expect("the title is stored");
    flipped[at] = b'X';
    for damaged in [flipped, good[..good.len() / 2].to_vec(), b"[tru".to_vec()] {
        fs::write(&store, damaged).unwrap();
        let lib = f.scan();
        assert!(
            matches!(&lib.stats.cache, CacheStatus::Ignored(why) if why.contains("damaged")),
            "{:?}",
            lib.stats.cache
        );
        assert_eq!((titles(&lib), lib.stats.parsed), (vec!["Alpha", "Beta"], 2));
        let again = f.scan();
        assert_eq!(
            (again.stats.cache, again.stats.parsed),
            (CacheStatus::Loaded, 0)
        );
    }
}

#[test]
fn a_brief_changed_while_closed_shows_its_new_title_and_preview_on_a_warm_open() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n\nOld summary.\n");
    f.write("b.md", "# Beta\n\nText.\n");
    f.write("c.md", "# Gamma\n\nText.\n");
    f.scan();
    // Edited (new size), added and removed while the library was closed.
    f.write(
        "a.md",
        "# Alpha, revised\n\nA new summary.\n\n## Added\n\nMore.\n",
    );
    f.write("ab.md", "# Added\n\nText.\n");
    fs::remove_file(f.lib().join("c.md")).unwrap();
    let lib = f.scan();
    assert_eq!(lib.stats.cache, CacheStatus::Loaded);
    assert_eq!((lib.stats.parsed, lib.stats.from_cache), (2, 1));
    assert_eq!(titles(&lib), ["Alpha, revised", "Added", "Beta"]);
    assert_eq!(lib.details(0).unwrap().summary, "A new summary.");
    // Opened again, all of it comes from the store, details included.
    let warm = f.scan();
    assert_eq!((warm.stats.parsed, warm.stats.from_cache), (0, 3));
    assert_eq!(titles(&warm), ["Alpha, revised", "Added", "Beta"]);
    let details = warm.details(0).unwrap();
    assert_eq!(details.summary, "A new summary.");
    assert_eq!(details.outline.len(), 2);
    assert_eq!(warm.details(1).unwrap().summary, "Text.");
}

#[test]
fn a_store_of_another_version_is_rebuilt_and_the_old_json_cache_removed() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n\nText.\n");
    let root = fs::canonicalize(f.lib()).unwrap();
    let store = cache_path(&f.data(), &root);
    let json = store.with_extension("json");
    fs::create_dir_all(json.parent().unwrap()).unwrap();
    fs::write(&json, "{\"version\": 2, \"root\": \"/x\", \"entries\": []}").unwrap();
    let mut other = b"brieflib".to_vec();
    other.extend_from_slice(&99u32.to_le_bytes());
    other.extend_from_slice(&[0; 16]);
    fs::write(&store, other).unwrap();
    let lib = f.scan();
    assert!(
        matches!(&lib.stats.cache, CacheStatus::Ignored(why) if why.contains("version 99")),
        "{:?}",
        lib.stats.cache
    );
    assert_eq!(titles(&lib), ["Alpha"]);
    assert!(!json.exists(), "the cache of earlier versions is gone");
    assert_eq!(f.scan().stats.cache, CacheStatus::Loaded);
}

#[test]
fn a_removed_file_leaves_the_list() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n");
    let b = f.write("b.md", "# Beta\n");
    f.scan();
    fs::remove_file(b).unwrap();
    assert_eq!(titles(&f.scan()), ["Alpha"]);
}

// ---------------------------------------------------------------- reading state

const V1: &str = "# Brief\n\n## One\n\nThe first section says grain prices rose.\n\n\
    ## Two\n\nThe second section says nothing new.\n\n## Three\n\nThe third section.\n";

fn state_fixture() -> (Fixture, PathBuf, StateStore) {
    let f = Fixture::new();
    let path = f.write("brief.md", V1);
    let store = StateStore::open_dir(&f.data()).unwrap();
    (f, path, store)
}

#[test]
fn reading_state_round_trips_through_its_file() {
    let (_f, path, store) = state_fixture();
    let brief = parse(V1, "b");
    let mut state = ReadingState::new(&path, &brief);
    state.set_position(&brief, 2);
    assert!(state.mark_read(&brief, 1));
    assert!(
        !state.mark_read(&brief, 1),
        "reading it again changes nothing"
    );
    store.save(&state).unwrap();
    let back = store.load(&path).unwrap().expect("saved state");
    assert_eq!(back, state);
    assert!(store.file_for(&path).starts_with(store.dir()));
    assert_eq!(store.all().len(), 1);
    let text = fs::read_to_string(store.file_for(&path)).unwrap();
    assert!(
        text.contains("first_opened") && text.contains("[[read]]"),
        "{text}"
    );
}

#[test]
fn position_survives_a_paragraph_inserted_above() {
    let (_f, path, _) = state_fixture();
    let v1 = parse(V1, "b");
    let mut state = ReadingState::new(&path, &v1);
    state.set_position(&v1, 2);
    let v2 = parse(
        &V1.replace("## One\n\n", "## One\n\nA new opening paragraph.\n\n"),
        "b",
    );
    let at = state.position_in(&v2).unwrap();
    assert_eq!(at, 3);
    assert_eq!(v2.block_text(at), v1.block_text(2));
}

#[test]
fn changed_sections_are_those_read_whose_text_changed() {
    let (_f, path, _) = state_fixture();
    let v1 = parse(V1, "b");
    let mut state = ReadingState::new(&path, &v1);
    for s in [1, 2] {
        state.mark_read(&v1, s);
    }
    let v2 = parse(
        &V1.replace("grain prices rose", "grain prices fell")
            .replace("third section", "third section, rewritten"),
        "b",
    );
    // Section 3 changed too, but it was never read.
    assert_eq!(changed_sections(&state, &v2), [1]);
    assert!(changed_sections(&state, &v1).is_empty());
    assert!(state.is_updated(&brief::hash::content_hash(&v2)));
}

#[test]
fn section_diff_shows_inserted_and_deleted_words() {
    let (_f, path, _) = state_fixture();
    let v1 = parse(V1, "b");
    let mut state = ReadingState::new(&path, &v1);
    state.mark_read(&v1, 1);
    let v2 = parse(
        &V1.replace("grain prices rose", "wheat prices rose sharply"),
        "b",
    );
    let diff = section_diff(&state, &v2, 1).expect("a diff of a read section");
    let parts: Vec<(DiffKind, &str)> = diff.iter().map(|p| (p.kind, p.text.as_str())).collect();
    assert!(parts.contains(&(DiffKind::Deleted, "grain")), "{parts:?}");
    assert!(parts.contains(&(DiffKind::Inserted, "wheat")), "{parts:?}");
    assert!(
        parts
            .iter()
            .any(|(k, t)| *k == DiffKind::Inserted && t.contains("sharply"))
    );
    assert!(
        section_diff(&state, &v2, 2).is_none(),
        "section 2 was never read"
    );
}

#[test]
fn progress_goes_from_unread_to_read() {
    let (_f, path, _) = state_fixture();
    let brief = parse(V1, "b");
    let mut state = ReadingState::new(&path, &brief);
    assert_eq!(state.progress(), Progress::Unread);
    state.mark_read(&brief, 1);
    assert!(matches!(state.progress(), Progress::Partial(p) if (30..=50).contains(&p)));
    assert_eq!(state.progress(), state.progress_on(&brief));
    state.mark_read(&brief, 2);
    state.mark_read(&brief, 3);
    assert_eq!(state.progress(), Progress::Read);
    assert_eq!(state.read_sections(&brief), [1, 2, 3]);
}

#[test]
fn sorting_orders_by_each_key_and_puts_failures_last() {
    let f = Fixture::new();
    f.write(
        "a.md",
        "---\ntitle: Zebra\ndate: 2023-01-01\n---\n\nText.\n",
    );
    f.write(
        "b.md",
        "---\ntitle: apple\ndate: 2024-06-01\n---\n\nText.\n",
    );
    fs::write(f.lib().join("c.md"), b"\x00binary").unwrap();
    f.write(
        "d.md",
        "---\ntitle: Mango\ndate: 2022-01-01\n---\n\nText.\n",
    );
    let lib = f.scan();
    let (none, no_notes) = (HashMap::new(), HashMap::new());
    assert_eq!(
        sort_order(&lib, SortKey::Date, &none, &no_notes),
        [1, 0, 3, 2]
    );
    assert_eq!(
        sort_order(&lib, SortKey::Title, &none, &no_notes),
        [1, 3, 0, 2]
    );
    let canon = |i: usize| lib.entries[i].canonical.clone();
    let progress = [
        (canon(0), Progress::Read),
        (canon(3), Progress::Partial(40)),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        sort_order(&lib, SortKey::Progress, &progress, &no_notes),
        [3, 1, 0, 2]
    );
    let notes = [(canon(0), 3), (canon(1), 5)].into_iter().collect();
    assert_eq!(
        sort_order(&lib, SortKey::Notes, &none, &notes),
        [1, 0, 3, 2]
    );
}

#[test]
fn a_big_library_is_listed_from_its_store_before_the_walk_as_the_walk_lists_it() {
    use brief::catalogue::{STORED_FIRST_MIN, stored};
    let data = TempDir::new().unwrap();
    let lib = TempDir::new().unwrap();
    let options = ScanOptions::with_cache(data.path());
    for i in 0..STORED_FIRST_MIN - 1 {
        let dir = lib.path().join(format!("d{}", i % 7));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join(format!("b{i}.md")),
            format!("# Brief {i}\n\nText {i}.\n"),
        )
        .unwrap();
    }
    scan(lib.path(), &options).unwrap();
    assert!(
        stored(lib.path(), &options).is_none(),
        "a small library is only walked"
    );
    fs::write(lib.path().join("last.md"), "# Last\n\nText.\n").unwrap();
    let walked = scan(lib.path(), &options).unwrap();
    let early = stored(lib.path(), &options).expect("a big library's store");
    assert_eq!(early.entries.len(), walked.entries.len());
    for (a, b) in early.entries.iter().zip(walked.entries.iter()) {
        assert_eq!(a, b);
    }
    assert_eq!(
        sort_order(&early, SortKey::Date, &HashMap::new(), &HashMap::new()),
        sort_order(&walked, SortKey::Date, &HashMap::new(), &HashMap::new())
    );
    let (e, w) = (early.entries.len() - 1, walked.entries.len() - 1);
    assert_eq!(early.details(e), walked.details(w), "the preview too");
    // Without a store (or without a data folder) there is nothing early.
    assert!(stored(lib.path(), &ScanOptions::default()).is_none());
}
