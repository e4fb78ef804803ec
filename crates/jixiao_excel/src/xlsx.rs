//! Workbooks: export, template, import.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Reader, Xlsx};
use jixiao_model::{Document, Form, FormKind};
use jixiao_score::Scored;
use rust_xlsxwriter::{ProtectionOptions, Workbook};

use crate::cells::{Formats, Grid, TagExt, W};
use crate::sheets::{self, sheet_name, Builder, FormIn};
use crate::{flat, Bundle, Error};

const KINDS: [FormKind; 4] = [
    FormKind::TargetDeclaration,
    FormKind::SelfEvaluation,
    FormKind::EvaluationScoresheet,
    FormKind::FinalAccounts,
];

fn caps(kind: FormKind) -> Vec<f64> {
    match kind {
        FormKind::SelfEvaluation => sheets::self_eval::CAPS.to_vec(),
        FormKind::TargetDeclaration => sheets::target_decl::CAPS.to_vec(),
        FormKind::EvaluationScoresheet => sheets::scoresheet::CAPS.to_vec(),
        FormKind::FinalAccounts => sheets::final_accounts::caps(),
    }
}

fn last_col(kind: FormKind) -> u16 {
    match kind {
        FormKind::SelfEvaluation => sheets::self_eval::COLS - 1,
        FormKind::TargetDeclaration => sheets::target_decl::COLS - 1,
        FormKind::EvaluationScoresheet => sheets::scoresheet::COLS - 1,
        FormKind::FinalAccounts => 12,
    }
}

fn write_form(w: &mut W, kind: FormKind, x: &FormIn) -> Result<(), rust_xlsxwriter::XlsxError> {
    match kind {
        FormKind::SelfEvaluation => sheets::self_eval::write(w, x),
        FormKind::TargetDeclaration => sheets::target_decl::write(w, x),
        FormKind::EvaluationScoresheet => sheets::scoresheet::write(w, x),
        FormKind::FinalAccounts => sheets::final_accounts::write(w, x),
    }
}

/// The scored form of `form`, if it was scored.
fn scored_of<'a>(b: &'a Bundle, form: &Form) -> Option<&'a Scored> {
    b.scores
        .iter()
        .find(|s| s.kind == form.kind && s.line_start == form.line_start)
}

/// Writes the export workbook of `bundles`.
pub fn export_xlsx(bundles: &[Bundle]) -> Result<Vec<u8>, Error> {
    let mut wb = Workbook::new();
    let fmts = Formats::new(false);
    for kind in KINDS {
        let forms: Vec<(usize, &Bundle, &Form)> = bundles
            .iter()
            .enumerate()
            .flat_map(|(i, b)| {
                b.doc
                    .forms
                    .iter()
                    .filter(move |f| f.kind == kind)
                    .map(move |f| (i, b, f))
            })
            .collect();
        if forms.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(kind))?;
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        let mut w = W::new(ws, &fmts, &caps(kind));
        let banner = format!(
            "{}（共 {} 张）  来源：{}",
            kind.zh(),
            forms.len(),
            files_of(bundles, &forms.iter().map(|x| x.0).collect::<Vec<_>>())
        );
        w.merge(0, 1, 0, last_col(kind), &banner, &fmts.banner)?;
        w.ws.set_row_height(0, 22)?;
        w.ws.set_freeze_panes(1, 0)?;
        w.row = 2;
        for (fi, b, form) in &forms {
            let x = FormIn {
                form: Some(form),
                file: &b.doc.file,
                file_index: *fi,
                scored: scored_of(b, form),
                template: false,
            };
            write_form(&mut w, kind, &x)?;
        }
        w.finish()?;
    }
    flat::scores_sheet(&mut wb, bundles)?;
    flat::findings_sheet(&mut wb, bundles)?;
    Ok(wb.save_to_buffer()?)
}

fn files_of(bundles: &[Bundle], idx: &[usize]) -> String {
    let mut seen: Vec<usize> = idx.to_vec();
    seen.dedup();
    let names: Vec<&str> = seen.iter().map(|&i| bundles[i].doc.file.as_str()).collect();
    if names.len() > 3 {
        format!("{} 等 {} 个文件", names[..3].join("，"), names.len())
    } else {
        names.join("，")
    }
}

/// A blank template for `kind` (`target_declaration` or `self_evaluation`).
pub fn template_xlsx(kind: FormKind) -> Result<Vec<u8>, Error> {
    template_xlsx_with(kind, None)
}

