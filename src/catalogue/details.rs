//! The preview's details of every brief ([`Details`]: summary, outline,
//! warnings), kept apart from what the list needs: in the store's details
//! section, mapped into memory so that only the briefs previewed are read,
//! or in memory for a library listed without a store.

use std::fs::File;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::info::Details;
use super::scan::{Entry, Library, ScanStats};

/// Where a brief's details are in the details section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Span {
    pub at: u64,
    pub len: u32,
}

/// The bytes that hold a details section.
enum Bytes {
    /// The store file, mapped: only the pages of briefs whose details are
    /// read come into memory.
    #[cfg(unix)]
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

/// Every brief's [`Details`]: a details section and where each brief's
/// are in it.
pub(crate) struct DetailBytes {
    bytes: Bytes,
    /// Where the section starts in `bytes`.
    start: usize,
}

impl Default for DetailBytes {
    fn default() -> DetailBytes {
        DetailBytes::owned(Vec::new())
    }
}

impl std::fmt::Debug for DetailBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.bytes {
            #[cfg(unix)]
            Bytes::Mapped(_) => "mapped",
            Bytes::Owned(_) => "in memory",
        };
        write!(f, "DetailBytes({} bytes {kind})", self.section().len())
    }
}

impl DetailBytes {
    /// A details section built in memory.
    pub(crate) fn owned(section: Vec<u8>) -> DetailBytes {
        DetailBytes {
            bytes: Bytes::Owned(section),
            start: 0,
        }
    }

    fn section(&self) -> &[u8] {
        let all: &[u8] = match &self.bytes {
            #[cfg(unix)]
            Bytes::Mapped(map) => map,
            Bytes::Owned(bytes) => bytes,
        };
        all.get(self.start..).unwrap_or_default()
    }

    /// The encoded details at `span`, None when the span is not inside.
    pub(crate) fn raw(&self, span: Span) -> Option<&[u8]> {
        let at = usize::try_from(span.at).ok()?;
        self.section().get(at..at.checked_add(span.len as usize)?)
    }

    /// The details at `span`; None when they cannot be decoded (the store
    /// changed under the map, or was damaged after it was checked).
    pub(crate) fn get(&self, span: Span) -> Option<Details> {
        postcard::from_bytes(self.raw(span)?).ok()
    }
}

/// Encodes one brief's details for the store.
pub(crate) fn encode_details(details: &Details) -> Vec<u8> {
    // Encoding plain structs into a vector cannot fail.
    postcard::to_allocvec(details).unwrap_or_default()
}

/// The details section of an open store file, from `start` on.
pub(crate) fn map_section(f: File, start: usize) -> io::Result<DetailBytes> {
    #[cfg(unix)]
    {
        // The store is only ever replaced by a rename, never written in
        // place, so the mapped file does not change under the map.
        // SAFETY: see above; a file truncated by another program would
        // make a read of the map fault, as tantivy's mapped index would.
        if f.metadata()?.len() > start as u64 {
            let map = unsafe { memmap2::Mmap::map(&f) }?;
            return Ok(DetailBytes {
                bytes: Bytes::Mapped(map),
                start,
            });
        }
        Ok(DetailBytes::default())
    }
    #[cfg(not(unix))]
    {
        // Elsewhere a mapped file cannot be replaced: read the section.
        use std::io::{Seek, SeekFrom};
        let mut f = f;
        f.seek(SeekFrom::Start(start as u64))?;
        let mut section = Vec::new();
        f.read_to_end(&mut section)?;
        Ok(DetailBytes::owned(section))
    }
}

/// Where each entry's [`Details`] are, and the bytes they are in.
#[derive(Debug, Default)]
pub(crate) struct EntryDetails {
    pub bytes: DetailBytes,
    /// By entry; None for a brief that did not load.
    pub spans: Vec<Option<Span>>,
}

impl Library {
    /// A library of entries listed without a store, each with its details
    /// (None for a brief that did not load), kept in memory.
    pub fn in_memory(
        dir: PathBuf,
        root: PathBuf,
        listed: Vec<(Entry, Option<Details>)>,
        problems: Vec<String>,
        stats: ScanStats,
    ) -> Library {
        let mut section = Vec::new();
        let mut spans = Vec::with_capacity(listed.len());
        let entries: Vec<Entry> = listed
            .into_iter()
            .map(|(entry, details)| {
                spans.push(details.map(|d| {
                    let bytes = encode_details(&d);
                    let span = Span {
                        at: section.len() as u64,
                        len: u32::try_from(bytes.len()).unwrap_or(0),
                    };
                    section.extend_from_slice(&bytes);
                    span
                }));
                entry
            })
            .collect();
        Library {
            dir,
            root,
            entries: entries.into(),
            details: Arc::new(EntryDetails {
                bytes: DetailBytes::owned(section),
                spans,
            }),
            problems,
            stats,
        }
    }

    /// What the preview shows of an entry beyond its [`BriefInfo`]: read
    /// from the store when asked, not kept for every brief. None for a
    /// brief that did not load, or whose details cannot be read.
    pub fn details(&self, entry: usize) -> Option<Details> {
        let span = (*self.details.spans.get(entry)?)?;
        self.details.bytes.get(span)
    }
}
