//! `brief`: a terminal reader for policy briefs.
//!
//! Data flows one way: file bytes are loaded into a [`document::Brief`], the
//! app keeps reading state over it, and the UI draws that state.

pub mod app;
pub mod catalogue;
pub mod cite;
pub mod cli;
pub mod commands;
pub mod config;
pub mod document;
pub mod fsio;
pub mod hash;
pub mod images;
pub mod keys;
pub mod layout;
pub mod notes;
pub mod reading;
pub mod runtime;
pub mod samples;
pub mod search;
pub mod theme;
pub mod tui;
pub mod ui;
