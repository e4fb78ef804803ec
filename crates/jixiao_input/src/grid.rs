//! The grid stage: cells with horizontal positions become rows of a grid whose columns line
//! up, so that a cell lands in the same column on every row of a table whichever cells are
//! blank or merged.
//!
//! Every positioned reader (PDF words, the space-aligned text of `pdftotext -layout`) cuts a
//! row into [`Cell`]s and hands runs of rows to [`align`]. Columns are taken from the rows
//! with the most cells (the fully printed rows of a table); every other row's cells go to
//! the column they overlap — a merged cell that spans several columns to the first of them,
//! which is where a spreadsheet keeps a merged cell's value — and the columns a row leaves
//! blank become empty cells.

/// A cell with its horizontal extent, in any unit (points for PDF, display columns for text).
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Left edge.
    pub x0: f32,
    /// Right edge (≥ `x0`).
    pub x1: f32,
    /// The cell's text.
    pub text: String,
}

/// Aligns the rows of one block (rows that belong together, e.g. a table) into columns.
///
/// Columns are the x-ranges between gutters. A gutter is an x-range that no cell covers, or
/// that is covered only by a few cells which run across it on both sides (merged cells
/// spanning several columns; at most a quarter of the block's rows). A cell that starts or
/// ends inside a range — the narrow cells of a sparse column — keeps that range a column.
/// Each cell then goes to the first column it covers at least half of; the columns a row
/// leaves blank become empty cells. Rows of a block with no row of two or more cells come
/// back as they are.
///
/// ```
/// use jixiao_input::grid::{align, Cell};
/// let c = |x0: f32, x1: f32, t: &str| Cell { x0, x1, text: t.into() };
/// let rows = vec![
///     vec![c(0.0, 8.0, "一级指标"), c(10.0, 18.0, "二级指标"), c(20.0, 28.0, "指标值")],
///     vec![c(0.0, 4.0, "产出"), c(10.0, 14.0, "数量"), c(20.0, 23.0, "≥5")],
///     vec![c(10.0, 14.0, "质量"), c(20.0, 24.0, "100%")],
/// ];
/// let grid = align(&rows);
/// assert_eq!(grid[2], ["", "质量", "100%"]);
/// ```
pub fn align(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    let multi = rows.iter().filter(|r| r.len() >= 2).count();
    if multi == 0 {
        return rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect();
    }
    let bands = bands(rows, (multi / 4).max(1));
    rows.iter()
        .map(|row| {
            let mut out = vec![String::new(); bands.len()];
            for cell in row {
                let j = band_of(&bands, cell);
                if !out[j].is_empty() {
                    out[j].push(' ');
                }
                out[j].push_str(&cell.text);
            }
            while out.last().is_some_and(|c| c.is_empty()) {
                out.pop();
            }
            out
        })
        .collect()
}

/// Column extents: the x-ranges between gutters (see [`align`]), from a sweep over the cells'
/// edges. `spanning` is how many cells may run across a gutter.
fn bands(rows: &[Vec<Cell>], spanning: usize) -> Vec<(f32, f32)> {
    // Edges with the number of cells starting and ending there.
    let mut edges: Vec<(f32, i32, i32)> = Vec::new();
    for c in rows.iter().filter(|r| r.len() >= 2).flatten() {
        let x1 = c.x1.max(c.x0);
        edges.push((c.x0, 1, 0));
        edges.push((x1, 0, 1));
    }
    edges.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, i32, i32)> = Vec::with_capacity(edges.len());
    for e in edges {
        match merged.last_mut() {
            Some(m) if (e.0 - m.0).abs() < 1e-3 => {
                m.1 += e.1;
                m.2 += e.2;
            }
            _ => merged.push(e),
        }
    }
    let mut bands: Vec<(f32, f32)> = Vec::new();
    let mut active = 0i32;
    let mut open: Option<f32> = None;
    for i in 0..merged.len() {
        let (x, starts, ends) = merged[i];
        active += starts - ends;
        let Some(&(next, _, next_ends)) = merged.get(i + 1) else {
            break;
        };
        let gutter = active == 0 || (active as usize <= spanning && starts == 0 && next_ends == 0);
        match (gutter, open) {
            (false, None) => open = Some(x),
            (true, Some(from)) => {
                bands.push((from, x));
                open = None;
            }
            _ => {}
        }
        if i + 2 == merged.len() {
            if let Some(from) = open.take() {
                bands.push((from, next));
            }
        }
    }
    if bands.is_empty() {
        bands.push((0.0, f32::MAX));
    }
    bands
}

