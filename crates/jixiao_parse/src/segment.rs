//! Finds where each form starts and dispatches to the reader of its template family.

use jixiao_model::{Document, FormKind, Warning};
use jixiao_text::fold_label;

use crate::{claims, final_accounts, scoresheet, self_eval, target_decl, Line};

/// What a line announces, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    Form(FormKind),
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// True when `s` contains `表`. A vectorised search for its three bytes: `str::contains`
/// with a char pattern scans for the last byte, which is a common UTF-8 continuation byte in
/// CJK text, and is many times slower here.
pub(crate) fn has_biao(s: &str) -> bool {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("表".as_bytes()));
    FINDER.find(s.as_bytes()).is_some()
}

/// What a self-evaluation's title ends in, whatever comes before (财政项目支出…, 部门预算项目支出…,
/// 项目…, 部门整体支出…): `绩效自评表`, and the variants that put 目标 or 情况 between.
pub(crate) const SELF_EVALUATION_TITLES: &[&str] = &[
    "绩效自评表",
    "绩效目标自评表",
    "绩效目标完成情况自评表",
    "绩效自评情况表",
];

/// What a target declaration's title ends in (项目支出绩效目标表, 绩效目标申报表, 项目绩效目标表
/// (2020年度), 绩效目标批复表 …).
pub(crate) const TARGET_TITLES: &[&str] = &[
    "绩效目标表",
    "绩效目标申报表",
    "绩效目标批复表",
    "绩效目标审核表",
    "绩效目标申报审核表",
];

/// A title is short and is not a sentence (a paragraph that mentions a form is no title).
fn is_short_title(t: &str) -> bool {
    char_count(t) < 40 && !t.contains(['。', '，', ';', '；'])
}

fn is_self_evaluation_title(t: &str) -> bool {
    SELF_EVALUATION_TITLES.iter().any(|w| t.contains(w))
        && !t.contains("评分表")
        && is_short_title(t)
}

fn is_target_title(t: &str) -> bool {
    TARGET_TITLES.iter().any(|w| t.contains(w))
        && !t.contains("自评")
        && (t.starts_with("财政") || t.starts_with("项目") || is_short_title(t))
}

/// Classifies a line as the title of a form, cheaply (most lines are rejected by `contains`
/// on the raw text before anything is folded).
fn anchor_of(lines: &[Line], i: usize) -> Option<Anchor> {
    let raw = lines[i].text;
    if raw.len() > 400 {
        return None;
    }
    // One scan for `表` rejects nearly every line; `附件` titles start their line.
    if has_biao(raw) || raw.trim_start().starts_with("附件") {
        let t = fold_label(raw);
        if is_self_evaluation_title(&t) {
            return Some(Anchor::Form(FormKind::SelfEvaluation));
        }
        if is_target_title(&t) {
            return Some(Anchor::Form(FormKind::TargetDeclaration));
        }
        if scoresheet::is_title(&t) {
            return Some(Anchor::Form(FormKind::EvaluationScoresheet));
        }
        if t.starts_with("附件")
            && char_count(&t) <= 6
            && scoresheet::follows_header(&lines[i + 1..])
        {
            return Some(Anchor::Form(FormKind::EvaluationScoresheet));
        }
    }
    None
}

/// True when a reader found nothing of its form: no money block, indicator, total or table.
fn is_empty(f: &jixiao_model::Form) -> bool {
    f.funds.is_none()
        && f.budget.is_none()
        && f.money.is_none()
        && f.indicators.is_empty()
        && f.total.is_none()
        && f.tables.is_empty()
}

