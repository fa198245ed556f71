//! Bringing the index up to date with the folder: only briefs added,
//! changed or removed are touched. A brief whose size and modification
//! time are what the index recorded is not read; one whose stamp changed
//! but whose bytes hash the same only has its stamp updated. A file that
//! cannot be indexed for what it is (binary, too large, not a regular
//! file) is recorded with why, and not read again until its stamp changes.
//! Files are read as the loader reads them (`document::load::read_bytes`),
//! so a FIFO named `x.md` is refused, not waited on.
//!
//! Work is committed every [`COMMIT_BRIEFS`] briefs or [`COMMIT_EVERY`],
//! so a long first build can be searched while it runs, and a process
//! killed meanwhile loses at most the briefs since the last commit.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::indexer::UserOperation;
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, Term};

use super::analyze::{Lang, language, marked};
use super::index::{IndexError, LibraryIndex};
use super::manifest::{Manifest, key_of};
use super::schema::{BRIEF_DOC, FAILED_DOC, Fields, encode_starts};
use super::source::check_of;
use crate::catalogue::{FileStamp, Listed};
use crate::document::load::{LoadOptions, display_path, from_bytes, read_bytes};
use crate::document::sanitize::sanitize_line;
use crate::document::{Brief, LoadError};
use crate::hash::bytes_hash;

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

