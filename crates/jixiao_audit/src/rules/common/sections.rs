//! Where a prose figure sits: the section of a final account's 情况说明 a line belongs to,
//! from its nearest heading, and the folding of subjects and labels for comparison.

use jixiao_model::{Form, FormKind};
use jixiao_text::{fold, fold_char};

use crate::checker::Checker;

pub(crate) const CN_NUM: &str = "一二三四五六七八九十";

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

/// `s` without a leading `一、` / `（一）` / `1.` enumerator.
pub(crate) fn strip_enumerator(s: &str) -> (&str, bool) {
    let t = s.trim();
    let n = t.trim_start_matches(|c| CN_NUM.contains(c));
    if n.len() < t.len() {
        if let Some(r) = n.strip_prefix('、') {
            return (r.trim(), true);
        }
    }
    let d = t.trim_start_matches(|c: char| fold_char(c).is_ascii_digit());
    if d.len() < t.len() {
        if let Some(r) = d.strip_prefix(['.', '、', '．']) {
            return (r.trim(), true);
        }
    }
    (t, false)
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

/// 0: a part (`第三部分`), 1: a section (`一、`), 2: a subsection (`（一）`).
fn heading_level(t: &str) -> Option<u8> {
    let t = t.trim();
    if t.is_empty()
        || t.contains('\t')
        || t.ends_with(['。', '；', ';'])
        || t.chars().nth(60).is_some()
    {
        return None;
    }
    if t.starts_with('第') && jixiao_text::head(t, 8).contains("部分") {
        return Some(0);
    }
    let n = t.trim_start_matches(|c| CN_NUM.contains(c));
    if n.len() < t.len() && n.starts_with('、') {
        return Some(1);
    }
    if let Some(r) = t.strip_prefix(['（', '(']) {
        let n = r.trim_start_matches(|c| CN_NUM.contains(c));
        if n.len() < r.len() && n.starts_with(['）', ')']) {
            return Some(2);
        }
    }
    None
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
            Some(0) => break,
            Some(1) => {
                top = Some(t);
                break;
            }
            Some(2) if sub.is_none() => sub = Some(t),
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
    fn headings() {
        assert_eq!(
            heading_level("一、2024年度收入支出决算总体情况说明"),
            Some(1)
        );
        assert_eq!(heading_level("（二）年度支出总体情况"), Some(2));
        assert_eq!(
            heading_level("第三部分：某单位2024年度部门决算情况说明"),
            Some(0)
        );
        assert_eq!(heading_level("（一）负责收集整理档案资料。"), None);
        assert_eq!(heading_level("1. 基本支出820万元"), None);
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
        assert_eq!(norm("“三公”经费 （境）"), "三公经费(境)");
    }
}
