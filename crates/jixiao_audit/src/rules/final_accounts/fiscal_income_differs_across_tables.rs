use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    tables::{bare, col, final_forms, pair, summary_side, total_row},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Compares the income side of the 财政拨款收入支出决算总表 (T4) with the other tables: each
    /// of its three 财政拨款 lines (一般公共预算, 政府性基金, 国有资本经营) = the same line of the
    /// 收入支出决算总表 (T1); its 本年收入合计 = 栏2 财政拨款收入 of the 收入决算表 (T2) 合计 row.
    ///
    /// ## Why is this bad?
    /// The appropriation income is printed three times; two different values mean one table
    /// is wrong (often a table left from an earlier draft).
    ///
    /// ## Tolerance
    /// None: two printings of one figure must be identical.
    ///
    /// ## Example
    /// ```text
    /// 一、一般公共预算财政拨款	1	2,354.60	（财政拨款收入支出决算总表）
    /// 一、一般公共预算财政拨款收入	1	2,345.60	（收入支出决算总表）
    /// ```
    ///
    /// ## How to fix
    /// Find which table holds the wrong figure and correct it.
    pub struct FiscalIncomeDiffersAcrossTables {
        code: "F312",
        severity: Error,
        family: FinalAccounts,
        summary: "财政拨款收入在各表中不一致",
        summary_en: "Appropriation income differs between tables",
        since: "0.1.0",
    }
}

const FUNDS: [&str; 3] = ["一般公共预算", "政府性基金", "国有资本经营"];

impl Rule for FiscalIncomeDiffersAcrossTables {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            if let Some((mut u, t1, t4)) = pair(
                cx,
                &Self::META,
                form,
                TableId::Summary,
                TableId::Appropriation,
            ) {
                let mut tally = Tally::pair();
                let s1 = summary_side(t1, "收入");
                let s4 = summary_side(t4, "收入");
                for w in FUNDS {
                    let l1 = s1.lines.iter().find(|r| bare(&r.name).contains(w));
                    let l4 = s4.lines.iter().find(|r| bare(&r.name).contains(w));
                    match (l4, l1) {
                        (Some(a), Some(b)) => match (cell(cx, t4, a, 0), cell(cx, t1, b, 0)) {
                            (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                            (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                        },
                        (Some(a), None) => match cell(cx, t4, a, 0) {
                            Ok(a) => tally.unmatched(cx, &mut u, &a, (&t1.title, &t1.title)),
                            Err(e) => u.insufficient(e),
                        },
                        (None, Some(b)) => match cell(cx, t1, b, 0) {
                            Ok(b) => tally.unmatched(cx, &mut u, &b, (&t4.title, &t4.title)),
                            Err(e) => u.insufficient(e),
                        },
                        (None, None) => u.insufficient(cx.t(
                            format!("两表均未读到{w}财政拨款收入行"),
                            format!("neither table has a {w} appropriation line"),
                        )),
                    }
                }
                tally.close(cx, u);
            }
            if let Some((mut u, t2, t4)) = pair(
                cx,
                &Self::META,
                form,
                TableId::Income,
                TableId::Appropriation,
            ) {
                let mut tally = Tally::pair();
                let s4 = summary_side(t4, "收入");
                let k = col(t2, None, |c| c.contains("财政拨款"));
                match (s4.total, total_row(t2), k) {
                    (Some(a), Some(b), Some(k)) => {
                        match (cell(cx, t4, a, 0), cell(cx, t2, b, k)) {
                            (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                            (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                        }
                    }
                    _ => u.insufficient(cx.t(
                        "未读到财政拨款本年收入合计或收入决算表合计行的财政拨款收入栏",
                        "the appropriation income total or the income table's 财政拨款收入 total was not read",
                    )),
                }
                tally.close(cx, u);
            }
        }
    }
}
