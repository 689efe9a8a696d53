//! The embed page of a chart: a small HTML document with the SVG inline and
//! its attribution, for an `<iframe>` on a partner's page. It may be framed
//! only by the origins of the API key in its URL (`frame-ancestors`); without
//! a key, or with a key that lists no origin, by no one. It runs no script
//! and loads nothing.

use roledex_domain::partner::ApiKey;

use super::RenderedChart;
use super::accessible::escape;
use super::style::{Style, Theme};

/// The `frame-ancestors` sources for a page asked for with `key`.
pub fn frame_ancestors(key: Option<&ApiKey>) -> String {
    match key {
        Some(key) if !key.origins.is_empty() => key.origins.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(" "),
        _ => "'none'".to_owned(),
    }
}

/// The page's Content-Security-Policy: nothing is loaded, no script runs,
/// styles are inline (the page's and the SVG's presentation attributes).
pub fn policy(frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; \
         frame-ancestors {frame_ancestors}"
    )
}

/// Absolute addresses the page links to.
#[derive(Debug)]
pub struct Links {
    /// This page, as the oEmbed discovery link names it.
    pub oembed: String,
    /// The role's profile.
    pub profile: String,
}

pub fn render(chart: &RenderedChart, style: &Style, links: &Links) -> String {
    let (background, text, muted) = match style.theme {
        Theme::Light => ("#ffffff", "#111827", "#4b5563"),
        Theme::Dark => ("#100c2a", "#e5e7eb", "#9ca3af"),
    };
    let svg = String::from_utf8_lossy(&chart.svg.identity);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Roledex</title>
<link rel="alternate" type="application/json+oembed" href="{oembed}" title="{title}">
<style>
html,body{{margin:0;padding:0;background:{background};color:{text};font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}}
figure{{margin:0}}
figure svg{{display:block;max-width:100%;height:auto}}
figcaption{{height:20px;padding:4px 12px 8px;color:{muted};white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}
figcaption a{{color:{accent}}}
</style>
</head>
<body>
<figure>
{svg}
<figcaption>{role}: data and chart by <a href="{profile}" target="_blank" rel="noopener">Roledex</a>.</figcaption>
</figure>
</body>
</html>
"#,
        title = escape(&chart.title),
        oembed = escape(&links.oembed),
        profile = escape(&links.profile),
        role = escape(&chart.role_title),
        accent = style.accent_css(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use roledex_domain::partner::{Origin, Scope};
    use roledex_domain::ratelimit::gcra::Rate;

    fn key(origins: &[&str]) -> ApiKey {
        ApiKey {
            id: "k".into(),
            name: "n".into(),
            label: "rdx_…".into(),
            scopes: vec![Scope::Embed],
            origins: origins.iter().filter_map(|o| Origin::parse(o).ok()).collect(),
            quota: Rate { limit: 60, period_ms: 60_000 },
            created_at: 0,
            created_by: None,
            revoked_at: None,
            last_used_at: None,
        }
    }

    #[test]
    fn only_the_keys_origins_may_frame_the_page() {
        assert_eq!(frame_ancestors(None), "'none'");
        assert_eq!(frame_ancestors(Some(&key(&[]))), "'none'");
        assert_eq!(
            frame_ancestors(Some(&key(&["https://jobs.example", "http://localhost:8080"]))),
            "https://jobs.example http://localhost:8080"
        );
        assert!(policy("'none'").ends_with("frame-ancestors 'none'"));
        assert!(policy("https://a.example").contains("default-src 'none'"));
    }
}
