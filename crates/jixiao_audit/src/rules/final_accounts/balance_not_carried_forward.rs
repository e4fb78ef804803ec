use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common;
use crate::rules::common::{
    cells::{cell, Amt, Term},
    tables::{bare, col, columns, empty_table, final_forms, leaf, single, summary_side},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that balances carry forward: for each fund of the 财政拨款收入支出决算总表 (T4:
    /// 一般公共预算, 政府性基金, 国有资本经营), 年末结转和结余 = 年初结转和结余 + 本年收入 −
    /// 本年支出; and on every row of the 政府性基金预算财政拨款收入支出决算表 (T7), 年末 = 年初 +
    /// 本年收入 − 本年支出小计.
    ///
    /// ## Why is this bad?
    /// What is left at the end of the year is what was there, plus what came in, minus what
    /// was spent. A closing balance that does not follow points at a wrong income, spending or
    /// balance figure, even when the table's totals balance.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope over the four printed terms: inside it, one info
    /// finding per table (可能为取整误差); beyond it, an error. A table that states
    /// 本表本年度无发生额 and prints no amount is not applicable.
    ///
    /// ## Example
    /// ```text
    /// 2136601	基础设施建设和经济发展	20.00	120.00	110.00	0.00	110.00	40.00
    /// ```
    /// 20.00 + 120.00 − 110.00 = 30.00, not 40.00.
    ///
    /// ## How to fix
    /// Correct the balance, the income or the spending figure.
    pub struct BalanceNotCarriedForward {
        code: "F308",
        severity: Error,
        family: FinalAccounts,
        summary: "年末结转和结余不等于年初加收入减支出",
        summary_en: "Closing balance is not opening balance plus income minus spending",
        since: "0.1.0",
    }
}

const FUNDS: [(&str, &str); 3] = [
    ("一般公共预算", "general budget"),
    ("政府性基金", "government funds"),
    ("国有资本经营", "state capital"),
];

fn carry<'a>(
    cx: &Checker,
    u: &mut crate::checker::Unit,
    tally: &mut Tally<'a>,
    closing: Result<Amt<'a>, String>,
    opening: Result<Amt<'a>, String>,
    income: Result<Amt<'a>, String>,
    spending: Result<Amt<'a>, String>,
) {
    match (closing, opening, income, spending) {
        (Ok(c), Ok(o), Ok(i), Ok(s)) => tally.sum(
            cx,
            u,
            &c,
            &[
                Term::from(o),
                Term::from(i),
                Term {
                    amt: s,
                    minus: true,
                },
            ],
            ("", ""),
        ),
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => u.insufficient(e),
    }
}

impl Rule for BalanceNotCarriedForward {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            if let Some((mut u, t)) = single(cx, &Self::META, form, TableId::Appropriation) {
                let mut tally = Tally::default();
                let inc = summary_side(t, "收入");
                let exp = summary_side(t, "支出");
                for (kw, en) in FUNDS {
                    let has = |r: &&&jixiao_model::TableRow| bare(&r.name).contains(kw);
                    let line = inc.lines.iter().find(has);
                    let opening = inc.balance_parts.iter().find(has);
                    let k = col(t, Some("支出"), |c| {
                        c.contains(kw) && (!c.contains('/') || leaf(c) == "小计")
                    });
                    let (Some(line), Some(opening), Some(k), Some(spent), Some(closing)) =
                        (line, opening, k, exp.total, exp.balance)
                    else {
                        u.insufficient(cx.t(
                            format!("{} 未读到{kw}的本年收入、年初结转、本年支出或年末结转", t.title),
                            format!(
                                "{}: the {en} fund's income, opening balance, spending or closing balance was not read",
                                t.title
                            ),
                        ));
                        continue;
                    };
                    let lab = |a, l: &str| Amt::labelled(a, format!("{kw} {l}"));
                    carry(
                        cx,
                        &mut u,
                        &mut tally,
                        cell(cx, t, closing, k).map(|a| lab(a, "年末结转和结余")),
                        cell(cx, t, opening, 0).map(|a| lab(a, "年初结转和结余")),
                        cell(cx, t, line, 0).map(|a| lab(a, "本年收入")),
                        cell(cx, t, spent, k).map(|a| lab(a, "本年支出")),
                    );
                }
                tally.close(cx, u);
            }
            if let Some((mut u, t)) = single(cx, &Self::META, form, TableId::GovernmentFund) {
                if empty_table(cx, t, &mut u) {
                    cx.close(u);
                    continue;
                }
                let cols = columns(t, None);
                let find = |p: &dyn Fn(&str) -> bool| cols.iter().position(|c| p(c));
                let opening = find(&|c| c.contains("年初"));
                let income = find(&|c| c.contains("本年收入"));
                let spending = find(&|c| c.starts_with("本年支出") && leaf(c) == "小计")
                    .or_else(|| find(&|c| c == "本年支出"));
                let closing = find(&|c| c.contains("年末"));
                let (Some(o), Some(i), Some(s), Some(c)) = (opening, income, spending, closing)
                else {
                    u.insufficient(cx.t(
                        format!("{} 表头中未找到年初、本年收入、本年支出或年末栏", t.title),
                        format!(
                            "{}: the opening, income, spending or closing column is missing",
                            t.title
                        ),
                    ));
                    cx.close(u);
                    continue;
                };
                let mut tally = Tally::default();
                for r in &t.rows {
                    let lab =
                        |a: Result<_, String>, l: &str| a.map(|a| Amt::labelled(a, l.to_string()));
                    let closing = cell(cx, t, r, c).map(|a| {
                        let l = format!("{} 年末结转和结余", common::tables::row_label(r));
                        a.labelled(l)
                    });
                    carry(
                        cx,
                        &mut u,
                        &mut tally,
                        closing,
                        lab(cell(cx, t, r, o), "年初结转和结余"),
                        lab(cell(cx, t, r, i), "本年收入"),
                        lab(cell(cx, t, r, s), "本年支出"),
                    );
                }
                tally.close(cx, u);
            }
        }
    }
}
