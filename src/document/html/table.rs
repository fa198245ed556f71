//! An HTML `<table>` read as rows of cells: the rows of `<thead>` (or the
//! leading rows made only of `<th>`) are the header, `colspan` merges
//! cells across columns, and each cell's content folds as any HTML text
//! does. A table inside a cell is read as text.

use super::block::{Folder, HtmlEvent};
use super::{Piece, Walker};

/// A table read from HTML.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct HtmlTable {
    /// The `<caption>` (and any stray text), shown before the table.
    pub caption: Vec<HtmlEvent>,
    pub header_rows: usize,
    pub rows: Vec<Vec<HtmlCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlCell {
    /// How many columns the cell covers (at least 1).
    pub span: u16,
    pub content: Vec<HtmlEvent>,
    header: bool,
}

/// Widest `colspan` taken: more would only make empty columns.
const MAX_SPAN: u16 = 64;

/// Where the reader is inside the table.
#[derive(Default)]
struct TableReader {
    table: HtmlTable,
    /// The open cell's content, and the cell itself.
    cell: Option<(Folder, u16, bool)>,
    caption: Option<Folder>,
    in_head: bool,
    /// Rows read inside `<thead>`.
    head_rows: Option<usize>,
    /// Depth of tables nested in a cell.
    nested: usize,
}

impl TableReader {
    /// Where text goes: the open cell, else the caption.
    fn text_target(&mut self) -> Option<&mut Folder> {
        match &mut self.cell {
            Some((folder, _, _)) => Some(folder),
            None => self.caption.as_mut(),
        }
    }

    fn end_cell(&mut self) {
        if let Some((mut folder, span, header)) = self.cell.take() {
            let mut content = folder.take();
            trim_edges(&mut content);
            if self.table.rows.is_empty() {
                self.table.rows.push(Vec::new());
            }
            if let Some(row) = self.table.rows.last_mut() {
                row.push(HtmlCell {
                    span,
                    content,
                    header,
                });
            }
        }
    }

    fn end_caption(&mut self) {
        if let Some(mut folder) = self.caption.take() {
            self.table.caption.extend(folder.take());
        }
    }

    fn finish(mut self) -> HtmlTable {
        self.end_cell();
        self.end_caption();
        let mut table = self.table;
        table.rows.retain(|row| !row.is_empty());
        table.header_rows = match self.head_rows {
            Some(n) => n.min(table.rows.len()),
            None => table
                .rows
                .iter()
                .take_while(|row| row.iter().all(|c| c.header))
                .count(),
        };
        // A table of headers only has no body to head.
        if table.header_rows == table.rows.len() && table.rows.len() > 1 {
            table.header_rows = 1;
        }
        table
    }
}

/// A cell's text without the no-break spaces that pad its edges (word
/// processors leave them; they would only widen the column).
fn trim_edges(content: &mut Vec<HtmlEvent>) {
    if let Some(HtmlEvent::Text(t, _)) = content
        .iter_mut()
        .rev()
        .find(|e| matches!(e, HtmlEvent::Text(..)))
    {
        let kept = t.trim_end().len();
        t.truncate(kept);
    }
    if let Some(HtmlEvent::Text(t, _)) = content
        .iter_mut()
        .find(|e| matches!(e, HtmlEvent::Text(..)))
    {
        *t = t.trim_start().to_owned();
    }
    content.retain(|e| !matches!(e, HtmlEvent::Text(t, _) if t.is_empty()));
}

