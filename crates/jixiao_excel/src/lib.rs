//! Excel, CSV and JSON exchange for jixiao.
//!
//! - [`export_xlsx`]: a workbook with one sheet per form kind in the layout users know from
//!   the published forms (目标表, 自评表, 评分表, 部门决算: merged header cells, amounts as
//!   numbers in formats that show their printed decimals — `0.00` / `#,##0.00` for 万元 —,
//!   CJK-aware column widths, a frozen top row), the recomputed scores beside the stated
//!   ones (复核得分, 复核说明), a 评分复核 sheet (every scored item) and a 检查发现 sheet
//!   (every finding with its rule code, line, arithmetic and the source line quoted).
//! - [`template_xlsx`]: a blank 目标表 or 自评表 to fill in: input cells unlocked, the sheet
//!   protected, drop-down lists for operators (strict) and units (others accepted with a
//!   notice), and locked formulas for the funds total, execution rates and the total score.
//! - [`import_xlsx`]: reads a filled template or an export back into forms (calamine).
//!   Bad input is reported by sheet, cell and value (`自评表!F12: '十万' is not a number`),
//!   every error of the workbook at once, and nothing is returned unless the whole workbook
//!   read cleanly.
//! - [`csv`]: one UTF-8 (with BOM) file per entity; [`json`]: the parse JSON with scores and
//!   findings added.
//!
//! Money stays exact: see [`num`](crate::num) for how a double in a cell becomes the decimal
//! the document printed (`27.00` stays `27.00`).
//!
//! # CSV files and columns
//!
//! Column names are a contract (extend, never rename). Decimals are printed exactly as in
//! the document (`27.00`); absent values are empty; `raw_*` columns hold printed cells
//! verbatim. `form_index` is the 0-based index of the form in its file.
//!
//! | file | columns |
//! |---|---|
//! | `forms.csv` | `file, form_index, kind, year, project, department, unit, line_start, line_end, funds_unit, budget_unit, total_budget, current_year_budget, prior_year_budget, prior_year_executed, money_unit, evaluation_amount, planned, allocated, allocated_transfer, paid, paid_transfer, total_weight, total_score, total_line, grade, grade_line, ruleset, rounding, stated_total, recomputed_total, stated_grade, recomputed_grade, indicators, tables, errors, warnings, infos` |
//! | `indicators.csv` | `file, form_index, kind, project, indicator_index, line, depth, level1, level2, level3, level4, path_weights, target_raw, target_op, target_value, target_unit, target_kind, actual_raw, actual_op, actual_value, actual_unit, actual_kind, weight, score, note, standard, evidence, recomputed_score, min_score, max_score, status, rule, formula` |
//! | `funds.csv` | `file, form_index, project, row_index, line, unit, name, initial_budget, annual_budget, executed, weight, rate_pct, score, raw_initial_budget, raw_annual_budget, raw_executed, raw_weight, raw_rate_pct, raw_score` |
//! | `table_rows.csv` | `file, form_index, table_index, table_id, table_title, unit, row_index, line, side, code, name, row_no, column_index, column, value, raw` (one line per cell; a row without cells has one line with an empty `column_index`) |
//! | `findings.csv` | `file, line, column, end_line, rule, severity, form, path, message, stated, expected, related, source` |
//!
//! `path_weights` joins the level weights with `|` (empty entries for levels without one).

#![warn(missing_docs)]

mod cells;
pub mod csv;
mod flat;
pub mod json;
mod num;
mod sheets;
mod xlsx;

pub use xlsx::{export_xlsx, import_xlsx, template_xlsx, template_xlsx_with};

use jixiao_audit::Finding;
use jixiao_model::Document;
use jixiao_score::Scored;

/// One document with what jixiao made of it: what exports are made of.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    /// The parsed document.
    pub doc: Document,
    /// The decoded source text (to quote the lines findings point at).
    pub text: Option<String>,
    /// Scored self-evaluations and scoresheets.
    pub scores: Vec<Scored>,
    /// The findings of `jixiao check` over the document.
    pub findings: Vec<Finding>,
}

impl Bundle {
    /// The source line `n` (1-based), tabs shown as two spaces.
    pub fn source_line(&self, n: u32) -> Option<String> {
        let t = self.text.as_deref()?;
        t.lines()
            .nth(n.checked_sub(1)? as usize)
            .map(|l| l.replace('\t', "  ").trim_end().to_string())
    }
}

/// One bad cell of a workbook being imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    /// Sheet name (`自评表`).
    pub sheet: String,
    /// `F12`.
    pub cell: String,
    /// The value as the cell holds it.
    pub value: String,
    /// `is not a number`.
    pub message: String,
}

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}!{}: '{}' {}",
            self.sheet, self.cell, self.value, self.message
        )
    }
}

// The wrapped writer errors are shown in the message, so they are not also returned as the
// error's `source()`: a chain printer (`{:#}`) would repeat them.
impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Error::Xlsx(e)
    }
}

impl From<::csv::Error> for Error {
    fn from(e: ::csv::Error) -> Self {
        Error::Csv(e)
    }
}

/// Errors of the exchange formats.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The xlsx writer failed.
    #[error("xlsx: {0}")]
    Xlsx(rust_xlsxwriter::XlsxError),
    /// The workbook could not be opened or a sheet could not be read.
    #[error("reading workbook {file}: {message}")]
    Workbook {
        /// The workbook.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// Every bad cell of the workbook (nothing was read).
    #[error("{file}: {} bad cell(s), nothing imported:\n{}", .errors.len(), .errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Cells {
        /// The workbook.
        file: String,
        /// Every bad cell, in sheet and cell order.
        errors: Vec<CellError>,
    },
    /// The CSV writer failed.
    #[error("csv: {0}")]
    Csv(::csv::Error),
    /// A file could not be read or written (the message is the I/O error's own).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The input is not in the expected layout.
    #[error("{file}: {message}")]
    Format {
        /// The input file.
        file: String,
        /// What is not as expected.
        message: String,
    },
}
