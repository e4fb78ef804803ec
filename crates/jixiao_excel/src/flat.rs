//! The flat sheets of an export: 评分复核 (every scored item) and 检查发现 (every finding).
//! One header row, frozen, with an autofilter.

use jixiao_audit::codes;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::cells::{Formats, W};
use crate::Bundle;

fn header(w: &mut W, cols: &[&str]) -> Result<(), XlsxError> {
    let f = w.f;
    for (i, c) in cols.iter().enumerate() {
        w.text(0, i as u16 + 1, c, &f.head)?;
    }
    w.ws.set_freeze_panes(1, 0)?;
    w.ws.autofilter(0, 1, w.row.max(1), cols.len() as u16)?;
    Ok(())
}

/// 评分复核: one row per scored item, then the total and grade of each form.
pub(crate) fn scores_sheet(wb: &mut Workbook, bundles: &[Bundle]) -> Result<(), XlsxError> {
    if bundles.iter().all(|b| b.scores.is_empty()) {
        return Ok(());
    }
    let fmts = Formats::new(false);
    let ws = wb.add_worksheet();
    ws.set_name("评分复核")?;
    let cols = [
        "文件",
        "表单",
        "项目",
        "行",
        "指标",
        "分值",
        "自评得分",
        "复核得分",
        "允许区间",
        "状态",
        "规则",
        "计算过程",
        "说明",
    ];
    let caps = [
        2.0, 24.0, 10.0, 24.0, 6.0, 36.0, 8.0, 9.0, 9.0, 12.0, 10.0, 12.0, 40.0, 40.0,
    ];
    let mut w = W::new(ws, &fmts, &caps);
    let mut r = 1;
    for b in bundles {
        for s in &b.scores {
            let project = s.project.as_deref().unwrap_or("");
            for it in &s.items {
                let bad = matches!(
                    it.status,
                    jixiao_score::Status::Differs | jixiao_score::Status::OutOfRange
                );
                let st: &Format = if bad { &fmts.audit_bad } else { &fmts.text };
                w.text(r, 1, &b.doc.file, &fmts.text)?;
                w.text(r, 2, s.kind.zh(), &fmts.text)?;
                w.text(r, 3, project, &fmts.text)?;
                w.ws.write_number_with_format(r, 4, it.line as f64, &fmts.text)?;
                w.text(r, 5, &it.path.join(" / "), &fmts.wrap)?;
                w.dec(r, 6, it.weight, &fmts.text)?;
                w.dec(r, 7, it.stated_score, &fmts.text)?;
                w.dec(r, 8, it.recomputed_score, &fmts.text)?;
                let range = match (it.min_score, it.max_score) {
                    (Some(lo), Some(hi)) if it.recomputed_score.is_none() => {
                        format!("[{lo}, {hi}]")
                    }
                    _ => String::new(),
                };
                w.text(r, 9, &range, &fmts.text)?;
                w.text(r, 10, it.status.zh(), st)?;
                w.text(r, 11, &it.rule, &fmts.text)?;
                w.text(r, 12, &it.formula, &fmts.wrap)?;
                let mut note = it.reason.clone().unwrap_or_default();
                if !it.flags.is_empty() {
                    if !note.is_empty() {
                        note.push(' ');
                    }
                    note.push_str(&format!("[{}]", it.flags.join(", ")));
                }
                w.text(r, 13, &note, &fmts.wrap)?;
                r += 1;
            }
            let total_bad = s.recomputed_total.is_some() && s.recomputed_total != s.stated_total;
            w.text(r, 1, &b.doc.file, &fmts.label)?;
            w.text(r, 2, s.kind.zh(), &fmts.label)?;
            w.text(r, 3, project, &fmts.label)?;
            w.ws.write_number_with_format(r, 4, s.line_start as f64, &fmts.label)?;
            w.text(r, 5, "总分", &fmts.label)?;
            w.dec(r, 6, s.weight_sum, &fmts.label)?;
            w.dec(r, 7, s.stated_total, &fmts.label)?;
            w.dec(r, 8, s.recomputed_total, &fmts.label)?;
            w.text(r, 9, "", &fmts.label)?;
            w.text(
                r,
                10,
                if total_bad { "不一致" } else { "" },
                if total_bad {
                    &fmts.audit_bad
                } else {
                    &fmts.label
                },
            )?;
            w.text(r, 11, &s.ruleset, &fmts.label)?;
            w.text(
                r,
                12,
                &format!(
                    "Σ 自评得分 {}；等级 自评 {} 复核 {}",
                    s.stated_sum.map_or("—".into(), |d| d.to_string()),
                    s.stated_grade.as_deref().unwrap_or("—"),
                    s.recomputed_grade.as_deref().unwrap_or("—")
                ),
                &fmts.label,
            )?;
            w.text(r, 13, &format!("取整：{}", s.rounding), &fmts.label)?;
            r += 1;
        }
    }
    w.row = r - 1;
    header(&mut w, &cols)?;
    w.finish()
}

/// 检查发现: one row per finding, with the source line quoted.
pub(crate) fn findings_sheet(wb: &mut Workbook, bundles: &[Bundle]) -> Result<(), XlsxError> {
    let fmts = Formats::new(false);
    let ws = wb.add_worksheet();
    ws.set_name("检查发现")?;
    let cols = [
        "文件",
        "行",
        "列",
        "规则",
        "级别",
        "规则说明",
        "表单",
        "位置",
        "说明（含计算）",
        "原值",
        "应为",
        "原文",
    ];
    let caps = [
        2.0, 24.0, 6.0, 5.0, 6.0, 6.0, 24.0, 24.0, 24.0, 50.0, 12.0, 12.0, 60.0,
    ];
    let mut w = W::new(ws, &fmts, &caps);
    let mut r = 1;
    for b in bundles {
        for f in &b.findings {
            let sev = match f.severity {
                jixiao_audit::Severity::Error => &fmts.audit_bad,
                jixiao_audit::Severity::Warning => &fmts.audit,
                jixiao_audit::Severity::Info => &fmts.text,
            };
            w.text(r, 1, &f.file, &fmts.text)?;
            w.ws.write_number_with_format(r, 2, f.line as f64, &fmts.text)?;
            match f.column {
                Some(c) => {
                    w.ws.write_number_with_format(r, 3, c as f64, &fmts.text)?;
                }
                None => w.text(r, 3, "", &fmts.text)?,
            }
            w.text(r, 4, &f.rule, &fmts.text)?;
            w.text(r, 5, f.severity.zh(), sev)?;
            let summary = codes::rule(&f.rule).map_or("", |r| r.meta().summary);
            w.text(r, 6, summary, &fmts.wrap)?;
            w.text(r, 7, f.form.as_deref().unwrap_or(""), &fmts.wrap)?;
            w.text(r, 8, f.path.as_deref().unwrap_or(""), &fmts.wrap)?;
            w.text(r, 9, &f.message, &fmts.wrap)?;
            w.text(r, 10, f.stated.as_deref().unwrap_or(""), &fmts.text)?;
            w.text(r, 11, f.expected.as_deref().unwrap_or(""), &fmts.text)?;
            w.text(
                r,
                12,
                &b.source_line(f.line).unwrap_or_default(),
                &fmts.wrap,
            )?;
            r += 1;
        }
    }
    if r == 1 {
        w.text(1, 1, "（未发现问题）", &fmts.text)?;
        r = 2;
    }
    w.row = r - 1;
    header(&mut w, &cols)?;
    w.finish()
}