impl SourceFile {
    /// The files of a listing the index can take, and why each other one
    /// cannot (sanitised, for the reader).
    pub fn from_listing(listed: Vec<Listed>) -> (Vec<SourceFile>, Vec<String>) {
        let mut files = Vec::with_capacity(listed.len());
        let mut skipped = Vec::new();
        for f in listed {
            match (f.relative, f.stamp) {
                (Some(relative), Ok(stamp)) => files.push(SourceFile {
                    relative,
                    path: f.path,
                    stamp,
                }),
                (_, Err(why)) => {
                    skipped.push(format!("search skipped {}: {why}", display_path(&f.path)))
                }
                (None, Ok(_)) => skipped.push(format!(
                    "search skipped {}: its name is not UTF-8",
                    display_path(&f.path)
                )),
            }
        }
        (files, skipped)
    }
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
    /// Carries out a plan. `committed` hears once the index is ours to
    /// write (nothing done yet), then after each commit (the reader has
    /// seen it); `stop` is asked between briefs, and the work done is
    /// committed before giving up. Fails with [`IndexError::Busy`], having
    /// said nothing, while another process writes the index.
    pub fn update(
        &self,
        files: &[SourceFile],
        plan: &Plan,
        load: LoadOptions,
        committed: &mut dyn FnMut(Progress),
        stop: &dyn Fn() -> bool,
    ) -> Result<Updated, IndexError> {
        let mut writer = self.writer()?;
        // Another process may have committed since the plan was made:
        // numbers are given from what is committed now.
        self.reload()?;
        let manifest = self.manifest()?;
        committed(Progress {
            done: 0,
            total: plan.read.len(),
        });
        let mut numbers = Numbers::new(&manifest);
        let mut out = Updated::default();
        for key in &plan.remove {
            if let Some(known) = manifest.briefs.get(key) {
                self.delete_brief(&writer, known.num)?;
                out.removed += 1;
            }
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
            let key = key_of(&file.relative);
            let known = manifest.briefs.get(&key);
            let num = known.map_or_else(|| numbers.next(), |k| k.num);
            let mut ops = Vec::new();
            match read(&file.path, load) {
                Ok((hash, brief)) => {
                    let same = known.is_some_and(|k| k.hash == hash && !k.failed);
                    if same {
                        // Only the brief's own document records the stamp.
                        ops.push(UserOperation::Delete(Term::from_field_text(
                            self.fields.path,
                            &file.relative,
                        )));
                        out.touched += 1;
                    } else {
                        if known.is_some() {
                            self.delete_brief(&writer, num)?;
                        }
                        out.indexed += 1;
                    }
                    add_brief(&mut ops, &self.fields, file, num, hash, &brief, !same);
                }
                Err(failure) => {
                    if known.is_some() {
                        self.delete_brief(&writer, num)?;
                    }
                    // What the file is (binary, too large, not a file) is
                    // recorded, so it is not read again until it changes;
                    // what may pass (permissions, I/O) is tried each time.
                    if !failure.transient {
                        let doc = failed_doc(&self.fields, file, num, &failure.why);
                        ops.push(UserOperation::Add(doc));
                    }
                    out.failed.push(failure.why);
                }
            }
            // One group: a brief's documents stay in a row in one segment.
            writer.run(ops)?;
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

    /// Deletes every document of a brief. Its number is a fast field, not
    /// a term (terms would cost a posting a document): the deletion scans
    /// that column, which takes about a millisecond per 10,000 briefs.
    fn delete_brief(&self, writer: &IndexWriter, num: u64) -> Result<(), IndexError> {
        writer.delete_query(Box::new(self.brief_query(num)))?;
        Ok(())
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

/// The numbers of the briefs in the index, and the smallest free ones for
/// briefs new to it: small numbers pack into few bits.
struct Numbers {
    used: HashSet<u64>,
    next: u64,
}

impl Numbers {
    fn new(manifest: &Manifest) -> Numbers {
        Numbers {
            used: manifest.briefs.values().map(|b| b.num).collect(),
            next: 0,
        }
    }

    fn next(&mut self) -> u64 {
        while self.used.contains(&self.next) {
            self.next += 1;
        }
        self.used.insert(self.next);
        self.next
    }
}

/// Reads a brief's bytes (a regular file within the size limit, as the
/// loader reads it), hashes and parses them.
fn read(path: &Path, load: LoadOptions) -> Result<(u64, Brief), Failure> {
    let failed = |e: LoadError| Failure {
        transient: matches!(
            e,
            LoadError::PermissionDenied { .. } | LoadError::Io { .. } | LoadError::NotFound { .. }
        ),
        why: sanitize_line(&e.to_string()),
    };
    let bytes = read_bytes(path, load).map_err(failed)?;
    let hash = bytes_hash(&bytes);
    let brief = from_bytes(bytes, path).map_err(failed)?;
    Ok((hash, brief))
}

/// Why a brief could not be read (sanitised), and whether it may pass.
struct Failure {
    why: String,
    transient: bool,
}

/// Adds a brief's own document and, with `blocks`, one per block.
fn add_brief(
    ops: &mut Vec<UserOperation>,
    f: &Fields,
    file: &SourceFile,
    num: u64,
    hash: u64,
    brief: &Brief,
    blocks: bool,
) {
    let lang = language(brief);
    ops.push(UserOperation::Add(brief_doc(
        f, file, num, hash, brief, lang,
    )));
    if !blocks {
        return;
    }
    for block in 0..brief.blocks.len() {
        let text = brief.block_text(block);
        let mut doc = TantivyDocument::new();
        doc.add_u64(f.num, num);
        doc.add_u64(f.block, block as u64 + 1);
        doc.add_u64(f.line, u64::from(brief.blocks[block].line));
        doc.add_u64(f.check, check_of(text));
        doc.add_text(f.body, marked(text, lang));
        ops.push(UserOperation::Add(doc));
    }
}

/// The fields every brief's own document has: what the manifest reads.
fn file_doc(f: &Fields, file: &SourceFile, num: u64, hash: u64, kind: u64) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.num, num);
    doc.add_u64(f.brief_doc, kind);
    doc.add_text(f.path, &file.relative);
    doc.add_u64(f.key, key_of(&file.relative));
    doc.add_u64(f.size, file.stamp.size);
    doc.add_i64(f.secs, file.stamp.secs);
    doc.add_u64(f.nanos, u64::from(file.stamp.nanos));
    doc.add_u64(f.hash, hash);
    doc
}

/// The record of a file that could not be indexed, and why.
fn failed_doc(f: &Fields, file: &SourceFile, num: u64, why: &str) -> TantivyDocument {
    let mut doc = file_doc(f, file, num, 0, FAILED_DOC);
    doc.add_text(f.failed, why);
    doc
}

fn brief_doc(
    f: &Fields,
    file: &SourceFile,
    num: u64,
    hash: u64,
    brief: &Brief,
    lang: Lang,
) -> TantivyDocument {
    let meta = &brief.meta;
    let mut doc = file_doc(f, file, num, hash, BRIEF_DOC);
    doc.add_u64(f.block, 0);
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
    let starts = brief.sections.iter().map(|s| s.blocks.start as u64);
    doc.add_bytes(f.starts, &encode_starts(starts));
    let about: Vec<&str> = [&meta.id, &meta.author, &meta.classification, &meta.summary]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(meta.tags.iter().map(String::as_str))
        .collect();
    doc.add_text(f.meta, marked(&about.join("\n"), lang));
    doc
}
