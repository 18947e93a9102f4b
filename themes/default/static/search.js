// The search page: reads the index flashpoint writes under pagefind/ (see src/search/encode.rs
// for its files) and shows results as the reader types. A first search fetches entry.json,
// the chunk or two holding the typed words, and the files of the five results shown.
(function () {
  "use strict";

  // The page's words for the interface, in its language (data-say-* on #search, from the
  // theme's i18n files); English where a site gives none.
  var LABELS = (document.getElementById("search") || { dataset: {} }).dataset;
  function say(key, fallback) {
    var name = "say" + key.charAt(0).toUpperCase() + key.slice(1);
    return typeof LABELS[name] === "string" ? LABELS[name] : fallback;
  }
  function kindName(kind) { return say(kind.toLowerCase(), kind); }

  var WORD = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu;
  var PAGE = 5;
  // A word of at least this many characters also finds the words it begins ("seiz" finds
  // "seized"), scored a little lower than the word itself.
  var PREFIX_MIN = 3;
  var PREFIX_WEIGHT = 0.7;
  var EXCERPT_WORDS = 30;

  function words(text) {
    return (text.toLowerCase().match(WORD) || []);
  }

  // A folder path from the page, as the path of an address on this host.
  function pathFromPage(path) {
    return new URL(path, window.location.href).pathname;
  }

  // What goes before a recorded URL: a usual build records URLs from the host's root; a
  // relative build (--relative) names the bundle relatively and records URLs from the site's
  // root, the folder above pagefind/.
  function resultBase(bundle) {
    return /^(\/|[a-z][a-z0-9+.-]*:)/i.test(bundle) ? "" : pathFromPage(bundle + "../");
  }

  function Index(bundle) {
    this.bundle = new URL(bundle, window.location.href);
    this.files = {};
  }

  Index.prototype.fetch = function (path, kind) {
    var files = this.files;
    if (!files[path]) {
      files[path] = fetch(new URL(path, this.bundle)).then(function (response) {
        if (!response.ok) throw new Error("search index: HTTP " + response.status + " for " + path);
        if (kind === "json") return response.json();
        // The whole body is read before it is decompressed: piping the response itself
        // through DecompressionStream can cancel it once the gzip data ends, which the
        // browser reports as a failed request.
        return response.arrayBuffer().then(function (gzipped) {
          var body = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream("gzip"));
          return new Response(body).arrayBuffer();
        }).then(function (buffer) { return new Uint8Array(buffer); });
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  };

  Index.prototype.entry = function () {
    return this.fetch("entry.json", "json").then(function (entry) {
      if (entry.format !== 1) throw new Error("search index: unknown format " + entry.format);
      return entry;
    });
  };

  // The chunks whose words may begin with `word` (or be it).
  function chunksFor(entry, word, prefix) {
    var chunks = entry.chunks, first = 0, picked = [];
    for (var i = 0; i < chunks.length; i++) if (chunks[i].from <= word) first = i;
    picked.push(chunks[first].file);
    if (prefix) {
      for (var j = first + 1; j < chunks.length && chunks[j].from.lastIndexOf(word, 0) === 0; j++) {
        picked.push(chunks[j].file);
      }
    }
    return picked;
  }

  function Reader(bytes) { this.bytes = bytes; this.at = 0; }
  Reader.prototype.varint = function () {
    var value = 0, shift = 0, byte;
    do {
      byte = this.bytes[this.at++];
      value += (byte & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  Reader.prototype.postings = function (count) {
    var list = new Array(count), record = 0;
    for (var i = 0; i < count; i++) {
      record += this.varint();
      list[i] = [record, this.bytes[this.at++]];
    }
    return list;
  };

  var decoder = new TextDecoder();
  var ascii = new TextDecoder("latin1");

  // The words of a chunk that are `word`, or begin with it when `prefix`:
  // [{ word, count, postings, tail }].
  function wordsIn(bytes, word, prefix) {
    var reader = new Reader(bytes), previous = new Uint8Array(0), found = [];
    while (reader.at < bytes.length) {
      var shared = reader.varint(), length = reader.varint();
      var current = new Uint8Array(shared + length);
      current.set(previous.subarray(0, shared));
      current.set(bytes.subarray(reader.at, reader.at + length), shared);
      reader.at += length;
      previous = current;
      var text = decoder.decode(current);
      var count = reader.varint(), head = reader.varint(), tail = null;
      if (head < count) {
        tail = ascii.decode(bytes.subarray(reader.at, reader.at + 16));
        reader.at += 16;
      }
      var matches = text === word || (prefix && text.lastIndexOf(word, 0) === 0);
      if (matches) {
        found.push({ word: text, count: count, postings: reader.postings(head), tail: tail });
      } else {
        for (var i = 0; i < head; i++) { reader.varint(); reader.at++; }
      }
    }
    return found;
  }

  Index.prototype.tail = function (hex) {
    return this.fetch("tails/t." + hex + ".bin", "bytes").then(function (bytes) {
      var reader = new Reader(bytes);
      return reader.postings(reader.varint());
    });
  };

  // Every record matching every word of `query`, best first: { entry, results: [[record,
  // score]], complete } where `complete` says whether records past the best ones of a very
  // common word are in (they are fetched when a reader pages past them, or to combine words).
  Index.prototype.search = function (query, full) {
    var index = this;
    var terms = words(query).filter(function (w, i, all) { return all.indexOf(w) === i; });
    return this.entry().then(function (entry) {
      if (!terms.length) return { entry: entry, results: [], complete: true };
      var total = entry.records;
      var needTails = full || terms.length > 1;
      return Promise.all(terms.map(function (term) {
        var prefix = term.length >= PREFIX_MIN;
        return Promise.all(chunksFor(entry, term, prefix).map(function (file) {
          return index.fetch(file, "bytes");
        })).then(function (chunks) {
          var found = [];
          chunks.forEach(function (bytes) { found = found.concat(wordsIn(bytes, term, prefix)); });
          return Promise.all(found.map(function (f) {
            return needTails && f.tail ? index.tail(f.tail).then(function (all) { f.postings = all; f.tail = null; return f; }) : f;
          }));
        }).then(function (found) {
          // Per record: its best score over the words found for this term.
          var scores = new Map(), partial = false, atLeast = 0;
          found.forEach(function (f) {
            if (f.tail) partial = true;
            atLeast = Math.max(atLeast, f.count);
            var idf = Math.log(1 + (total - f.count + 0.5) / (f.count + 0.5));
            var weight = f.word === term ? 1 : PREFIX_WEIGHT;
            f.postings.forEach(function (p) {
              var score = idf * weight * p[1];
              if (!(scores.get(p[0]) >= score)) scores.set(p[0], score);
            });
          });
          return { scores: scores, partial: partial, atLeast: atLeast, exact: found.length <= 1 };
        });
      })).then(function (perTerm) {
        perTerm.sort(function (a, b) { return a.scores.size - b.scores.size; });
        var results = [], atLeast = 0;
        perTerm.forEach(function (t) { atLeast = Math.max(atLeast, t.atLeast); });
        perTerm[0].scores.forEach(function (score, record) {
          for (var i = 1; i < perTerm.length; i++) {
            var other = perTerm[i].scores.get(record);
            if (other === undefined) return;
            score += other;
          }
          results.push([record, score]);
        });
        results.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        var complete = !perTerm.some(function (t) { return t.partial; });
        return {
          entry: entry, results: results, complete: complete,
          atLeast: complete ? results.length : Math.max(atLeast, results.length),
          // One typed word found as one indexed word: its count is the number of results.
          exactCount: complete || (perTerm.length === 1 && perTerm[0].exact),
        };
      });
    });
  };

  // How many records a search finds: exact once every record is in; before that (a common
  // word's best records only) the number of records holding the typed word itself, a floor.
  function totalFound(search) {
    return search.complete ? { count: search.results.length, exact: true } : { count: search.atLeast, exact: search.exactCount };
  }

  Index.prototype.record = function (number) {
    return this.fetch("records/" + number + ".json", "json");
  };

  function kindOf(entry, record) {
    for (var i = 0; i < entry.kinds.length; i++) {
      var run = entry.kinds[i];
      if (record >= run.from && record < run.to) return run.kind;
    }
    return "";
  }

  // About EXCERPT_WORDS words of `text` around the first typed word it holds, the typed words
  // marked: a list of [text, marked].
  function excerpt(text, terms) {
    var found = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) found.push(match);
    var matches = function (m) {
      var w = m[0].toLowerCase();
      return terms.some(function (t) { return w === t || (t.length >= PREFIX_MIN && w.lastIndexOf(t, 0) === 0); });
    };
    var hit = 0;
    for (var i = 0; i < found.length; i++) if (matches(found[i])) { hit = i; break; }
    var from = Math.max(0, hit - Math.floor(EXCERPT_WORDS / 3));
    var to = Math.min(found.length, from + EXCERPT_WORDS);
    if (!found.length) return [[text, false]];
    var start = from === 0 ? 0 : found[from].index;
    var end = to === found.length ? text.length : found[to - 1].index + found[to - 1][0].length;
    var parts = [], at = start;
    for (var k = from; k < to; k++) {
      if (!matches(found[k])) continue;
      parts.push([text.slice(at, found[k].index), false], [found[k][0], true]);
      at = found[k].index + found[k][0].length;
    }
    parts.push([text.slice(at, end), false]);
    if (from > 0) parts.unshift(["… ", false]);
    if (end < text.length) parts.push([" …", false]);
    return parts;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function SearchPage(container, index, base) {
    this.container = container;
    this.index = index;
    this.base = base;
    this.sequence = 0;
    this.kinds = new Set();
    this.build();
  }

  SearchPage.prototype.build = function () {
    var page = this;
    var form = element("form", "search-ui__form");
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var input = element("input", "search-ui__search-input");
    // A text box, not type=search: the browser's own clear button would sit beside ours.
    input.type = "text";
    input.setAttribute("inputmode", "search");
    input.setAttribute("enterkeyhint", "search");
    input.placeholder = say("placeholder", "Search");
    input.setAttribute("aria-label", say("label", "Search this site"));
    input.autocomplete = "off";
    var clear = element("button", "search-ui__search-clear", say("clear", "Clear"));
    clear.type = "button";
    clear.hidden = true;
    clear.addEventListener("click", function () { input.value = ""; page.run(""); input.focus(); });
    form.append(input, clear);
    this.filters = element("fieldset", "search-ui__filter-panel");
    this.filters.hidden = true;
    this.message = element("p", "search-ui__message");
    this.message.setAttribute("role", "status");
    this.list = element("ol", "search-ui__results");
    this.more = element("button", "search-ui__button", say("more", "Load more results"));
    this.more.type = "button";
    this.more.hidden = true;
    this.more.addEventListener("click", function () { page.showMore(); });
    var area = element("div", "search-ui__results-area");
    area.append(this.message, this.list, this.more);
    var drawer = element("div", "search-ui__drawer");
    drawer.append(this.filters, area);
    this.container.append(form, drawer);
    this.input = input;
    this.clear = clear;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { page.run(input.value); }, 60);
    });
    // The entry file is small and every search needs it: fetch it as the reader starts.
    input.addEventListener("focus", function () { page.index.entry().catch(function () {}); });
  };

  SearchPage.prototype.run = function (query) {
    var page = this, sequence = ++this.sequence;
    this.query = query;
    this.clear.hidden = query === "";
    if (!words(query).length) {
      this.list.replaceChildren();
      this.message.textContent = "";
      this.filters.hidden = true;
      this.more.hidden = true;
      return;
    }
    this.index.search(query, false).then(function (search) {
      if (sequence !== page.sequence) return;
      page.search = search;
      page.shown = 0;
      page.list.replaceChildren();
      page.showFilters(search);
      page.showMore();
    }).catch(function (error) {
      if (sequence !== page.sequence) return;
      page.message.textContent = say("unavailable", "Search is not available right now.");
      window.console && console.warn(error);
    });
  };

  SearchPage.prototype.filtered = function () {
    var page = this, entry = this.search.entry;
    if (!this.kinds.size) return this.search.results;
    return this.search.results.filter(function (r) { return page.kinds.has(kindOf(entry, r[0])); });
  };

  SearchPage.prototype.showCount = function () {
    var total = this.kinds.size ? { count: this.filtered().length, exact: this.search.complete } : totalFound(this.search);
    var count = total.count;
    var query = "“" + this.query.trim() + "”";
    var key = count === 0 ? "none" : !total.exact ? "many" : count === 1 ? "one" : "other";
    var fallback = { none: "No results for {query}", many: "{count} or more results for {query}",
      one: "{count} result for {query}", other: "{count} results for {query}" }[key];
    this.message.textContent = say(key, fallback).replace("{count}", String(count)).replace("{query}", query);
  };

  SearchPage.prototype.showFilters = function (search) {
    var page = this, counts = new Map();
    search.results.forEach(function (r) {
      var kind = kindOf(search.entry, r[0]);
      counts.set(kind, (counts.get(kind) || 0) + 1);
    });
    this.filters.replaceChildren(element("legend", "search-ui__filter-name", say("kind", "Kind")));
    search.entry.kinds.forEach(function (run) {
      if (!counts.has(run.kind) || page.filters.querySelector('input[value="' + run.kind + '"]')) return;
      var label = element("label", "search-ui__filter-label");
      var box = element("input", "search-ui__filter-checkbox");
      box.type = "checkbox";
      box.value = run.kind;
      box.checked = page.kinds.has(run.kind);
      box.addEventListener("change", function () {
        if (box.checked) page.kinds.add(run.kind); else page.kinds.delete(run.kind);
        page.shown = 0;
        page.list.replaceChildren();
        page.showMore();
      });
      label.append(box, document.createTextNode(" " + kindName(run.kind) + (search.complete ? " (" + counts.get(run.kind) + ")" : "")));
      page.filters.append(label);
    });
    this.filters.hidden = counts.size === 0;
  };

  SearchPage.prototype.showMore = function () {
    var page = this, search = this.search, sequence = this.sequence;
    var results = this.filtered();
    var slice = results.slice(this.shown, this.shown + PAGE);
    if (slice.length < PAGE && !search.complete) {
      // Past the best records of a common word: fetch the rest of its records first.
      return this.index.search(this.query, true).then(function (all) {
        if (sequence !== page.sequence) return;
        page.search = all;
        page.showMore();
      });
    }
    this.shown += slice.length;
    this.showCount();
    var terms = words(this.query);
    return Promise.all(slice.map(function (r) { return page.index.record(r[0]); })).then(function (records) {
      if (sequence !== page.sequence) return;
      records.forEach(function (record) { page.list.append(page.result(record, terms)); });
      page.more.hidden = page.shown >= page.filtered().length && search.complete;
    });
  };

  SearchPage.prototype.result = function (record, terms) {
    var item = element("li", "search-ui__result");
    var title = element("p", "search-ui__result-title");
    var link = element("a", "search-ui__result-link", record.title);
    link.href = record.url.charAt(0) === "/" ? record.url : this.base + record.url;
    title.append(link);
    var text = element("p", "search-ui__result-excerpt");
    excerpt(record.text, terms).forEach(function (part) {
      text.append(part[1] ? element("mark", "", part[0]) : document.createTextNode(part[0]));
    });
    var tags = element("ul", "search-ui__result-tags");
    var tag = element("li", "search-ui__result-tag", kindName(record.kind));
    tag.dataset.kind = record.kind;
    tags.append(tag);
    item.append(title, text, tags);
    return item;
  };

  // Opened from disk (file://), the browser lets no script fetch the index: say so, and
  // leave the list of everything below as the way to find things.
  function showOfflineNotice(container) {
    var notice = element("p", "search-offline", container.dataset.offline ||
      "Search works only when the site is served from a web server. " +
      "This copy is opened from disk, so everything on this site is listed below instead.");
    container.appendChild(notice);
  }

  function setUp() {
    var container = document.getElementById("search");
    if (!container) return;
    if (window.location.protocol === "file:") return showOfflineNotice(container);
    if (typeof DecompressionStream !== "function" || typeof Map !== "function") return;
    var bundle = container.dataset.bundle;
    new SearchPage(container, new Index(bundle), resultBase(bundle));
    // The live search replaces the list of everything, which is there for readers without
    // JavaScript.
    var everything = document.getElementById("everything");
    if (everything) everything.hidden = true;
  }

  setUp();
})();
