//! `--format table`: a human-readable summary of parsed documents.

use std::io::{self, Write};

use jixiao_model::{Decimal, Document, Value};

fn num(d: &Option<Decimal>) -> String {
    d.map_or_else(|| "·".to_string(), |d| d.to_string())
}

fn val(v: &Value) -> String {
    if v.raw.is_empty() {
        "·".to_string()
    } else {
        v.raw.clone()
    }
}

/// Writes one document as indented text: forms, their money, indicators and tables, then
/// claims and warnings, each with its source line.
pub fn write_doc(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    writeln!(
        out,
        "== {} ({} forms, {} claims, {} warnings)",
        doc.file,
        doc.forms.len(),
        doc.claims.len(),
        doc.warnings.len()
    )?;
    for f in &doc.forms {
        writeln!(
            out,
            "{}:{}  {} {}  year={}  project={}  unit={}",
            doc.file,
            f.line_start,
            f.kind.as_str(),
            f.kind.zh(),
            f.year.map_or("·".into(), |y| y.to_string()),
            f.project.as_deref().unwrap_or("·"),
            f.unit.as_deref().unwrap_or("·")
        )?;
        if let Some(funds) = &f.funds {
            for r in &funds.rows {
                writeln!(
                    out,
                    "  L{:<5} funds {:<8} {} | {} | {} | {} | {} | {}",
                    r.line,
                    r.name,
                    num(&r.initial_budget),
                    num(&r.annual_budget),
                    num(&r.executed),
                    num(&r.weight),
                    num(&r.rate_pct),
                    num(&r.score)
                )?;
            }
        }
        if let Some(b) = &f.budget {
            writeln!(
                out,
                "  L{:<5} budget({}) total={} current={} prior={} prior_executed={}",
                b.line,
                b.unit,
                num(&b.total_budget),
                num(&b.current_year_budget),
                num(&b.prior_year_budget),
                num(&b.prior_year_executed)
            )?;
        }
        if let Some(m) = &f.money {
            writeln!(
                out,
                "  L{:<5} money planned={} allocated={} paid={} transfer={}",
                m.line,
                num(&m.planned),
                num(&m.allocated),
                num(&m.paid),
                num(&m.allocated_transfer)
            )?;
        }
        for i in &f.indicators {
            writeln!(
                out,
                "  L{:<5} {} | {} | {} | w={} s={}",
                i.line,
                i.path.join(" / "),
                val(&i.target),
                val(&i.actual),
                num(&i.weight),
                num(&i.score)
            )?;
        }
        if let Some(t) = &f.total {
            writeln!(
                out,
                "  L{:<5} total w={} s={}  grade={}",
                t.line,
                num(&t.weight),
                num(&t.score),
                f.grade.as_deref().unwrap_or("·")
            )?;
        }
        for t in &f.tables {
            writeln!(
                out,
                "  L{:<5} table {} {} ({} rows, alias {})",
                t.line_start,
                t.id,
                t.title,
                t.rows.len(),
                t.alias
            )?;
        }
    }
    for c in &doc.claims {
        writeln!(
            out,
            "  L{:<5} claim {} {}",
            c.line,
            c.kind,
            c.subject.as_deref().unwrap_or("")
        )?;
    }
    for w in &doc.warnings {
        writeln!(
            out,
            "{}:{}-{}: warning: {}",
            doc.file, w.line_start, w.line_end, w.message
        )?;
    }
    Ok(())
}
