//! Text layouts: whatever separates the cells of a row in extracted text becomes a tab.
//!
//! - **Tab-separated** text (what most extraction tools and jixiao's own renderers write) is
//!   passed through untouched and uncopied.
//! - **Pipe tables** (`| a | b |`, markdown with or without `|---|` rules): the pipes separate
//!   the cells; a rule line becomes an empty line.
//! - **Space-aligned** text (`pdftotext -layout`, fixed-width exports): a run of two or more
//!   spaces, or any no-break space, separates cells; the cells of consecutive rows are then
//!   aligned into columns by their position ([`crate::grid::align`]), so a row that leaves
//!   its first cells blank keeps its values in their columns.
//!
//! The stage never adds or removes a line: line *n* of the output is line *n* of the input,
//! so every line number a finding gives is the user's own.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::grid::{self, Cell};

/// Share of non-blank lines that must carry a tab for the text to be read as tab-separated.
const TAB_SHARE: f64 = 0.05;

/// Turns text in any supported layout into tab-separated lines (see the module docs).
pub fn normalise(text: Cow<'_, str>) -> Cow<'_, str> {
    if is_tab_separated(&text) {
        return text;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let rows: Vec<Row> = lines.iter().map(|l| split_row(l)).collect();
    if rows.iter().all(|r| matches!(r, Row::Plain)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < rows.len() {
        match &rows[i] {
            Row::Plain => {
                out.push_str(lines[i].trim_end_matches('\r'));
                i += 1;
            }
            Row::Rule => i += 1,
            Row::Piped(cells) => {
                push_cells(cells.iter().map(String::as_str), &mut out);
                i += 1;
            }
            Row::Spaced(_) => {
                // A block: consecutive space-aligned rows, with the indented single-cell rows
                // among and right after them (a wrapped cell's second line, a row whose other
                // cells are blank).
                let start = i;
                let mut end = i;
                while end < rows.len() {
                    match &rows[end] {
                        Row::Spaced(_) => end += 1,
                        Row::Plain if is_indented(lines[end]) && !lines[end].trim().is_empty() => {
                            end += 1
                        }
                        _ => break,
                    }
                }
                let block: Vec<Vec<Cell>> = (start..end)
                    .map(|k| match &rows[k] {
                        Row::Spaced(cells) => cells.clone(),
                        _ => positioned(lines[k]),
                    })
                    .collect();
                for (k, row) in grid::align(&block).into_iter().enumerate() {
                    if k > 0 {
                        out.push('\n');
                    }
                    push_cells(row.iter().map(String::as_str), &mut out);
                }
                i = end;
            }
        }
        if i < rows.len() {
            out.push('\n');
        }
    }
    Cow::Owned(out)
}

/// True when enough lines carry a tab (tab-separated input, the fast path: a count of tabs and
/// line ends, done at memory speed).
fn is_tab_separated(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr(b'\t', b).is_none() {
        return false;
    }
    // Enough tab lines for any count of non-blank lines settles it early (the usual case:
    // tab-separated text has tabs from its first table on).
    let enough = (TAB_SHARE * (memchr::memchr_iter(b'\n', b).count() + 1) as f64).ceil() as usize;
    let mut lines = 0usize;
    let mut with_tab = 0usize;
    for line in b.split(|&c| c == b'\n') {
        if line.iter().all(|c| c.is_ascii_whitespace()) {
            continue;
        }
        lines += 1;
        if memchr::memchr(b'\t', line).is_some() {
            with_tab += 1;
            if with_tab >= enough.max(1) {
                return true;
            }
        }
    }
    with_tab as f64 >= TAB_SHARE * lines as f64
}

enum Row {
    /// No separator: kept as it is.
    Plain,
    /// A `|---|` rule of a pipe table.
    Rule,
    /// A row whose cells are explicit: a pipe-table row, or cells cut at no-break spaces.
    Piped(Vec<String>),
    /// Cells cut at runs of spaces, with their display-column positions.
    Spaced(Vec<Cell>),
}

fn split_row(line: &str) -> Row {
    let line = line.trim_end_matches('\r');
    let t = line.trim();
    if t.starts_with('|') && t.len() > 1 && t[1..].contains('|') {
        let inner = t.trim_start_matches('|');
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
        if cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            return Row::Rule;
        }
        return Row::Piped(cells);
    }
    let spaced = has_space_run(line);
    if !spaced && line.contains(['\u{a0}', '\u{202f}']) {
        // Cut at no-break spaces only (text copied from a web page): the cells are explicit,
        // their positions mean nothing; every no-break space separates two cells, so a blank
        // cell keeps its place.
        return Row::Piped(
            line.split(['\u{a0}', '\u{202f}'])
                .map(|c| c.trim().to_string())
                .collect(),
        );
    }
    let cells = positioned(line);
    if cells.len() >= 2 && spaced {
        Row::Spaced(cells)
    } else {
        Row::Plain
    }
}

/// True when the line holds a run of two or more spaces (or an ideographic space) between
/// non-space characters: space-aligned columns.
fn has_space_run(line: &str) -> bool {
    let t = line.trim();
    t.contains("  ") || t.contains('\u{3000}')
}

/// Cuts a line at runs of two or more spaces (or ideographic spaces) and at any no-break
/// space; positions are display columns (a CJK character is two wide).
fn positioned(line: &str) -> Vec<Cell> {
    let line = line.trim_end_matches('\r');
    let mut cells = Vec::new();
    let mut col = 0f32;
    let mut cur = String::new();
    let mut start = 0f32;
    let mut end = 0f32;
    let mut gap = 0u32;
    let mut hard = false;
    for ch in line.chars() {
        let w = ch.width().unwrap_or(0) as f32;
        let is_space = ch == ' ' || ch == '\u{3000}' || ch == '\u{a0}' || ch == '\u{202f}';
        if is_space {
            gap += if ch == '\u{3000}' { 2 } else { 1 };
            hard |= ch == '\u{a0}' || ch == '\u{202f}';
            col += w.max(1.0);
            continue;
        }
        if !cur.is_empty() && (gap >= 2 || hard) {
            cells.push(Cell {
                x0: start,
                x1: end,
                text: std::mem::take(&mut cur),
            });
        } else if !cur.is_empty() && gap > 0 {
            cur.push(' ');
        }
        if cur.is_empty() {
            start = col;
        }
        gap = 0;
        hard = false;
        cur.push(ch);
        col += w;
        end = col;
    }
    if !cur.is_empty() {
        cells.push(Cell {
            x0: start,
            x1: end,
            text: cur,
        });
    }
    cells
}

fn is_indented(line: &str) -> bool {
    line.starts_with("  ") || line.starts_with('\u{3000}') || line.starts_with('\u{a0}')
}

fn push_cells<'a>(cells: impl Iterator<Item = &'a str>, out: &mut String) {
    let mut first = true;
    let mut pending = 0usize;
    for c in cells {
        if c.is_empty() {
            pending += 1;
            continue;
        }
        if !first || pending > 0 {
            for _ in 0..pending + usize::from(!first) {
                out.push('\t');
            }
        }
        pending = 0;
        first = false;
        crate::push_cell(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalise(Cow::Borrowed(s)).into_owned()
    }

    #[test]
    fn tab_separated_text_is_not_copied() {
        let s = "标题\n项目名称\t甲\n说明  两个空格\n";
        assert!(matches!(normalise(Cow::Borrowed(s)), Cow::Borrowed(_)));
    }

    #[test]
    fn pipe_tables_with_and_without_rules() {
        assert_eq!(
            norm("表一\n| 项目 | 金额 |\n|:---|---:|\n| 甲 | 1.00 |\n|  | 2.00 |"),
            "表一\n项目\t金额\n\n甲\t1.00\n\t2.00"
        );
        assert_eq!(norm("|a|b|\n|c|d|\n"), "a\tb\nc\td\n");
    }

    #[test]
    fn space_aligned_rows_keep_their_columns() {
        let text = "一级指标    二级指标    指标值\n\
                    产出        数量        ≥5个\n            \
                    质量        100%\n";
        assert_eq!(
            norm(text),
            "一级指标\t二级指标\t指标值\n产出\t数量\t≥5个\n\t质量\t100%\n"
        );
    }

    #[test]
    fn every_no_break_space_separates_cells_and_single_spaces_do_not() {
        assert_eq!(
            norm("项目名称\u{a0}示范 项目\n资金\u{a0}\u{a0}10.00\n"),
            "项目名称\t示范 项目\n资金\t\t10.00\n"
        );
    }

    #[test]
    fn prose_is_untouched_and_lines_are_kept() {
        let text = "一、部门概况\n本部门 主要职责是……\n\n金额  合计\n";
        let out = norm(text);
        assert_eq!(out.lines().count(), text.lines().count());
        assert!(out.starts_with("一、部门概况\n本部门 主要职责是……\n\n金额\t合计"));
    }
}
