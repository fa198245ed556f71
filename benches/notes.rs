//! Criterion benchmarks for notes: saving a brief's notes file with 1,000
//! notes, and what 1,000 notes add to opening a brief (reading the file and
//! placing every note on the brief).
//!
//! ```text
//! cargo bench --bench notes
//! ```
//! Targets (issue 3): a save under 5 ms; opening adds under 20 ms. Since
//! issue 11 saves run on the store thread, off the screen's. Team notes
//! (issue 16): reading a brief's team folder at its cap (10,000 notes) runs
//! on the watch's thread; placing them runs on the screen's, at each change.

#[path = "gen/mod.rs"]
mod generator;

use std::hint::black_box;
use std::time::Duration;

use brief::document::parse;
use brief::notes::anchor::fingerprint;
use brief::notes::store::{Header, Store};
use brief::notes::{Note, anchor_for, place_notes};
use criterion::Criterion;

const NOTES: usize = 1_000;

fn main() {
    let mut c = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();

    // A 1 MB brief has thousands of blocks: spread 1,000 notes over them.
    let text = generator::brief(1024 * 1024, 7);
    let brief = parse(&text, "bench");
    let fp = fingerprint(&brief);
    let step = (brief.blocks.len() / NOTES).max(1);
    let notes: Vec<Note> = (0..NOTES)
        .map(|i| {
            let block = (i * step) % brief.blocks.len();
            let mut n = Note::new(
                anchor_for(&brief, block),
                format!("Note {i}: check the figures\nagainst the second source."),
                vec!["bench".into(), format!("tag{}", i % 17)],
            );
            n.id = format!("n{i:06}");
            n
        })
        .collect();

    let dir = std::env::temp_dir().join(format!("brief-bench-notes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open_dir(&dir).expect("bench data dir");
    let brief_path = dir.join("bench.md");
    std::fs::write(&brief_path, &text).expect("write bench brief");
    let header = Header::new(Some(&brief_path), &brief.title, &fp);
    let mut file = store
        .open_brief(Some(&brief_path), &brief.title, &fp)
        .expect("open notes");
    file.notes = notes.clone();
    file.save(header.clone()).expect("first save");

    c.bench_function("notes/save_1000", |b| {
        b.iter(|| {
            file.save(header.clone()).expect("save");
        })
    });

    c.bench_function("notes/open_and_place_1000", |b| {
        b.iter(|| {
            let opened = store
                .open_brief(Some(&brief_path), &brief.title, &fp)
                .expect("open notes");
            black_box(place_notes(&brief, &opened.notes));
        })
    });

    // What recognises a brief after a move or an edit: computed for every
    // brief opened, so it must stay small next to the parse.
    let big = parse(&generator::brief(10 * 1024 * 1024, 11), "big");
    c.bench_function("notes/identity_10MB", |b| {
        b.iter(|| black_box(brief::notes::identity::Identity::of(&big)))
    });

    // Colleagues' notes at their cap: two authors with 5,000 notes each.
    let team_dir = dir.join("team");
    std::fs::create_dir_all(&team_dir).expect("team folder");
    let team = brief::notes::team::Team {
        folder: team_dir,
        author: "Bench".into(),
        share_new: false,
    };
    let header = Header::for_brief(Some(&brief_path), &brief);
    for author in ["Ann Ortiz", "Ben Okafor"] {
        let mine: Vec<Note> = (0..5_000)
            .map(|i| {
                let block = (i * 7) % brief.blocks.len();
                let mut n = Note::new(anchor_for(&brief, block), format!("{author} {i}"), vec![]);
                n.shared = true;
                n.id = format!("n{i}-{}", brief::notes::team::author_slug(author));
                n
            })
            .collect();
        let team = brief::notes::team::Team {
            author: author.into(),
            ..team.clone()
        };
        brief::notes::team::publish(&team, &header, &[], &mine).expect("publish");
    }
    c.bench_function("team/read_10000", |b| {
        b.iter(|| black_box(brief::notes::team::read_brief(&team, &header)))
    });
    let read = brief::notes::team::read_brief(&team, &header);
    assert_eq!(read.notes.len(), 10_000, "{:?}", read.problems);
    c.bench_function("team/place_10000", |b| {
        b.iter(|| black_box(place_notes(&brief, &read.notes)))
    });

    c.final_summary();
    let _ = std::fs::remove_dir_all(&dir);
}
