//! CSV export (one file per entity, UTF-8 with BOM so that Excel opens it as UTF-8) and
//! its reader. The columns are documented at the crate root; they are a contract.
//!
//! [`read_dir`] rebuilds forms from `forms.csv`, `indicators.csv`, `funds.csv` and
//! `table_rows.csv`: the tabular entities come back exactly (narrative fields are not part of
//! the CSV export).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use jixiao_model::{
    Budget, Decimal, Document, Form, FormKind, Funds, FundsRow, Indicator, Op, ScoresheetMoney,
    Table, TableId, TableRow, Total, Value, ValueKind,
};

use crate::{Bundle, Error};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Columns of `forms.csv`, one row per form (documented at the crate root).
pub const FORMS: &[&str] = &[
    "file",
    "form_index",
    "kind",
    "year",
    "project",
    "department",
    "unit",
    "line_start",
    "line_end",
    "funds_unit",
    "budget_unit",
    "total_budget",
    "current_year_budget",
    "prior_year_budget",
    "prior_year_executed",
    "money_unit",
    "evaluation_amount",
    "planned",
    "allocated",
    "allocated_transfer",
    "paid",
    "paid_transfer",
    "total_weight",
    "total_score",
    "total_line",
    "grade",
    "grade_line",
    "ruleset",
    "rounding",
    "stated_total",
    "recomputed_total",
    "stated_grade",
    "recomputed_grade",
    "indicators",
    "tables",
    "errors",
    "warnings",
    "infos",
];
/// Columns of `indicators.csv`, one row per indicator with its score review.
pub const INDICATORS: &[&str] = &[
    "file",
    "form_index",
    "kind",
    "project",
    "indicator_index",
    "line",
    "depth",
    "level1",
    "level2",
    "level3",
    "level4",
    "path_weights",
    "target_raw",
    "target_op",
    "target_value",
    "target_unit",
    "target_kind",
    "actual_raw",
    "actual_op",
    "actual_value",
    "actual_unit",
    "actual_kind",
    "weight",
    "score",
    "note",
    "standard",
    "evidence",
    "recomputed_score",
    "min_score",
    "max_score",
    "status",
    "rule",
    "formula",
];
/// Columns of `funds.csv`, one row per self-evaluation funds row.
pub const FUNDS: &[&str] = &[
    "file",
    "form_index",
    "project",
    "row_index",
    "line",
    "unit",
    "name",
    "initial_budget",
    "annual_budget",
    "executed",
    "weight",
    "rate_pct",
    "score",
    "raw_initial_budget",
    "raw_annual_budget",
    "raw_executed",
    "raw_weight",
    "raw_rate_pct",
    "raw_score",
];
/// Columns of `table_rows.csv`, one row per final-accounts table cell.
pub const TABLE_ROWS: &[&str] = &[
    "file",
    "form_index",
    "table_index",
    "table_id",
    "table_title",
    "unit",
    "row_index",
    "line",
    "side",
    "code",
    "name",
    "row_no",
    "column_index",
    "column",
    "value",
    "raw",
];
/// Columns of `findings.csv`, one row per finding.
pub const FINDINGS: &[&str] = &[
    "file", "line", "column", "end_line", "rule", "severity", "form", "path", "message", "stated",
    "expected", "related", "source",
];

fn d(v: Option<Decimal>) -> String {
    v.map_or(String::new(), |d| d.to_string())
}

fn o<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

fn kind_str(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Number => "number",
        ValueKind::Percent => "percent",
        ValueKind::Date => "date",
        ValueKind::Qualitative => "qualitative",
        ValueKind::Blank => "blank",
        ValueKind::Placeholder => "placeholder",
    }
}

struct Sheet {
    w: ::csv::Writer<Vec<u8>>,
}

impl Sheet {
    fn new(cols: &[&str]) -> Result<Sheet, Error> {
        let mut buf = Vec::new();
        buf.extend_from_slice(BOM);
        let mut w = ::csv::Writer::from_writer(buf);
        w.write_record(cols)?;
        Ok(Sheet { w })
    }
    fn row(&mut self, cells: Vec<String>) -> Result<(), Error> {
        self.w.write_record(&cells)?;
        Ok(())
    }
    fn done(self) -> Result<Vec<u8>, Error> {
        self.w
            .into_inner()
            .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
    }
}

