use std::collections::BTreeSet;

use jixiao_model::{Decimal, TableId};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::{Related, Severity};
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    binding::{bind_or_blank, compare_amount, AmountCmp, Cell, Measure},
    figures::{figures, Figure},
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
    /// A cell of the 三公 table printed blank while the narrative states the figure is an
    /// error when the narrative's figure is not zero (the table omits a spending the text
    /// reports), and an info (“print 0, not blank”) when it is zero; a blank cell of another
    /// table is insufficient data.
    ///
    /// Also bound: `收入支出总计` / `收入、支出总计均为` (both 总计 lines are equal, F301) and, in the
    /// 财政拨款 section, `财政拨款收入(支出)总计` → the 总计 of 财政拨款收入支出决算总表;
    /// 人员经费 / 公用经费 in the 一般公共预算财政拨款基本支出 section (or in the 财政拨款 overview
    /// after its paragraph names 一般公共预算) → the lane totals of the basic-spending detail
    /// table (elsewhere they may cover every fund, which that table does not); a 类/款/项 named with its level marker
    /// (`一般公共服务（类）档案事务（款）档案馆（项）`) in the 一般公共预算, 政府性基金 or 国有资本经营
    /// section → that row of the section's table (its 本年支出 合计 / 小计 column), the outer
    /// levels, when given, choosing among like-named rows; stated elsewhere (the 财政拨款
    /// overview), the fund the text names last before the item decides the table.
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
            let Some(bound) = bind_or_blank(cx, f.fa, &f.subject, f.section, f.measure) else {
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
            if cell.blank {
                blank_cell(cx, &mut u, &f, &cell);
                cx.close(u);
                continue;
            }
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

/// A narrative figure whose 三公 cell is printed blank: an error when the figure is not zero, an
/// info asking for a printed 0 when it is; a blank cell of another table is insufficient data.
fn blank_cell(cx: &Checker, u: &mut crate::checker::Unit, f: &Figure, cell: &Cell) {
    if cell.table != TableId::SanGong {
        u.insufficient(cx.t(
            format!("{} 空白", cell.label),
            format!("{} is blank", cell.label),
        ));
        return;
    }
    u.checked();
    let unit = f.unit.clone().unwrap_or_default();
    let zero = f.value == Decimal::ZERO;
    let (zh, en) = if zero {
        ("留空；无发生额应填 0", "is blank; print 0 for no spending")
    } else {
        ("却空白", "is blank, yet the text gives an amount")
    };
    let msg = cx.t(
        format!(
            "{}: 文中为 {}{unit}，{} {zh}",
            f.subject, f.text, cell.label
        ),
        format!(
            "{}: stated {} {unit}, {} {en}",
            f.subject, f.text, cell.label
        ),
    );
    u.report(
        &cx.doc.file,
        Report {
            column: f.column,
            stated: Some(f.text.clone()),
            expected: Some(String::new()),
            related: vec![Related {
                file: cx.doc.file.clone(),
                line: cell.line,
                column: None,
                message: cell.label.clone(),
            }],
            severity: zero.then_some(Severity::Info),
            ..Report::at(f.line, msg)
        },
    );
}
