//! The library's specification (issue 4): scanning a folder of briefs, the
//! metadata cache, full-text search and reading state. Everything runs in
//! temp folders; the real data folder is never touched.

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, UNIX_EPOCH};

use brief::catalogue::{
    CacheStatus, Library, ScanOptions, SortKey, cache_path, note_counts, scan, sort_order,
};
use brief::document::parse;
use brief::notes::Note;
use brief::notes::anchor::{anchor_for, fingerprint};
use brief::notes::store::{Header, Store};
use brief::reading::{
    DiffKind, Progress, ReadingState, StateStore, changed_sections, section_diff,
};
use brief::search::{
    NoteTags, Query, SearchIndex, SearchOptions, SearchRequest, SearchWorker, Total, match_briefs,
    scan_and_index,
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

    fn index(&self) -> SearchIndex {
        scan_and_index(&self.lib(), &self.options())
            .expect("scan")
            .1
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

fn search(index: &SearchIndex, query: &str) -> Vec<(String, usize, usize, String)> {
    let results = index.search(&Query::parse(query), &SearchOptions::default());
    results
        .passages
        .iter()
        .map(|p| {
            (
                p.relative.clone(),
                p.section_number,
                p.block_number,
                p.snippet.text.clone(),
            )
        })
        .collect()
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
    f.write("notes.txt", "# Not markdown\n");
    let lib = f.scan();
    assert_eq!(titles(&lib), ["Alpha", "Gamma", "Beta"]);
    assert_eq!(lib.entries[2].relative, "sub/deeper/b.markdown");
    assert_eq!(lib.entries[2].path, f.lib().join("sub/deeper/b.markdown"));
}

#[test]
fn binary_and_unreadable_files_are_listed_with_a_reason_and_the_scan_goes_on() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n\nText.\n");
    fs::write(f.lib().join("b.md"), b"PK\x03\x04\x00\x00binary").unwrap();
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
    assert_eq!(info.summary, "Why the corridor matters.");
    let outline: Vec<(&str, u8, u8)> = info
        .outline
        .iter()
        .map(|o| (o.title.as_str(), o.level, o.depth))
        .collect();
    assert_eq!(
        outline,
        [("Background", 2, 0), ("Options", 2, 0), ("Convoys", 3, 1)]
    );
    assert_eq!((info.words, info.reading_minutes), (5, 1));
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
    let summary = &lib.entries[0].info().unwrap().summary;
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
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let f = Fixture::new();
    f.write("a.md", "# Alpha\n\nText.\n");
    f.scan();
    let root = fs::canonicalize(f.lib()).unwrap();
    let cache = cache_path(&f.data(), &root);
    fs::write(&cache, "{\"version\": 1, \"entries\": [tru").unwrap();
    let lib = f.scan();
    assert!(matches!(lib.stats.cache, CacheStatus::Ignored(_)));
    assert_eq!((titles(&lib), lib.stats.parsed), (vec!["Alpha"], 1));
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

// ---------------------------------------------------------------- search

const GRAIN: &str = "---\ntitle: Grain corridor\n---\n\n\
    The corridor carried most of the region's grain.\n\n\
    ## Background\n\n\
    Insurers withdrew cover after the strikes.\n\n\
    The grain corridor reopened under a naval escort.\n\n\
    ## Options\n\n\
    A convoy scheme would need escorts; the EU could fund it.\n";

const RICE: &str = "---\ntitle: Rice exports\n---\n\n\
    Rice exports fell when the corridor closed and grain prices rose.\n\n\
    ## Prices\n\n\
    The eu levy on rice is under review.\n";

fn two_briefs() -> (Fixture, SearchIndex) {
    let f = Fixture::new();
    f.write("grain.md", GRAIN);
    f.write("rice.md", RICE);
    let index = f.index();
    (f, index)
}

#[test]
fn every_word_must_appear_in_one_block() {
    let (_f, index) = two_briefs();
    let hits = search(&index, "grain escort");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].0.as_str(), hits[0].1, hits[0].2),
        ("grain.md", 2, 2)
    );
    assert!(search(&index, "insurers convoy").is_empty());
}

#[test]
fn a_phrase_needs_its_words_in_a_row() {
    let (_f, index) = two_briefs();
    let hits = search(&index, "\"grain corridor\"");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].3.starts_with("The grain corridor reopened"));
}

#[test]
fn excluded_words_drop_the_block() {
    let (_f, index) = two_briefs();
    let all = search(&index, "corridor");
    let some = search(&index, "corridor -rice");
    assert_eq!((all.len(), some.len()), (3, 2));
    assert!(some.iter().all(|h| !h.3.to_lowercase().contains("rice")));
}