/// The five CSV files of `bundles`, as `(file name, bytes)`.
pub fn export(bundles: &[Bundle]) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
    let mut forms = Sheet::new(FORMS)?;
    let mut inds = Sheet::new(INDICATORS)?;
    let mut funds = Sheet::new(FUNDS)?;
    let mut rows = Sheet::new(TABLE_ROWS)?;
    let mut finds = Sheet::new(FINDINGS)?;
    for b in bundles {
        let file = &b.doc.file;
        for (fi, f) in b.doc.forms.iter().enumerate() {
            let scored = b
                .scores
                .iter()
                .find(|s| s.kind == f.kind && s.line_start == f.line_start);
            let in_form = |line: u32| line >= f.line_start && line <= f.line_end;
            let count = |sev: jixiao_audit::Severity| {
                b.findings
                    .iter()
                    .filter(|x| x.severity == sev && in_form(x.line))
                    .count()
                    .to_string()
            };
            let bu = f.budget.as_ref();
            let m = f.money.as_ref();
            forms.row(vec![
                file.clone(),
                fi.to_string(),
                f.kind.as_str().into(),
                o(f.year),
                f.project.clone().unwrap_or_default(),
                f.department.clone().unwrap_or_default(),
                f.unit.clone().unwrap_or_default(),
                f.line_start.to_string(),
                f.line_end.to_string(),
                f.funds.as_ref().map_or(String::new(), |x| x.unit.clone()),
                bu.map_or(String::new(), |x| x.unit.clone()),
                d(bu.and_then(|x| x.total_budget)),
                d(bu.and_then(|x| x.current_year_budget)),
                d(bu.and_then(|x| x.prior_year_budget)),
                d(bu.and_then(|x| x.prior_year_executed)),
                m.and_then(|x| x.unit.clone()).unwrap_or_default(),
                d(m.and_then(|x| x.evaluation_amount)),
                d(m.and_then(|x| x.planned)),
                d(m.and_then(|x| x.allocated)),
                d(m.and_then(|x| x.allocated_transfer)),
                d(m.and_then(|x| x.paid)),
                d(m.and_then(|x| x.paid_transfer)),
                d(f.total.as_ref().and_then(|t| t.weight)),
                d(f.total.as_ref().and_then(|t| t.score)),
                o(f.total.as_ref().map(|t| t.line)),
                f.grade.clone().unwrap_or_default(),
                o(f.grade_line),
                scored.map_or(String::new(), |s| s.ruleset.clone()),
                scored.map_or(String::new(), |s| s.rounding.clone()),
                d(scored.and_then(|s| s.stated_total)),
                d(scored.and_then(|s| s.recomputed_total)),
                scored
                    .and_then(|s| s.stated_grade.clone())
                    .unwrap_or_default(),
                scored
                    .and_then(|s| s.recomputed_grade.clone())
                    .unwrap_or_default(),
                f.indicators.len().to_string(),
                f.tables.len().to_string(),
                count(jixiao_audit::Severity::Error),
                count(jixiao_audit::Severity::Warning),
                count(jixiao_audit::Severity::Info),
            ])?;
            for (ii, ind) in f.indicators.iter().enumerate() {
                let item = scored.and_then(|s| {
                    s.items
                        .iter()
                        .find(|i| i.line == ind.line && i.path == ind.path && i.rule != "execution")
                });
                let lvl = |k: usize| ind.path.get(k).cloned().unwrap_or_default();
                let val = |v: &Value| {
                    [
                        v.raw.clone(),
                        v.op.map_or(String::new(), |o| o.symbol().to_string()),
                        d(v.value),
                        v.unit.clone().unwrap_or_default(),
                        kind_str(v.kind).to_string(),
                    ]
                };
                let mut cells = vec![
                    file.clone(),
                    fi.to_string(),
                    f.kind.as_str().into(),
                    f.project.clone().unwrap_or_default(),
                    ii.to_string(),
                    ind.line.to_string(),
                    ind.path.len().to_string(),
                    lvl(0),
                    lvl(1),
                    lvl(2),
                    lvl(3),
                    ind.path_weights
                        .iter()
                        .map(|w| d(*w))
                        .collect::<Vec<_>>()
                        .join("|"),
                ];
                cells.extend(val(&ind.target));
                cells.extend(val(&ind.actual));
                cells.extend([
                    d(ind.weight),
                    d(ind.score),
                    ind.note.clone().unwrap_or_default(),
                    ind.standard.clone().unwrap_or_default(),
                    ind.evidence.clone().unwrap_or_default(),
                    d(item.and_then(|i| i.recomputed_score)),
                    d(item.and_then(|i| i.min_score)),
                    d(item.and_then(|i| i.max_score)),
                    item.map_or(String::new(), |i| i.status.as_str().to_string()),
                    item.map_or(String::new(), |i| i.rule.clone()),
                    item.map_or(String::new(), |i| i.formula.clone()),
                ]);
                inds.row(cells)?;
            }
            if let Some(fu) = &f.funds {
                for (ri, r) in fu.rows.iter().enumerate() {
                    let mut cells = vec![
                        file.clone(),
                        fi.to_string(),
                        f.project.clone().unwrap_or_default(),
                        ri.to_string(),
                        r.line.to_string(),
                        fu.unit.clone(),
                        r.name.clone(),
                        d(r.initial_budget),
                        d(r.annual_budget),
                        d(r.executed),
                        d(r.weight),
                        d(r.rate_pct),
                        d(r.score),
                    ];
                    for k in 0..6 {
                        cells.push(r.raw.get(k).cloned().unwrap_or_default());
                    }
                    funds.row(cells)?;
                }
            }
            for (ti, t) in f.tables.iter().enumerate() {
                for (ri, r) in t.rows.iter().enumerate() {
                    let cols = r
                        .side
                        .as_ref()
                        .and_then(|s| t.side_columns.get(s))
                        .unwrap_or(&t.columns);
                    let head = |ci: String, col: String, v: String, raw: String| {
                        vec![
                            file.clone(),
                            fi.to_string(),
                            ti.to_string(),
                            t.id.to_string(),
                            t.title.clone(),
                            t.unit.clone().unwrap_or_default(),
                            ri.to_string(),
                            r.line.to_string(),
                            r.side.clone().unwrap_or_default(),
                            r.code.clone().unwrap_or_default(),
                            r.name.clone(),
                            o(r.row_no),
                            ci,
                            col,
                            v,
                            raw,
                        ]
                    };
                    let n = r.values.len().max(r.raw.len());
                    if n == 0 {
                        rows.row(head(
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                        ))?;
                    }
                    for k in 0..n {
                        rows.row(head(
                            k.to_string(),
                            cols.get(k).cloned().unwrap_or_default(),
                            d(r.values.get(k).copied().flatten()),
                            r.raw.get(k).cloned().unwrap_or_default(),
                        ))?;
                    }
                }
            }
        }
        for x in &b.findings {
            finds.row(vec![
                x.file.clone(),
                x.line.to_string(),
                o(x.column),
                x.end_line.to_string(),
                x.rule.clone(),
                x.severity.as_str().into(),
                x.form.clone().unwrap_or_default(),
                x.path.clone().unwrap_or_default(),
                x.message.clone(),
                x.stated.clone().unwrap_or_default(),
                x.expected.clone().unwrap_or_default(),
                x.related
                    .iter()
                    .map(|r| format!("{}:{} {}", r.file, r.line, r.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                b.source_line(x.line).unwrap_or_default(),
            ])?;
        }
    }
    Ok(vec![
        ("forms.csv", forms.done()?),
        ("indicators.csv", inds.done()?),
        ("funds.csv", funds.done()?),
        ("table_rows.csv", rows.done()?),
        ("findings.csv", finds.done()?),
    ])
}

/// Writes the CSV files into `dir` (created if missing); returns their paths.
pub fn write_dir(bundles: &[Bundle], dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    std::fs::create_dir_all(dir)?;
    let mut out = Vec::new();
    for (name, bytes) in export(bundles)? {
        let p = dir.join(name);
        std::fs::write(&p, bytes)?;
        out.push(p);
    }
    Ok(out)
}

type Rec = BTreeMap<String, String>;

fn read_file(dir: &Path, name: &str) -> Result<Vec<Rec>, Error> {
    let p = dir.join(name);
    let bytes = std::fs::read(&p)?;
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let mut r = ::csv::Reader::from_reader(body);
    let heads: Vec<String> = r.headers()?.iter().map(str::to_string).collect();
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec?;
        out.push(
            heads
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(out)
}

struct Get<'a> {
    rec: &'a Rec,
    file: &'a str,
}

impl Get<'_> {
    fn s(&self, k: &str) -> String {
        self.rec.get(k).cloned().unwrap_or_default()
    }
    fn opt(&self, k: &str) -> Option<String> {
        Some(self.s(k)).filter(|s| !s.is_empty())
    }
    fn dec(&self, k: &str) -> Result<Option<Decimal>, Error> {
        match self.opt(k) {
            None => Ok(None),
            Some(s) => Decimal::from_str(&s).map(Some).map_err(|_| Error::Format {
                file: self.file.into(),
                message: format!("{k}: '{s}' is not a number"),
            }),
        }
    }
    fn num<T: FromStr>(&self, k: &str) -> Result<Option<T>, Error> {
        match self.opt(k) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| Error::Format {
                file: self.file.into(),
                message: format!("{k}: '{s}' is not a whole number"),
            }),
        }
    }
    fn value(&self, p: &str) -> Result<Value, Error> {
        let op = match self.s(&format!("{p}_op")).as_str() {
            "≥" => Some(Op::Ge),
            ">" => Some(Op::Gt),
            "≤" => Some(Op::Le),
            "<" => Some(Op::Lt),
            "=" => Some(Op::Eq),
            "≈" => Some(Op::Approx),
            _ => None,
        };
        let raw = self.s(&format!("{p}_raw"));
        // The derived details (date, suffix, approx) come from the printed text, as the
        // reader makes them; the columns give what was exported.
        let mut v = jixiao_text::parse_value(&raw);
        v.raw = raw;
        v.op = op;
        v.value = self.dec(&format!("{p}_value"))?;
        v.unit = self.opt(&format!("{p}_unit"));
        v.kind = match self.s(&format!("{p}_kind")).as_str() {
            "number" => ValueKind::Number,
            "percent" => ValueKind::Percent,
            "date" => ValueKind::Date,
            "qualitative" => ValueKind::Qualitative,
            "placeholder" => ValueKind::Placeholder,
            _ => ValueKind::Blank,
        };
        Ok(v)
    }
}