/// Reads all forms, claims and warnings of a document.
pub(crate) fn parse_lines(lines: &[Line], doc: &mut Document) {
    let mut anchors: Vec<(usize, FormKind)> = Vec::new();
    for i in 0..lines.len() {
        if let Some(Anchor::Form(kind)) = anchor_of(lines, i) {
            // A title repeated after only blank lines (a page header) is not a new form.
            if let Some(&(prev, k)) = anchors.last() {
                if k == kind && lines[prev + 1..i].iter().all(|l| l.is_blank()) {
                    continue;
                }
            }
            anchors.push((i, kind));
        }
    }
    // A departmental final account runs from the top of the document to the first form of
    // another kind that follows its tables (appendix scoresheets).
    let fa_start = final_accounts::first_table_title(lines);
    if let Some(first_title) = fa_start {
        anchors.retain(|&(i, _)| i > first_title);
        anchors.insert(0, (0, FormKind::FinalAccounts));
    }
    // Lines before the first form.
    let first = anchors.first().map_or(lines.len(), |a| a.0);
    warn_unclaimed(&lines[..first], doc);

    for (k, &(start, kind)) in anchors.iter().enumerate() {
        let end = anchors.get(k + 1).map_or(lines.len(), |a| a.0);
        let seg = &lines[start..end];
        let form = match kind {
            FormKind::SelfEvaluation => self_eval::parse(seg, &mut doc.warnings),
            FormKind::TargetDeclaration => target_decl::parse(seg, &mut doc.warnings),
            FormKind::EvaluationScoresheet => scoresheet::parse(seg, &mut doc.warnings),
            FormKind::FinalAccounts => final_accounts::parse(seg, &mut doc.warnings),
        };
        // A title with nothing of its form below it, followed by a form of the same kind,
        // is a heading (a report's or a web page's), not a form.
        if is_empty(&form) && anchors.get(k + 1).is_some_and(|a| a.1 == kind) {
            doc.warnings.push(Warning::new(
                seg[0].no,
                seg[seg.len() - 1].no,
                format!(
                    "a {} title with no form below it, before the form at line {}: read as a heading",
                    kind.zh(),
                    seg[seg.len() - 1].no + 1
                ),
            ));
            continue;
        }
        if kind == FormKind::FinalAccounts || kind == FormKind::EvaluationScoresheet {
            claims::extract(seg, &mut doc.claims);
        }
        doc.forms.push(form);
    }
    if anchors.is_empty() {
        claims::extract(lines, &mut doc.claims);
    }
    doc.warnings.sort_by_key(|w| (w.line_start, w.line_end));
}

/// Non-blank lines outside every form become one warning per contiguous region.
fn warn_unclaimed(lines: &[Line], doc: &mut Document) {
    let mut region: Option<(u32, u32)> = None;
    let flush = |region: &mut Option<(u32, u32)>, doc: &mut Document| {
        if let Some((a, b)) = region.take() {
            doc.warnings.push(Warning::new(
                a,
                b,
                "text outside any recognised form (no form title found above it)",
            ));
        }
    };
    for l in lines {
        if l.is_blank() {
            continue;
        }
        match &mut region {
            Some((_, b)) if l.no <= *b + 2 => *b = l.no,
            _ => {
                flush(&mut region, doc);
                region = Some((l.no, l.no));
            }
        }
    }
    flush(&mut region, doc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_variants_of_every_kind() {
        for t in [
            "财政项目支出绩效自评表",
            "部门预算项目支出绩效自评表",
            "2023年度项目支出绩效目标自评表",
            "部门整体支出绩效自评表",
            "项目绩效目标完成情况自评表",
        ] {
            assert!(is_self_evaluation_title(t), "{t}");
            assert!(!is_target_title(t), "{t}");
        }
        for t in [
            "财政项目支出绩效目标表",
            "项目支出绩效目标申报表",
            "绩效目标申报表",
            "项目绩效目标表(2020年度)",
            "部门整体支出绩效目标表",
            "2024年项目支出绩效目标批复表",
        ] {
            assert!(is_target_title(t), "{t}");
            assert!(!is_self_evaluation_title(t), "{t}");
        }
        for t in [
            "2023年项目绩效自评指标评分表",
            "请各单位于3月底前报送绩效自评表，逾期不候。",
            "附件：绩效目标表填报说明；绩效自评表填报说明",
        ] {
            assert!(!is_self_evaluation_title(t), "{t}");
        }
    }
}
