//! Criterion benchmarks for the search index at 10,000 briefs (issue 13):
//! a library of generated briefs of ~50 KB (about 540 MB) is written to
//! its own temp folder, indexed once (the first build is timed and printed
//! with the index's size, not sampled: it takes seconds), then sampled:
//! - a page of results as the library's prompt asks for them, for a rare
//!   word, a common word, two words, a phrase and a word being typed;
//! - the flat list of passages for a common phrase;
//! - editing one brief: re-indexed, committed and searchable.
//!
//! ```text
//! cargo bench --bench index                  # about 2 minutes, 1.1 GB of disk
//! ```
//!
//! Targets (release, 2 cores): first build <= 20 s; a page of results per
//! keystroke <= 30 ms; one edited brief searchable within 1 s.

#[path = "gen/mod.rs"]
mod generator;

use std::fs;
use std::hint::black_box;
use std::time::{Duration, Instant};

use brief::catalogue::{ScanOptions, list, scan};
use brief::search::{LibraryIndex, Plan, Query, SearchOptions, SourceFile, source_files};
use criterion::Criterion;

const BRIEFS: usize = 10_000;
/// Results the library's prompt asks for per keystroke.
const PAGE: usize = 60;

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let library = generator::temp_library(BRIEFS).expect("write the generated library");
    let data = tempfile::tempdir().expect("a data folder");
    let listed = scan(&library.dir, &ScanOptions::default()).expect("scan");
    let files = source_files(&listed);
    let text: u64 = files.iter().map(|f| f.stamp.size).sum();
    let index = LibraryIndex::open(Some(data.path()), &listed.dir, &listed.root)
        .expect("open the index")
        .index;
    let start = Instant::now();
    update(&index, &files);
    eprintln!(
        "first build of {BRIEFS} briefs ({} MB of text): {:.1} s, {} MB on disk ({}% of the text)",
        text / 1_000_000,
        start.elapsed().as_secs_f64(),
        index.size_on_disk() / 1_000_000,
        index.size_on_disk() * 100 / text.max(1)
    );
    bench_search(&mut c, &index);
    bench_edit(&mut c, &index, &files);
    c.final_summary();
}

/// The folder's files as `brief search` lists them: walked, not read.
fn listing(index: &LibraryIndex) -> Vec<SourceFile> {
    SourceFile::from_listing(list(&index.dir).expect("list").files).0
}

fn update(index: &LibraryIndex, files: &[SourceFile]) {
    let plan = Plan::new(&index.manifest().expect("manifest"), files);
    index
        .update(files, &plan, Default::default(), &mut |_| {}, &|| false)
        .expect("index");
}

/// Queries over the generator's vocabulary; `typing` ones are parsed as
/// the prompt parses them while a word is being typed.
const QUERIES: [(&str, &str, bool, bool); 7] = [
    ("rare_word", "1528", false, true),
    ("common_word", "treasury", false, true),
    ("two_words", "fiscal safeguarding", false, true),
    ("phrase", "\"the ministry should\"", false, true),
    ("case", "Treasury", false, true),
    ("typing", "regulator sus", true, true),
    ("phrase_flat", "\"the ministry should\"", false, false),
];

fn bench_search(c: &mut Criterion, index: &LibraryIndex) {
    let mut group = c.benchmark_group("search_10000");
    for (name, text, typing, grouped) in QUERIES {
        let query = if typing {
            Query::parse_incremental(text)
        } else {
            Query::parse(text)
        };
        let options = SearchOptions {
            limit: PAGE,
            tags: None,
            grouped,
        };
        let first = index.search(&query, &options).expect("search");
        assert!(!first.passages.is_empty(), "{text} finds passages");
        group.bench_function(name, |b| {
            b.iter(|| index.search(black_box(&query), &options))
        });
    }
    group.finish();
}

/// One brief edited: read again, re-indexed, committed, and found.
fn bench_edit(c: &mut Criterion, index: &LibraryIndex, files: &[SourceFile]) {
    let target = &files[files.len() / 2];
    let original = fs::read_to_string(&target.path).expect("a brief");
    let mut round = 0u64;
    c.bench_function("edit_one_of_10000", |b| {
        b.iter(|| {
            round += 1;
            let word = format!("zebra{round}");
            fs::write(&target.path, format!("{original}\n\nA {word} appears.\n")).expect("edit");
            update(index, &listing(index));
            let found = index
                .search(&Query::parse(&word), &SearchOptions::default())
                .expect("search");
            assert_eq!(found.passages.len(), 1);
        })
    });
    fs::write(&target.path, original).expect("restore");
}
