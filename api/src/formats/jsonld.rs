//! A role profile as schema.org JSON-LD: an `Occupation` that search engines
//! and partner pages read. Only what the pack states is said: the estimated
//! salary is a `MonetaryAmountDistribution` for each sourced figure (a
//! single reported salary is the median of a one-point distribution, and
//! its description names the source), and is left out when there is none.

use roledex_domain::profile::{PayPeriod, RoleProfile, SalaryDataPoint};
use roledex_domain::scoring::rank_certifications;
use serde_json::{Value, json};

/// ISO 8601 duration of a pay period, as schema.org's `duration` takes it.
fn duration(period: PayPeriod) -> &'static str {
    match period {
        PayPeriod::Annual => "P1Y",
        PayPeriod::Monthly => "P1M",
        PayPeriod::Hourly => "PT1H",
    }
}

fn salary(point: &SalaryDataPoint) -> Value {
    let as_of = point.source.as_of.map(|m| format!(", {m}")).unwrap_or_default();
    let equity = if point.plus_equity { ", plus equity" } else { "" };
    let mut value = json!({
        "@type": "MonetaryAmountDistribution",
        "name": format!("{} at {}: base salary", point.title, point.employer),
        "description": format!("One reported figure{equity}. Source: {}{as_of}.", point.source.name),
        "currency": point.base.currency.as_str(),
        "duration": duration(point.period),
        "median": point.base.amount,
    });
    if let Some(url) = &point.source.url {
        value["url"] = json!(url.as_str());
    }
    value
}

/// The `Occupation` for `profile`, whose address is `url`.
pub fn occupation(profile: &RoleProfile, url: &str) -> Value {
    let doc = &profile.document;
    let mut occupation = json!({
        "@context": "https://schema.org",
        "@type": "Occupation",
        "@id": url,
        "url": url,
        "name": doc.title,
        "description": doc.summary,
        "disambiguatingDescription": doc.one_line,
    });
    if !doc.alternate_titles.is_empty() {
        occupation["alternateName"] = doc.alternate_titles.iter().map(|t| json!(t.title)).collect();
    }
    if !doc.responsibilities.is_empty() {
        occupation["responsibilities"] = json!(doc.responsibilities);
    }
    if !profile.skills.is_empty() {
        occupation["skills"] = profile
            .skills
            .iter()
            .map(|s| {
                json!({
                    "@type": "DefinedTerm",
                    "termCode": s.skill.slug.as_str(),
                    "name": s.skill.name,
                    "description": s.skill.description,
                })
            })
            .collect();
    }
    let certifications = rank_certifications(profile);
    if !certifications.is_empty() {
        occupation["qualifications"] = certifications
            .iter()
            .map(|c| {
                json!({
                    "@type": "EducationalOccupationalCredential",
                    "name": c.certification.full_name.as_deref().unwrap_or(&c.certification.name),
                    "alternateName": c.certification.name,
                    "credentialCategory": "certification",
                    "url": c.certification.url.as_str(),
                    "recognizedBy": { "@type": "Organization", "name": c.certification.provider },
                })
            })
            .collect();
    }
    if let Some(category) = &doc.occupational_category {
        occupation["occupationalCategory"] = json!({
            "@type": "CategoryCode",
            "codeValue": category.code,
            "name": category.name,
            "inCodeSet": { "@type": "CategoryCodeSet", "name": category.classification },
        });
    }
    let salaries: Vec<Value> = doc.demand.iter().flat_map(|d| d.salary_data_points.iter()).map(salary).collect();
    if !salaries.is_empty() {
        occupation["estimatedSalary"] = Value::Array(salaries);
    }
    occupation
}

/// The JSON-LD as an HTML `<script>` block for a partner page. `<` is
/// written as `\u003c` so no text in it can close the element.
pub fn script_block(occupation: &Value) -> String {
    let json = occupation.to_string().replace('<', "\\u003c");
    format!("<script type=\"application/ld+json\">{json}</script>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_block_cannot_be_closed_by_its_content() {
        let block = script_block(&json!({ "name": "</script><script>alert(1)</script>" }));
        assert_eq!(block.matches("</script>").count(), 1);
        let inner =
            block.trim_end().trim_start_matches("<script type=\"application/ld+json\">").trim_end_matches("</script>");
        let parsed: Value = serde_json::from_str(inner).unwrap_or_default();
        assert_eq!(parsed["name"], "</script><script>alert(1)</script>");
    }
}
