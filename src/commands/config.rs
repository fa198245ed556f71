//! `brief config`: being written.
