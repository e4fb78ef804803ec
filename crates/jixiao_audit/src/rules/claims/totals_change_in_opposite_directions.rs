use jixiao_model::{Claim, Decimal};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Related;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    binding::lookup_key,
    numbers::fmt,
    printed_numbers::place,
    sections::{final_accounts_at, section_at, Section},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Compares the year-on-year changes the narrative states for the two sides of a total that
    /// are equal by construction: 收入总计 and 支出总计 of the 收入支出决算总表 (总收入 / 总支出), and
    /// in the 财政拨款 section those of the 财政拨款收入支出决算总表. Both sides are equal this year
    /// and last (F301), so their changes must be equal too: a statement that 收入 rose while 支出
    /// fell (or by another amount), or a combined `收入支出总计…增加` that disagrees with either
    /// side, is an error.
    ///
    /// Deliberately not checked: 本年收入 rising while 本年支出 falls (or 财政拨款收入 against
    /// 财政拨款支出). The peer warns on that; it is legitimate whenever balances are carried
    /// forward or used (年初结转和结余, 年末结转和结余), so it is no contradiction.
    ///
    /// ## Why is this bad?
    /// Two changes of one figure that point different ways cannot both be true; the reader
    /// cannot tell whether the department's finances grew or shrank.
    ///
    /// ## Tolerance
    /// None: the changes are compared as printed (in the same unit). A form that states no such
    /// pair is not applicable.
    ///
    /// ## Example
    /// ```text
    /// 本中心2024年度总收入2,417.8万元，比上年增加96.2万元……总支出2,417.8万元，比上年减少12万元。
    /// ```
    ///
    /// ## How to fix
    /// State the one change of the total on both sides.
    pub struct TotalsChangeInOppositeDirections {
        code: "C413",
        severity: Error,
        family: Claims,
        summary: "收入总计与支出总计的增减方向或金额相互矛盾",
        summary_en: "The income and spending totals are said to change differently",
        since: "0.2.0",
    }
}

/// Which side of an equal-by-construction total a subject names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Income,
    Spending,
    Both,
}

/// The subjects of each side of the grand totals (folded, [`lookup_key`]).
const TOTAL_SUBJECTS: &[(&str, Side)] = &[
    ("总收入", Side::Income),
    ("收入总计", Side::Income),
    ("财政拨款收入总计", Side::Income),
    ("总支出", Side::Spending),
    ("支出总计", Side::Spending),
    ("财政拨款支出总计", Side::Spending),
    ("收入支出总计", Side::Both),
    ("财政拨款收入支出总计", Side::Both),
];

struct Change<'c> {
    claim: &'c Claim,
    side: Side,
    change: Decimal,
}

impl Rule for TotalsChangeInOppositeDirections {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            // (scope: 财政拨款 or not) → the changes stated for its sides.
            let mut scopes: [Vec<Change>; 2] = [Vec::new(), Vec::new()];
            for c in &cx.doc.claims {
                if c.kind != "yoy_change"
                    || !final_accounts_at(cx, c.line).is_some_and(|f| std::ptr::eq(f, form))
                {
                    continue;
                }
                let (Some(subject), Some(&change)) = (c.subject.as_deref(), c.inputs.get("change"))
                else {
                    continue;
                };
                let key = lookup_key(subject);
                let Some(&(_, side)) = TOTAL_SUBJECTS.iter().find(|(s, _)| *s == key) else {
                    continue;
                };
                let appropriation = key.starts_with("财政拨款")
                    || section_at(cx, form, c.line) == Section::Appropriation;
                scopes[usize::from(appropriation)].push(Change {
                    claim: c,
                    side,
                    change,
                });
            }
            let mut u = cx.form_unit(&Self::META, form);
            let mut pairs = 0;
            for list in &scopes {
                for (i, a) in list.iter().enumerate() {
                    for b in &list[i + 1..] {
                        if a.side == b.side {
                            continue;
                        }
                        pairs += 1;
                        u.checked();
                        if a.change == b.change || a.claim.unit != b.claim.unit {
                            continue;
                        }
                        let (line, column, printed) = place(cx, b.claim, b.change.abs(), false);
                        let (la, _, pa) = place(cx, a.claim, a.change.abs(), false);
                        let word = |d: Decimal| {
                            if d.is_sign_negative() {
                                "减少"
                            } else {
                                "增加"
                            }
                        };
                        let word_en =
                            |d: Decimal| if d.is_sign_negative() { "fell" } else { "rose" };
                        let sa = a.claim.subject.clone().unwrap_or_default();
                        let sb = b.claim.subject.clone().unwrap_or_default();
                        let msg = cx.t(
                            format!(
                                "{sb}{}{printed}，而第{la}行{sa}{}{pa}：两者总计相等，增减应相同",
                                word(b.change),
                                word(a.change)
                            ),
                            format!(
                                "{sb} {} by {printed}, but {sa} (line {la}) {} by {pa}: the totals are equal, so must their changes be",
                                word_en(b.change),
                                word_en(a.change)
                            ),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                column,
                                stated: Some(printed),
                                expected: Some(fmt(a.change)),
                                related: vec![Related {
                                    file: cx.doc.file.clone(),
                                    line: la,
                                    column: None,
                                    message: format!("{sa} {}{pa}", word(a.change)),
                                }],
                                ..Report::at(line, msg)
                            },
                        );
                    }
                }
            }
            if pairs == 0 {
                u.not_applicable(cx.t(
                    "文中未同时说明收入总计和支出总计的增减",
                    "the narrative does not state the change of both totals",
                ));
            }
            cx.close(u);
        }
    }
}
