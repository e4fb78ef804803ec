use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    classes::{class_code, match_classes},
    tables::{final_forms, pair, summary_side, total_row},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Compares the expenditure side of the 收入支出决算总表 (T1) with the 支出决算表 (T3): T1
    /// 本年支出合计 = T3 合计 栏1 本年支出合计, and each T1 功能类 line = the T3 类 row of that
    /// class (栏1). A class printed in one table and missing from the other counts as 0 there.
    ///
    /// ## Why is this bad?
    /// Both tables report the same year's spending by function; a class printed with two
    /// values means one table is wrong.
    ///
    /// ## Tolerance
    /// None: two printings of one figure must be identical.
    ///
    /// ## Example
    /// ```text
    /// 十二、农林水支出	42	2,249.20	（收入支出决算总表）
    /// 213	农林水支出	2,294.20	…	（支出决算表）
    /// ```
    ///
    /// ## How to fix
    /// Find which table holds the wrong figure and correct it.
    ///
    /// ## Deliberately not checked
    /// A 功能分类 code's amount in the 收入决算表 against the same code in the 支出决算表 (the peer
    /// GovBudgetChecker's CMM-004). The two differ legitimately: income of a year is spent in
    /// another (年初结转和结余 used, 年末结转和结余 kept), so equal amounts per code are no
    /// identity, and a heuristic that expects them would flag correct documents. What is an
    /// identity is checked: 收入决算表 = 收入支出决算总表 (F310), 支出决算表 = 收入支出决算总表 per
    /// 类 (this rule), and 一般公共预算 spending ≤ total spending per 类 (F317).
    pub struct ExpenditureDiffersAcrossTables {
        code: "F311",
        severity: Error,
        family: FinalAccounts,
        summary: "收入支出决算总表与支出决算表的支出数不一致",
        summary_en: "Expenditure differs between the summary table and the expenditure table",
        since: "0.1.0",
    }
}

impl Rule for ExpenditureDiffersAcrossTables {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let Some((mut u, t1, t3)) = pair(
                cx,
                &Self::META,
                form,
                TableId::Summary,
                TableId::Expenditure,
            ) else {
                continue;
            };
            let mut tally = Tally::pair();
            let side = summary_side(t1, "支出");
            match (side.total, total_row(t3)) {
                (Some(r1), Some(r3)) => match (cell(cx, t3, r3, 0), cell(cx, t1, r1, 0)) {
                    (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                    (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                },
                _ => u.insufficient(cx.t(
                    "未读到本年支出合计（总表）或合计行（支出决算表）",
                    "the expenditure total was not read in one of the tables",
                )),
            }
            // The lines must be function classes for the class-by-class comparison.
            if !side.lines.iter().any(|r| class_code(&r.name).is_some()) {
                u.insufficient(cx.t(
                    format!("{} 的支出项目不是功能分类类级科目，无法逐类核对", t1.title),
                    format!(
                        "{}: the expenditure lines are not function classes",
                        t1.title
                    ),
                ));
                tally.close(cx, u);
                continue;
            }
            let (pairs, lonely, orphans) = match_classes(&side.lines, t3);
            for (l, r) in pairs {
                match (cell(cx, t3, r, 0), cell(cx, t1, l, 0)) {
                    (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                    (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                }
            }
            for l in lonely {
                match cell(cx, t1, l, 0) {
                    Ok(a) => tally.unmatched(cx, &mut u, &a, (&t3.title, &t3.title)),
                    Err(e) => u.insufficient(e),
                }
            }
            for r in orphans {
                match cell(cx, t3, r, 0) {
                    Ok(a) => tally.unmatched(cx, &mut u, &a, (&t1.title, &t1.title)),
                    Err(e) => u.insufficient(e),
                }
            }
            tally.close(cx, u);
        }
    }
}
