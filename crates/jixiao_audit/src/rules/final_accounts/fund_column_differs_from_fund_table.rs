use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    classes::match_classes,
    tables::{all_zero, col, final_forms, leaf, pair, summary_side, total_row},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Compares each fund column of the 财政拨款收入支出决算总表 (T4) with that fund's own
    /// table: the 一般公共预算财政拨款 column = the 合计 column of the 一般公共预算财政拨款支出
    /// 决算表 (T5); the 政府性基金预算财政拨款 column = 本年支出 小计 of the 政府性基金 table
    /// (T7); the 国有资本经营预算财政拨款 column = 本年支出 小计 of the 国有资本经营 table (T8) —
    /// for 本年支出合计 and for every 功能类 row. A class printed in one table and missing from
    /// the other counts as 0 there; a fund table that states 本表本年度无发生额 counts as all 0.
    ///
    /// ## Why is this bad?
    /// The same spending is printed twice; different values mean one of the tables is wrong —
    /// or a fund table was published empty although the summary shows spending from the fund.
    ///
    /// ## Tolerance
    /// None: two printings of one figure must be identical.
    ///
    /// ## Example
    /// ```text
    /// 本年支出合计	59	2,435.60	2,325.60	110.00	0.00	（财政拨款收入支出决算总表）
    /// 	合计	2,352.60	1,640.30	712.30	（一般公共预算财政拨款支出决算表）
    /// ```
    ///
    /// ## How to fix
    /// Find which table holds the wrong figure and correct it.
    pub struct FundColumnDiffersFromFundTable {
        code: "F313",
        severity: Error,
        family: FinalAccounts,
        summary: "财政拨款总表分预算栏与对应预算支出表不一致",
        summary_en: "A fund column of the appropriation summary differs from that fund's table",
        since: "0.1.0",
    }
}

/// (fund table, the word naming its T4 column).
const FUNDS: [(TableId, &str); 3] = [
    (TableId::GeneralBudget, "一般公共预算"),
    (TableId::GovernmentFund, "政府性基金"),
    (TableId::StateCapital, "国有资本经营"),
];

impl Rule for FundColumnDiffersFromFundTable {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            for (id, word) in FUNDS {
                let Some((mut u, t4, tf)) = pair(cx, &Self::META, form, TableId::Appropriation, id)
                else {
                    continue;
                };
                let mut tally = Tally::pair();
                let k4 = col(t4, Some("支出"), |c| {
                    c.contains(word) && (!c.contains('/') || leaf(c) == "小计")
                });
                let kf = if id == TableId::GeneralBudget {
                    col(tf, None, |c| c.contains("合计")).or(Some(0))
                } else {
                    col(tf, None, |c| leaf(c) == "小计")
                        .or_else(|| col(tf, None, |c| c == "本年支出"))
                };
                let side = summary_side(t4, "支出");
                let (Some(k4), Some(kf), Some(total4)) = (k4, kf, side.total) else {
                    u.insufficient(cx.t(
                        format!("未找到{}的{word}栏、{}的支出合计栏或本年支出合计行", t4.title, tf.title),
                        format!("the {word} column of {}, the spending column of {} or the expenditure total was not found", t4.title, tf.title),
                    ));
                    cx.close(u);
                    continue;
                };
                if tf.empty_statement && all_zero(tf) {
                    // The fund table says it has nothing: T4 must show nothing for the fund.
                    let why = cx.t(
                        format!("{}（注明本年度无发生额）", tf.title),
                        format!("{} (which states no transactions)", tf.title),
                    );
                    for r in side.lines.iter().chain([&total4]) {
                        match cell(cx, t4, r, k4) {
                            Ok(a) => tally.unmatched(cx, &mut u, &a, (&why, &why)),
                            Err(e) => u.insufficient(e),
                        }
                    }
                    tally.close(cx, u);
                    continue;
                }
                match total_row(tf) {
                    Some(tr) => match (cell(cx, tf, tr, kf), cell(cx, t4, total4, k4)) {
                        (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    },
                    None => u.insufficient(cx.t(
                        format!("{} 未读到合计行", tf.title),
                        format!("{}: no 合计 row", tf.title),
                    )),
                }
                let (pairs, lonely, orphans) = match_classes(&side.lines, tf);
                for (l, r) in pairs {
                    match (cell(cx, tf, r, kf), cell(cx, t4, l, k4)) {
                        (Ok(a), Ok(b)) => tally.same(cx, &mut u, &a, &b),
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    }
                }
                for l in lonely {
                    match cell(cx, t4, l, k4) {
                        Ok(a) => tally.unmatched(cx, &mut u, &a, (&tf.title, &tf.title)),
                        Err(e) => u.insufficient(e),
                    }
                }
                for r in orphans {
                    match cell(cx, tf, r, kf) {
                        Ok(a) => tally.unmatched(cx, &mut u, &a, (&t4.title, &t4.title)),
                        Err(e) => u.insufficient(e),
                    }
                }
                tally.close(cx, u);
            }
        }
    }
}
