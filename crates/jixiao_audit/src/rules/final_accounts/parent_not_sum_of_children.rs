use jixiao_model::{Table, TableId, TableRow};

use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    classes::{children_word, Tree},
    tables::{columns, empty_table, final_forms, row_label, single, total_row},
    tally::Tally,
};

declare_rule! {
    /// ## What it does
    /// Checks the 功能分类 code hierarchy of the 收入决算表 (T2), 支出决算表 (T3), 一般公共
    /// 预算财政拨款支出决算表 (T5), 政府性基金 (T7) and 国有资本经营 (T8) tables, in every
    /// amount column: 合计 = Σ 类 (3-digit codes); every 类 = Σ its 款 (5 digits starting with
    /// the 类 code); every 款 = Σ its 项 (7 digits). Rows continue across pages.
    ///
    /// ## Why is this bad?
    /// A parent row is the sum of the rows under its code; a difference means a parent or a
    /// child is misprinted, or a child row is missing.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope over the parent and its n children: inside it, one info
    /// finding per table (可能为取整误差); beyond it, an error. A table that states
    /// 本表本年度无发生额 and prints no amount is not applicable.
    ///
    /// ## Example
    /// ```text
    /// 213	农林水支出	2,250.20	…
    /// 21303	水利	2,139.20	…
    /// 21366	大中型水库库区基金安排的支出	110.00	…
    /// ```
    /// 213 农林水支出 2,250.20 ≠ Σ 款 2,249.20 (差 1.00).
    ///
    /// ## How to fix
    /// Correct the parent, or the child, or add the missing child row.
    ///
    /// ## References
    /// 《预算法实施条例》(2020): functional classification disclosed down to 项.
    pub struct ParentNotSumOfChildren {
        code: "F306",
        severity: Error,
        family: FinalAccounts,
        summary: "上级科目不等于下级科目之和",
        summary_en: "A parent code's row is not the sum of its children",
        since: "0.1.0",
    }
}

/// A child's cell, labelled by its row only (the column is the parent's).
fn child<'a>(cx: &Checker, t: &'a Table, r: &'a TableRow, k: usize) -> Result<Term<'a>, String> {
    cell(cx, t, r, k).map(|a| Term::from(a.labelled(row_label(r))))
}

impl Rule for ParentNotSumOfChildren {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            for id in [
                TableId::Income,
                TableId::Expenditure,
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
                let tree = match Tree::of(&t.rows) {
                    Ok(tree) => tree,
                    Err(code) => {
                        u.insufficient(cx.t(
                            format!("{} 中科目 {code} 出现两次，层级无法核对", t.title),
                            format!(
                                "{}: code {code} is printed twice; the hierarchy cannot be checked",
                                t.title
                            ),
                        ));
                        cx.close(u);
                        continue;
                    }
                };
                let mut tally = Tally::default();
                let total = total_row(t);
                if total.is_none() {
                    u.insufficient(cx.t(
                        format!("{} 未读到合计行", t.title),
                        format!("{}: no 合计 row", t.title),
                    ));
                }
                for k in 0..columns(t, None).len() {
                    // Each parent against its children.
                    for i in 0..tree.rows.len() {
                        let kids = tree.children(i);
                        if kids.is_empty() {
                            continue;
                        }
                        let parent = tree.rows[i];
                        let p = cell(cx, t, parent, k);
                        let parts: Result<Vec<Term>, String> = kids
                            .iter()
                            .map(|&j| child(cx, t, tree.rows[j], k))
                            .collect();
                        match (p, parts) {
                            (Ok(p), Ok(parts)) => {
                                let code = parent.code.as_deref().unwrap_or_default();
                                tally.sum(cx, &mut u, &p, &parts, children_word(code))
                            }
                            (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                        }
                    }
                    // 合计 against the top-level rows.
                    let Some(total) = total else { continue };
                    let top = tree.top();
                    let tot = cell(cx, t, total, k);
                    if top.is_empty() {
                        if tot.as_ref().is_ok_and(|a| !a.value.is_zero()) {
                            u.insufficient(cx.t(
                                format!("{} 合计有金额，但未读到科目行", t.title),
                                format!(
                                    "{}: the 合计 row has amounts but no coded rows were read",
                                    t.title
                                ),
                            ));
                        } else {
                            u.checked();
                        }
                        continue;
                    }
                    let parts: Result<Vec<Term>, String> =
                        top.iter().map(|&j| child(cx, t, tree.rows[j], k)).collect();
                    match (tot, parts) {
                        (Ok(tot), Ok(parts)) => {
                            tally.sum(cx, &mut u, &tot, &parts, ("类", "classes"))
                        }
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    }
                }
                tally.close(cx, u);
            }
        }
    }
}
