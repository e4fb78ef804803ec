//! Text rendering of a [`Scored`] form.

use std::fmt::Write;

use crate::{Scored, Status};

fn num(d: Option<jixiao_model::Decimal>) -> String {
    d.map_or_else(|| "—".into(), |d| d.to_string())
}

impl Status {
    /// The Chinese label of a status.
    pub fn zh(self) -> &'static str {
        match self {
            Status::Match => "一致",
            Status::Differs => "不一致",
            Status::InRange => "在区间内",
            Status::OutOfRange => "超出区间",
            Status::NotApplicable => "不适用",
            Status::InsufficientData => "证据不足",
        }
    }

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Match => "match",
            Status::Differs => "differs",
            Status::InRange => "in_range",
            Status::OutOfRange => "out_of_range",
            Status::NotApplicable => "not_applicable",
            Status::InsufficientData => "insufficient_data",
        }
    }
}

impl Scored {
    /// The working, one line per item, in Chinese with the formula of each.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} (line {})  rule set {}  rounding {}",
            self.project.as_deref().unwrap_or("(no project name)"),
            self.line_start,
            self.ruleset,
            self.rounding
        );
        for it in &self.items {
            let range = match (it.min_score, it.max_score, it.recomputed_score) {
                (_, _, Some(r)) => r.to_string(),
                (Some(lo), Some(hi), None) => format!("[{lo}, {hi}]"),
                _ => "—".into(),
            };
            let _ = writeln!(
                out,
                "  L{:<5} {:<10} {}  stated {} recomputed {}  {}  {}{}",
                it.line,
                it.status.zh(),
                it.path.join("/"),
                num(it.stated_score),
                range,
                it.formula,
                it.reason
                    .as_deref()
                    .map(|r| format!("({r})"))
                    .unwrap_or_default(),
                if it.flags.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", it.flags.join(", "))
                }
            );
            if let Some(ps) = &it.standard {
                let text = jixiao_text::fold(&ps.text);
                match &ps.fallback {
                    None => {
                        let _ = writeln!(out, "          评分标准 (printed, used): {text}");
                    }
                    Some(why) => {
                        let _ = writeln!(
                            out,
                            "          评分标准 (printed, {}) not applied ({why}): {text}",
                            ps.form
                        );
                    }
                }
            }
        }
        let _ = writeln!(
            out,
            "  总分 stated {} (Σ stated items {})  recomputed {}   等级 stated {} recomputed {}",
            num(self.stated_total),
            num(self.stated_sum),
            num(self.recomputed_total),
            self.stated_grade.as_deref().unwrap_or("—"),
            self.recomputed_grade.as_deref().unwrap_or("—")
        );
        for n in &self.notes {
            let _ = writeln!(out, "  note: {n}");
        }
        out
    }
}