/// Rebuilds documents from the CSV files in `dir`.
pub fn read_dir(dir: &Path) -> Result<Vec<Document>, Error> {
    let name = dir.display().to_string();
    let mut docs: Vec<Document> = Vec::new();
    let mut index: BTreeMap<(String, usize), (usize, usize)> = BTreeMap::new();
    for rec in read_file(dir, "forms.csv")? {
        let g = Get {
            rec: &rec,
            file: &name,
        };
        let file = g.s("file");
        let fi: usize = g.num("form_index")?.unwrap_or(0);
        let kind = match g.s("kind").as_str() {
            "self_evaluation" => FormKind::SelfEvaluation,
            "target_declaration" => FormKind::TargetDeclaration,
            "evaluation_scoresheet" => FormKind::EvaluationScoresheet,
            _ => FormKind::FinalAccounts,
        };
        let mut f = Form::new(kind, g.num("line_start")?.unwrap_or(0));
        f.line_end = g.num("line_end")?.unwrap_or(0);
        f.year = g.num("year")?;
        f.project = g.opt("project");
        f.department = g.opt("department");
        f.unit = g.opt("unit");
        if let Some(u) = g.opt("funds_unit") {
            f.funds = Some(Funds {
                unit: u,
                line: 0,
                rows: Vec::new(),
            });
        }
        if let Some(u) = g.opt("budget_unit") {
            f.budget = Some(Budget {
                unit: u,
                total_budget: g.dec("total_budget")?,
                current_year_budget: g.dec("current_year_budget")?,
                prior_year_budget: g.dec("prior_year_budget")?,
                prior_year_executed: g.dec("prior_year_executed")?,
                line: 0,
                raw: Vec::new(),
            });
        }
        let money = ScoresheetMoney {
            unit: g.opt("money_unit"),
            evaluation_amount: g.dec("evaluation_amount")?,
            planned: g.dec("planned")?,
            allocated: g.dec("allocated")?,
            allocated_transfer: g.dec("allocated_transfer")?,
            paid: g.dec("paid")?,
            paid_transfer: g.dec("paid_transfer")?,
            line: 0,
        };
        if money != ScoresheetMoney::default() {
            f.money = Some(money);
        }
        if let Some(l) = g.num("total_line")? {
            f.total = Some(Total {
                weight: g.dec("total_weight")?,
                score: g.dec("total_score")?,
                line: l,
            });
        }
        f.grade = g.opt("grade");
        f.grade_line = g.num("grade_line")?;
        let di = match docs.iter().position(|d| d.file == file) {
            Some(i) => i,
            None => {
                docs.push(Document {
                    file: file.clone(),
                    ..Document::default()
                });
                docs.len() - 1
            }
        };
        docs[di].forms.push(f);
        index.insert((file, fi), (di, docs[di].forms.len() - 1));
    }
    let form_of = |g: &Get| -> Result<Option<(usize, usize)>, Error> {
        let fi: usize = g.num("form_index")?.unwrap_or(0);
        Ok(index.get(&(g.s("file"), fi)).copied())
    };
    for rec in read_file(dir, "indicators.csv")? {
        let g = Get {
            rec: &rec,
            file: &name,
        };
        let Some((di, fi)) = form_of(&g)? else {
            continue;
        };
        let depth: usize = g.num("depth")?.unwrap_or(0);
        let pw = g.s("path_weights");
        let path_weights = if pw.is_empty() {
            Vec::new()
        } else {
            pw.split('|')
                .map(|s| {
                    if s.is_empty() {
                        Ok(None)
                    } else {
                        Decimal::from_str(s).map(Some)
                    }
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| Error::Format {
                    file: name.clone(),
                    message: format!("path_weights: '{pw}'"),
                })?
        };
        docs[di].forms[fi].indicators.push(Indicator {
            path: (1..=depth).map(|k| g.s(&format!("level{k}"))).collect(),
            target: g.value("target")?,
            actual: g.value("actual")?,
            weight: g.dec("weight")?,
            score: g.dec("score")?,
            note: g.opt("note"),
            line: g.num("line")?.unwrap_or(0),
            path_weights,
            standard: g.opt("standard"),
            evidence: g.opt("evidence"),
        });
    }
    for rec in read_file(dir, "funds.csv")? {
        let g = Get {
            rec: &rec,
            file: &name,
        };
        let Some((di, fi)) = form_of(&g)? else {
            continue;
        };
        let row = FundsRow {
            name: g.s("name"),
            initial_budget: g.dec("initial_budget")?,
            annual_budget: g.dec("annual_budget")?,
            executed: g.dec("executed")?,
            weight: g.dec("weight")?,
            rate_pct: g.dec("rate_pct")?,
            score: g.dec("score")?,
            line: g.num("line")?.unwrap_or(0),
            raw: [
                "initial_budget",
                "annual_budget",
                "executed",
                "weight",
                "rate_pct",
                "score",
            ]
            .iter()
            .map(|k| g.s(&format!("raw_{k}")))
            .collect(),
        };
        let form = &mut docs[di].forms[fi];
        form.funds
            .get_or_insert_with(|| Funds {
                unit: g.s("unit"),
                line: 0,
                rows: Vec::new(),
            })
            .rows
            .push(row);
    }
    for rec in read_file(dir, "table_rows.csv")? {
        let g = Get {
            rec: &rec,
            file: &name,
        };
        let Some((di, fi)) = form_of(&g)? else {
            continue;
        };
        let ti: usize = g.num("table_index")?.unwrap_or(0);
        let ri: usize = g.num("row_index")?.unwrap_or(0);
        let form = &mut docs[di].forms[fi];
        while form.tables.len() <= ti {
            form.tables.push(Table {
                id: TableId::from_id(&g.s("table_id")).unwrap_or(TableId::Other),
                title: g.s("table_title"),
                alias: String::new(),
                unit: g.opt("unit"),
                columns: Vec::new(),
                side_columns: BTreeMap::new(),
                rows: Vec::new(),
                line_start: 0,
                line_end: 0,
                empty_statement: false,
                empty_statement_line: None,
                summarised: false,
            });
        }
        let t = &mut form.tables[ti];
        while t.rows.len() <= ri {
            t.rows.push(TableRow {
                code: g.opt("code"),
                name: g.s("name"),
                side: g.opt("side"),
                row_no: g.num("row_no")?,
                values: Vec::new(),
                raw: Vec::new(),
                line: g.num("line")?.unwrap_or(0),
            });
        }
        if g.opt("column_index").is_some() {
            let r = &mut t.rows[ri];
            r.values.push(g.dec("value")?);
            r.raw.push(g.s("raw"));
            let col = g.s("column");
            let cols = match &r.side {
                Some(s) => t.side_columns.entry(s.clone()).or_default(),
                None => &mut t.columns,
            };
            if cols.len() < r.values.len() {
                cols.push(col);
            }
        }
    }
    Ok(docs)
}
