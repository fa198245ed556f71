//! Full-text search's specification: the query language (words, "a
//! phrase", #tag, -word, a prefix while typing, the case rule), the flat
//! list of passages (`--passages`), snippets, the worker that answers as
//! the reader types, and the fuzzy match on titles. Ranking by brief is
//! in search_rank.rs; the index on disk in search_index.rs.

mod common;

use std::fs;
use std::sync::mpsc;
use std::time::Duration;

use brief::catalogue::{ScanOptions, note_counts, scan};
use brief::document::parse;
use brief::notes::Note;
use brief::notes::anchor::{anchor_for, fingerprint};
use brief::notes::store::{Header, Store};
use brief::search::{
    IndexEvent, NoteTags, Query, SearchOptions, SearchRequest, SearchWorker, Total, WorkerEvent,
    match_briefs,
};
use common::search::{Library, passages, run};

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

fn two_briefs() -> Library {
    let l = Library::new();
    l.write("grain.md", GRAIN);
    l.write("rice.md", RICE);
    l
}

#[test]
fn every_word_must_appear_in_one_passage() {
    let l = two_briefs();
    let index = l.index();
    let hits = passages(&index, "grain escort");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].0.as_str(), hits[0].1, hits[0].2),
        ("grain.md", 2, 2)
    );
    assert!(passages(&index, "insurers convoy").is_empty());
}

#[test]
fn a_phrase_needs_its_words_in_a_row() {
    let l = two_briefs();
    let index = l.index();
    let hits = passages(&index, "\"grain corridor\"");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].3.starts_with("The grain corridor reopened"));
}

#[test]
fn excluded_words_drop_the_passage() {
    let l = two_briefs();
    let index = l.index();
    let all = passages(&index, "corridor");
    let some = passages(&index, "corridor -rice");
    assert_eq!((all.len(), some.len()), (3, 2));
    assert!(some.iter().all(|h| !h.3.to_lowercase().contains("rice")));
}

#[test]
fn tag_finds_the_blocks_carrying_a_note_tag() {
    let l = two_briefs();
    let index = l.index();
    let canonical = fs::canonicalize(l.lib().join("rice.md")).unwrap();
    let mut tags = NoteTags::new();
    tags.add(&canonical, 1, &["Prices/EU".to_owned()]);
    let hits = run(&index, "#prices", false, Some(&tags)).passages;
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].relative.as_str(), hits[0].block), ("rice.md", 1));
    assert_eq!(
        run(&index, "levy #prices/eu", false, Some(&tags))
            .passages
            .len(),
        1
    );
    assert!(
        run(&index, "levy -#prices", false, Some(&tags))
            .passages
            .is_empty()
    );
    assert!(
        passages(&index, "#prices").is_empty(),
        "no tags given, no tag matches"
    );
}

#[test]
fn tags_can_come_from_the_notes_store() {
    let l = two_briefs();
    let path = l.lib().join("rice.md");
    let brief = parse(RICE, "rice");
    let store = Store::open_dir(&l.data()).unwrap();
    let mut notes = store
        .open_brief(Some(&path), &brief.title, &fingerprint(&brief))
        .unwrap();
    let note = Note::new(anchor_for(&brief, 1), "check".into(), vec!["levy".into()]);
    notes.notes.push(note);
    notes
        .save(Header::new(Some(&path), &brief.title, &fingerprint(&brief)))
        .unwrap();
    let root = fs::canonicalize(l.lib()).unwrap();
    let tags = NoteTags::from_store(&store, &root, Default::default());
    let hits = run(&l.index(), "#levy", true, Some(&tags)).passages;
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.text.contains("levy on rice"));
    let counts = note_counts(&store);
    assert_eq!(counts.get(&fs::canonicalize(&path).unwrap()), Some(&1));
}

#[test]
fn the_index_agrees_with_reading_every_block() {
    let l = Library::new();
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
        l.write(&format!("b{i:02}.md"), &md);
        texts.push(md);
    }
    let index = l.index();
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
                let t = if q.case_sensitive {
                    brief.block_text(b).to_owned()
                } else {
                    brief.block_text(b).to_lowercase()
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
        let found = run(&index, query, false, None);
        assert_eq!(found.passages.len(), expected, "{query}");
        if !q.case_sensitive {
            assert_eq!(found.total, Total::Exact(expected), "{query}");
        }
    }
}

