//! A hit made into a [`Passage`]: the block's text read back from its
//! brief's file ([`super::source`]), its brief's path, title and section
//! title from the brief's own document, where the query's words are in it
//! and the snippet shown.

use std::collections::HashMap;
use std::path::PathBuf;

use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocAddress, DocId, Searcher};

use super::analyze::{Analyzers, unmarked};
use super::collect::Columns;
use super::index::LibraryIndex;
use super::matching::{BlockMatcher, Found, snippet};
use super::query::Query;
use super::rank::Passage;
use super::schema::decode_starts;
use super::source::SourceText;
use crate::document::sanitize::sanitize_line;
use crate::hash::NumberMap;

/// What a passage shows of its brief.
struct BriefText {
    relative: String,
    path: PathBuf,
    title: String,
    headings: Vec<String>,
    /// The first block of each section.
    starts: Vec<u64>,
    /// The file, once a block of it is shown.
    source: Option<SourceText>,
}

impl BriefText {
    /// The section of a block (its index) and the block's number in it.
    fn section_of(&self, block: u64) -> (usize, usize) {
        let section = self
            .starts
            .partition_point(|&s| s <= block)
            .saturating_sub(1);
        let first = self.starts.get(section).copied().unwrap_or(0);
        (section, (block.saturating_sub(first) + 1) as usize)
    }
}

/// Makes passages, reading each brief's titles and file once.
pub(crate) struct Fetcher<'a> {
    index: &'a LibraryIndex,
    searcher: &'a Searcher,
    columns: &'a Columns,
    docs: &'a NumberMap<DocAddress>,
    briefs: HashMap<u64, Option<BriefText>>,
    matcher: BlockMatcher,
    an: Analyzers,
}

