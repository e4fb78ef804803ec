//! The 三公 table (T9): its two halves (预算数 / 决算数) of six columns, its data rows, and
//! cells labelled by half and item.

use jixiao_model::{Table, TableRow};

use crate::checker::Checker;

use super::cells::{cell, Amt};
use super::tables::leaf;

/// The six columns of one half (预算数 / 决算数) of T9, in the order 合计, 出国, 公车小计,
/// 购置, 运行维护, 接待.
pub(crate) fn half_columns(t: &Table, half: &str) -> Option<[usize; 6]> {
    let cols = &t.columns;
    let find =
        |p: &dyn Fn(&str) -> bool| cols.iter().position(|c| c.starts_with(half) && p(leaf(c)));
    Some([
        find(&|l| l == "合计")?,
        find(&|l| l.contains("出国"))?,
        find(&|l| l == "小计")?,
        find(&|l| l.contains("购置") && !l.contains("运行"))?,
        find(&|l| l.contains("运行维护") && !l.contains("购置"))?,
        find(&|l| l.contains("接待"))?,
    ])
}

/// The data rows of T9: rows with at least one amount.
pub(crate) fn data_rows(t: &Table) -> Vec<&TableRow> {
    t.rows
        .iter()
        .filter(|r| r.values.iter().any(Option::is_some))
        .collect()
}

/// A T9 cell labelled with its half and item.
pub(crate) fn item<'a>(
    cx: &Checker,
    t: &'a Table,
    r: &'a TableRow,
    k: usize,
) -> Result<Amt<'a>, String> {
    cell(cx, t, r, k).map(|a| {
        let c = &t.columns[k];
        let half = c.split('/').next().unwrap_or_default();
        let l = match leaf(c) {
            "小计" => format!("{half} 公务用车小计"),
            x => format!("{half} {x}"),
        };
        a.labelled(l)
    })
}
