//! Bringing the index up to date with the folder: only briefs added,
//! changed or removed are touched. A brief whose size and modification
//! time are what the index recorded is not read; one whose stamp changed
//! but whose bytes hash the same only has its stamp updated.
//!
//! Work is committed every [`COMMIT_BRIEFS`] briefs or [`COMMIT_EVERY`],
//! so a long first build can be searched while it runs, and a process
//! killed meanwhile loses at most the briefs since the last commit.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, Term};

use super::analyze::{Lang, language, marked};
use super::index::{IndexError, LibraryIndex, Manifest, key_of};
use super::schema::{BRIEF_DOC, Fields};
use crate::catalogue::FileStamp;
use crate::document::load::{LoadOptions, display_path, from_bytes, load_path};
use crate::document::sanitize::sanitize_line;
use crate::document::{Brief, LoadError};
use crate::hash::fnv1a;

/// Briefs indexed between two commits, at most.
pub const COMMIT_BRIEFS: usize = 1_000;
/// Time between two commits while indexing, at most.
pub const COMMIT_EVERY: Duration = Duration::from_secs(2);
/// Memory the index writer may use before it writes a segment.
const WRITER_BUDGET: usize = 64 << 20;

/// A brief's file, as the library lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path under the library folder, `/`-separated.
    pub relative: String,
    pub path: PathBuf,
    pub stamp: FileStamp,
}

/// What an update has to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to read (indices into the files given): new, or changed.
    pub read: Vec<usize>,
    /// Briefs no longer in the folder: their keys.
    pub remove: Vec<u64>,
}

impl Plan {
    /// What differs between the index and the files of the folder.
    pub fn new(manifest: &Manifest, files: &[SourceFile]) -> Plan {
        let mut seen = std::collections::HashSet::with_capacity(files.len());
        let read = files
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                let key = key_of(&f.relative);
                seen.insert(key);
                manifest.briefs.get(&key).is_none_or(|i| i.stamp != f.stamp)
            })
            .map(|(i, _)| i)
            .collect();
        let remove = manifest
            .briefs
            .keys()
            .filter(|k| !seen.contains(*k))
            .copied()
            .collect();
        Plan { read, remove }
    }

    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.remove.is_empty()
    }
}

/// How far an update is: briefs read of those to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// "4,210 of 10,000 briefs".
impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} briefs",
            thousands(self.done),
            thousands(self.total)
        )
    }
}

/// 10000 as "10,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updated {
    /// Briefs (re-)indexed.
    pub indexed: usize,
    /// Briefs whose stamp changed but not their bytes.
    pub touched: usize,
    pub removed: usize,
    /// Briefs that could not be read, each with why (sanitised).
    pub failed: Vec<String>,
    /// False when stopped before the end.
    pub complete: bool,
}

impl LibraryIndex {
    /// Carries out a plan. `committed` hears after each commit (the
    /// reader has seen it); `stop` is asked between briefs, and the work
    /// done is committed before giving up. Fails with
    /// [`IndexError::Busy`] while another process writes the index.
    pub fn update(
        &self,
        files: &[SourceFile],
        plan: &Plan,
        load: LoadOptions,
        committed: &mut dyn FnMut(Progress),
        stop: &dyn Fn() -> bool,
    ) -> Result<Updated, IndexError> {
        let mut writer = self.writer()?;
        let manifest = self.manifest()?;
        let mut out = Updated::default();
        for &key in &plan.remove {
            writer.delete_term(Term::from_field_u64(self.fields.key, key));
            out.removed += 1;
        }
        let total = plan.read.len();
        let mut last = Instant::now();
        let mut since = 0;
        for (done, &i) in plan.read.iter().enumerate() {
            if stop() {
                self.commit(&mut writer, Progress { done, total }, committed)?;
                return Ok(out);
            }
            let file = &files[i];
            let known = manifest.briefs.get(&key_of(&file.relative));
            match read(&file.path, load) {
                Ok((hash, brief)) => {
                    let key = key_of(&file.relative);
                    let same = known.is_some_and(|k| k.hash == hash);
                    if same {
                        // Only the brief's own document records the stamp.
                        writer.delete_term(Term::from_field_text(self.fields.path, &file.relative));
                        out.touched += 1;
                    } else {
                        writer.delete_term(Term::from_field_u64(self.fields.key, key));
                        out.indexed += 1;
                    }
                    add_brief(&writer, &self.fields, file, hash, &brief, !same)?;
                }
                Err(why) => {
                    if let Some(k) = known {
                        writer.delete_term(Term::from_field_u64(self.fields.key, k.key));
                    }
                    out.failed.push(why);
                }
            }
            since += 1;
            if since >= COMMIT_BRIEFS || last.elapsed() >= COMMIT_EVERY {
                let progress = Progress {
                    done: done + 1,
                    total,
                };
                self.commit(&mut writer, progress, committed)?;
                (since, last) = (0, Instant::now());
            }
        }
        self.commit(&mut writer, Progress { done: total, total }, committed)?;
        // Merges started by the commits finish before the writer goes, so
        // the next open finds few segments.
        writer.wait_merging_threads()?;
        out.complete = true;
        Ok(out)
    }

