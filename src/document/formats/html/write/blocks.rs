//! Finished blocks: paragraphs written under the open lists and quotes,
//! each line with its markers or indent.

use super::super::super::markdown::guard_line_start;
use super::{Effect, MAX_CONTAINERS, Writer};

pub(super) enum Container {
    Quote,
    Item {
        width: usize,
        marker: Option<String>,
    },
}

impl Writer {
    pub(super) fn block_edge(&mut self) {
        if self.in_cell() {
            self.buf().push(' ');
        } else {
            self.end_paragraph();
        }
    }

    pub(super) fn push_container(&mut self, container: Container) -> Effect {
        if self.containers.len() >= MAX_CONTAINERS {
            return Effect::Block;
        }
        self.containers.push(container);
        Effect::Container
    }

    pub(super) fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.line);
        self.epoch += 1;
        let lines: Vec<String> = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| guard_line_start(l.to_owned()))
            .collect();
        if !lines.is_empty() {
            self.emit(&lines.join("\\\n"));
        }
    }

    /// Writes a finished block under the open lists and quotes.
    pub(super) fn emit(&mut self, block: &str) {
        let item_first = matches!(
            self.containers.last(),
            Some(Container::Item {
                marker: Some(_),
                ..
            })
        );
        if !(self.out.is_empty() || item_first && self.last_was_item) {
            let blank = self.prefix(false, self.shared);
            self.out.push_str(blank.trim_end());
            self.out.push('\n');
        }
        for (i, line) in block.split('\n').enumerate() {
            let prefix = self.prefix(i == 0, self.containers.len());
            self.out.push_str(&prefix);
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.shared = self.containers.len();
        self.last_was_item = self
            .containers
            .iter()
            .any(|c| matches!(c, Container::Item { .. }));
    }

    /// What starts a line under the first `open` containers: a marker for
    /// an item's first line, else the indent under it, and `> ` for quotes.
    pub(super) fn prefix(&mut self, first: bool, open: usize) -> String {
        let mut out = String::new();
        for c in &mut self.containers[..open] {
            match c {
                Container::Quote => out.push_str("> "),
                Container::Item { marker, width } => {
                    match if first { marker.take() } else { None } {
                        Some(m) => out.push_str(&m),
                        None => out.push_str(&" ".repeat(*width)),
                    }
                }
            }
        }
        out
    }
}
