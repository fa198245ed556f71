//! A walked table written as a markdown pipe table.

/// A pipe table, the first row as its header.
pub(super) fn table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |cells: &[String]| {
        let mut out = String::from("|");
        for i in 0..width {
            let cell = cells.get(i).map_or("", |c| c.trim());
            out.push_str(&format!(" {cell} |"));
        }
        out
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    if let Some((head, body)) = rows.split_first() {
        lines.push(line(head));
        lines.push(format!("|{}", " --- |".repeat(width)));
        lines.extend(body.iter().map(|r| line(r)));
    }
    lines.join("\n")
}
