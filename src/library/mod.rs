//! The library of briefs: being written.
