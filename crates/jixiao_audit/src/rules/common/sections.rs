//! Where a prose figure sits: the section of a final account's 情况说明 a line belongs to,
//! from its nearest heading ([`jixiao_parse::prose::heading_level`]), and the folding of subjects and labels for comparison.

use jixiao_model::{Form, FormKind};
pub(crate) use jixiao_parse::prose::strip_enumerator;
use jixiao_parse::prose::{heading_level, HeadingLevel};
use jixiao_text::fold;

use crate::checker::Checker;

/// A subject or label folded for comparison: full-width forms to ASCII (`（` → `(`), spaces
/// and quotation marks removed (`“三公”经费` → `三公经费`).
pub(crate) fn norm(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》'
            )
        })
        .collect()
}

/// What a part of the 情况说明 is about, from its nearest headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// 年度收入总体情况 / 收入决算情况.
    Income,
    /// 年度支出总体情况 / 支出决算情况 (all funds: 支出决算表).
    Spending,
    /// 财政拨款收入支出 (财政拨款收入支出决算总表).
    Appropriation,
    /// 一般公共预算财政拨款支出 (its own table).
    GeneralBudget,
    /// 政府性基金预算财政拨款收入支出 (its own table).
    GovernmentFund,
    /// 国有资本经营预算财政拨款支出 (its own table).
    StateCapital,
    /// “三公”经费.
    ThreePublic,
    /// 机关运行经费.
    RunningCosts,
    /// 政府采购.
    Procurement,
    /// 国有资产占用.
    Assets,
    /// 绩效评价.
    Performance,
    Other,
}

fn classify(t: &str) -> Option<Section> {
    let t = norm(t);
    let has = |w: &str| t.contains(w);
    Some(if has("三公") {
        Section::ThreePublic
    } else if has("机关运行") {
        Section::RunningCosts
    } else if has("政府采购") {
        Section::Procurement
    } else if has("国有资产") {
        Section::Assets
    } else if has("绩效") {
        Section::Performance
    } else if has("一般公共预算财政拨款") && has("支出") {
        Section::GeneralBudget
    } else if has("政府性基金预算财政拨款") && !has("一般公共预算") {
        Section::GovernmentFund
    } else if has("国有资本经营预算财政拨款") && !has("一般公共预算") {
        Section::StateCapital
    } else if has("财政拨款") {
        Section::Appropriation
    } else if has("收入") && !has("支出") {
        Section::Income
    } else if has("支出") && !has("收入") {
        Section::Spending
    } else {
        return None;
    })
}

/// The section of `fa`'s narrative that `line` belongs to: its subsection heading when that
/// says what it is about, else its section heading.
pub(crate) fn section_at(cx: &Checker, fa: &Form, line: u32) -> Section {
    let mut sub: Option<&str> = None;
    let mut top: Option<&str> = None;
    let mut l = line;
    while l > fa.line_start {
        l -= 1;
        let Some(t) = cx.lines.get(l as usize - 1) else {
            continue;
        };
        match heading_level(t) {
            Some(HeadingLevel::Part) => break,
            Some(HeadingLevel::Section) => {
                top = Some(t);
                break;
            }
            Some(HeadingLevel::Subsection) if sub.is_none() => sub = Some(t),
            _ => {}
        }
    }
    sub.and_then(classify)
        .or_else(|| top.and_then(classify))
        .unwrap_or(Section::Other)
}

/// The final-accounts form whose lines hold `line`.
pub(crate) fn final_accounts_at<'c>(cx: &'c Checker, line: u32) -> Option<&'c Form> {
    cx.doc
        .forms
        .iter()
        .find(|f| f.kind == FormKind::FinalAccounts && f.line_start <= line && line <= f.line_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections() {
        assert_eq!(classify("（二）年度支出总体情况"), Some(Section::Spending));
        assert_eq!(
            classify("（一）2024年度财政拨款收入说明"),
            Some(Section::Appropriation)
        );
        assert_eq!(
            classify("三、2024年度财政拨款“三公”经费支出决算情况说明"),
            Some(Section::ThreePublic)
        );
        assert_eq!(classify("一、2024年度收入支出决算总体情况说明"), None);
        assert_eq!(
            classify("（七）政府性基金预算财政拨款收入支出决算情况说明"),
            Some(Section::GovernmentFund)
        );
        assert_eq!(norm("“三公”经费 （境）"), "三公经费(境)");
    }
}