    fn writer(&self) -> Result<IndexWriter, IndexError> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
        Ok(self.index.writer_with_num_threads(threads, WRITER_BUDGET)?)
    }

    fn commit(
        &self,
        writer: &mut IndexWriter,
        progress: Progress,
        committed: &mut dyn FnMut(Progress),
    ) -> Result<(), IndexError> {
        writer.commit()?;
        self.reload()?;
        committed(progress);
        Ok(())
    }
}

/// Reads a brief's bytes (within the size limit), hashes and parses them.
fn read(path: &Path, load: LoadOptions) -> Result<(u64, Brief), String> {
    let failed = |e: LoadError| sanitize_line(&e.to_string());
    let io =
        |e: std::io::Error| format!("{}: {}", display_path(path), sanitize_line(&e.to_string()));
    let file = fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(load.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > load.max_bytes {
        // The loader words the refusal.
        return Err(load_path(path, load).err().map_or_else(String::new, failed));
    }
    let hash = fnv1a(&bytes);
    let brief = from_bytes(bytes, path).map_err(failed)?;
    Ok((hash, brief))
}

/// Adds a brief's own document and, with `blocks`, one per block.
fn add_brief(
    writer: &IndexWriter,
    f: &Fields,
    file: &SourceFile,
    hash: u64,
    brief: &Brief,
    blocks: bool,
) -> Result<(), IndexError> {
    let lang = language(brief);
    let key = key_of(&file.relative);
    writer.add_document(brief_doc(f, file, hash, key, brief, lang))?;
    if !blocks {
        return Ok(());
    }
    for (s, section) in brief.sections.iter().enumerate() {
        // The text before the first heading is named after the brief,
        // whose title its own document holds already.
        let title = if section.is_preamble() {
            String::new()
        } else {
            marked(&section.title, lang)
        };
        for (n, block) in section.blocks.clone().enumerate() {
            let mut doc = TantivyDocument::new();
            doc.add_u64(f.key, key);
            doc.add_u64(f.block, block as u64);
            doc.add_u64(f.section_no, s as u64);
            doc.add_u64(f.in_section, n as u64 + 1);
            doc.add_text(f.body, marked(brief.block_text(block), lang));
            if !title.is_empty() {
                doc.add_text(f.section, &title);
            }
            writer.add_document(doc)?;
        }
    }
    Ok(())
}

fn brief_doc(
    f: &Fields,
    file: &SourceFile,
    hash: u64,
    key: u64,
    brief: &Brief,
    lang: Lang,
) -> TantivyDocument {
    let meta = &brief.meta;
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.key, key);
    doc.add_u64(f.block, BRIEF_DOC);
    let mut title = sanitize_line(&brief.title);
    if let Some(sub) = &meta.subtitle {
        title.push('\n');
        title.push_str(sub);
    }
    doc.add_text(f.title, marked(&title, lang));
    let headings: Vec<String> = brief
        .sections
        .iter()
        .map(|s| sanitize_line(&s.title))
        .collect();
    doc.add_text(f.headings, marked(&headings.join("\n"), lang));
    let about: Vec<&str> = [&meta.id, &meta.author, &meta.classification, &meta.summary]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(meta.tags.iter().map(String::as_str))
        .collect();
    doc.add_text(f.meta, marked(&about.join("\n"), lang));
    doc.add_text(f.path, &file.relative);
    doc.add_u64(f.size, file.stamp.size);
    doc.add_i64(f.secs, file.stamp.secs);
    doc.add_u64(f.nanos, u64::from(file.stamp.nanos));
    doc.add_u64(f.hash, hash);
    doc
}
