//! A hit made into a [`Passage`]: the block's text from the index's store,
//! its brief's path, title and section title, where the query's words are
//! in it and the snippet shown.

use std::collections::HashMap;
use std::path::Path;

use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocAddress, DocId, Searcher};

use super::analyze::{Analyzers, unmarked};
use super::collect::Columns;
use super::index::LibraryIndex;
use super::matching::{BlockMatcher, Found, snippet};
use super::query::Query;
use super::rank::Passage;
use crate::document::sanitize::sanitize_line;

/// What a passage shows of its brief.
struct BriefText {
    relative: String,
    title: String,
    headings: Vec<String>,
}

/// Makes passages, reading each brief's titles once.
pub(crate) struct Fetcher<'a> {
    index: &'a LibraryIndex,
    searcher: &'a Searcher,
    columns: &'a Columns,
    docs: HashMap<u64, DocAddress>,
    briefs: HashMap<u64, Option<BriefText>>,
    matcher: BlockMatcher,
    an: Analyzers,
}

impl<'a> Fetcher<'a> {
    pub fn new(
        index: &'a LibraryIndex,
        searcher: &'a Searcher,
        columns: &'a Columns,
        docs: HashMap<u64, DocAddress>,
        query: &Query,
    ) -> Fetcher<'a> {
        let mut an = Analyzers::default();
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

    fn brief(&mut self, key: u64) -> Option<&BriefText> {
        if !self.briefs.contains_key(&key) {
            let text = self.read_brief(key);
            self.briefs.insert(key, text);
        }
        self.briefs.get(&key)?.as_ref()
    }

    fn read_brief(&self, key: u64) -> Option<BriefText> {
        let address = self.docs.get(&key)?;
        let doc: TantivyDocument = self.searcher.doc(*address).ok()?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(|s| unmarked(s).to_owned()))
                .unwrap_or_default()
        };
        let title = text(self.index.fields.title);
        let headings = text(self.index.fields.headings);
        Some(BriefText {
            relative: text(self.index.fields.path),
            title: title.lines().next().unwrap_or_default().to_owned(),
            headings: headings.split('\n').map(str::to_owned).collect(),
        })
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
        let place = self.columns.place(seg, doc);
        let stored: TantivyDocument = self.searcher.doc(DocAddress::new(seg as u32, doc)).ok()?;
        let body = stored
            .get_first(self.index.fields.body)
            .and_then(|v| v.as_str())
            .map(|s| unmarked(s).to_owned())
            .unwrap_or_default();
        let dir = self.index.dir.clone();
        let section = place.section_no as usize;
        let heading = self
            .brief(place.key)?
            .headings
            .get(section)
            .cloned()
            .unwrap_or_default();
        let found = self.check(&body, &heading, all)?;
        let brief = self.brief(place.key)?;
        let passage = Passage {
            entry: 0,
            path: dir.join(Path::new(&brief.relative)),
            relative: sanitize_line(&brief.relative),
            title: sanitize_line(&brief.title),
            section_number: section + 1,
            section_title: sanitize_line(&heading),
            block_number: place.in_section as usize,
            block: place.block as usize,
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
    /// alone: its first block, with the title (or the heading that
    /// matches) as the snippet.
    pub fn title(&mut self, key: u64, score: f32) -> Option<(Passage, Found)> {
        let dir = self.index.dir.clone();
        let brief = self.brief(key)?;
        let (title, headings) = (brief.title.clone(), brief.headings.clone());
        let relative = brief.relative.clone();
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
        let passage = Passage {
            entry: 0,
            path: dir.join(Path::new(&relative)),
            relative: sanitize_line(&relative),
            title: sanitize_line(&title),
            section_number: section + 1,
            section_title: sanitize_line(headings.get(section).map_or("", String::as_str)),
            block_number: 1,
            block: 0,
            score,
            snippet: snippet(line, &found.ranges),
            block_matches: Vec::new(),
            more: 0,
            text: String::new(),
        };
        Some((passage, found))
    }
}
