use std::collections::BTreeSet;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    binding::{bind, compare_amount, AmountCmp, Measure},
    figures::figures,
};

declare_rule! {
    /// ## What it does
    /// Binds each amount the 情况说明 states about a table figure to that table cell by its
    /// subject, measure and section, and checks that the two printings are equal:
    /// 一般公共预算财政拨款收入 (and the other income lines) → 收入支出决算总表 收入 lines;
    /// 总收入 / 本年收入 / 总支出 / 本年支出 → its 总计 and 本年合计 lines; 基本支出 / 项目支出 in the
    /// spending overview → 支出决算表 合计 栏2 / 栏3 (in the 一般公共预算 section → 一般公共预算财政
    /// 拨款支出决算表); 财政拨款收入/支出合计 → 财政拨款收入支出决算总表; the “三公” total and items
    /// → the 决算数 (or, for a stated budget, 预算数) columns of the 三公 table.
    ///
    /// ## Why is this bad?
    /// The narrative restates the tables for readers who do not read tables. When the two
    /// disagree, at least one of them is wrong, and the reader cannot tell which.
    ///
    /// ## Tolerance
    /// None: two printings of the same figure must be equal. Prose may drop trailing zeros
    /// (`1,250.4万元` restates `1,250.40`); an amount in another unit (`元`, `亿元`) is compared at
    /// the coarser of the two precisions. A subject the map does not know is not bound (no
    /// figure is matched by looking for an equal number); a bound figure whose table is missing,
    /// summarised or blank is insufficient data.
    ///
    /// ## Example
    /// ```text
    /// 1. 一般公共预算财政拨款收入1,250.4万元，比上年决算数增加50.4万元，增长4.2%。
    /// ```
    /// with 收入支出决算总表 line 一 printing `1,205.40`.
    ///
    /// ## How to fix
    /// Correct the narrative (or the table) so that both print the same figure.
    pub struct AmountDiffersFromTable {
        code: "C402",
        severity: Error,
        family: Claims,
        summary: "文字说明中的金额与决算表对应单元格不符",
        summary_en: "Amount in the narrative differs from the table cell it restates",
        since: "0.1.0",
    }
}

impl Rule for AmountDiffersFromTable {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        let mut seen = BTreeSet::new();
        for f in figures(cx) {
            if f.subject.contains("机关运行经费") {
                continue; // C411: a heuristic, not an identity.
            }
            let Some(bound) = bind(cx, f.fa, &f.subject, f.section, f.measure) else {
                continue;
            };
            let key = match &bound {
                Ok(cell) => (f.line, f.value.normalize().to_string(), cell.label.clone()),
                Err(_) => (f.line, f.value.normalize().to_string(), f.subject.clone()),
            };
            if !seen.insert(key) {
                continue;
            }
            let mut u = cx.unit(&Self::META, &f.subject, f.line, f.line);
            let cell = match bound {
                Ok(c) => c,
                Err(reason) => {
                    u.insufficient(reason);
                    cx.close(u);
                    continue;
                }
            };
            match compare_amount(cx, f.value, f.unit.as_deref(), &cell) {
                AmountCmp::Equal => u.checked(),
                AmountCmp::Unknown(reason) => u.insufficient(reason),
                AmountCmp::Differs { expected } => {
                    u.checked();
                    let unit = f.unit.clone().unwrap_or_default();
                    let what = match f.measure {
                        Measure::Actual => String::new(),
                        Measure::Budget => cx.t("预算", "budget "),
                    };
                    let msg = cx.t(
                        format!(
                            "{}{what}: 文中为 {}{unit}，{} 为 {}",
                            f.subject, f.text, cell.label, cell.raw
                        ),
                        format!(
                            "{}: {what}stated {} {unit}, {} is {}",
                            f.subject, f.text, cell.label, cell.raw
                        ),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column: f.column,
                            stated: Some(f.text.clone()),
                            expected: Some(expected),
                            related: vec![cell.related(cx)],
                            ..Report::at(f.line, msg)
                        },
                    );
                }
            }
            cx.close(u);
        }
    }
}
