use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    san_gong::{data_rows, half_columns, item},
    tables::{bare, final_forms, pair},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that each item of the 财政拨款“三公”经费支出决算表 (T9, 决算数) is at least the
    /// matching economic item of the 一般公共预算财政拨款基本支出决算(明细)表 (T6): 因公出国(境)费
    /// ≥ 30212, 公务用车购置费 ≥ 31013, 公务用车运行维护费 ≥ 30231, 公务接待费 ≥ 30217. An
    /// economic item the T6 does not print is not compared.
    ///
    /// ## Why is this bad?
    /// The 三公 figures cover all 财政拨款 money (basic and project spending, carry-over
    /// included); the T6 items are only the general-budget basic spending part of them. A 三公
    /// item below its T6 item means the 三公 table leaves spending out.
    ///
    /// ## Tolerance
    /// None: rounding keeps order, so a printed violation is a real one. This is an
    /// inequality, never an equality: 三公 may exceed the T6 item.
    ///
    /// ## Example
    /// ```text
    /// 30217	公务接待费	2.30	（基本支出决算明细表）
    /// … 公务接待费 1.80	（“三公”经费支出决算表 决算数）
    /// ```
    ///
    /// ## How to fix
    /// Include all 财政拨款 spending of the item in the 三公 table, or correct the economic
    /// item.
    pub struct SanGongBelowEconomicItem {
        code: "F316",
        severity: Warning,
        family: FinalAccounts,
        summary: "三公经费决算数小于基本支出中对应经济科目",
        summary_en: "A three-official-expenses item is below its economic item in basic spending",
        since: "0.1.0",
    }
}

/// (T9 column position in `half_columns`, economic code, word its name must contain).
const ITEMS: [(usize, &str, &str); 4] = [
    (1, "30212", "出国"),
    (3, "31013", "购置"),
    (4, "30231", "运行维护"),
    (5, "30217", "接待"),
];

impl Rule for SanGongBelowEconomicItem {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let Some((mut u, t6, t9)) = pair(
                cx,
                &Self::META,
                form,
                TableId::BasicSpending,
                TableId::SanGong,
            ) else {
                continue;
            };
            let mut tally = Tally::pair();
            let rows = data_rows(t9);
            let (Some(cols), [row]) = (half_columns(t9, "决算数"), rows.as_slice()) else {
                u.insufficient(cx.t(
                    format!("{} 未读到唯一的决算数据行及其各栏", t9.title),
                    format!("{}: no single 决算数 data row with its columns", t9.title),
                ));
                cx.close(u);
                continue;
            };
            for (pos, code, word) in ITEMS {
                let Some(econ) = t6.rows.iter().find(|r| r.code.as_deref() == Some(code)) else {
                    u.checked();
                    continue;
                };
                if !bare(&econ.name).contains(word) {
                    u.insufficient(cx.t(
                        format!(
                            "{} 中 {code} 的名称“{}”与{word}不符，未比较",
                            t6.title, econ.name
                        ),
                        format!(
                            "{}: the name `{}` of {code} does not name {word}; not compared",
                            t6.title, econ.name
                        ),
                    ));
                    continue;
                }
                match (item(cx, t9, row, cols[pos]), cell(cx, t6, econ, 0)) {
                    (Ok(big), Ok(small)) => tally.at_least(
                        cx,
                        &mut u,
                        &big,
                        &small,
                        (
                            "三公经费含全部财政拨款支出，不应小于基本支出中的同一经济科目",
                            "三公 covers all appropriation spending and cannot be below the same economic item of basic spending",
                        ),
                    ),
                    (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                }
            }
            tally.close(cx, u);
        }
    }
}
