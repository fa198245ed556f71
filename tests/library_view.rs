//! The library list as the reader sees it at several widths: which
//! columns show, with a header naming them, lined up on every row.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use brief::app::App;
use brief::app::msg::Scanned;
use brief::reading::Progress;
use common::tui::{library_at, press, screen};

const PORTS: &str = "---
title: Port Security in the Baltic Approaches
date: 2026-02-14
author: Maritime Security Unit
classification: OFFICIAL-SENSITIVE
tags: [ports, baltic, inspections]
summary: Inspection capacity has not kept pace with traffic.
---
## Key judgments

Inspection teams were sized for half today's traffic.

## Background

The eastern terminal doubled its quays and runs around the clock.

## Options

Add a night shift, or move inspections upstream.
";

const GRAIN: &str = "---
title: Grain Corridor Under Strain
date: 2026-05-01
author: Trade Desk
classification: OFFICIAL
tags: [grain, sanctions]
summary: Insurers are leaving the corridor.
---
## Key judgments

Insurers withdrew cover after the strikes.

## Options

Convoys need escorts.
";

const CABLES: &str = "---
title: 海底ケーブルの保護に関する覚書
date: 2026-03-20
author: 東京分析室
tags: [cables]
---
## 概要

Repair ships are few and slow to arrive.
";

const NOTE: &str = "---
title: Weekly Note
date: 2026-04-03
---
Nothing new this week.
";

/// The library of a folder of four briefs, scanned without a cache, with
/// some reading progress and notes, as the app shows it.
fn library_app(tag: &str, width: u16, height: u16) -> (App, PathBuf) {
    // A fixed name: the title row shows the folder, and snapshots must not
    // change with the process id.
    let dir = std::env::temp_dir().join(format!("brief-library-view-{tag}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, text) in [
        ("ports.md", PORTS),
        ("grain.md", GRAIN),
        ("cables.md", CABLES),
        ("note.md", NOTE),
    ] {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let library =
        brief::catalogue::scan(&dir, &brief::catalogue::ScanOptions::default()).expect("scan");
    let path_of = |name: &str| {
        library
            .entries
            .iter()
            .find(|e| e.relative == name)
            .map(|e| e.canonical.clone())
            .expect("brief listed")
    };
    let progress = HashMap::from([
        (path_of("ports.md"), Progress::Partial(40)),
        (path_of("grain.md"), Progress::Read),
        (path_of("cables.md"), Progress::Read),
    ]);
    let updated = HashSet::from([path_of("cables.md")]);
    let notes = HashMap::from([(path_of("ports.md"), 3), (path_of("grain.md"), 12)]);
    let scanned = Scanned {
        library,
        progress,
        updated,
        notes,
    };
    (library_at(&dir, scanned, width, height), dir)
}

fn shown(tag: &str, width: u16, height: u16) -> String {
    let (app, dir) = library_app(tag, width, height);
    let screen = screen(&app);
    let _ = std::fs::remove_dir_all(&dir);
    screen
}

/// The list part of each screen line (left of the preview's border).
fn list_lines(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .split('│')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// The display column at which `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> Option<usize> {
    let at = line.find(needle)?;
    Some(unicode_width::UnicodeWidthStr::width(&line[..at]))
}

#[test]
fn wide_library_shows_every_column_200x30() {
    let screen = shown("wide", 200, 30);
    let header = &list_lines(&screen)[1];
    for name in [
        "Title",
        "Author",
        "Classification",
        "Tags",
        "Date",
        "Sect",
        "Words",
        "Time",
        "Notes",
        "Progress",
    ] {
        assert!(header.contains(name), "{name} missing: {screen}");
    }
    assert!(screen.contains("Maritime Security"), "{screen}");
    assert!(screen.contains("OFFICIAL-SENSITIVE"), "{screen}");
    assert!(screen.contains("#grain #sanctions"), "{screen}");
    assert!(
        screen.contains("2 sections"),
        "preview counts sections: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn medium_library_120x30() {
    let screen = shown("medium", 120, 30);
    insta::assert_snapshot!(screen);
}

#[test]
fn narrow_library_without_a_preview_80x24() {
    let screen = shown("narrow", 80, 24);
    let lines = list_lines(&screen);
    let header = &lines[1];
    for name in ["Title", "Date", "Progress"] {
        assert!(header.contains(name), "{name} missing: {screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn columns_line_up_on_every_row_whatever_the_script() {
    for (tag, width, height) in [
        ("align-a", 200, 30),
        ("align-b", 120, 30),
        ("align-c", 80, 24),
    ] {
        let screen = shown(tag, width, height);
        let lines = list_lines(&screen);
        let header = &lines[1];
        let date = column_of(header, "Date").expect("date column");
        let progress = column_of(header, "Progress").expect("progress column");
        // Four briefs, one row each, under the header.
        for row in &lines[2..6] {
            let d = ["2026-05-01", "2026-04-03", "2026-03-20", "2026-02-14"]
                .iter()
                .find_map(|d| column_of(row, d))
                .unwrap_or_else(|| panic!("a date on {row:?}\n{screen}"));
            assert_eq!(d, date, "date under its header at {width}: {screen}");
            // "unread" before "read", which it holds.
            let p = ["unread", "updated", "40%", "read"]
                .iter()
                .find_map(|p| column_of(row, p))
                .unwrap_or_else(|| panic!("a progress on {row:?}\n{screen}"));
            assert_eq!(
                p, progress,
                "progress under its header at {width}: {screen}"
            );
        }
    }
}

#[test]
fn the_selection_stays_on_screen_in_a_short_window() {
    let (mut app, dir) = library_app("short", 80, 6);
    press(&mut app, &["j", "j", "j"]);
    let screen = screen(&app);
    let _ = std::fs::remove_dir_all(&dir);
    // Newest first: the last brief is the oldest, ports.
    assert!(screen.contains("▌ Port Security"), "{screen}");
    assert!(screen.contains("Title"), "header kept: {screen}");
}
