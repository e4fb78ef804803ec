use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    tables::{col, final_forms, single, summary_side},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that the income side's 总计 equals the expenditure side's 总计 in the
    /// 收入支出决算总表 (T1) and in the 财政拨款收入支出决算总表 (T4, its 合计 column).
    ///
    /// ## Why is this bad?
    /// The two sides of a summary table balance by construction: everything received plus the
    /// opening balance is either spent or carried forward. Unequal totals mean an amount on one
    /// side is wrong.
    ///
    /// ## Tolerance
    /// None: both totals are one amount in 元 rounded to 0.01 万元 the same way, so they must
    /// print identically.
    ///
    /// ## Example
    /// ```text
    /// 总计	30	2,577.00	总计	60	2,578.00
    /// ```
    ///
    /// ## How to fix
    /// Find the side whose components do not add up (F304) and correct the wrong amount.
    ///
    /// ## References
    /// 财政部 部门决算报表 填报说明: 收入总计 = 支出总计.
    pub struct IncomeTotalNotExpenditureTotal {
        code: "F301",
        severity: Error,
        family: FinalAccounts,
        summary: "收入总计与支出总计不相等",
        summary_en: "Income grand total differs from expenditure grand total",
        since: "0.1.0",
    }
}

impl Rule for IncomeTotalNotExpenditureTotal {
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
                let inc = summary_side(t, "收入");
                let exp = summary_side(t, "支出");
                let k = col(t, Some("支出"), |c| c == "合计").unwrap_or(0);
                match (inc.grand, exp.grand) {
                    (Some(a), Some(b)) => match (cell(cx, t, b, k), cell(cx, t, a, 0)) {
                        (Ok(at), Ok(other)) => tally.same(cx, &mut u, &at, &other),
                        (x, y) => {
                            for r in [x, y] {
                                if let Err(e) = r {
                                    u.insufficient(e);
                                }
                            }
                        }
                    },
                    _ => u.insufficient(cx.t(
                        format!("{} 未读到收入或支出的总计行", t.title),
                        format!("{}: no 总计 row on one side", t.title),
                    )),
                }
                tally.close(cx, u);
            }
        }
    }
}
