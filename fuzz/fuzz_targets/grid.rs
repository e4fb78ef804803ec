//! The grid stage: any cells at any positions align without a panic, and no cell is lost.
#![no_main]

use jixiao_input::grid::{align, Cell};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|rows: Vec<Vec<(f32, f32)>>| {
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter(|(_, (a, b))| a.is_finite() && b.is_finite())
                .map(|(k, &(a, b))| Cell { x0: a.min(b), x1: a.max(b), text: format!("r{r}c{k}") })
                .collect()
        })
        .collect();
    let grid = align(&rows);
    assert_eq!(grid.len(), rows.len());
    for (row, out) in rows.iter().zip(&grid) {
        let cells: usize = out.iter().filter(|c| !c.is_empty()).map(|c| c.split(' ').count()).sum();
        assert_eq!(cells, row.len());
    }
});
