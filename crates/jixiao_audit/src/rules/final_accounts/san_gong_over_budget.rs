use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    san_gong::{data_rows, half_columns, item},
    tables::{final_forms, single},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Compares the two halves of the 财政拨款“三公”经费支出决算表 (T9): each 决算数 (合计,
    /// 因公出国(境)费, 公务用车 小计 / 购置费 / 运行维护费, 公务接待费) should not exceed its
    /// 预算数.
    ///
    /// ## Why is this bad?
    /// 三公 spending is capped by its (adjusted) budget; spending above it is a budget-discipline
    /// issue the narrative must explain, or one of the halves is misprinted.
    ///
    /// ## Tolerance
    /// None. A heuristic on policy, reported as a warning.
    ///
    /// ## Example
    /// ```text
    /// 58.00	15.00	40.00	30.00	10.00	3.00	56.10	14.00	39.80	30.00	9.80	4.30
    /// ```
    /// 公务接待费 决算 4.30 > 预算 3.00.
    ///
    /// ## How to fix
    /// Explain the overrun in the 三公 section, or correct the figure.
    pub struct SanGongOverBudget {
        code: "F318",
        severity: Warning,
        family: FinalAccounts,
        summary: "三公经费决算数超过预算数",
        summary_en: "Three-official-expenses spending above budget",
        since: "0.1.0",
    }
}

impl Rule for SanGongOverBudget {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let Some((mut u, t)) = single(cx, &Self::META, form, TableId::SanGong) else {
                continue;
            };
            let mut tally = Tally::default();
            let rows = data_rows(t);
            let (Some(budget), Some(actual)) =
                (half_columns(t, "预算数"), half_columns(t, "决算数"))
            else {
                u.insufficient(cx.t(
                    format!("{} 表头中未找到预算数与决算数两部分", t.title),
                    format!("{}: the 预算数 and 决算数 halves were not found", t.title),
                ));
                cx.close(u);
                continue;
            };
            if rows.is_empty() {
                u.insufficient(cx.t(
                    format!("{} 未读到数据行", t.title),
                    format!("{}: no data row", t.title),
                ));
            }
            for r in &rows {
                for (kb, ka) in budget.iter().zip(actual.iter()) {
                    match (item(cx, t, r, *ka), item(cx, t, r, *kb)) {
                        (Ok(a), Ok(b)) => tally.not_above(
                            cx,
                            &mut u,
                            &a,
                            &b,
                            (
                                "三公经费支出超过预算，应说明原因",
                                "三公 spending above its budget must be explained",
                            ),
                        ),
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    }
                }
            }
            tally.close(cx, u);
        }
    }
}
