//! `{{ t(key="…") }}` written in a template's text once, when the templates load, instead
//! of being called for every page: a theme prints dozens of labels on each page, three
//! for each event of a list, and each call builds its arguments, looks the key up and
//! copies the text (about 4% of a large site's build).
//!
//! Only the plain form is folded: a literal key and no other argument, no whitespace
//! trimming (`{{-`, `-}}`), a message that is plain text (not plural forms) on one line,
//! with no `{` or `}` in it and no space at either end. The folded text is what the call printed, escaped as the
//! template's output is, followed by a comment padding it to the call's width, so every
//! line and column of the template stays where it was for error messages. Anything else
//! (a missing key, which must fail when a page prints it; a message longer than its
//! call; a template with `{% raw %}`, whose calls are text) is left to `t` itself.

use std::borrow::Cow;

use super::Catalog;

/// The template names Tera escapes `{{ … }}` output in (its default, which the renderer
/// keeps): a folded message is escaped in these and printed as it is elsewhere.
const ESCAPED_SUFFIXES: [&str; 3] = [".html", ".htm", ".xml"];

/// `text`, the template `name`, with each plain `t()` call whose message in `language`
/// fits replaced by that message.
pub(crate) fn fold_messages<'t>(
    name: &str,
    text: &'t str,
    catalog: &Catalog,
    language: &str,
) -> Cow<'t, str> {
    let escaped = ESCAPED_SUFFIXES.iter().any(|suffix| name.ends_with(suffix));
    let mut folded = String::new();
    let mut copied = 0;
    let mut at = 0;
    // Only `{{` in the template's text starts a call: comments and tags are passed over.
    while let Some(open) = text[at..].find('{').map(|found| at + found) {
        let rest = &text[open..];
        let closing = match rest.as_bytes().get(1) {
            Some(b'#') => "#}",
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let Some(close) = rest[2..].find(closing).map(|found| open + 2 + found + 2) else {
            break;
        };
        at = close;
        if closing == "%}" {
            let tag =
                text[open + 2..close - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
            if tag == "raw" {
                // What follows is text up to `endraw`, calls included: left as written.
                return Cow::Borrowed(text);
            }
            continue;
        }
        if closing == "#}" {
            continue;
        }
        let Some(key) = plain_call(&text[open..close]) else {
            continue;
        };
        let Some(message) = catalog.plain_message(language, key) else {
            continue;
        };
        let printed = if escaped {
            crate::markup::escape(message)
        } else {
            message.to_string()
        };
        let Some(padding) = padding_for(&printed, close - open) else {
            continue;
        };
        folded.push_str(&text[copied..open]);
        folded.push_str(&printed);
        folded.push_str("{#");
        folded.extend(std::iter::repeat_n(' ', padding));
        folded.push_str("#}");
        copied = close;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    folded.push_str(&text[copied..]);
    Cow::Owned(folded)
}

/// The key of `expression`, a whole `{{ … }}`, when it is the plain call
/// `{{ t(key="…") }}`.
fn plain_call(expression: &str) -> Option<&str> {
    let blank = [' ', '\t'];
    let inner = expression.strip_prefix("{{")?.strip_suffix("}}")?;
    let inner = inner.trim_matches(blank);
    let rest = inner
        .strip_prefix("t(")?
        .strip_suffix(')')?
        .trim_matches(blank);
    let rest = rest.strip_prefix("key")?.trim_start_matches(blank);
    let literal = rest.strip_prefix('=')?.trim_start_matches(blank);
    let quote = literal.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let key = literal[1..].strip_suffix(quote)?;
    if key.is_empty() || key.contains([quote, '\n', '\\']) {
        return None;
    }
    Some(key)
}

/// The spaces inside the comment that makes `printed` as wide, in characters (as Tera
/// counts columns), as the call of `width` ASCII bytes it replaces; None when the
/// message cannot stand there as text or does not fit.
fn padding_for(printed: &str, width: usize) -> Option<usize> {
    // Whitespace at either end could be trimmed by a neighbouring `{%-` or `-%}`, which
    // never reaches into a call's output.
    let blank_end =
        printed.starts_with(char::is_whitespace) || printed.ends_with(char::is_whitespace);
    if printed.is_empty() || blank_end || printed.contains(['{', '}', '\n', '\r']) {
        return None;
    }
    // "{#", at least one space, "#}".
    let chars = printed.chars().count();
    (width >= chars + 5).then(|| width - chars - 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(yaml: &str) -> Catalog {
        Catalog::from_strings("en", yaml)
    }

    /// `message` and a comment of spaces, as wide in characters as `call`.
    fn standing_in_for(call: &str, message: &str) -> String {
        let spaces = call.chars().count() - message.chars().count() - "{##}".len();
        format!("{message}{{#{}#}}", " ".repeat(spaces))
    }

    #[test]
    fn a_plain_call_becomes_its_escaped_message_padded_to_the_same_columns() {
        let catalog = catalog("event:\n  actors: \"Actors & allies:\"\n");
        let call = "{{ t(key=\"event.actors\") }}";
        let text = format!("<p>{call} {{{{ x }}}}</p>");
        let folded = fold_messages("list.html", &text, &catalog, "en");
        assert_eq!(
            folded,
            format!(
                "<p>{} {{{{ x }}}}</p>",
                standing_in_for(call, "Actors &amp; allies:")
            )
        );
        assert_eq!(folded.chars().count(), text.chars().count());
        assert_eq!(
            fold_messages("feed.txt", &text, &catalog, "en"),
            format!(
                "<p>{} {{{{ x }}}}</p>",
                standing_in_for(call, "Actors & allies:")
            ),
            "printed as it is where Tera does not escape"
        );
    }

    #[test]
    fn spaces_and_single_quotes_in_the_call_are_read() {
        let catalog = catalog("a: Alpha\n");
        let call = "{{t( key = 'a' )}}";
        assert_eq!(
            fold_messages("p.html", call, &catalog, "en"),
            standing_in_for(call, "Alpha")
        );
    }

    #[test]
    fn anything_but_the_plain_form_is_left_to_the_function() {
        let catalog = catalog(
            "a: Alpha\nlong: A message far longer than the call that prints it\n\
             braces: \"{name} said\"\nspaced: \" Alpha\"\nempty: \"\"\nplural:\n  one: one thing\n  other: things\n",
        );
        for text in [
            "{{ t(key=\"missing\") }}",
            "{{ t(key=\"long\") }}",
            "{{ t(key=\"braces\") }}",
            "{{ t(key=\"spaced\") }}",
            "{{ t(key=\"empty\") }}",
            "{{ t(key=\"plural\") }}",
            "{{ t(key=\"a\", count=2) }}",
            "{{ t(key=\"a\", lang=\"ko\") }}",
            "{{- t(key=\"a\") }}",
            "{{ t(key=\"a\") -}}",
            "{{ t(key=\"a\") | upper }}",
            "{% raw %}{{ t(key=\"a\") }}{% endraw %}",
        ] {
            assert_eq!(fold_messages("p.html", text, &catalog, "en"), text);
        }
    }

    #[test]
    fn a_message_is_folded_in_the_page_language_only() {
        let catalog = catalog("a: Alpha\n");
        let text = "{{ t(key=\"a\") }}";
        assert_eq!(fold_messages("p.html", text, &catalog, "ko"), text);
    }

    #[test]
    fn every_call_of_a_template_is_folded_and_comments_and_tags_are_passed_over() {
        let catalog = catalog("a: A\nb: B\n");
        let (a, b) = ("{{ t(key=\"a\") }}", "{{ t(key=\"b\") }}");
        let text = format!("x{a}y{{# {b} #}}{{% if z %}}{{{{ z }}}}{{% endif %}}{b}\n");
        assert_eq!(
            fold_messages("p.html", &text, &catalog, "en"),
            format!(
                "x{}y{{# {b} #}}{{% if z %}}{{{{ z }}}}{{% endif %}}{}\n",
                standing_in_for(a, "A"),
                standing_in_for(b, "B")
            )
        );
    }
}
