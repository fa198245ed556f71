//! `brief search QUERY [DIR]`: full-text search across a folder of briefs,
//! one brief a line, by its best passage (`FILE:SECTION:BLOCK: snippet`,
//! and how many more of its passages match), every passage with
//! `--passages`, or JSON. The library's index is brought up to date first.

use std::path::Path;

use serde::Serialize;

use super::CliError;
use crate::document::LoadOptions;
use crate::document::sanitize::sanitize_line;
use crate::notes::store::Store;
use crate::search::{NoteTags, Passage, Query, SearchOptions, Total};

/// Results printed at most unless `--limit` says otherwise: enough for a
/// shell pipeline, bounded for a query that matches everything.
pub const LIMIT: usize = 1_000;

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
    /// Other passages of the same brief that match (grouped results).
    more: usize,
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
    /// What to tell the reader that leaves nothing out (the index was
    /// rebuilt): for stderr.
    pub notices: Vec<String>,
}

/// How to search from the command line.
#[derive(Debug, Clone, Copy)]
pub struct SearchArgs {
    pub json: bool,
    /// Every matching passage, not one per brief.
    pub passages: bool,
    /// Results printed at most.
    pub limit: usize,
    /// Answer from the index as last brought up to date, without looking
    /// for briefs added, changed or removed since.
    pub cached: bool,
}

impl Default for SearchArgs {
    fn default() -> Self {
        SearchArgs {
            json: false,
            passages: false,
            limit: LIMIT,
            cached: false,
        }
    }
}

/// Runs a search; `data_dir` (when there is one) keeps the index and
/// supplies note tags for `#tag`.
pub fn search(
    query: &str,
    dir: &Path,
    data_dir: Option<&Path>,
    args: SearchArgs,
) -> Result<Found, CliError> {
    let parsed = Query::parse(query);
    if parsed.is_empty() {
        return Err(CliError::Usage(
            "empty query: give words, \"a phrase\", #tag or -word".to_owned(),
        ));
    }
    let tags = match (data_dir, std::fs::canonicalize(dir)) {
        (Some(d), Ok(root)) if has_tags(&parsed) => note_tags(&root, d),
        _ => None,
    };
    let options = SearchOptions {
        limit: args.limit,
        tags: tags.as_ref(),
        grouped: !args.passages,
    };
    let work = |index: &crate::search::LibraryIndex| index.search(&parsed, &options);
    let (current, results) = if args.cached {
        super::index::cached_then(dir, data_dir, work)?
    } else {
        super::index::current_then(dir, data_dir, false, work)?
    };
    let results = results.map_err(|e| CliError::Usage(e.to_string()))?;
    let file_of = |p: &Passage| {
        if p.relative.is_empty() || !p.path.exists() {
            p.relative.clone()
        } else {
            crate::document::load::display_path(&p.path)
        }
    };
    let output = if args.json {
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
                more: p.more,
            })
            .collect();
        if hits.is_empty() {
            String::new()
        } else {
            serde_json::to_string_pretty(&hits).unwrap_or_default() + "\n"
        }
    } else {
        let mut out = String::new();
        for p in &results.passages {
            let more = match p.more {
                0 => String::new(),
                n => format!("  (+{n} more in this brief)"),
            };
            out.push_str(&format!(
                "{}:{}:{}: {}{more}\n",
                file_of(p),
                p.section_number,
                p.block_number,
                sanitize_line(&p.snippet.text)
            ));
        }
        out
    };
    let mut found = found(output, &results, current.skipped, !args.passages)?;
    found.notices = current.notices;
    Ok(found)
}

fn has_tags(query: &Query) -> bool {
    query
        .clauses
        .iter()
        .any(|c| matches!(c.kind, crate::search::ClauseKind::Tag(_)))
}

/// The note tags of the briefs under the library's folder (read only for
/// a `#tag` query).
fn note_tags(root: &Path, data_dir: &Path) -> Option<NoteTags> {
    let store = Store::open_dir(data_dir).ok()?;
    Some(NoteTags::from_store(&store, root, LoadOptions::default()))
}

/// The search's result: no match (exit code 1, as grep) only when nothing
/// matched and nothing was skipped; a brief that could not be read might
/// have matched.
fn found(
    output: String,
    results: &crate::search::SearchResults,
    skipped: Vec<String>,
    grouped: bool,
) -> Result<Found, CliError> {
    if results.passages.is_empty() && skipped.is_empty() {
        return Err(CliError::NoMatch);
    }
    Ok(Found {
        output,
        more: more(results, if grouped { "briefs" } else { "passages" }),
        skipped,
        notices: Vec::new(),
    })
}

/// "the first 1000 of 9910 briefs" when not all are printed.
fn more(results: &crate::search::SearchResults, what: &str) -> Option<String> {
    let shown = results.passages.len();
    match results.total {
        Total::Exact(n) if n > shown => Some(format!(
            "the first {shown} of {n} {what}; narrow the query or raise --limit to see the others"
        )),
        Total::AtLeast(n) if n > shown => Some(format!(
            "the first {shown} of at least {n} {what}; narrow the query or raise --limit to see \
             the others"
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
