//! The grid of the PDF appendix, and its inverse: from `pdftotext -tsv` back to the
//! tab-separated text jixiao reads.
//!
//! A published form's text layout is a sequence of lines of tab-separated cells, blank cells
//! included (they carry the column structure). The appendix prints a form as a table whose
//! columns start on a grid of [`SLOT_PT`]-wide slots: column k of every line starts at the
//! same slot, and a ruler line of column letters (`A B C …`, in grey) above the form says
//! where. Text too long for its column continues on the next lines, in the same column.
//! Reading back ([`tsv_to_text`]), a ruler line sets the columns; on the lines below it a word
//! starting at a column (after a gap) starts a cell in that column, and the columns skipped
//! between two cells are blank cells.

use crate::view::SlotCell;

/// Width of a grid slot, in points.
pub const SLOT_PT: f64 = 12.0;
/// Left and right page margin of the appendix pages, in points (the grid's origin).
pub const MARGIN_PT: f64 = 36.0;
/// Font size of the appendix, in points.
pub const FONT_PT: f64 = 6.5;
/// Slots per line (an A4 landscape page less margins holds 64 slots of 12 pt).
pub const LINE_SLOTS: usize = 63;
/// The widest a column of long text gets before its text continues below, in slots.
const MAX_COLUMN: usize = 20;
/// Cells up to this many characters (names, figures, short notes) never wrap.
const SHORT: usize = 30;

/// Estimated advance of a character, in ems (generous, so that cells never touch).
fn em(c: char) -> f64 {
    if c.is_ascii() {
        0.66
    } else if matches!(c, '≥' | '≤' | '≈' | '×' | '—' | '…' | '·') {
        0.9
    } else {
        1.06
    }
}

/// Slots a text needs: its characters' estimated width plus a gap of 8 pt.
pub fn slots_for(text: &str) -> usize {
    let w: f64 = text.chars().map(em).sum::<f64>() * FONT_PT;
    (((w + 8.0) / SLOT_PT).ceil() as usize).max(1)
}

/// Cuts `text` into chunks of at most `slots` slots each.
pub fn chunks(text: &str, slots: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let mut next = cur.clone();
        next.push(c);
        if slots_for(&next) > slots && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Column letters of the ruler: `A` … `Z`, then `AA`….
fn letter(k: usize) -> String {
    let mut n = k + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// A form laid out on the grid: the ruler and the printed lines.
pub struct Laid {
    /// Column letters on the grid, one cell per column.
    pub ruler: Vec<SlotCell>,
    /// The rows as slot cells.
    pub lines: Vec<Vec<SlotCell>>,
}

/// Lays out the lines (cells) of a form: a column per cell index, as wide as its widest
/// cell (up to a limit), all columns fitting on the line; longer text continues below.
pub fn layout(rows: &[Vec<&str>]) -> Laid {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let spans = |k: usize, long: bool| {
        rows.iter()
            .filter_map(|r| r.get(k))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty() && (c.chars().count() > SHORT) == long)
            .map(slots_for)
            .max()
            .unwrap_or(1)
    };
    // What short cells need (never less), and what long text would like (up to a limit).
    let must: Vec<usize> = (0..ncols).map(|k| spans(k, false)).collect();
    let mut widths: Vec<usize> = (0..ncols)
        .map(|k| must[k].max(spans(k, true).min(MAX_COLUMN)))
        .collect();
    while widths.iter().sum::<usize>() > LINE_SLOTS {
        let Some(i) = (0..ncols)
            .filter(|&i| widths[i] > must[i].max(4))
            .max_by_key(|&i| widths[i])
        else {
            break;
        };
        widths[i] -= 1;
    }
    let starts: Vec<usize> = widths
        .iter()
        .scan(0, |acc, w| {
            let s = *acc;
            *acc += w;
            Some(s)
        })
        .collect();
    let ruler = starts
        .iter()
        .zip(&widths)
        .enumerate()
        .map(|(k, (s, w))| SlotCell {
            slot: *s,
            span: *w,
            text: letter(k),
        })
        .collect();
    let mut lines = Vec::new();
    for r in rows {
        let mut printed: Vec<Vec<SlotCell>> = vec![Vec::new()];
        for (k, c) in r.iter().enumerate() {
            let c = c.trim();
            if c.is_empty() {
                continue;
            }
            for (i, piece) in chunks(c, widths[k]).into_iter().enumerate() {
                while printed.len() <= i {
                    printed.push(Vec::new());
                }
                printed[i].push(SlotCell {
                    slot: starts[k],
                    span: widths[k],
                    text: piece,
                });
            }
        }
        lines.extend(printed.into_iter().filter(|l| !l.is_empty()));
    }
    Laid { ruler, lines }
}

/// A word of `pdftotext -tsv` output.
#[derive(Clone, Debug)]
struct Word {
    page: u32,
    left: f64,
    top: f64,
    right: f64,
    text: String,
}

fn words(tsv: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for l in tsv.lines().skip(1) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let num = |i: usize| f[i].parse::<f64>().unwrap_or(0.0);
        out.push(Word {
            page: f[1].parse().unwrap_or(0),
            left: num(6),
            top: num(7),
            right: num(6) + num(8),
            text: f[11..].join("\t"),
        });
    }
    out
}

