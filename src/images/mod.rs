//! Pictures in briefs: where a picture's file is, whether it may be read,
//! and decoding it into something the terminal can draw.
//!
//! A brief is untrusted, so a picture is refused (and the reader shows its
//! `[image: alt]` line) when its address is remote (never fetched), when
//! the file is missing, is not a regular file (a device or a fifo could
//! block or never end), is larger than [`MAX_BYTES`], is not PNG, JPEG,
//! GIF or WebP, or is larger than [`MAX_SIDE`] pixels either way (a
//! 20,000 x 20,000 PNG would want 1.6 GB decoded). Decoding runs on the
//! runtime's picture worker, never on the thread that draws.
//!
//! The app never calls this module: the loader ([`crate::runtime::open`])
//! measures each picture from its header, the worker decodes.

mod decode;
mod source;

pub use decode::{Decoded, decode, measure, protocol};
pub use source::locate;

/// The largest picture file read: 32 MB.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// The widest and tallest picture decoded, in pixels.
pub const MAX_SIDE: u32 = 8192;
/// The most memory one decode may take.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Why a picture is not drawn (its alt line is shown instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("a remote picture (never fetched)")]
    Remote,
    #[error("no address")]
    Empty,
    #[error("no such file")]
    Missing,
    #[error("not a regular file")]
    NotAFile,
    #[error("larger than 32 MB")]
    TooLarge,
    #[error("{0} x {1} pixels: too large to draw")]
    TooManyPixels(u32, u32),
    #[error("too large to decode")]
    TooLargeToDecode,
    #[error("not a PNG, JPEG, GIF or WebP picture")]
    Format,
    #[error("damaged: {0}")]
    Damaged(String),
    #[error("cannot be read: {0}")]
    Unreadable(String),
}
