use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    tables::{bare, col, final_forms, pair, summary_side, total_row},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Compares the income side of the 收入支出决算总表 (T1) with the 合计 row of the 收入决算表
    /// (T2): T1 本年收入合计 = T2 栏1 本年收入合计; T1 lines 1–3 (the three 财政拨款 lines)
    /// together = T2 栏2 财政拨款收入; T1 lines 4–8 (上级补助, 事业, 经营, 附属单位上缴, 其他) =
    /// T2 栏3–7.
    ///
    /// ## Why is this bad?
    /// Both tables report the same year's income by source; a source printed with two values
    /// means one table is wrong.
    ///
    /// ## Tolerance
    /// A figure printed in both tables must be identical (no tolerance: an error). T1 lines
    /// 1–3 against T2 栏2 is a sum of three printed lines and gets the (n + 1) × 0.005 万元
    /// envelope (inside it: info, 可能为取整误差).
    ///
    /// ## Example
    /// ```text
    /// 五、事业收入	5	48.30	…
    /// 合计		2,535.00	2,465.60	15.00	43.80	0.00	0.00	6.10
    /// ```
    /// 事业收入 is 48.30 in T1 and 43.80 in T2.
    ///
    /// ## How to fix
    /// Find which table holds the wrong figure and correct it.
    pub struct IncomeDiffersAcrossTables {
        code: "F310",
        severity: Error,
        family: FinalAccounts,
        summary: "收入支出决算总表与收入决算表的收入数不一致",
        summary_en: "Income differs between the summary table and the income table",
        since: "0.1.0",
    }
}

/// T1 income lines 4–8: the word that names the line, and the T2 column that holds it.
const OTHER_SOURCES: [&str; 5] = [
    "上级补助",
    "事业收入",
    "经营收入",
    "附属单位上缴",
    "其他收入",
];

fn is_fiscal(name: &str) -> bool {
    name.contains("财政拨款")
        && ["一般公共预算", "政府性基金", "国有资本经营"]
            .iter()
            .any(|w| name.contains(w))
}

impl Rule for IncomeDiffersAcrossTables {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let Some((mut u, t1, t2)) =
                pair(cx, &Self::META, form, TableId::Summary, TableId::Income)
            else {
                continue;
            };
            let mut tally = Tally::pair();
            let side = summary_side(t1, "收入");
            let Some(total2) = total_row(t2) else {
                u.insufficient(cx.t(
                    format!("{} 未读到合计行", t2.title),
                    format!("{}: no 合计 row", t2.title),
                ));
                cx.close(u);
                continue;
            };
            // 本年收入合计.
            match (side.total, col(t2, None, |c| c.contains("合计"))) {
                (Some(r1), Some(k)) => match (cell(cx, t2, total2, k), cell(cx, t1, r1, 0)) {
                    (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                    (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                },
                _ => u.insufficient(cx.t(
                    "未读到本年收入合计（总表或收入决算表）",
                    "the current-year income total was not read in one of the tables",
                )),
            }
            // 财政拨款收入 = lines 1–3.
            let fiscal: Vec<_> = side
                .lines
                .iter()
                .filter(|r| is_fiscal(&bare(&r.name)))
                .collect();
            match col(t2, None, |c| c.contains("财政拨款")) {
                Some(k) if !fiscal.is_empty() => {
                    let total = cell(cx, t2, total2, k);
                    let parts: Result<Vec<Term>, String> = fiscal
                        .iter()
                        .map(|r| cell(cx, t1, r, 0).map(|a| Term::from(a.labelled(bare(&r.name)))))
                        .collect();
                    match (total, parts) {
                        (Ok(total), Ok(parts)) => tally.sum(
                            cx,
                            &mut u,
                            &total.labelled("合计 财政拨款收入"),
                            &parts,
                            ("财政拨款收入", "appropriation lines"),
                        ),
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    }
                }
                _ => u.insufficient(cx.t(
                    "未读到财政拨款收入（总表第 1–3 行或收入决算表栏2）",
                    "the appropriation income (summary lines 1–3 or income-table column 2) was not read",
                )),
            }
            // Lines 4–8.
            for w in OTHER_SOURCES {
                let line = side.lines.iter().find(|r| bare(&r.name).contains(w));
                let k = col(t2, None, |c| c.contains(w));
                match (line, k) {
                    (Some(r1), Some(k)) => match (cell(cx, t2, total2, k), cell(cx, t1, r1, 0)) {
                        (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    },
                    (None, None) => {}
                    (Some(r1), None) => {
                        if let Ok(a) = cell(cx, t1, r1, 0) {
                            tally.unmatched(cx, &mut u, &a, (&t2.title, &t2.title));
                        }
                    }
                    (None, Some(k)) => {
                        if let Ok(a) = cell(cx, t2, total2, k) {
                            tally.unmatched(cx, &mut u, &a, (&t1.title, &t1.title));
                        }
                    }
                }
            }
            tally.close(cx, u);
        }
    }
}
