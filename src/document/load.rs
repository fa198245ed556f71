//! From bytes to a [`Brief`]: the file checks (binary, too large, not a
//! regular file), decoding, front matter, then [`super::build`] folds the
//! pulldown-cmark events of the body into sections and blocks.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use pulldown_cmark::{Options, Parser};

use super::Brief;
use super::build::Builder;
use super::formats::{self, FormatError, SNIFF_LEN};
use super::frontmatter;
use super::sanitize::sanitize_line;

/// Errors that stop a brief from loading. Messages name the file and say
/// what to do; paths are sanitised so a hostile file name cannot reach the
/// terminal as a control sequence.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file; check the path and try again")]
    NotFound { path: String },
    #[error("{path}: is a directory; give a markdown file (brief FILE.md)")]
    IsDirectory { path: String },
    #[error("{path}: not a regular file (a device, pipe or socket); give a markdown file")]
    NotRegular { path: String },
    #[error(
        "{path}: looks like a binary file (NUL byte at offset {offset}); brief reads markdown, plain text (.txt) and Word (.docx) files"
    )]
    Binary { path: String, offset: usize },
    #[error(
        "{path}: {} is larger than the {} brief reads; split the file",
        human_size(*size),
        human_size(*limit)
    )]
    TooLarge {
        path: String,
        /// Bytes in the file (or read before giving up).
        size: u64,
        /// The [`LoadOptions::max_bytes`] in force.
        limit: u64,
    },
    /// Not a format brief reads, or a damaged or oversized container.
    #[error("{path}: {error}")]
    Format { path: String, error: FormatError },
    #[error("{path}: permission denied; check the file's permissions")]
    PermissionDenied { path: String },
    #[error("{path}: cannot read: {reason}")]
    Io { path: String, reason: String },
}

impl LoadError {
    fn io(path: &Path, err: &io::Error) -> Self {
        let path = display_path(path);
        match err.kind() {
            io::ErrorKind::NotFound => LoadError::NotFound { path },
            io::ErrorKind::PermissionDenied => LoadError::PermissionDenied { path },
            _ => LoadError::Io {
                path,
                reason: sanitize_line(&err.to_string()),
            },
        }
    }
}

/// A size for a message: whole MB for big files, else KB or bytes, so a
/// small limit never reads as "0 MB".
fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MB => format!("{} MB", b.div_ceil(MB)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} bytes"),
    }
}

/// A path made safe to print.
pub fn display_path(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this are refused with [`LoadError::TooLarge`].
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: 100 * 1024 * 1024,
        }
    }
}

/// Reads and parses a brief from a file.
pub fn load_path(path: &Path, opts: LoadOptions) -> Result<Brief, LoadError> {
    from_bytes(read_bytes(path, opts)?, path)
}

/// Reads a brief's bytes after the path checks (a regular file, so a
/// FIFO named `x.md` is refused rather than waited on; within the size
/// limit): what the loader parses and the search index hashes.
pub fn read_bytes(path: &Path, opts: LoadOptions) -> Result<Vec<u8>, LoadError> {
    let meta = check_path(path, opts)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let file = fs::File::open(path).map_err(|e| LoadError::io(path, &e))?;
    // The file may grow between stat and read; never read past the limit.
    file.take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::io(path, &e))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_large(path, bytes.len() as u64, opts));
    }
    Ok(bytes)
}

/// Reads a brief from a stream (stdin), up to the size limit.
pub fn load_reader(
    reader: impl Read,
    origin: &Path,
    opts: LoadOptions,
) -> Result<Brief, LoadError> {
    from_bytes(read_stream(reader, origin, opts)?, origin)
}

/// A stream's bytes, within the size limit.
pub fn read_stream(
    reader: impl Read,
    origin: &Path,
    opts: LoadOptions,
) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::io(origin, &e))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_large(origin, bytes.len() as u64, opts));
    }
    Ok(bytes)
}

/// The checks that need no parsing: the path is a readable regular file
/// within the size limit, and its first bytes are a format brief reads. Cheap enough
/// to run before the screen is taken over, so a wrong path fails at once
/// on the shell.
pub fn precheck(path: &Path, opts: LoadOptions) -> Result<(), LoadError> {
    check_path(path, opts)?;
    let file = fs::File::open(path).map_err(|e| LoadError::io(path, &e))?;
    let mut head = Vec::with_capacity(SNIFF_LEN);
    file.take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .map_err(|e| LoadError::io(path, &e))?;
    formats::sniff(&head, path).map_err(|e| format_error(path, e))?;
    Ok(())
}

/// A format refusal, named after the file. A binary file keeps its own
/// variant, which callers and tests match on.
fn format_error(path: &Path, error: FormatError) -> LoadError {
    let path = display_path(path);
    match error {
        FormatError::Binary { offset } => LoadError::Binary { path, offset },
        error => LoadError::Format { path, error },
    }
}

fn too_large(path: &Path, size: u64, opts: LoadOptions) -> LoadError {
    LoadError::TooLarge {
        path: display_path(path),
        size,
        limit: opts.max_bytes,
    }
}

/// Stat checks: a regular file (opening a FIFO would block and /dev/zero
/// never ends), not too large.
fn check_path(path: &Path, opts: LoadOptions) -> Result<fs::Metadata, LoadError> {
    let meta = fs::metadata(path).map_err(|e| LoadError::io(path, &e))?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: display_path(path),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotRegular {
            path: display_path(path),
        });
    }
    if meta.len() > opts.max_bytes {
        return Err(too_large(path, meta.len(), opts));
    }
    Ok(meta)
}

/// Parses a brief from bytes read from `origin` (a file, or `-` for stdin):
/// any format [`formats`] reads, turned into markdown first.
pub fn from_bytes(bytes: Vec<u8>, origin: &Path) -> Result<Brief, LoadError> {
    let converted = to_markdown(bytes, origin)?;
    let fallback = origin
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "untitled".to_owned());
    let mut brief = parse(&converted.markdown, &fallback);
    for warning in converted.warnings.into_iter().rev() {
        brief.warnings.insert(0, warning);
    }
    brief.imported = converted.comments;
    Ok(brief)
}

/// The markdown that bytes read from `origin` correspond to (the text
/// itself for markdown), for `brief convert`.
pub fn to_markdown(bytes: Vec<u8>, origin: &Path) -> Result<formats::Converted, LoadError> {
    formats::to_markdown(bytes, origin).map_err(|e| format_error(origin, e))
}

/// Parses markdown text into a brief. `fallback_title` (usually the file
/// name) is used when there is neither a front-matter title nor an H1.
pub fn parse(text: &str, fallback_title: &str) -> Brief {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // CR and CRLF line endings become LF once, so code blocks and hard
    // breaks never carry a stray CR.
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    let front = frontmatter::read(text);
    let (body, first_line) = match &front {
        Some(f) => (&text[f.body_start..], f.lines + 1),
        None => (text, 1),
    };
    let mut builder = Builder::new(body, first_line);
    // Front matter is found by `frontmatter::read`, not by pulldown-cmark's
    // metadata blocks, which miss Jekyll front matter opening on a blank line.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        builder.event(event, range.start);
    }
    let (meta, warning) = front.map(|f| (f.meta, f.warning)).unwrap_or_default();
    let mut brief = builder.finish(meta, fallback_title);
    brief.warnings.extend(warning);
    brief
}