/// The column a cell belongs to: the first column it covers at least half of (or that covers
/// at least half of it), else the one it overlaps most, else the nearest.
fn band_of(bands: &[(f32, f32)], cell: &Cell) -> usize {
    let width = (cell.x1 - cell.x0).max(f32::EPSILON);
    let mut best = (0usize, 0f32);
    for (j, &(b0, b1)) in bands.iter().enumerate() {
        let overlap = cell.x1.min(b1) - cell.x0.max(b0);
        if overlap <= 0.0 {
            continue;
        }
        let band_width = (b1 - b0).max(f32::EPSILON);
        if overlap >= 0.5 * width.min(band_width) {
            return j;
        }
        if overlap > best.1 {
            best = (j, overlap);
        }
    }
    if best.1 > 0.0 {
        return best.0;
    }
    let centre = (cell.x0 + cell.x1) / 2.0;
    let mut nearest = (0usize, f32::MAX);
    for (j, &(b0, b1)) in bands.iter().enumerate() {
        let d = if centre < b0 {
            b0 - centre
        } else if centre > b1 {
            centre - b1
        } else {
            0.0
        };
        if d < nearest.1 {
            nearest = (j, d);
        }
    }
    nearest.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(x0: f32, x1: f32, t: &str) -> Cell {
        Cell {
            x0,
            x1,
            text: t.into(),
        }
    }

    #[test]
    fn merged_header_goes_to_its_first_column() {
        let rows = vec![
            vec![c(0.0, 30.0, "评价指标"), c(40.0, 50.0, "分值")],
            vec![
                c(0.0, 8.0, "一级"),
                c(10.0, 18.0, "二级"),
                c(20.0, 28.0, "三级"),
                c(40.0, 44.0, "20"),
            ],
        ];
        let g = align(&rows);
        assert_eq!(g[0], ["评价指标", "", "", "分值"]);
        assert_eq!(g[1], ["一级", "二级", "三级", "20"]);
    }

    #[test]
    fn right_aligned_numbers_find_their_column() {
        let rows = vec![
            vec![
                c(0.0, 10.0, "项目"),
                c(20.0, 30.0, "预算数"),
                c(40.0, 50.0, "决算数"),
            ],
            vec![
                c(0.0, 4.0, "合计"),
                c(26.0, 30.0, "12.5"),
                c(44.0, 50.0, "100.25"),
            ],
            vec![c(2.0, 6.0, "其中"), c(45.0, 50.0, "3.00")],
        ];
        let g = align(&rows);
        assert_eq!(g[2], ["其中", "", "3.00"]);
    }

    proptest! {
        /// Every cell's text comes out exactly once, in reading order within its row.
        #[test]
        fn nothing_is_lost(widths in prop::collection::vec(prop::collection::vec(1u8..20, 1..6), 1..8)) {
            let rows: Vec<Vec<Cell>> = widths.iter().enumerate().map(|(r, ws)| {
                let mut x = 0f32;
                ws.iter().enumerate().map(|(k, &w)| {
                    let cell = c(x, x + w as f32, &format!("r{r}c{k}"));
                    x += w as f32 + 3.0;
                    cell
                }).collect()
            }).collect();
            let grid = align(&rows);
            prop_assert_eq!(grid.len(), rows.len());
            for (row, out) in rows.iter().zip(&grid) {
                let joined = out.iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" ");
                let want = row.iter().map(|c| c.text.clone()).collect::<Vec<_>>().join(" ");
                let mut a: Vec<&str> = joined.split(' ').collect();
                let mut b: Vec<&str> = want.split(' ').collect();
                a.sort();
                b.sort();
                prop_assert_eq!(a, b);
            }
        }
    }
}