#[test]
fn tag_finds_the_blocks_carrying_a_note_tag() {
    let (f, index) = two_briefs();
    let canonical = fs::canonicalize(f.lib().join("rice.md")).unwrap();
    let mut tags = NoteTags::new();
    tags.add(&canonical, 1, &["Prices/EU".to_owned()]);
    let options = SearchOptions {
        tags: Some(&tags),
        ..SearchOptions::default()
    };
    let hits = index.search(&Query::parse("#prices"), &options).passages;
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].relative.as_str(), hits[0].block), ("rice.md", 1));
    let hits = index.search(&Query::parse("levy #prices/eu"), &options);
    assert_eq!(hits.passages.len(), 1);
    assert!(
        index
            .search(&Query::parse("levy -#prices"), &options)
            .passages
            .is_empty()
    );
    assert!(
        search(&index, "#prices").is_empty(),
        "no tags given, no tag matches"
    );
}

#[test]
fn tags_can_come_from_the_notes_store() {
    let (f, _) = two_briefs();
    let path = f.lib().join("rice.md");
    let brief = parse(RICE, "rice");
    let store = Store::open_dir(&f.data()).unwrap();
    let mut notes = store
        .open_brief(Some(&path), &brief.title, &fingerprint(&brief))
        .unwrap();
    let note = Note::new(anchor_for(&brief, 1), "check".into(), vec!["levy".into()]);
    notes.notes.push(note);
    notes
        .save(Header::new(Some(&path), &brief.title, &fingerprint(&brief)))
        .unwrap();
    let (lib, index) = scan_and_index(&f.lib(), &f.options()).unwrap();
    let tags = NoteTags::from_store(&store, &lib, Default::default());
    let options = SearchOptions {
        tags: Some(&tags),
        ..SearchOptions::default()
    };
    let hits = index.search(&Query::parse("#levy"), &options).passages;
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.text.contains("levy on rice"));
    let counts = note_counts(&store);
    assert_eq!(counts.get(&fs::canonicalize(&path).unwrap()), Some(&1));
}

#[test]
fn the_index_agrees_with_reading_every_block() {
    // Enough briefs for several chunks on several threads, so merging
    // chunks is exercised.
    let f = Fixture::new();
    let words = [
        "grain", "levy", "Corridor", "port", "escort", "quota", "tariff",
    ];
    let mut texts = Vec::new();
    for i in 0..60usize {
        let mut md = format!("# Brief {i}\n\n");
        for b in 0..(i % 7 + 1) {
            let picked: Vec<&str> = (0..5).map(|k| words[(i * 3 + b * 5 + k * k) % 7]).collect();
            md.push_str(&format!("{}.\n\n", picked.join(" ")));
        }
        f.write(&format!("b{i:02}.md"), &md);
        texts.push(md);
    }
    let options = ScanOptions {
        threads: 3,
        ..f.options()
    };
    let (_, index) = scan_and_index(&f.lib(), &options).unwrap();
    let all = SearchOptions {
        limit: 10_000,
        tags: None,
    };
    for query in [
        "grain",
        "levy port",
        "corridor",
        "Corridor",
        "\"quota tariff\"",
        "tariff -grain",
    ] {
        let q = Query::parse(query);
        let mut expected = 0;
        for text in &texts {
            let brief = parse(text, "t");
            for b in 0..brief.blocks.len() {
                let lower = brief.block_text(b).to_lowercase();
                let t = if q.case_sensitive {
                    brief.block_text(b).to_owned()
                } else {
                    lower
                };
                let has = |w: &str| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
                let ok = match query {
                    "levy port" => has("levy") && has("port"),
                    "\"quota tariff\"" => t.contains("quota tariff"),
                    "tariff -grain" => has("tariff") && !has("grain"),
                    w => has(w),
                };
                expected += usize::from(ok);
            }
        }
        let found = index.search(&q, &all);
        assert_eq!(found.passages.len(), expected, "{query}");
        assert_eq!(found.total, Total::Exact(expected), "{query}");
    }
}

#[test]
fn more_and_rarer_matches_rank_first() {
    let f = Fixture::new();
    f.write(
        "a.md",
        "# A\n\nThe levy and the levy again, the levy.\n\n\
         The levy is mentioned once among many other words in this block.\n\n\
         The the the the the.\n",
    );
    f.write("b.md", "# B\n\nThe sanctions levy.\n\nThe the the.\n");
    let index = f.index();
    let hits = search(&index, "levy");
    assert!(hits[0].3.starts_with("The levy and the levy"), "{hits:?}");
    // "sanctions" is rare, "the" is everywhere: the block with the rare
    // word wins even though it has fewer matches of the common one.
    let hits = search(&index, "the sanctions");
    assert_eq!(hits[0].3, "The sanctions levy.");
}

