use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::tolerance::PctCheck;

use jixiao_model::{Claim, Decimal};
use jixiao_parse::prose::{amounts_in, is_clause_boundary, sentences};

use crate::checker::Unit;
use crate::rules::common::{
    binding::lookup_key,
    growth::{as_printed, base_expr, check_growth, show_pct},
    printed_numbers::place,
};
use crate::tolerance::check_pct;

declare_rule! {
    /// ## What it does
    /// Recomputes every stated year-on-year or against-budget growth rate (`比上年决算数增加X万元，
    /// 增长Y%`, `比年初预算数减少X万元，下降Y%`) as |X| / (amount − X) × 100, where the amount is
    /// the figure the sentence is about, and compares it with Y at Y's printed decimals.
    ///
    ///
    /// A sentence that also prints the previous year's figure (`公务接待费支出2.4万元，上年决算数为
    /// 4.1万元，比上年减少1.7万元，下降41.5%`) is checked against it: the stated 上年 amount must
    /// equal the base the current amount and the change give (2.4 + 1.7 = 4.1), and the rate is
    /// recomputed on the stated base.
    ///
    /// ## Why is this bad?
    /// The rate is derived from the two amounts in the same sentence; a rate that does not
    /// follow from them means one of the three numbers is wrong. A common slip is to copy the
    /// rate of the total into an item's sentence.
    ///
    /// ## Tolerance
    /// A stated rate with d decimals is right when the true value rounds (or truncates) to it.
    /// The base (amount − change) is the difference of two printed figures, so a rate that only
    /// the rounding of both explains is info (可能为取整误差). Narrative 万元 amounts are read
    /// as the 2-decimal figures they restate (`15,970.4` = `15,970.40`). A zero base is C404's;
    /// a change larger than the amount it grew to is C403's.
    ///
    /// ## Example
    /// ```text
    /// 公务用车运行维护费12.4万元，比上年决算数减少2.6万元，下降18.6%。
    /// ```
    /// 2.60 / (12.40 + 2.60) = 17.33 %, stated 18.6 % (the rate of the 三公 total).
    ///
    /// ## How to fix
    /// State the rate the two amounts give, or correct the amount that is wrong.
    pub struct GrowthRateMismatch {
        code: "C401",
        severity: Error,
        family: Claims,
        summary: "增长率与本年数、增减额不符",
        summary_en: "Growth rate does not follow from the amount and its change",
        since: "0.1.0",
    }
}

impl Rule for GrowthRateMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for c in &cx.doc.claims {
            if !matches!(c.kind.as_str(), "yoy_change" | "budget_change") {
                continue;
            }
            let Some(&stated) = c.stated.get("growth_pct") else {
                continue;
            };
            let subject = c.subject.clone().unwrap_or_else(|| c.kind.clone());
            let mut u = cx.unit(&Self::META, &subject, c.line, c.line);
            let unit = c.unit.as_deref();
            let (Some(&amount), Some(&change)) = (c.inputs.get("amount"), c.inputs.get("change"))
            else {
                u.insufficient(cx.t(
                    "句中未同时给出本年数和增减额，无法复算增长率",
                    "the sentence does not give both the amount and its change",
                ));
                cx.close(u);
                continue;
            };
            let (amount, change) = (as_printed(amount, unit), as_printed(change, unit));
            let previous = match c.subject.as_deref() {
                Some(sub) => PREVIOUS_PERIOD_SUBJECTS.contains(&lookup_key(sub).as_str()),
                None => previous_printed(cx, c, c.inputs["amount"]).is_some(),
            };
            if previous {
                previous_stated(cx, &mut u, c, amount, change, stated);
                cx.close(u);
                continue;
            }
            let base = amount - change;
            if base.is_zero() {
                u.not_applicable(cx.t("基数为 0（见 C404）", "zero base (see C404)"));
                cx.close(u);
                continue;
            }
            if base.is_sign_negative() {
                u.not_applicable(cx.t(
                    "增减额大于本年数（见 C403）",
                    "change exceeds the amount (see C403)",
                ));
                cx.close(u);
                continue;
            }
            u.checked();
            let r = check_growth(stated, amount, change);
            let shown = base_expr(amount, change);
            let prefix = format!("{subject}: ");
            report_rate(
                cx,
                &mut u,
                c,
                stated,
                r,
                change,
                base,
                [&prefix, &shown, &prefix, &shown],
            );
            cx.close(u);
        }
    }
}