#[test]
fn more_and_rarer_matches_rank_first() {
    let l = Library::new();
    l.write(
        "a.md",
        "# A\n\nThe levy and the levy again, the levy.\n\n\
         The levy is mentioned once among many other words in this block.\n\n\
         The the the the the.\n",
    );
    l.write("b.md", "# B\n\nThe sanctions levy.\n\nThe the the.\n");
    let index = l.index();
    let hits = passages(&index, "levy");
    assert!(hits[0].3.starts_with("The levy and the levy"), "{hits:?}");
    let hits = passages(&index, "the sanctions");
    assert_eq!(hits[0].3, "The sanctions levy.");
}

#[test]
fn a_capital_in_the_query_makes_case_count() {
    let l = two_briefs();
    let index = l.index();
    assert_eq!(passages(&index, "eu").len(), 2);
    let hits = passages(&index, "EU");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].3.contains("the EU could"));
}

#[test]
fn snippets_carry_match_ranges_on_char_boundaries() {
    let l = Library::new();
    let long = "Ärger über Zölle ".repeat(20);
    l.write(
        "a.md",
        &format!("# A\n\n{long}— die Maßnahme „Zölle“ greift. {long}\n"),
    );
    let results = run(&l.index(), "maßnahme zölle", false, None);
    let p = &results.passages[0];
    assert!(!p.snippet.matches.is_empty());
    for r in &p.snippet.matches {
        let text = &p.snippet.text[r.clone()];
        assert!(text == "Maßnahme" || text == "Zölle", "{text}");
    }
    assert!(p.snippet.text.chars().count() <= 162);
    let source = fs::read_to_string(l.lib().join("a.md")).unwrap();
    let brief = parse(&source, "a");
    let block = brief.block_text(p.block);
    assert_eq!(p.block_matches.len(), 42);
    assert_eq!(&block[p.block_matches[20].clone()], "Maßnahme");
}

#[test]
fn while_typing_the_last_word_matches_as_a_prefix() {
    let l = two_briefs();
    let index = l.index();
    let options = SearchOptions {
        grouped: false,
        ..SearchOptions::default()
    };
    let typed = index
        .search(&Query::parse_incremental("naval esc"), &options)
        .unwrap();
    assert_eq!(typed.passages.len(), 1);
    assert_eq!(typed.total, Total::Exact(1));
    assert!(passages(&index, "naval esc").is_empty());
}

#[test]
fn fuzzy_title_match_puts_briefs_first() {
    let l = two_briefs();
    let lib = scan(&l.lib(), &ScanOptions::default()).unwrap();
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
    let l = Library::new();
    l.write("a.md", "---\ntitle: Grain corridor\n---\n\nText.\n");
    l.write(
        "b.md",
        "---\ntitle: Growth, regions and aid in Niger\n---\n\nText.\n",
    );
    l.write("c.md", "---\ntitle: Gr\nauthor: Ain\n---\n\nText.\n");
    let lib = scan(&l.lib(), &ScanOptions::default()).unwrap();
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

/// A worker over a library, and its events.
fn worker(l: &Library) -> (SearchWorker, mpsc::Receiver<WorkerEvent>) {
    let lib = scan(&l.lib(), &ScanOptions::default()).unwrap();
    common::search::worker(lib, &l.data())
}

fn request(text: &str) -> SearchRequest {
    SearchRequest {
        text: text.into(),
        incremental: true,
        limit: 10,
        ..SearchRequest::default()
    }
}

#[test]
fn the_worker_indexes_the_library_then_answers_the_newest_query() {
    let l = two_briefs();
    let (worker, rx) = worker(&l);
    let ready = rx
        .iter()
        .find(|e| matches!(e, WorkerEvent::Index(IndexEvent::Ready)));
    assert!(ready.is_some(), "the index is built");
    worker.submit(request("gr"));
    worker.submit(request("gra"));
    let last = worker.submit(request("rice"));
    let mut newest = None;
    while let Ok(e) = rx.recv_timeout(Duration::from_secs(10)) {
        if let WorkerEvent::Results(r) = e
            && worker.is_current(&r)
        {
            newest = Some(r);
            break;
        }
    }
    let newest = newest.expect("an answer to the newest query");
    assert_eq!((newest.generation, newest.text.as_str()), (last, "rice"));
    assert_eq!(newest.results.passages.len(), 1, "one brief: rice.md");
    assert_eq!(
        newest.results.passages[0].entry, 1,
        "its place in the library"
    );
    assert!(newest.indexing.is_none(), "from the whole library");
}