impl<'a> Fetcher<'a> {
    pub fn new(
        index: &'a LibraryIndex,
        searcher: &'a Searcher,
        columns: &'a Columns,
        docs: &'a NumberMap<DocAddress>,
        query: &Query,
        mut an: Analyzers,
    ) -> Fetcher<'a> {
        let matcher = BlockMatcher::new(query, &mut an);
        Fetcher {
            index,
            searcher,
            columns,
            docs,
            briefs: HashMap::new(),
            matcher,
            an,
        }
    }

    fn brief(&mut self, num: u64) -> Option<&mut BriefText> {
        if !self.briefs.contains_key(&num) {
            let text = self.read_brief(num);
            self.briefs.insert(num, text);
        }
        self.briefs.get_mut(&num)?.as_mut()
    }

    /// Reads the briefs of a page of results, titles and files, on two
    /// threads: for a long page, reading the files is most of the work.
    pub fn prefetch(&mut self, nums: &[u64]) {
        let todo: Vec<u64> = nums
            .iter()
            .copied()
            .filter(|n| !self.briefs.contains_key(n))
            .collect();
        if todo.len() < PARALLEL_FETCH {
            return;
        }
        let (index, searcher, docs) = (self.index, self.searcher, self.docs);
        let read = |part: &[u64]| -> Vec<(u64, Option<BriefText>)> {
            part.iter()
                .map(|&n| {
                    let text = read_brief(index, searcher, docs, n).map(|mut t| {
                        t.source = Some(SourceText::read(&t.path));
                        t
                    });
                    (n, text)
                })
                .collect()
        };
        let (first, second) = todo.split_at(todo.len() / 2);
        let (mut got, rest) = std::thread::scope(|s| {
            let other = s.spawn(|| read(second));
            (read(first), other.join())
        });
        got.extend(rest.unwrap_or_else(|_| read(second)));
        self.briefs.extend(got);
    }

    fn read_brief(&self, num: u64) -> Option<BriefText> {
        read_brief(self.index, self.searcher, self.docs, num)
    }

    /// The passage of a block document, with what the check found; None
    /// when the check fails (with `all`, unless every word is there).
    pub fn block(
        &mut self,
        seg: usize,
        doc: DocId,
        score: f32,
        all: bool,
    ) -> Option<(Passage, Found)> {
        let place = self.columns.place(seg, doc)?;
        let brief = self.brief(place.num)?;
        let (section, in_section) = brief.section_of(place.at.block as u64);
        let heading = brief.headings.get(section).cloned().unwrap_or_default();
        let path = brief.path.clone();
        let body = brief
            .source
            .get_or_insert_with(|| SourceText::read(&path))
            .block(place.at)?;
        let found = self.check(&body, &heading, all)?;
        let brief = self.brief(place.num)?;
        let passage = Passage {
            entry: 0,
            path: brief.path.clone(),
            relative: sanitize_line(&brief.relative),
            title: sanitize_line(&brief.title),
            section_number: section + 1,
            section_title: sanitize_line(&heading),
            block_number: in_section,
            block: place.at.block,
            score,
            snippet: snippet(&body, &found.ranges),
            block_matches: found.ranges.clone(),
            more: 0,
            text: body,
        };
        Some((passage, found))
    }

    /// The check of a block's text, its section title counting too (a
    /// block is found by the words of its heading); the ranges are in the
    /// text.
    fn check(&mut self, body: &str, heading: &str, all: bool) -> Option<Found> {
        if let Some(found) = self.matcher.check(&mut self.an, body, all) {
            return Some(found);
        }
        let joined = format!("{heading}\n{body}");
        let mut found = self.matcher.check(&mut self.an, &joined, all)?;
        let shift = heading.len() + 1;
        found.ranges = found
            .ranges
            .into_iter()
            .filter(|r| r.start >= shift)
            .map(|r| r.start - shift..r.end - shift)
            .collect();
        Some(found)
    }

    /// A passage for a brief found by its title, headings or metadata
    /// alone: the title, or the heading that matches best, as the snippet,
    /// leading to the first block of its section.
    pub fn title(&mut self, num: u64, score: f32) -> Option<(Passage, Found)> {
        let brief = self.brief(num)?;
        let (title, headings) = (brief.title.clone(), brief.headings.clone());
        let (relative, path) = (brief.relative.clone(), brief.path.clone());
        let starts = brief.starts.clone();
        // The title is shown with the first section; a heading with its own.
        let lines = std::iter::once((0, &title)).chain(headings.iter().enumerate());
        let mut best: Option<(usize, &String, Found)> = None;
        for (section, line) in lines {
            if let Some(found) = self.matcher.check(&mut self.an, line, false)
                && best.as_ref().is_none_or(|b| found.clauses > b.2.clauses)
            {
                best = Some((section, line, found));
            }
        }
        let (section, line, found) = match best {
            Some(b) => b,
            None => (
                0,
                &title,
                Found {
                    ranges: Vec::new(),
                    exact: false,
                    clauses: 0,
                },
            ),
        };
        let block = starts.get(section).copied().unwrap_or(0);
        let is_heading = !std::ptr::eq(line, &title);
        let line = line.clone();
        // A heading leads to its section's text: the first block shows.
        let shown = match self.brief(num) {
            Some(b) if is_heading && starts.get(section + 1).is_none_or(|&next| next > block) => b
                .source
                .get_or_insert_with(|| SourceText::read(&path))
                .block_by_id(usize::try_from(block).unwrap_or(usize::MAX)),
            _ => None,
        };
        let snippet = match &shown {
            Some(text) => snippet(text, &[]),
            None => snippet(&line, &found.ranges),
        };
        let passage = Passage {
            entry: 0,
            path,
            relative: sanitize_line(&relative),
            title: sanitize_line(&title),
            section_number: section + 1,
            section_title: sanitize_line(headings.get(section).map_or("", String::as_str)),
            block_number: 1,
            block: usize::try_from(block).unwrap_or(0),
            score,
            snippet,
            block_matches: Vec::new(),
            more: 0,
            text: String::new(),
        };
        Some((passage, found))
    }
}

/// Briefs on a page from which their files are read on two threads.
const PARALLEL_FETCH: usize = 64;

/// What a brief's own document says for its passages.
fn read_brief(
    index: &LibraryIndex,
    searcher: &Searcher,
    docs: &NumberMap<DocAddress>,
    num: u64,
) -> Option<BriefText> {
    let address = docs.get(&num)?;
    let doc: TantivyDocument = searcher.doc(*address).ok()?;
    let f = &index.fields;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str().map(|s| unmarked(s).to_owned()))
            .unwrap_or_default()
    };
    let title = text(f.title);
    let headings = text(f.headings);
    let relative = text(f.path);
    Some(BriefText {
        path: index.dir.join(&relative),
        relative,
        title: title.lines().next().unwrap_or_default().to_owned(),
        headings: headings.split('\n').map(str::to_owned).collect(),
        starts: doc
            .get_first(f.starts)
            .and_then(|v| v.as_bytes())
            .map_or_else(Vec::new, decode_starts),
        source: None,
    })
}
