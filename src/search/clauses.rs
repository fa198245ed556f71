//! One query clause as a tantivy query over every field that can hold it:
//! a block's text, a brief's title, headings and metadata (each weighted),
//! with the word's English and French stems.
//! While typing, the last word also matches the words it starts.
//! `#tag` finds the blocks carrying a note with the tag.

use std::collections::{HashMap, HashSet};

use tantivy::query::Bm25StatisticsProvider;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::analyze::{Analyzers, Lang};
use super::collect::{AllHits, Columns, Hits};
use super::index::{IndexError, LibraryIndex};
use super::manifest::key_of;
use super::query::{Clause, ClauseKind};
use super::schema::{BRIEF_DOC, Fields};
use super::tags::NoteTags;

/// How much a match in each field weighs against one in a block's text.
const TITLE: f32 = 2.0;
const HEADINGS: f32 = 1.2;
const META: f32 = 0.8;
/// A typed prefix matches at most this many words (the most frequent).
const MAX_EXPANSIONS: usize = 64;
/// Prefixes shorter than this match as whole words.
const MIN_PREFIX_CHARS: usize = 2;
/// The score a block gets for carrying a tag.
const TAG_SCORE: f32 = 1.0;

impl LibraryIndex {
    fn weighted(&self) -> [(Field, f32); 4] {
        let f = &self.fields;
        [
            (f.body, 1.0),
            (f.title, TITLE),
            (f.headings, HEADINGS),
            (f.meta, META),
        ]
    }

    /// Every document a clause matches, with its score.
    pub(crate) fn clause_hits(
        &self,
        searcher: &Searcher,
        columns: &Columns,
        an: &mut Analyzers,
        clause: &Clause,
        tags: Option<&NoteTags>,
    ) -> Result<Hits, IndexError> {
        let query: Box<dyn Query> = match &clause.kind {
            ClauseKind::Tag(tag) => return self.tag_hits(searcher, columns, tag, tags),
            ClauseKind::Text { words, prefix } if words.len() == 1 => {
                self.word_query(searcher, an, &words[0], *prefix)?
            }
            ClauseKind::Text { words, prefix } => self.phrase_query(an, words, *prefix),
        };
        let stats = FieldStats::new(searcher, &self.fields)?;
        Ok(searcher.search_with_statistics_provider(&*query, &AllHits, &stats)?)
    }

