//! Which rule set scores a form. This is the one place that decides: the built-in set of the
//! form's template family ([`default_ruleset`]), or a user's set for every form
//! ([`RuleChoice::load`]). A user's set that cannot be loaded is an error naming the file; it is
//! never replaced by a built-in one.

use jixiao_model::{Form, FormKind};

use crate::ruleset::{RuleSet, RuleSetError};
use crate::{engine, Scored};

/// Regions with a built-in rule set: `(region, rule set name)`.
const REGIONS: &[(&str, &str)] = &[
    ("central", "central-2020"),
    ("shanghai", "shanghai"),
    ("guangdong", "guangdong"),
];

/// True for the form kinds that carry scores (self-evaluations and scoresheets).
pub fn is_scored(kind: FormKind) -> bool {
    matches!(
        kind,
        FormKind::SelfEvaluation | FormKind::EvaluationScoresheet
    )
}

/// The built-in rule set for a form of `kind` reporting on `year`, published in `region`.
///
/// - `region` names a region with its own set (`central`, `shanghai`, `guangdong`); an unknown
///   region is an error, never a silent fallback.
/// - Without a region, the template family decides: scoresheets (指标评分表) are a Guangdong
///   layout and get `guangdong`; every other kind gets `shanghai`, whose self-evaluation layout
///   jixiao reads.
/// - `year` is accepted so that callers pass what they know, but every built-in set applies to
///   every year today, so it does not change the choice.
///
/// ```
/// use jixiao_model::FormKind;
/// use jixiao_score::default_ruleset;
///
/// let rs = default_ruleset(FormKind::EvaluationScoresheet, Some(2023), None).unwrap();
/// assert_eq!(rs.name, "guangdong");
/// let rs = default_ruleset(FormKind::SelfEvaluation, None, Some("central")).unwrap();
/// assert_eq!(rs.name, "central-2020");
/// assert!(default_ruleset(FormKind::SelfEvaluation, None, Some("atlantis")).is_err());
/// ```
pub fn default_ruleset(
    kind: FormKind,
    year: Option<u16>,
    region: Option<&str>,
) -> Result<&'static RuleSet, RuleSetError> {
    let _ = year;
    let name = match region {
        Some(r) => REGIONS
            .iter()
            .find(|(region, _)| region.eq_ignore_ascii_case(r.trim()))
            .map(|(_, name)| *name)
            .ok_or_else(|| RuleSetError::UnknownRegion(r.to_string()))?,
        None => family_default(kind),
    };
    RuleSet::builtin_ref(name)
}

/// The built-in set of a template family.
fn family_default(kind: FormKind) -> &'static str {
    match kind {
        FormKind::EvaluationScoresheet => "guangdong",
        _ => "shanghai",
    }
}

/// The rule set for each form of a document: one user's set for every form, or else the
/// built-in default of each form's kind.
///
/// ```
/// use jixiao_score::RuleChoice;
///
/// let doc = jixiao_model::Document::default();
/// // No user rule set: each form gets its family's built-in set.
/// let choice = RuleChoice::load(None).unwrap();
/// assert!(choice.score_document(&doc.forms).is_empty());
/// // A broken user rule set is an error naming the file, never replaced by a built-in one.
/// let err = RuleChoice::load(Some("no-such-file.toml")).unwrap_err();
/// assert!(err.to_string().starts_with("no-such-file.toml: "));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleChoice {
    user: Option<RuleSet>,
}

impl RuleChoice {
    /// The built-in default of each form's kind.
    pub fn defaults() -> RuleChoice {
        RuleChoice::default()
    }

    /// `name_or_path` (a built-in name or a TOML file) for every form, or the defaults when
    /// `None`. Fails when the named set cannot be loaded.
    pub fn load(name_or_path: Option<&str>) -> Result<RuleChoice, RuleSetError> {
        Ok(RuleChoice {
            user: name_or_path.map(RuleSet::load).transpose()?,
        })
    }

    /// `rules` for every form.
    pub fn with(rules: RuleSet) -> RuleChoice {
        RuleChoice { user: Some(rules) }
    }