/// Turns `pdftotext -tsv` output of appendix pages back into tab-separated lines. `x0` is
/// the left edge of the grid (the page's left margin, in points); only pages from
/// `first_page` on are read; lines before the first ruler are skipped.
pub fn tsv_to_text(tsv: &str, x0: f64, first_page: u32) -> String {
    let mut ws: Vec<Word> = words(tsv)
        .into_iter()
        .filter(|w| w.page >= first_page)
        .collect();
    ws.sort_by(|a, b| {
        (a.page, a.top, a.left)
            .partial_cmp(&(b.page, b.top, b.left))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    // Visual lines: same page, tops within 2 pt.
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for w in ws {
        match lines.last_mut() {
            Some(l) if l[0].page == w.page && (l[0].top - w.top).abs() < 2.0 => l.push(w),
            _ => lines.push(vec![w]),
        }
    }
    let slot_of = |left: f64| -> Option<usize> {
        let pos = (left - x0) / SLOT_PT;
        (pos >= -0.1 && (pos - pos.round()).abs() < 0.09).then(|| pos.round().max(0.0) as usize)
    };
    let mut columns: Vec<usize> = Vec::new();
    let mut out = String::new();
    for mut l in lines {
        l.sort_by(|a, b| {
            a.left
                .partial_cmp(&b.left)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        // A ruler: A B C … each on the grid.
        let is_ruler = l.len() >= 2
            && l.iter()
                .enumerate()
                .all(|(k, w)| w.text == letter(k) && slot_of(w.left).is_some());
        if is_ruler {
            columns = l.iter().filter_map(|w| slot_of(w.left)).collect();
            continue;
        }
        if columns.is_empty() {
            continue;
        }
        // (column, text)
        let mut cells: Vec<(usize, String)> = Vec::new();
        let mut prev_right = f64::NEG_INFINITY;
        for w in &l {
            let col = slot_of(w.left).and_then(|s| columns.iter().position(|&c| c == s));
            match col {
                Some(k) if cells.is_empty() || w.left - prev_right > 3.0 => {
                    cells.push((k, w.text.clone()));
                }
                _ if cells.is_empty() => break, // not a grid line (a page footer)
                _ => {
                    if let Some(c) = cells.last_mut() {
                        if w.left - prev_right > 1.2 {
                            c.1.push(' ');
                        }
                        c.1.push_str(&w.text);
                    }
                }
            }
            prev_right = w.right;
        }
        if cells.is_empty() {
            continue;
        }
        let mut line = String::new();
        let mut at = 0usize;
        for (k, text) in &cells {
            line.extend(std::iter::repeat_n('\t', k.saturating_sub(at)));
            line.push_str(text);
            at = *k;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv_of(l: &Laid, x0: f64) -> String {
        let mut tsv = String::from("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n");
        let mut top = 100.0;
        for line in std::iter::once(&l.ruler).chain(&l.lines) {
            for c in line {
                let left = x0 + c.slot as f64 * SLOT_PT;
                tsv.push_str(&format!(
                    "5\t1\t0\t0\t0\t0\t{left}\t{top}\t10\t7\t100\t{}\n",
                    c.text
                ));
            }
            top += 10.0;
        }
        tsv
    }

    #[test]
    fn columns_line_up_and_blank_cells_come_back() {
        let rows = vec![
            vec!["项目名称", "", "东江港口服务保障经费"],
            vec!["", "年度资金总额", "350.00", "", "-"],
        ];
        let laid = layout(&rows);
        assert_eq!(laid.ruler.len(), 5);
        assert_eq!(laid.lines[0][1].slot, laid.ruler[2].slot);
        let text = tsv_to_text(&tsv_of(&laid, 36.0), 36.0, 1);
        assert_eq!(
            text,
            "项目名称\t\t东江港口服务保障经费\n\t年度资金总额\t350.00\t\t-\n"
        );
    }

    #[test]
    fn long_cells_continue_below_in_their_column() {
        let long = "保障口岸查验设施运行，提高通关效率。".repeat(5);
        let rows = vec![vec!["", long.as_str()], vec!["一级指标", "二级指标"]];
        let laid = layout(&rows);
        assert!(laid.lines.len() > 2);
        assert!(laid
            .lines
            .iter()
            .all(|l| l.iter().all(|c| c.slot + c.span <= LINE_SLOTS)));
        assert!(laid
            .lines
            .iter()
            .any(|l| l.iter().any(|c| c.text == "一级指标")));
        assert_eq!(letter(0), "A");
        assert_eq!(letter(26), "AA");
    }
}
