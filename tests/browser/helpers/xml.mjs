// A small XML 1.0 well-formedness checker (no DTD processing) that also returns the element
// tree, enough to check the feed and the sitemap without another dependency.

const NAME_START = 'A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040';
const NAME = `[${NAME_START}][${NAME_CHAR}]*`;
const NAME_RE = new RegExp(`^${NAME}$`);
const ATTR_RE = new RegExp(`\\s+(${NAME})\\s*=\\s*("[^"]*"|'[^']*')`, 'y');
const REF_RE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;
// Characters XML 1.0 forbids anywhere (C0 controls except tab, LF and CR; U+FFFE, U+FFFF).
const BAD_CHAR_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

class XmlError extends Error {}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

function checkText(text, raw, offset) {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '<') throw new XmlError(`line ${lineOf(text, offset + i)}: '<' not allowed here`);
    if (c === '&') {
      REF_RE.lastIndex = i;
      const m = REF_RE.exec(raw);
      if (!m) throw new XmlError(`line ${lineOf(text, offset + i)}: bad entity or unescaped '&'`);
      const code = m[2] ? parseInt(m[2], 10) : m[3] ? parseInt(m[3], 16) : null;
      if (code !== null && (code === 0 || code > 0x10ffff || (code < 0x20 && ![9, 10, 13].includes(code)))) {
        throw new XmlError(`line ${lineOf(text, offset + i)}: character reference to an illegal character`);
      }
      i += m[0].length - 1;
    }
  }
}

function decode(raw) {
  return raw.replace(/&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/g, (_, named, dec, hex) => {
    if (named) return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named];
    return String.fromCodePoint(dec ? parseInt(dec, 10) : parseInt(hex, 16));
  });
}

/**
 * Parse `text` as XML. Returns the root element { name, attrs, children, text } or throws an
 * Error whose message names the line and the problem.
 */
export function parseXml(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const bad = BAD_CHAR_RE.exec(text);
  if (bad) throw new XmlError(`line ${lineOf(text, bad.index)}: illegal character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  let i = 0;
  let root = null;
  const stack = [];
  const fail = (msg, at = i) => { throw new XmlError(`line ${lineOf(text, at)}: ${msg}`); };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('unclosed XML declaration');
    if (!/^<\?xml\s+version\s*=\s*("1\.[0-9]+"|'1\.[0-9]+')(\s+encoding\s*=\s*("[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(\s+standalone\s*=\s*("(yes|no)"|'(yes|no)'))?\s*$/.test(text.slice(0, end))) {
      fail('malformed XML declaration');
    }
    i = end + 2;
  }
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunkEnd = lt < 0 ? text.length : lt;
    const chunk = text.slice(i, chunkEnd);
    if (chunk) {
      if (stack.length === 0) {
        if (chunk.trim()) fail('text outside the root element');
      } else {
        checkText(text, chunk, i);
        if (chunk.includes(']]>')) fail("']]>' in text");
        stack.at(-1).text += decode(chunk);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) fail('unclosed comment');
      if (text.slice(i + 4, end).includes('--') || text[end - 1] === '-') fail("'--' inside a comment");
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail('CDATA outside the root element');
      const end = text.indexOf(']]>', i);
      if (end < 0) fail('unclosed CDATA section');
      stack.at(-1).text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) fail('unclosed processing instruction');
      const target = text.slice(i + 2, end).split(/\s/)[0];
      if (!NAME_RE.test(target) || target.toLowerCase() === 'xml') fail(`bad processing instruction target '${target}'`);
      i = end + 2;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (root || stack.length) fail('DOCTYPE after the root element started');
      const end = text.indexOf('>', i);
      if (end < 0 || text.slice(i, end).includes('[')) fail('unsupported or unclosed DOCTYPE');
      i = end + 1;
    } else if (text.startsWith('</', i)) {
      const m = new RegExp(`</(${NAME})\\s*>`, 'y');
      m.lastIndex = i;
      const match = m.exec(text);
      if (!match) fail('malformed end tag');
      const open = stack.pop();
      if (!open) fail(`end tag </${match[1]}> without a start tag`);
      if (open.name !== match[1]) fail(`end tag </${match[1]}> does not match <${open.name}>`);
      i = m.lastIndex;
    } else {
      const m = new RegExp(`<(${NAME})`, 'y');
      m.lastIndex = i;
      const match = m.exec(text);
      if (!match) fail("'<' not followed by a tag name");
      const element = { name: match[1], attrs: {}, children: [], text: '' };
      let j = m.lastIndex;
      for (;;) {
        ATTR_RE.lastIndex = j;
        const a = ATTR_RE.exec(text);
        if (!a) break;
        const value = a[2].slice(1, -1);
        if (Object.hasOwn(element.attrs, a[1])) fail(`duplicate attribute ${a[1]}`, j);
        checkText(text, value, j);
        element.attrs[a[1]] = decode(value).replace(/[\t\n\r]/g, ' ');
        j = ATTR_RE.lastIndex;
      }
      const close = /\s*(\/?)>/y;
      close.lastIndex = j;
      const c = close.exec(text);
      if (!c) fail(`malformed start tag <${element.name}>`, j);
      if (stack.length) stack.at(-1).children.push(element);
      else if (root) fail('more than one root element');
      else root = element;
      if (!c[1]) stack.push(element);
      i = close.lastIndex;
    }
  }
  if (stack.length) fail(`<${stack.at(-1).name}> is never closed`);
  if (!root) fail('no root element');
  return root;
}

/** Namespace-aware helpers for the parsed tree (prefix-free names only, as feeds use). */
export const child = (el, name) => el.children.find((c) => c.name === name);
export const childrenNamed = (el, name) => el.children.filter((c) => c.name === name);