#[test]
fn a_capital_in_the_query_makes_case_count() {
    let (_f, index) = two_briefs();
    assert_eq!(search(&index, "eu").len(), 2);
    let hits = search(&index, "EU");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].3.contains("the EU could"));
}

#[test]
fn snippets_carry_match_ranges_on_char_boundaries() {
    let f = Fixture::new();
    let long = "Ärger über Zölle ".repeat(20);
    f.write(
        "a.md",
        &format!("# A\n\n{long}— die Maßnahme „Zölle“ greift. {long}\n"),
    );
    let index = f.index();
    let results = index.search(&Query::parse("maßnahme zölle"), &SearchOptions::default());
    let p = &results.passages[0];
    assert!(!p.snippet.matches.is_empty());
    for r in &p.snippet.matches {
        let text = &p.snippet.text[r.clone()];
        assert!(text == "Maßnahme" || text == "Zölle", "{text}");
    }
    assert!(p.snippet.text.chars().count() <= 162);
    let source = fs::read_to_string(f.lib().join("a.md")).unwrap();
    let brief = parse(&source, "a");
    let block = brief.block_text(p.block);
    assert_eq!(p.block_matches.len(), 42);
    assert_eq!(&block[p.block_matches[20].clone()], "Maßnahme");
}

#[test]
fn while_typing_the_last_word_matches_as_a_prefix() {
    let (_f, index) = two_briefs();
    let typed = index.search(
        &Query::parse_incremental("naval esc"),
        &SearchOptions::default(),
    );
    assert_eq!(typed.passages.len(), 1);
    assert_eq!(typed.total, Total::Exact(1));
    assert!(search(&index, "naval esc").is_empty());
}

#[test]
fn fuzzy_title_match_puts_briefs_first() {
    let (f, _) = two_briefs();
    let lib = f.scan();
    let found = match_briefs(&lib, "ricexp", 5);
    assert_eq!(found[0].entry, 1);
    let title = &lib.entries[1].info().unwrap().title;
    let lit: String = found[0]
        .title_matches
        .iter()
        .map(|r| &title[r.clone()])
        .collect();
    assert_eq!(lit.to_lowercase(), "ricexp");
}

#[test]
fn fuzzy_match_skips_letters_scattered_over_a_title_or_across_fields() {
    let f = Fixture::new();
    f.write("a.md", "---\ntitle: Grain corridor\n---\n\nText.\n");
    f.write(
        "b.md",
        "---\ntitle: Growth, regions and aid in Niger\n---\n\nText.\n",
    );
    f.write("c.md", "---\ntitle: Gr\nauthor: Ain\n---\n\nText.\n");
    let lib = f.scan();
    let found: Vec<usize> = match_briefs(&lib, "grain", 5)
        .iter()
        .map(|m| m.entry)
        .collect();
    assert_eq!(found, [0]);
    let by_words: Vec<usize> = match_briefs(&lib, "gr ain", 5)
        .iter()
        .map(|m| m.entry)
        .collect();
    assert!(
        by_words.contains(&2),
        "each word in a field of its own: {by_words:?}"
    );
}

#[test]
fn the_worker_answers_the_newest_query() {
    let (_f, index) = two_briefs();
    let (tx, rx) = mpsc::channel();
    let worker = SearchWorker::new(index.into(), move |r| tx.send(r).unwrap());
    let request = |text: &str| SearchRequest {
        text: text.into(),
        incremental: true,
        limit: 10,
        tags: None,
    };
    worker.submit(request("gr"));
    worker.submit(request("gra"));
    let last = worker.submit(request("rice"));
    let mut newest = None;
    while let Ok(r) = rx.recv_timeout(Duration::from_secs(5)) {
        if worker.is_current(&r) {
            newest = Some(r);
            break;
        }
    }
    let newest = newest.expect("an answer to the newest query");
    assert_eq!((newest.generation, newest.text.as_str()), (last, "rice"));
    assert_eq!(newest.results.passages.len(), 2);
}

#[test]
fn a_worker_can_build_the_index_first_and_answer_after() {
    let (f, _) = two_briefs();
    let lib = f.scan();
    let (tx, rx) = mpsc::channel();
    let ready_tx = tx.clone();
    let worker = SearchWorker::building(
        lib,
        f.options(),
        move || ready_tx.send(None).unwrap(),
        move |r| tx.send(Some(r)).unwrap(),
    );
    let generation = worker.submit(SearchRequest {
        text: "corridor".into(),
        limit: 10,
        ..SearchRequest::default()
    });
    let mut ready = false;
    let answer = loop {
        match rx
            .recv_timeout(Duration::from_secs(5))
            .expect("the worker answers")
        {
            None => ready = true,
            Some(r) => break r,
        }
    };
    assert!(ready && worker.is_ready());
    assert_eq!(answer.generation, generation);
    assert_eq!(answer.results.passages.len(), 3);
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
