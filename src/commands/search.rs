//! `brief search QUERY [DIR]`: full-text search across a folder of briefs,
//! one passage a line (`FILE:SECTION:BLOCK: snippet`) or JSON.

use std::path::Path;

use serde::Serialize;

use super::CliError;
use crate::catalogue::ScanOptions;
use crate::document::LoadOptions;
use crate::document::sanitize::sanitize_line;
use crate::notes::store::Store;
use crate::search::{NoteTags, Passage, Query, SearchOptions, Total, scan_and_index};

/// Passages printed at most: enough for a shell pipeline, bounded for a
/// query that matches everything.
const LIMIT: usize = 1_000;

#[derive(Serialize)]
struct Hit<'a> {
    file: String,
    title: String,
    section: usize,
    section_title: String,
    block: usize,
    score: f32,
    snippet: &'a str,
    /// Where the matches are in `snippet`, in characters (Unicode scalar
    /// values, as Python counts them; notes anchors count the same way).
    matches: Vec<std::ops::Range<usize>>,
}

/// Byte ranges in `text` as character ranges.
fn char_ranges(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let at = |byte: usize| text.get(..byte).map_or(0, |s| s.chars().count());
    ranges.iter().map(|r| at(r.start)..at(r.end)).collect()
}

/// What a search prints: the results for stdout, and a note for stderr
/// when there were more than are printed (stdout stays one result a line).
pub struct Found {
    pub output: String,
    pub more: Option<String>,
    /// The briefs and folders that could not be read, so were not
    /// searched: each with its path and why, sanitised, for stderr.
    pub skipped: Vec<String>,
}

/// Why the search left out some of the library, as the library view says
/// it: each brief that could not be read or loaded, each folder that could
/// not be listed.
fn skipped(library: &crate::catalogue::Library) -> Vec<String> {
    let briefs = library
        .entries
        .iter()
        .filter_map(|e| e.error())
        .map(|why| format!("search skipped {}", sanitize_line(why)));
    let folders = library.problems.iter().map(|p| sanitize_line(p));
    briefs.chain(folders).collect()
}

/// Runs a search; `store` (when there is a data folder) supplies note tags
/// for `#tag` and the metadata cache.
pub fn search(
    query: &str,
    dir: &Path,
    data_dir: Option<&Path>,
    json: bool,
) -> Result<Found, CliError> {
    let options = match data_dir {
        Some(d) => ScanOptions::with_cache(d),
        None => ScanOptions::default(),
    };
    let (library, index) =
        scan_and_index(dir, &options).map_err(|e| CliError::Usage(e.to_string()))?;
    let parsed = Query::parse(query);
    if parsed.is_empty() {
        return Err(CliError::Usage(
            "empty query: give words, \"a phrase\", #tag or -word".to_owned(),
        ));
    }
    let tags = data_dir
        .and_then(|d| Store::open_dir(d).ok())
        .map(|store| NoteTags::from_store(&store, &library, LoadOptions::default()));
    let results = index.search(
        &parsed,
        &SearchOptions {
            limit: LIMIT,
            tags: tags.as_ref(),
        },
    );
    let file_of = |p: &Passage| {
        let shown = if p.relative.is_empty() {
            crate::document::load::display_path(&p.path)
        } else {
            p.relative.clone()
        };
        let base = library.dir.join(&p.relative);
        if p.relative.is_empty() || !base.exists() {
            shown
        } else {
            crate::document::load::display_path(&base)
        }
    };
    if json {
        let hits: Vec<Hit<'_>> = results
            .passages
            .iter()
            .map(|p| Hit {
                file: file_of(p),
                title: sanitize_line(&p.title),
                section: p.section_number,
                section_title: sanitize_line(&p.section_title),
                block: p.block_number,
                score: p.score,
                snippet: &p.snippet.text,
                matches: char_ranges(&p.snippet.text, &p.snippet.matches),
            })
            .collect();
        let output = if hits.is_empty() {
            String::new()
        } else {
            serde_json::to_string_pretty(&hits).unwrap_or_default() + "\n"
        };
        return found(output, &results, skipped(&library));
    }
    let mut out = String::new();
    for p in &results.passages {
        out.push_str(&format!(
            "{}:{}:{}: {}\n",
            file_of(p),
            p.section_number,
            p.block_number,
            sanitize_line(&p.snippet.text)
        ));
    }
    found(out, &results, skipped(&library))
}

/// The search's result: no match (exit code 1, as grep) only when nothing
/// matched and nothing was skipped; a brief that could not be read might
/// have matched.
fn found(
    output: String,
    results: &crate::search::SearchResults,
    skipped: Vec<String>,
) -> Result<Found, CliError> {
    if results.passages.is_empty() && skipped.is_empty() {
        return Err(CliError::NoMatch);
    }
    Ok(Found {
        output,
        more: more(results),
        skipped,
    })
}

/// "the first 1000 of 99910 passages" when not all are printed.
fn more(results: &crate::search::SearchResults) -> Option<String> {
    let shown = results.passages.len();
    match results.total {
        Total::Exact(n) if n > shown => Some(format!(
            "the first {shown} of {n} passages; narrow the query to see the others"
        )),
        Total::AtLeast(n) if n > shown => Some(format!(
            "the first {shown} of at least {n} passages; narrow the query to see the others"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::char_ranges;

    #[test]
    fn json_match_offsets_count_characters_not_bytes() {
        let text = "…the grain corridor";
        let start = text.find("grain").expect("in text");
        let found = start..start + 5;
        let ranges = char_ranges(text, std::slice::from_ref(&found));
        assert_eq!(ranges.len(), 1);
        assert_eq!(ranges[0], 5..10);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[5..10].iter().collect::<String>(), "grain");
    }
}
