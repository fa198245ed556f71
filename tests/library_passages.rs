//! Search passages in the library as the reader sees them: each over two
//! rows with its first match near the middle, and the selected one's whole
//! paragraph in the preview, taken from the search result itself.

mod common;

use brief::app::App;
use brief::app::msg::{Msg, Scanned};
use brief::catalogue::{ScanOptions, scan};
use brief::search::SearchResponse;
use common::search::{Library, run};
use common::tui::{library_at, press, screen, type_text};

const REUSE: &str = "---
title: Code Reuse Across Agencies
date: 2026-01-12
author: Digital Policy Unit
---
## Findings

Agencies commission the same case-tracking, payments and licensing systems again \
and again, each paying a vendor to build what a neighbouring department already \
owns, because nothing obliges them to look first and no register says what exists. \
Publishing new custom code as open source would let the next agency start from \
working software instead of a blank contract, and would let outside reviewers find \
faults before they reach the public.

## Costs

Maintaining code in public costs staff time: reviewing outside contributions, \
answering questions and keeping dependencies current.
";

const PROCUREMENT: &str = "---
title: Procurement Rules for Software
date: 2026-03-02
author: Commercial Directorate
---
## Background

Framework contracts still assume software is bought as a licence per seat. Open \
source components arrive inside almost every bid, usually unlisted.

## Options

Require every bid to list its open source components with their licences, so that \
obligations are known before award rather than discovered during an audit years \
later when the supplier has moved on and the documentation is lost.
";

/// The library of two briefs searched for `query`, the results answered
/// by a real index as the search worker would, the first passage chosen.
fn searched(width: u16, height: u16, query: &str) -> App {
    let l = Library::new();
    l.write("reuse.md", REUSE);
    l.write("procurement.md", PROCUREMENT);
    let library = scan(&l.lib(), &ScanOptions::default()).expect("scan");
    let mut results = run(&l.index(), query, true, None);
    for p in &mut results.passages {
        p.entry = library
            .entries
            .iter()
            .position(|e| e.relative == p.relative)
            .expect("the passage's brief is listed");
    }
    let scanned = Scanned {
        library,
        progress: Default::default(),
        updated: Default::default(),
        notes: Default::default(),
    };
    let mut app = library_at(&l.lib(), scanned, width, height);
    press(&mut app, &["/"]);
    type_text(&mut app, query);
    app.update(Msg::SearchResults(SearchResponse {
        generation: 1,
        text: query.into(),
        results,
        indexing: None,
    }));
    press(&mut app, &["enter"]);
    let titles = app
        .library()
        .and_then(|l| l.search.as_ref())
        .map_or(0, |s| s.briefs.len());
    for _ in 0..titles {
        press(&mut app, &["down"]);
    }
    app
}

#[test]
fn passages_over_two_rows_and_in_context_120x40() {
    let app = searched(120, 40, "open source");
    let shown = screen(&app);
    // The second row of the passage carries on its text.
    assert!(shown.contains("▌ licence per seat. Open source"), "{shown}");
    // The preview shows the whole paragraph, not the brief's outline.
    assert!(
        shown.contains("│ Framework contracts still assume"),
        "{shown}"
    );
    assert!(shown.contains("every bid, usually unlisted."), "{shown}");
    assert!(!shown.contains("Sections"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn passages_over_two_rows_without_a_preview_80x24() {
    let app = searched(80, 24, "open source");
    let shown = screen(&app);
    insta::assert_snapshot!(shown);
}

#[test]
fn moving_through_passages_keeps_the_selected_one_whole_on_screen() {
    // Eight rows of list: title line, search line, then passages.
    let mut app = searched(80, 10, "open source");
    for _ in 0..4 {
        press(&mut app, &["down"]);
        let shown = screen(&app);
        let lines: Vec<&str> = shown.lines().collect();
        let marked = lines.iter().filter(|l| l.contains('▌')).count();
        let rows = app
            .library()
            .and_then(|l| l.selected_row())
            .map_or(0, |r| r.height());
        assert_eq!(marked, rows, "the selected row whole: {shown}");
    }
}
