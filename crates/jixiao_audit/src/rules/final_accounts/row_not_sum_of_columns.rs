use jixiao_model::{Table, TableId};

use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    tables::{columns, empty_table, final_forms, leaf, single},
    tally::Tally,
};

declare_rule! {
    /// ## What it does
    /// Checks, on every row, that the total column equals the sum of its component columns:
    /// 收入决算表 (T2) 栏1 = Σ 栏2–7; 支出决算表 (T3) 栏1 = Σ 栏2–6; 财政拨款收入支出决算总表
    /// (T4) 合计 = 一般公共预算 + 政府性基金 + 国有资本经营; 一般公共预算财政拨款支出决算表
    /// (T5) 合计 = 基本支出 + 项目支出; 政府性基金 (T7) and 国有资本经营 (T8) tables: 本年支出
    /// 小计 = 基本支出 + 项目支出.
    ///
    /// ## Why is this bad?
    /// Each row splits one amount by source or by purpose; a row whose parts do not add up has
    /// a misprinted cell.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope: inside it, one info finding per table (可能为取整误差);
    /// beyond it, an error. A table that states 本表本年度无发生额 and prints no amount is not
    /// applicable.
    ///
    /// ## Example
    /// ```text
    /// 2130312	水质监测	273.40	0.00	283.40	0.00	0.00	0.00
    /// ```
    /// 基本支出 0.00 + 项目支出 283.40 ≠ 273.40.
    ///
    /// ## How to fix
    /// Correct the total or the component cell.
    pub struct RowNotSumOfColumns {
        code: "F305",
        severity: Error,
        family: FinalAccounts,
        summary: "行内合计栏不等于各分栏之和",
        summary_en: "A row's total column is not the sum of its component columns",
        since: "0.1.0",
    }
}

/// The total column and the component columns of table `t` (on `side`).
fn spec(t: &Table, side: Option<&str>) -> Option<(usize, Vec<usize>)> {
    let cols = columns(t, side);
    let find = |pred: &dyn Fn(&str) -> bool| cols.iter().position(|c| pred(c));
    match t.id {
        TableId::Income | TableId::Expenditure => {
            let first = cols.first()?;
            (first.contains("合计") && cols.len() > 1).then(|| (0, (1..cols.len()).collect()))
        }
        TableId::Appropriation => {
            let total = find(&|c| c == "合计")?;
            let parts: Vec<usize> = (0..cols.len())
                .filter(|&k| k != total && (!cols[k].contains('/') || leaf(&cols[k]) == "小计"))
                .collect();
            (parts.len() > 1).then_some((total, parts))
        }
        TableId::GeneralBudget => {
            let total = find(&|c| c.contains("合计"))?;
            let basic = find(&|c| leaf(c).contains("基本支出"))?;
            let project = find(&|c| leaf(c).contains("项目支出"))?;
            Some((total, vec![basic, project]))
        }
        TableId::GovernmentFund | TableId::StateCapital => {
            let total = find(&|c| leaf(c) == "小计")?;
            let basic = find(&|c| leaf(c).contains("基本支出"))?;
            let project = find(&|c| leaf(c).contains("项目支出"))?;
            Some((total, vec![basic, project]))
        }
        _ => None,
    }
}

impl Rule for RowNotSumOfColumns {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            for id in [
                TableId::Income,
                TableId::Expenditure,
                TableId::Appropriation,
                TableId::GeneralBudget,
                TableId::GovernmentFund,
                TableId::StateCapital,
            ] {
                let Some((mut u, t)) = single(cx, &Self::META, form, id) else {
                    continue;
                };
                if empty_table(cx, t, &mut u) {
                    cx.close(u);
                    continue;
                }
                let side = (id == TableId::Appropriation).then_some("支出");
                let Some((total, parts)) = spec(t, side) else {
                    u.insufficient(cx.t(
                        format!("{} 的表头中未找到合计栏及其分栏", t.title),
                        format!(
                            "{}: no total column and component columns in the header",
                            t.title
                        ),
                    ));
                    cx.close(u);
                    continue;
                };
                let mut tally = Tally::default();
                let rows = t
                    .rows
                    .iter()
                    .filter(|r| side.is_none() || r.side.as_deref() == side);
                for r in rows {
                    let tot = cell(cx, t, r, total);
                    let terms: Result<Vec<Term>, String> = parts
                        .iter()
                        .map(|&k| {
                            cell(cx, t, r, k).map(|a| {
                                let l = leaf(&columns(t, side)[k]).to_string();
                                Term::from(a.labelled(l))
                            })
                        })
                        .collect();
                    match (tot, terms) {
                        (Ok(tot), Ok(terms)) => {
                            tally.sum(cx, &mut u, &tot, &terms, ("分栏", "columns"))
                        }
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    }
                }
                tally.close(cx, u);
            }
        }
    }
}