/// A template for `kind`, pre-filled with `form` when given (its formula cells are
/// recomputed by the spreadsheet; its lines are not kept).
pub fn template_xlsx_with(kind: FormKind, form: Option<&Form>) -> Result<Vec<u8>, Error> {
    if !matches!(kind, FormKind::TargetDeclaration | FormKind::SelfEvaluation) {
        return Err(Error::Format {
            file: kind.as_str().into(),
            message: "templates exist for target_declaration and self_evaluation".into(),
        });
    }
    let mut wb = Workbook::new();
    let fmts = Formats::new(true);
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(kind))?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    let mut w = W::new(ws, &fmts, &caps(kind));
    let last = match kind {
        FormKind::SelfEvaluation => 11,
        _ => 6,
    };
    w.merge(
        0,
        1,
        0,
        last,
        &format!(
            "{}填报模板：蓝色单元格填写，灰色单元格自动计算；可在指标区插入行",
            kind.zh()
        ),
        &fmts.banner,
    )?;
    w.ws.set_row_height(0, 22)?;
    w.ws.set_freeze_panes(1, 0)?;
    w.row = 2;
    let x = FormIn {
        form,
        file: "",
        file_index: 0,
        scored: None,
        template: true,
    };
    write_form(&mut w, kind, &x)?;
    w.finish()?;
    let opts = ProtectionOptions {
        insert_rows: true,
        delete_rows: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    ws_protect(&mut wb, &opts)?;
    Ok(wb.save_to_buffer()?)
}

fn ws_protect(wb: &mut Workbook, opts: &ProtectionOptions) -> Result<(), Error> {
    let ws = wb.worksheet_from_index(0)?;
    ws.protect_with_options(opts);
    Ok(())
}

/// Reads the forms of a workbook written by [`export_xlsx`] or a filled template, one
/// [`Document`] per source file (the workbook's name for a template). All or nothing: any
/// bad cell fails the whole workbook, with every bad cell listed.
pub fn import_xlsx(bytes: &[u8], name: &str) -> Result<Vec<Document>, Error> {
    let werr = |e: &dyn std::fmt::Display| Error::Workbook {
        file: name.to_string(),
        message: e.to_string(),
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| werr(&e))?;
    let mut errors = Vec::new();
    // (file index, file, form)
    let mut forms: Vec<(usize, String, Form)> = Vec::new();
    for sheet in book.sheet_names() {
        let data = book.worksheet_range(&sheet).map_err(|e| werr(&e))?;
        let styles = book.worksheet_style(&sheet).map_err(|e| werr(&e))?;
        let merges = book
            .merge_cells_by_sheet_name(&sheet)
            .map_err(|e| werr(&e))?;
        let g = Grid {
            name: sheet.clone(),
            data,
            styles,
            merges,
        };
        let mut cur: Option<(usize, Builder)> = None;
        for row in 0..g.height() {
            let tag = g.tag(row);
            if let Some(t) = tag.as_ref().filter(|t| t.role() == "title") {
                let kind = match t.str("k") {
                    Some("self_evaluation") => FormKind::SelfEvaluation,
                    Some("target_declaration") => FormKind::TargetDeclaration,
                    Some("evaluation_scoresheet") => FormKind::EvaluationScoresheet,
                    Some("final_accounts") => FormKind::FinalAccounts,
                    _ => continue,
                };
                if let Some((fi, b)) = cur.take() {
                    let (file, form) = b.finish();
                    forms.push((fi, file, form));
                }
                let fi = t.u32("fi").unwrap_or(0) as usize;
                cur = Some((fi, Builder::new(row, t, kind, name)));
                continue;
            }
            let Some((_, b)) = cur.as_mut() else { continue };
            if tag.is_some() || !crate::sheets::row_blank(&g, row, 1..=20) {
                b.last_row = row;
            }
            let t = tag.as_ref();
            match b.form.kind {
                FormKind::SelfEvaluation => sheets::self_eval::read_row(b, &g, row, t, &mut errors),
                FormKind::TargetDeclaration => {
                    sheets::target_decl::read_row(b, &g, row, t, &mut errors)
                }
                FormKind::EvaluationScoresheet => {
                    sheets::scoresheet::read_row(b, &g, row, t, &mut errors)
                }
                FormKind::FinalAccounts => {
                    sheets::final_accounts::read_row(b, &g, row, t, &mut errors)
                }
            }
        }
        if let Some((fi, b)) = cur.take() {
            let (file, form) = b.finish();
            forms.push((fi, file, form));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Cells {
            file: name.to_string(),
            errors,
        });
    }
    if forms.is_empty() {
        return Err(Error::Format {
            file: name.to_string(),
            message:
                "no jixiao form found (export or template sheets: 目标表, 自评表, 评分表, 部门决算)"
                    .into(),
        });
    }
    let mut by_file: BTreeMap<(usize, String), Vec<Form>> = BTreeMap::new();
    for (fi, file, form) in forms {
        let file = if file.is_empty() {
            name.to_string()
        } else {
            file
        };
        by_file.entry((fi, file)).or_default().push(form);
    }
    Ok(by_file
        .into_iter()
        .map(|((_, file), mut forms)| {
            forms.sort_by_key(|f| f.line_start);
            Document {
                file,
                forms,
                ..Document::default()
            }
        })
        .collect())
}
