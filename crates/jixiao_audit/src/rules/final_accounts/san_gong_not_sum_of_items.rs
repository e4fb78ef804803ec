use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::Term,
    san_gong::{data_rows, half_columns, item},
    tables::{final_forms, single},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks the 财政拨款“三公”经费支出决算表 (T9) on both its 预算数 and 决算数 halves:
    /// 合计 = 因公出国(境)费 + 公务用车购置及运行维护费 小计 + 公务接待费, and 小计 = 公务用车
    /// 购置费 + 公务用车运行维护费.
    ///
    /// ## Why is this bad?
    /// The 三公 total is quoted in the narrative and compared with the budget; if it is not the
    /// sum of its items, one of the printed items is wrong.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope: inside it, info (可能为取整误差); beyond it, an error.
    ///
    /// ## Example
    /// ```text
    /// 58.00	15.00	40.00	30.00	10.00	3.00	57.10	14.00	39.80	30.00	9.80	2.30
    /// ```
    /// 决算数: 14.00 + 39.80 + 2.30 = 56.10, not 57.10.
    ///
    /// ## How to fix
    /// Correct the item or the total.
    pub struct SanGongNotSumOfItems {
        code: "F315",
        severity: Error,
        family: FinalAccounts,
        summary: "三公经费合计不等于各项之和",
        summary_en: "Three-official-expenses total is not the sum of its items",
        since: "0.1.0",
    }
}

impl Rule for SanGongNotSumOfItems {
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
            if rows.is_empty() {
                u.insufficient(cx.t(
                    format!("{} 未读到数据行", t.title),
                    format!("{}: no data row", t.title),
                ));
            }
            for half in ["预算数", "决算数"] {
                let Some([total, abroad, cars, buy, run, host]) = half_columns(t, half) else {
                    u.insufficient(cx.t(
                        format!("{} 表头中未找到{half}的各栏", t.title),
                        format!(
                            "{}: the {half} columns were not found in the header",
                            t.title
                        ),
                    ));
                    continue;
                };
                for r in &rows {
                    let get = |k| item(cx, t, r, k);
                    for (tot, parts) in [(total, vec![abroad, cars, host]), (cars, vec![buy, run])]
                    {
                        let parts: Result<Vec<Term>, String> =
                            parts.into_iter().map(|k| get(k).map(Term::from)).collect();
                        match (get(tot), parts) {
                            (Ok(tot), Ok(parts)) => {
                                tally.sum(cx, &mut u, &tot, &parts, ("各项", "items"))
                            }
                            (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                        }
                    }
                }
            }
            tally.close(cx, u);
        }
    }
}
