use jixiao_model::{Table, TableId, TableRow};

use crate::checker::{Checker, Unit};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    tables::{bare, columns, final_forms, single, summary_side},
    tally::Tally,
};

declare_rule! {
    /// ## What it does
    /// Checks how the 总计 of each side of a summary table is composed.
    /// 收入支出决算总表 (T1): 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余;
    /// 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余.
    /// 财政拨款收入支出决算总表 (T4): 收入总计 = 本年收入合计 + 年初财政拨款结转和结余, the
    /// 年初 line = Σ its per-fund lines; per column, 支出总计 = 本年支出合计 + 年末财政拨款结转和结余.
    ///
    /// ## Why is this bad?
    /// A 总计 that is not its components means one of the printed balances or totals is wrong;
    /// the two sides may still agree (F301) while both are wrong.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope: inside it, one info finding per table (可能为取整误差);
    /// beyond it, an error.
    ///
    /// ## Example
    /// ```text
    /// 本年支出合计	57	2,509.00
    /// 结余分配	58	0.00
    /// 年末结转和结余	59	68.00
    /// 总计	60	2,578.00
    /// ```
    /// 2,509.00 + 0.00 + 68.00 = 2,577.00.
    ///
    /// ## How to fix
    /// Correct the balance line or the 总计.
    pub struct GrandTotalNotComposition {
        code: "F304",
        severity: Error,
        family: FinalAccounts,
        summary: "总计不等于本年合计加结转结余",
        summary_en: "Grand total is not the current-year total plus balances",
        since: "0.1.0",
    }
}

/// `grand = Σ parts` in column `k`; blank parts are insufficient data.
fn compose<'a>(
    cx: &Checker,
    u: &mut Unit,
    tally: &mut Tally<'a>,
    t: &'a Table,
    grand: &'a TableRow,
    parts: &[&'a TableRow],
    k: usize,
) {
    let total = cell(cx, t, grand, k);
    let terms: Result<Vec<Term>, String> = parts
        .iter()
        .map(|r| {
            cell(cx, t, r, k).map(|a| {
                let label = if columns(t, r.side.as_deref()).len() > 1 {
                    a.label()
                } else {
                    bare(&r.name)
                };
                Term::from(a.labelled(label))
            })
        })
        .collect();
    match (total, terms) {
        (Ok(total), Ok(terms)) => tally.sum(cx, u, &total, &terms, ("组成项", "components")),
        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
    }
}

impl Rule for GrandTotalNotComposition {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            for id in [TableId::Summary, TableId::Appropriation] {
                let Some((mut u, t)) = single(cx, &Self::META, form, id) else {
                    continue;
                };
                let mut tally = Tally::default();
                for side_name in ["收入", "支出"] {
                    let s = summary_side(t, side_name);
                    let (Some(grand), Some(total), Some(balance)) = (s.grand, s.total, s.balance)
                    else {
                        u.insufficient(cx.t(
                            format!("{} {}方未读到总计、本年合计或结转结余行", t.title, side_name),
                            format!(
                                "{}: the {side_name} side lacks its 总计, current-year total or balance row",
                                t.title
                            ),
                        ));
                        continue;
                    };
                    let mut parts = vec![total];
                    parts.extend(s.adjust);
                    parts.push(balance);
                    for k in 0..columns(t, Some(side_name)).len().max(1) {
                        compose(cx, &mut u, &mut tally, t, grand, &parts, k);
                    }
                    // T4 lists the opening balance of each fund under the 年初 line.
                    if id == TableId::Appropriation
                        && side_name == "收入"
                        && !s.balance_parts.is_empty()
                    {
                        compose(cx, &mut u, &mut tally, t, balance, &s.balance_parts, 0);
                    }
                }
                tally.close(cx, u);
            }
        }
    }
}
