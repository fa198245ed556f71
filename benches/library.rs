//! Criterion benchmarks for the library (issue 4): listing 1,000 generated
//! briefs of ~50 KB cold (no cache: every brief read, the cache written)
//! and warm (the cache read, no brief read), building the search index on
//! disk, and the first page of full-text results (one per brief).
//!
//! ```text
//! cargo bench --bench library                # everything, about 1.5 minutes
//! cargo bench --bench library -- search/     # one group
//! ```
//!
//! Targets (release): the list under 300 ms cold and 100 ms warm; the
//! first page of a search under 150 ms. The library is written to a temp
//! folder once (a few seconds) and removed at the end; the index's size on
//! disk is printed to stderr.

#[path = "gen/mod.rs"]
mod generator;

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use brief::catalogue::{Library, ScanOptions, cache_path, scan};
use brief::search::{LibraryIndex, Plan, Query, SearchOptions, index_path, source_files};
use criterion::{BatchSize, Criterion, SamplingMode};

const BRIEFS: usize = 1_000;
/// Results on a page of the library prompt.
const PAGE: usize = 50;

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();

    let library = generator::temp_library(BRIEFS).expect("write the generated library");
    let data = tempfile::tempdir().expect("a data folder");
    let options = ScanOptions::with_cache(data.path());

    bench_scan(&mut c, &library.dir, &options);
    let listed = scan(&library.dir, &options).expect("scan");
    assert_eq!(listed.entries.len(), BRIEFS);
    assert!(listed.entries.iter().all(|e| e.info().is_some()));
    let index = bench_index(&mut c, &listed, &options);
    bench_search(&mut c, &index);
    c.final_summary();
}

fn bench_scan(c: &mut Criterion, dir: &Path, options: &ScanOptions) {
    let mut group = c.benchmark_group("scan");
    group.sampling_mode(SamplingMode::Flat);
    let root = fs::canonicalize(dir).expect("library folder");
    let data = options.data_dir.clone().expect("a data folder");
    let cache = cache_path(&data, &root);
    group.bench_function("cold_1000", |b| {
        b.iter_batched(
            || {
                let _ = fs::remove_file(&cache);
            },
            |()| {
                let lib = scan(black_box(dir), options).expect("scan");
                assert_eq!(lib.stats.parsed, BRIEFS);
                lib
            },
            BatchSize::PerIteration,
        )
    });
    scan(dir, options).expect("scan");
    group.bench_function("warm_1000", |b| {
        b.iter(|| {
            let lib = scan(black_box(dir), options).expect("scan");
            assert_eq!(lib.stats.parsed, 0);
            lib
        })
    });
    group.finish();
}

fn bench_index(c: &mut Criterion, library: &Library, options: &ScanOptions) -> LibraryIndex {
    let files = source_files(library);
    let data = options.data_dir.clone().expect("a data folder");
    let build = || {
        let location = index_path(&data, &library.root);
        let _ = fs::remove_dir_all(&location);
        let index = LibraryIndex::open(Some(&data), &library.dir, &library.root)
            .expect("open the index")
            .index;
        let plan = Plan::new(&index.manifest().expect("manifest"), &files);
        index
            .update(&files, &plan, options.load, &mut |_| {}, &|| false)
            .expect("index");
        index
    };
    let index = build();
    eprintln!(
        "index of {} briefs: {} MB on disk",
        files.len(),
        index.size_on_disk() / 1_000_000
    );
    let mut group = c.benchmark_group("index");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("build_1000", |b| b.iter(build));
    group.finish();
    build()
}

/// Queries of each kind over the generated vocabulary; `typing` ones are
/// parsed as the prompt parses them while a word is being typed.
const QUERIES: [(&str, &str, bool); 7] = [
    ("word", "treasury", false),
    ("common_word", "the", false),
    ("two_words", "fiscal safeguarding", false),
    ("phrase", "\"the ministry should\"", false),
    ("exclude", "treasury -fiscal", false),
    ("case", "Treasury", false),
    ("typing", "regulator sus", true),
];

fn bench_search(c: &mut Criterion, index: &LibraryIndex) {
    let mut group = c.benchmark_group("search");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(2));
    let options = SearchOptions {
        limit: PAGE,
        tags: None,
        grouped: true,
    };
    for (name, text, typing) in QUERIES {
        let query = if typing {
            Query::parse_incremental(text)
        } else {
            Query::parse(text)
        };
        let first = index.search(&query, &options).expect("search");
        assert!(!first.passages.is_empty(), "{text} finds passages");
        group.bench_function(name, |b| {
            b.iter(|| index.search(black_box(&query), &options))
        });
    }
    group.finish();
}