    fn word_query(
        &self,
        searcher: &Searcher,
        an: &mut Analyzers,
        word: &str,
        prefix: bool,
    ) -> Result<Box<dyn Query>, IndexError> {
        let mut terms = an.stems(word);
        if prefix && word.chars().count() >= MIN_PREFIX_CHARS {
            for t in self.expand(searcher, &an.plain(word))? {
                if !terms.contains(&t) {
                    terms.push(t);
                }
            }
        }
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, weight) in self.weighted() {
            for t in &terms {
                let q = TermQuery::new(
                    Term::from_field_text(field, t),
                    IndexRecordOption::WithFreqs,
                );
                parts.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), weight)),
                ));
            }
        }
        Ok(Box::new(BooleanQuery::new(parts)))
    }

    /// Words in a row, in each language whose stems differ.
    fn phrase_query(&self, an: &mut Analyzers, words: &[String], prefix: bool) -> Box<dyn Query> {
        let mut variants: Vec<Vec<String>> = Vec::new();
        for lang in [Lang::English, Lang::French] {
            let stems: Option<Vec<String>> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if prefix && i + 1 == words.len() {
                        Some(an.plain(w)).filter(|p| !p.is_empty())
                    } else {
                        an.stem(w, lang)
                    }
                })
                .collect();
            if let Some(s) = stems.filter(|s| !variants.contains(s)) {
                variants.push(s);
            }
        }
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, weight) in self.weighted() {
            for stems in &variants {
                let terms: Vec<Term> = stems
                    .iter()
                    .map(|s| Term::from_field_text(field, s))
                    .collect();
                let q: Box<dyn Query> = match terms.len() {
                    1 => Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    )),
                    _ if prefix => Box::new(PhrasePrefixQuery::new(terms)),
                    _ => Box::new(PhraseQuery::new(terms)),
                };
                parts.push((Occur::Should, Box::new(BoostQuery::new(q, weight))));
            }
        }
        Box::new(BooleanQuery::new(parts))
    }

    /// The words of the block text dictionary starting with `prefix`, the
    /// most frequent first.
    fn expand(&self, searcher: &Searcher, prefix: &str) -> Result<Vec<String>, IndexError> {
        let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(self.fields.body)?;
            let mut stream = index
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()
                .map_err(|e| IndexError::Engine(e.to_string()))?;
            while stream.advance() {
                if !stream.key().starts_with(prefix.as_bytes()) {
                    break;
                }
                *found.entry(stream.key().to_vec()).or_default() +=
                    u64::from(stream.value().doc_freq);
            }
        }
        let mut terms: Vec<(Vec<u8>, u64)> = found.into_iter().collect();
        terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(terms
            .into_iter()
            .take(MAX_EXPANSIONS)
            .filter_map(|(t, _)| String::from_utf8(t).ok())
            .collect())
    }

    /// The blocks carrying a note tag (or a child of it).
    fn tag_hits(
        &self,
        searcher: &Searcher,
        columns: &Columns,
        tag: &str,
        tags: Option<&NoteTags>,
    ) -> Result<Hits, IndexError> {
        let Some(tags) = tags else {
            return Ok(Vec::new());
        };
        let manifest = self.manifest_of(searcher)?;
        let mut wanted: HashSet<(u64, u64)> = HashSet::new();
        for (path, block) in tags.blocks_with(tag) {
            let Ok(relative) = path.strip_prefix(&self.root) else {
                continue;
            };
            let Some(relative) = relative.to_str() else {
                continue;
            };
            let relative = relative.replace('\\', "/");
            if let Some(brief) = manifest.briefs.get(&key_of(&relative)) {
                wanted.insert((brief.num, block as u64));
            }
        }
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let nums: HashSet<u64> = wanted.iter().map(|w| w.0).collect();
        let query = BooleanQuery::new(
            nums.into_iter()
                .map(|n| -> (Occur, Box<dyn Query>) {
                    (Occur::Should, Box::new(self.brief_query(n)))
                })
                .collect(),
        );
        let mut hits = searcher.search(&query, &AllHits)?;
        for (seg, list) in hits.iter_mut().enumerate() {
            list.retain_mut(|(doc, score)| {
                *score = TAG_SCORE;
                columns
                    .block(seg, *doc)
                    .is_some_and(|b| wanted.contains(&(columns.num(seg, *doc), b)))
            });
        }
        Ok(hits)
    }
}

/// BM25 statistics for fields that only some documents have. Block text
/// averages its length over blocks, not over all documents. A brief's own
/// fields (title, headings, metadata) keep no field norms, so each reads
/// as one word long: their average is made one word too, which scores
/// them as plain BM25 of average length.
struct FieldStats<'a> {
    searcher: &'a Searcher,
    total: u64,
    briefs: u64,
    brief_fields: [Field; 3],
}

impl<'a> FieldStats<'a> {
    fn new(searcher: &'a Searcher, f: &Fields) -> tantivy::Result<FieldStats<'a>> {
        let briefs = searcher.doc_freq(&Term::from_field_u64(f.brief_doc, BRIEF_DOC))?;
        Ok(FieldStats {
            searcher,
            total: searcher.total_num_docs()?,
            briefs,
            brief_fields: [f.title, f.headings, f.meta],
        })
    }
}

impl Bm25StatisticsProvider for FieldStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if self.brief_fields.contains(&field) {
            return Ok(self.total);
        }
        let tokens = self.searcher.total_num_tokens(field)?;
        let having = self.total.saturating_sub(self.briefs);
        let scaled = u128::from(tokens) * u128::from(self.total) / u128::from(having.max(1));
        Ok(u64::try_from(scaled).unwrap_or(u64::MAX))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.total)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}
