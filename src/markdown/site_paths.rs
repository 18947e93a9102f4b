//! Links and images written as `/stories/x/` point inside the site, so they follow it
//! under its base path: on a site published at `/explainer/` they become `/explainer/stories/x/`.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use crate::markdown::LinkResolver;

pub(crate) fn under_base_path<'a>(
    events: impl Iterator<Item = Event<'a>>,
    links: &'a dyn LinkResolver,
) -> impl Iterator<Item = Event<'a>> {
    let rewrite = move |url: CowStr<'a>| -> CowStr<'a> {
        if is_site_relative(&url) {
            CowStr::from(links.site_path(&url))
        } else {
            url
        }
    };
    events.map(move |event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !matches!(link_type, LinkType::WikiLink { .. }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewrite(dest_url),
            title,
            id,
        }),
        other => other,
    })
}

fn is_site_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

#[cfg(test)]
mod tests {
    use crate::markdown::{Highlighter, LinkResolver, ResolvedLink, render};

    struct UnderExplainer;
    impl LinkResolver for UnderExplainer {
        fn resolve(&self, _: &str) -> Option<ResolvedLink> {
            None
        }
        fn site_path(&self, path: &str) -> String {
            format!("/explainer{path}")
        }
    }

    #[test]
    fn site_relative_links_and_images_gain_the_base_path() {
        let html = render(
            "[a](/stories/x/) [b](https://example.com/) [c](//cdn.example/x) ![i](/img/m.png) [d](#top)",
            &UnderExplainer,
            &Highlighter::new(),
        );
        assert!(html.contains("href=\"/explainer/stories/x/\""), "{html}");
        assert!(html.contains("href=\"https://example.com/\""), "{html}");
        assert!(html.contains("href=\"//cdn.example/x\""), "{html}");
        assert!(html.contains("src=\"/explainer/img/m.png\""), "{html}");
        assert!(html.contains("href=\"#top\""), "{html}");
    }
}