/// Reads a table from just after its `<table>` tag to its `</table>` (or
/// the end of the block).
pub(super) fn read_table(walker: &mut Walker<'_>) -> HtmlTable {
    let mut r = TableReader::default();
    while let Some(piece) = walker.next() {
        let Piece::Tag(tag) = &piece else {
            if r.cell.is_none() && r.caption.is_none() {
                if matches!(piece, Piece::Text(t) if t.trim().is_empty()) {
                    continue;
                }
                // Text between rows: a browser shows it before the table.
                r.caption = Some(Folder::default());
            }
            if let Some(folder) = r.text_target() {
                folder.piece(piece, walker);
            }
            continue;
        };
        if r.nested > 0 || (tag.name == "table" && !tag.closing && r.cell.is_some()) {
            match (tag.name.as_str(), tag.closing) {
                ("table", false) => r.nested += 1,
                ("table", true) => r.nested -= 1,
                _ => {}
            }
            if let Some((folder, _, _)) = &mut r.cell {
                folder.piece(piece, walker);
            }
            continue;
        }
        match (tag.name.as_str(), tag.closing) {
            ("table", true) => break,
            ("tr", false) => {
                r.end_cell();
                r.end_caption();
                r.table.rows.push(Vec::new());
            }
            ("tr", true) => r.end_cell(),
            ("td" | "th", false) => {
                r.end_cell();
                r.end_caption();
                let span = tag
                    .attr("colspan")
                    .and_then(|s| s.trim().parse::<u16>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN);
                let header = tag.name == "th";
                let mut folder = Folder::default();
                // The cell's own id.
                folder.piece(piece, walker);
                r.cell = Some((folder, span, header));
            }
            ("td" | "th", true) => r.end_cell(),
            ("thead", false) => r.in_head = true,
            ("thead", true) => {
                r.end_cell();
                r.in_head = false;
                r.head_rows = Some(r.table.rows.iter().filter(|row| !row.is_empty()).count());
            }
            ("caption", false) => {
                r.end_cell();
                r.caption.get_or_insert_with(Folder::default);
            }
            ("caption", true) => r.end_caption(),
            ("tbody" | "tfoot" | "colgroup" | "col", _) => r.end_cell(),
            _ => {
                let id = tag.id();
                match r.text_target() {
                    Some(folder) => folder.piece(piece, walker),
                    None => r.table.caption.extend(id.map(HtmlEvent::Id)),
                }
            }
        }
    }
    r.finish()
}

#[cfg(test)]
mod tests {
    use super::super::block_events;
    use super::*;
    use crate::document::Inline;

    fn table_of(html: &str) -> HtmlTable {
        block_events(html)
            .into_iter()
            .find_map(|e| match e {
                HtmlEvent::Table(t) => Some(*t),
                _ => None,
            })
            .expect("a table")
    }

    fn cell_text(c: &HtmlCell) -> String {
        c.content
            .iter()
            .filter_map(|e| match e {
                HtmlEvent::Text(t, _) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    fn texts(t: &HtmlTable) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|row| row.iter().map(cell_text).collect())
            .collect()
    }

    #[test]
    fn rows_cells_and_the_header_are_read() {
        let t = table_of(
            "<table>\n<colgroup><col style=\"width: 31%\" /></colgroup>\n<thead>\n<tr>\n\
             <th><strong>Risk type </strong></th>\n<th>Risk ID</th>\n</tr>\n</thead>\n<tbody>\n\
             <tr>\n<td>High-level risks</td>\n<td>R6</td>\n</tr><tr>\n<td>System</td>\n\
             <td>SR1&nbsp;</td>\n</tr>\n</tbody>\n</table>",
        );
        assert_eq!(t.header_rows, 1);
        assert_eq!(
            texts(&t),
            [
                ["Risk type", "Risk ID"],
                ["High-level risks", "R6"],
                ["System", "SR1"]
            ]
        );
        assert_eq!(
            t.rows[0][0].content[0],
            HtmlEvent::Text("Risk type".into(), Inline::STRONG)
        );
    }

    #[test]
    fn th_rows_head_a_table_without_thead_and_colspan_is_kept() {
        let t = table_of(
            "<table><tr><th colspan=\"2\">Both</th></tr><tr><td>a</td><td>b<br>c</td></tr></table>",
        );
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows[0][0].span, 2);
        assert_eq!(texts(&t), [vec!["Both"], vec!["a", "b\nc"]]);
    }

    #[test]
    fn a_table_in_a_cell_is_text_and_the_caption_comes_first() {
        let events = block_events(
            "<p>Before</p><table><caption>Costs</caption><tr><td>x \
             <table><tr><td>in</td><td>ner</td></tr></table></td><td>y</td></tr></table>after",
        );
        let HtmlEvent::Table(t) = &events[2] else {
            panic!("{events:?}")
        };
        assert_eq!(events[0], HtmlEvent::Text("Before".into(), Inline::empty()));
        assert_eq!(events[1], HtmlEvent::Text("Costs".into(), Inline::empty()));
        assert_eq!(texts(t), [["x\nin ner", "y"]]);
        assert_eq!(events[3], HtmlEvent::Text("after".into(), Inline::empty()));
    }
}
