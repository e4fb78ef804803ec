//! Charts as inline SVG, drawn here: no script, no network, the same picture in HTML and PDF.
//! Geometry uses floating point (it is only drawing); every printed figure is the exact
//! decimal.

use std::fmt::Write;

use jixiao_model::Decimal;
use unicode_width::UnicodeWidthStr;

use crate::view::Labels;

const FONT: &str =
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";
const BLUE: &str = "#2F5597";
const ORANGE: &str = "#E69138";
const GREY: &str = "#8C8C8C";
const RED: &str = "#C0392B";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Cuts `s` to `w` display columns, with an ellipsis.
fn clip(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if (out.clone() + &c.to_string()).width() + 1 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn open(w: f64, h: f64, title: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="{FONT}" font-size="11" role="img" aria-label="{}">"#,
        esc(title)
    )
}

/// Findings per rule code: one horizontal bar each, coloured by the most serious severity.
pub(crate) fn rules(data: &[(String, usize, &str)], l: &Labels) -> String {
    let row = 18.0;
    let left = 250.0;
    let width = 620.0;
    let bar_max = width - left - 50.0;
    let h = 24.0 + row * data.len() as f64 + 24.0;
    let max = data.iter().map(|d| d.1).max().unwrap_or(1).max(1) as f64;
    let mut s = open(width, h, l.chart_rules);
    for (k, (code, n, sev)) in data.iter().enumerate() {
        let y = 12.0 + row * k as f64;
        let len = (*n as f64 / max * bar_max).max(2.0);
        let color = match *sev {
            "error" => RED,
            "warning" => ORANGE,
            _ => GREY,
        };
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{left}" y="{}" width="{len:.1}" height="{}" fill="{color}"/><text x="{}" y="{}">{n}</text>"#,
            left - 6.0,
            y + 12.0,
            esc(&clip(code, 40)),
            y + 2.0,
            row - 5.0,
            left + len + 4.0,
            y + 12.0,
        );
    }
    let y = h - 10.0;
    let (e, w, i) = match l.lang {
        "zh" => ("错误", "警告", "提示"),
        _ => ("error", "warning", "info"),
    };
    for (k, (label, color)) in [(e, RED), (w, ORANGE), (i, GREY)].iter().enumerate() {
        let x = left + 90.0 * k as f64;
        let _ = write!(
            s,
            r#"<rect x="{x}" y="{}" width="10" height="10" fill="{color}"/><text x="{}" y="{y}">{label}</text>"#,
            y - 9.0,
            x + 14.0
        );
    }
    s.push_str("</svg>");
    s
}

/// Grade distribution: stated and recomputed counts side by side per grade.
pub(crate) fn grades(data: &[(String, usize, usize)], l: &Labels) -> String {
    let width = 620.0;
    let h = 200.0;
    let base = 160.0;
    let top = 20.0;
    let max = data.iter().map(|d| d.1.max(d.2)).max().unwrap_or(1).max(1) as f64;
    let group = (width - 80.0) / data.len().max(1) as f64;
    let bw = (group / 3.0).min(40.0);
    let mut s = open(width, h, l.chart_grades);
    let _ = write!(
        s,
        r##"<line x1="40" y1="{base}" x2="{}" y2="{base}" stroke="#999"/>"##,
        width - 20.0
    );
    for (k, (g, a, b)) in data.iter().enumerate() {
        let x0 = 40.0 + group * k as f64 + group / 2.0 - bw;
        for (j, (n, color)) in [(a, BLUE), (b, ORANGE)].iter().enumerate() {
            let hgt = **n as f64 / max * (base - top);
            let x = x0 + bw * j as f64;
            if **n == 0 {
                continue;
            }
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{hgt:.1}" fill="{color}"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{n}</text>"#,
                base - hgt,
                bw - 4.0,
                x + (bw - 4.0) / 2.0,
                base - hgt - 4.0
            );
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{}" text-anchor="middle" font-size="13">{}</text>"#,
            x0 + bw,
            base + 18.0,
            esc(g)
        );
    }
    let y = h - 6.0;
    let stated = if data.iter().all(|d| d.1 == 0) {
        format!(
            "{}{}",
            l.legend_stated,
            if l.lang == "zh" {
                "（原文未填等级）"
            } else {
                " (no grade printed)"
            }
        )
    } else {
        l.legend_stated.to_string()
    };
    for (k, (label, color)) in [(stated.as_str(), BLUE), (l.legend_recomputed, ORANGE)]
        .iter()
        .enumerate()
    {
        let x = 40.0 + 160.0 * k as f64;
        let _ = write!(
            s,
            r#"<rect x="{x}" y="{}" width="10" height="10" fill="{color}"/><text x="{}" y="{y}">{}</text>"#,
            y - 9.0,
            x + 14.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

/// Execution rates: one bar per form, a dashed line at 100 %.
pub(crate) fn rates(data: &[(String, Decimal)]) -> String {
    let row = 18.0;
    let left = 210.0;
    let width = 620.0;
    let bar_max = width - left - 76.0;
    let h = 16.0 + row * data.len() as f64 + 22.0;
    let top_pct = data
        .iter()
        .map(|d| d.1.to_string().parse::<f64>().unwrap_or(0.0))
        .fold(100.0f64, f64::max)
        .min(300.0);
    let scale = bar_max / top_pct;
    let mut s = open(width, h, "rates");
    for (k, (name, rate)) in data.iter().enumerate() {
        let y = 8.0 + row * k as f64;
        let v = rate
            .to_string()
            .parse::<f64>()
            .unwrap_or(0.0)
            .clamp(0.0, top_pct);
        let color = if v < 90.0 { ORANGE } else { BLUE };
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{left}" y="{}" width="{:.1}" height="{}" fill="{color}"/><text x="{}" y="{}" text-anchor="end">{rate}%</text>"#,
            left - 6.0,
            y + 12.0,
            esc(&clip(name, 30)),
            y + 2.0,
            (v * scale).max(1.0),
            row - 5.0,
            width - 4.0,
            y + 12.0,
        );
    }
    let x100 = left + 100.0 * scale;
    let bottom = 8.0 + row * data.len() as f64;
    let _ = write!(
        s,
        r##"<line x1="{x100:.1}" y1="4" x2="{x100:.1}" y2="{bottom}" stroke="#333" stroke-dasharray="4 3"/><text x="{x100:.1}" y="{}" text-anchor="middle">100%</text>"##,
        bottom + 14.0
    );
    s.push_str("</svg>");
    s
}