/// Subjects (folded, [`lookup_key`]) that name the previous year's figure rather than the
/// current one: the claim's amount is then the stated base.
const PREVIOUS_PERIOD_SUBJECTS: &[&str] = &[
    "上年",
    "上年决算",
    "上年决算数",
    "上年度",
    "上年度决算",
    "上年同期",
    "上一年度",
    "上年数",
];

/// True when the clause before a figure names the previous year's figure (`上年决算数为`,
/// `上年度决算为`): it begins with a [`PREVIOUS_PERIOD_SUBJECTS`] word.
fn names_previous_period(head: &str) -> bool {
    let start = head
        .char_indices()
        .rev()
        .find(|&(i, c)| is_clause_boundary(head, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = lookup_key(head[start..].trim());
    PREVIOUS_PERIOD_SUBJECTS
        .iter()
        .any(|w| clause.starts_with(w))
}

/// Where the claim's sentence prints `prev` as the previous year's figure (`上年决算数为4.1万元`):
/// `Some` with the amount printed before it in the sentence (the current one), if any.
fn previous_printed(cx: &Checker, c: &Claim, prev: Decimal) -> Option<Option<Decimal>> {
    let text = cx.lines.get(c.line as usize - 1)?;
    sentences(text).into_iter().find_map(|(_, s)| {
        let amounts = amounts_in(s);
        let k = amounts
            .iter()
            .position(|a| a.value == prev && names_previous_period(&s[..a.at]))?;
        Some(amounts[..k].last().map(|a| a.value))
    })
}

/// A change statement whose amount is the previous year's: the stated base against the one the
/// current amount gives, and the rate on the stated base.
fn previous_stated(
    cx: &Checker,
    u: &mut Unit,
    c: &Claim,
    prev: Decimal,
    change: Decimal,
    stated: Decimal,
) {
    u.checked();
    let unit = c.unit.as_deref().unwrap_or("");
    let current = previous_printed(cx, c, prev).flatten();
    if let Some(current) = current.map(|a| as_printed(a, c.unit.as_deref())) {
        let derived = current - change;
        if derived != prev {
            let (line, column, printed) = place(cx, c, prev, false);
            let (word, word_en) = if change.is_sign_negative() {
                ("减少", "a decrease")
            } else {
                ("增加", "an increase")
            };
            let delta = change.abs();
            let msg = cx.t(
                format!(
                    "上年数写为 {printed}{unit}，而本年 {current} 与{word} {delta} 推得上年为 {derived}"
                ),
                format!(
                    "the previous year is stated as {printed} {unit}, but the amount {current} and {word_en} of {delta} give {derived}"
                ),
            );
            u.report(
                &cx.doc.file,
                Report {
                    column,
                    stated: Some(printed),
                    expected: Some(derived.normalize().to_string()),
                    path: Some(c.kind.clone()),
                    ..Report::at(line, msg)
                },
            );
        }
    }
    let r = check_pct(stated.abs(), change.abs(), prev);
    let zh = format!("{prev}（文中上年数）");
    let en = format!("{prev} (the stated previous year)");
    report_rate(cx, u, c, stated, r, change, prev, ["", &zh, "", &en]);
}

/// Reports a stated growth rate the change over `base` does not give; `words` are the
/// message's prefix and base as shown, in Chinese then English.
#[allow(clippy::too_many_arguments)]
fn report_rate(
    cx: &Checker,
    u: &mut Unit,
    c: &Claim,
    stated: Decimal,
    r: PctCheck,
    change: Decimal,
    base: Decimal,
    words: [&str; 4],
) {
    if !matches!(r, PctCheck::Wrong { .. } | PctCheck::Rounding { .. }) {
        return;
    }
    let [zp, zb, ep, eb] = words;
    let (line, column, printed) = place(cx, c, stated, true);
    let exp = show_pct(change.abs(), base, stated);
    let msg = cx.t(
        format!(
            "{zp}增长率 {} / {zb} = {exp}%，文中为 {printed}%",
            change.abs()
        ),
        format!(
            "{ep}growth {} / {eb} = {exp}%, stated {printed}%",
            change.abs()
        ),
    );
    u.report(
        &cx.doc.file,
        Report {
            column,
            stated: Some(printed),
            expected: Some(exp),
            path: Some(c.kind.clone()),
            severity: matches!(r, PctCheck::Rounding { .. }).then_some(Severity::Info),
            ..Report::at(line, msg)
        },
    );
}
