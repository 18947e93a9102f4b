//! Test helpers for reading numbers back out of drawn SVG.

/// The number in attribute `name` of `element` (an opening tag without its `>`).
pub(crate) fn attr(element: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let start = element.find(&key).expect(name) + key.len();
    let end = start + element[start..].find('"').unwrap();
    element[start..end].parse().unwrap()
}

/// Every opening tag in `svg` that starts with `open`, without its `>`.
pub(crate) fn elements<'a>(svg: &'a str, open: &str) -> Vec<&'a str> {
    svg.match_indices(open)
        .map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap()])
        .collect()
}
