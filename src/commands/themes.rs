//! `brief themes`: being written.