    /// The user's rule set, if one was given.
    pub fn user(&self) -> Option<&RuleSet> {
        self.user.as_ref()
    }

    /// The rule set that scores `form`.
    pub fn for_form(&self, form: &Form) -> &RuleSet {
        match &self.user {
            Some(r) => r,
            None => RuleSet::builtin_ref(family_default(form.kind))
                .expect("the family defaults are built in"),
        }
    }

    /// Scores the scored forms of one document together ([`crate::score_document`]), each
    /// under its rule set; other forms are left out.
    pub fn score_document(&self, forms: &[Form]) -> Vec<Scored> {
        self.score_aligned(forms).into_iter().flatten().collect()
    }

    /// Like [`RuleChoice::score_document`], index-aligned with `forms`: `None` for forms that
    /// carry no scores.
    pub fn score_aligned(&self, forms: &[Form]) -> Vec<Option<Scored>> {
        score_forms(forms, |f| self.for_form(f))
    }
}

/// Scores the self-evaluations and scoresheets of one document together
/// ([`crate::score_document`]), `rules_for` giving each form its rule set. The result is
/// index-aligned with `forms`: `None` for forms that carry no scores.
pub fn score_forms<'r>(
    forms: &[Form],
    rules_for: impl Fn(&Form) -> &'r RuleSet,
) -> Vec<Option<Scored>> {
    let pairs = forms
        .iter()
        .filter(|f| is_scored(f.kind))
        .map(|f| (f, rules_for(f)));
    let mut scored = engine::score_document(pairs).into_iter();
    forms
        .iter()
        .map(|f| {
            if is_scored(f.kind) {
                scored.next()
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_get_their_own_set() {
        let pick = |k| default_ruleset(k, None, None).unwrap().name.as_str();
        assert_eq!(pick(FormKind::EvaluationScoresheet), "guangdong");
        assert_eq!(pick(FormKind::SelfEvaluation), "shanghai");
        assert_eq!(pick(FormKind::TargetDeclaration), "shanghai");
    }

    #[test]
    fn a_region_overrides_the_family_and_an_unknown_one_is_an_error() {
        let rs = default_ruleset(FormKind::EvaluationScoresheet, None, Some("Shanghai")).unwrap();
        assert_eq!(rs.name, "shanghai");
        let e = default_ruleset(FormKind::SelfEvaluation, None, Some("hainan")).unwrap_err();
        assert!(matches!(e, RuleSetError::UnknownRegion(ref r) if r == "hainan"));
    }

    #[test]
    fn a_user_set_scores_every_form() {
        let mut mine = RuleSet::builtin("central-2020").unwrap();
        mine.name = "mine".into();
        let choice = RuleChoice::with(mine);
        for kind in [FormKind::SelfEvaluation, FormKind::EvaluationScoresheet] {
            assert_eq!(choice.for_form(&Form::new(kind, 1)).name, "mine");
        }
        let defaults = RuleChoice::defaults();
        let sheet = Form::new(FormKind::EvaluationScoresheet, 1);
        assert_eq!(defaults.for_form(&sheet).name, "guangdong");
    }

    #[test]
    fn a_broken_user_set_is_an_error_naming_the_file() {
        let dir = std::env::temp_dir().join(format!("jixiao-choice-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("broken.toml");
        std::fs::write(&p, "name = \"broken\"\n").unwrap();
        let name = p.display().to_string();
        let e = RuleChoice::load(Some(&name)).unwrap_err();
        assert!(matches!(e, RuleSetError::Invalid { ref file, .. } if *file == name));
        assert!(e
            .to_string()
            .starts_with(&format!("{name}: invalid rule set: ")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn score_aligned_keeps_form_positions() {
        let forms = vec![
            Form::new(FormKind::TargetDeclaration, 1),
            Form::new(FormKind::SelfEvaluation, 10),
            Form::new(FormKind::FinalAccounts, 20),
        ];
        let s = RuleChoice::defaults().score_aligned(&forms);
        assert_eq!(s.len(), 3);
        assert!(s[0].is_none() && s[2].is_none());
        assert_eq!(s[1].as_ref().map(|s| s.line_start), Some(10));
    }
}
