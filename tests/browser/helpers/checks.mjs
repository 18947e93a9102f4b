// Measurements taken inside the page: horizontal overflow, chart marks out of sight, text
// contrast as painted, header rows and side columns. Each returns plain data for the test
// to assert on, with enough detail to name the culprit.

/** null when the page fits its width; else its width and the outermost elements past the edge. */
export function horizontalOverflow(page) {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= limit) return null;
    const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > limit + 1 && !scrolls(el))
      .filter((el, _, all) => !all.some((other) => other !== el && el.contains(other)))
      .slice(0, 5)
      .map((el) => `${el.localName}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, limit, culprits };
  });
}

/**
 * Every mark of every chart (SVG rect, circle, path, line inside figure.chart) that lies
 * neither inside the viewport's width nor inside a labelled scroller: an element that
 * scrolls sideways, has role=region, an accessible name and a tabindex. Returns
 * { marks, problems: [string] }.
 */
export function chartMarksOutOfReach(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    let marks = 0;
    const scrollerOf = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return p;
      }
      return null;
    };
    const labelled = (el) => el.getAttribute('role') === 'region'
      && ((el.getAttribute('aria-label') || '').trim() || (el.getAttribute('aria-labelledby') || '').trim())
      && el.hasAttribute('tabindex') && Number(el.getAttribute('tabindex')) >= 0;
    document.querySelectorAll('figure.chart svg').forEach((svg, index) => {
      for (const mark of svg.querySelectorAll('rect, circle, path, line')) {
        const box = mark.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        marks += 1;
        const left = box.left + window.scrollX;
        const right = box.right + window.scrollX;
        if (left >= -0.5 && right <= width + 0.5) continue;
        const scroller = scrollerOf(mark);
        if (scroller && labelled(scroller)) {
          const s = scroller.getBoundingClientRect();
          const reach = s.left + window.scrollX + scroller.scrollWidth;
          if (left >= s.left + window.scrollX - 0.5 && right <= reach + 0.5) continue;
        }
        const name = `${mark.localName}${mark.getAttribute('class') ? '.' + mark.getAttribute('class').split(/\s+/).join('.') : ''}`;
        problems.push(`chart ${index + 1}: ${name} spans ${Math.round(left)}–${Math.round(right)} px of a ${width} px viewport${scroller ? ', in a scroller without role=region, a name and a tabindex' : ', with no scroller'}`);
        if (problems.length > 20) return { marks, problems };
      }
    });
    return { marks, problems };
  });
}

/**
 * The contrast ratio of the text of every visible element matching `selector` against the
 * background painted behind it (the nearest ancestor with an opaque background colour).
 * Returns [{ what, ratio, color, background }].
 */
export function textContrast(page, selector) {
  return page.evaluate((selector) => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
      const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const backgroundOf = (el) => {
      const layers = [];
      for (let p = el; p; p = p.parentElement) {
        const c = parse(getComputedStyle(p).backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      }
      let colour = { r: 255, g: 255, b: 255, a: 1 };
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    return [...document.querySelectorAll(selector)]
      .filter((el) => el.checkVisibility() && (el.value || el.textContent).trim())
      .map((el) => {
        const style = getComputedStyle(el);
        const background = backgroundOf(el);
        const text = over(parse(style.color), background);
        const [hi, lo] = [luminance(text), luminance(background)].sort((a, b) => b - a);
        const what = `${el.localName}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.value || el.textContent).trim().slice(0, 30)}"`;
        return { what, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100, color: style.color, background: `rgb(${Math.round(background.r)}, ${Math.round(background.g)}, ${Math.round(background.b)})` };
      });
  }, selector);
}

/** The header's height, and whether the toggle shares a row with the title or the nav. */
export function headerShape(page) {
  return page.evaluate(() => {
    const header = document.querySelector('.site-header');
    const toggle = document.getElementById('theme-toggle');
    const box = (el) => el.getBoundingClientRect();
    const t = box(toggle);
    const others = [document.querySelector('.site-title'), ...document.querySelectorAll('.site-header nav li')];
    const sharesRow = others.some((el) => { const b = box(el); return b.top < t.bottom && b.bottom > t.top; });
    return { height: Math.round(box(header).height), toggleShown: toggle.checkVisibility(), sharesRow, navItems: document.querySelectorAll('.site-header nav li').length };
  });
}

/** The two columns' boxes: `main` and `side` selectors; null for one that is missing. */
export function columns(page, main, side) {
  return page.evaluate(([main, side]) => {
    const box = (sel) => { const el = document.querySelector(sel); if (!el) return null; const b = el.getBoundingClientRect(); return { left: b.left, right: b.right, top: b.top + window.scrollY, bottom: b.bottom + window.scrollY, height: b.height }; };
    return { main: box(main), side: box(side) };
  }, [main, side]);
}
