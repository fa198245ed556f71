//! Reading state per brief: where the reader was, which sections they have
//! read, and what changed since ([`ReadingState`], kept by [`StateStore`]
//! in `<data>/state/`; [`changed_sections`] and [`section_diff`]). Plain
//! data and files; no terminal.
//!
//! Depends only on document and notes (file naming, text hashes, the
//! clock). Must not depend on catalogue or search (the catalogue uses
//! [`Progress`] to sort its list), nor on app or ui.

mod diff;
mod state;
mod state_file;

pub use diff::{DiffKind, DiffPart, changed_sections, section_diff, section_text, word_diff};
pub use state::{Position, Progress, ReadSection, ReadingState, STATE_DIR, STATE_VERSION};
pub use state_file::{StateError, StateStore};
