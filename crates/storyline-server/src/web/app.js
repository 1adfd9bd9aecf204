// storyline's web page: a story list with search, a story page, and the
// side-by-side compare view. Plain DOM code, no dependencies; every value
// from the API is inserted as text, never as HTML.
"use strict";

const view = document.getElementById("view");
const PAGE = 25;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

const storyHref = (id) => `#/story/${id}`;
const compareHref = (a, b) => `#/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
const relationBadge = (r) => el("span", { class: `badge rel-${r}` }, r);

async function showStories(params) {
  const q = params.get("q") || "";
  const order = params.get("order") || "newest";
  const offset = Number(params.get("offset") || 0);
  const search = el("input", { id: "search", type: "search", placeholder: "Search headlines or ids", value: q });
  const sort = el("select", { id: "order" },
    el("option", { value: "newest" }, "Newest"), el("option", { value: "largest" }, "Largest"));
  sort.value = order;
  const go = (extra = {}) => {
    const next = new URLSearchParams({ q: search.value, order: sort.value, offset: 0, ...extra });
    location.hash = `#/?${next}`;
  };
  search.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
  sort.addEventListener("change", () => go());
  const toolbar = el("div", { class: "toolbar" }, search, sort, el("button", { id: "search-go", onclick: () => go() }, "Search"));
  const query = new URLSearchParams({ order, limit: PAGE, offset });
  if (q) query.set("q", q);
  const page = await api(`/v1/stories?${query}`);
  const rows = page.stories.map((s) => el("tr", { class: "story-row" },
    el("td", {}, el("a", { class: "story-link", href: storyHref(s.id) }, s.title || `story ${s.id}`)),
    el("td", { class: "size" }, s.size),
    el("td", {}, s.original ? el("span", { class: "badge original" }, s.original) : el("span", { class: "muted" }, "—")),
    el("td", { class: "muted" }, [s.first_date, s.last_date].filter(Boolean).join(" – "))));
  const table = el("table", { id: "stories" },
    el("thead", {}, el("tr", {}, el("th", {}, "Story"), el("th", { class: "size" }, "Articles"), el("th", {}, "Likely original"), el("th", {}, "Dates"))),
    el("tbody", {}, rows));
  const pager = el("div", { class: "pager" },
    el("button", { disabled: offset === 0 ? "" : null, onclick: () => go({ offset: Math.max(0, offset - PAGE) }) }, "Previous"),
    `${page.total === 0 ? 0 : offset + 1}–${offset + page.stories.length} of ${page.total}`,
    el("button", { disabled: offset + PAGE >= page.total ? "" : null, onclick: () => go({ offset: offset + PAGE }) }, "Next"));
  view.replaceChildren(toolbar, page.total ? table : el("p", { class: "muted" }, "No stories match."), pager);
}

async function showStory(id) {
  const story = await api(`/v1/stories/${encodeURIComponent(id)}`);
  const articles = story.articles.map((a) => el("tr", { class: "article-row" },
    el("td", {}, a.id, a.id === story.original ? [" ", el("span", { class: "badge original" }, "likely original")] : null),
    el("td", {}, a.title || ""),
    el("td", { class: "muted" }, a.date || ""),
    el("td", { class: "muted" }, a.source || "")));
  const relations = story.relations.map((r) => el("tr", { class: "relation-row" },
    el("td", {}, r.a), el("td", {}, r.b), el("td", {}, relationBadge(r.relation)),
    el("td", { class: "size" }, r.score.toFixed(3)),
    el("td", {}, el("a", { class: "compare-link", href: compareHref(r.a, r.b) }, "compare"))));
  const merges = story.merges.map((m) => el("li", {},
    `story ${m.from_story} merged in when ${m.by_article || "a deleted article"} bridged them (average link ${m.average.toFixed(3)})`));
  view.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← all stories")),
    el("h1", { id: "story-title" }, story.title || `story ${story.id}`),
    el("div", { class: "summary muted" }, el("span", {}, `${story.size} articles`),
      el("span", {}, story.original ? `likely original: ${story.original}` : "no original can be named")),
    el("h2", {}, "Articles"),
    el("table", { id: "articles" }, el("thead", {}, el("tr", {}, el("th", {}, "Id"), el("th", {}, "Headline"), el("th", {}, "Date"), el("th", {}, "Source"))), el("tbody", {}, articles)),
    el("h2", {}, "How they relate"),
    relations.length ? el("table", { id: "relations" },
      el("thead", {}, el("tr", {}, el("th", {}, "A"), el("th", {}, "B"), el("th", {}, "Relation"), el("th", { class: "size" }, "Score"), el("th", {}, ""))),
      el("tbody", {}, relations)) : el("p", { class: "muted" }, "A single article."),
    ...(merges.length ? [el("h2", {}, "Merges"), el("ul", { id: "merges" }, merges)] : []));
}

function extras(side) {
  if (!side.additions.length) return null;
  return el("div", {}, el("h2", {}, `Added by ${side.id} outside its body`),
    el("ul", { class: "extras" }, side.additions.map((r) => el("li", { class: "added-extra" }, `${r.kind}: ${r.text}`))));
}

async function showCompare(a, b) {
  const x = await api(`/v1/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
  const grid = el("div", { class: "compare", id: "compare" },
    el("div", { class: "head" }, x.a.id, el("div", { class: "muted" }, x.a.title || "")),
    el("div", { class: "head" }, x.b.id, el("div", { class: "muted" }, x.b.title || "")));
  for (const row of x.rows) {
    if (row.type === "match") {
      const cls = `cell aligned kind-${row.kind}`;
      grid.append(el("div", { class: cls, title: `${row.kind}, similarity ${row.similarity.toFixed(2)}` }, x.a.sentences[row.a]),
        el("div", { class: cls, title: `${row.kind}, similarity ${row.similarity.toFixed(2)}` }, x.b.sentences[row.b]));
    } else if (row.type === "only-a") {
      grid.append(el("div", { class: "cell added side-a", title: `only in ${x.a.id}` }, x.a.sentences[row.a]), el("div", { class: "cell" }));
    } else {
      grid.append(el("div", { class: "cell" }), el("div", { class: "cell added side-b", title: `only in ${x.b.id}` }, x.b.sentences[row.b]));
    }
  }
  const e = x.evidence;
  view.replaceChildren(
    el("p", {}, el("a", { href: "javascript:history.back()" }, "← back")),
    el("h1", {}, `${x.a.id} ↔ ${x.b.id}`),
    el("div", { class: "summary" }, el("span", { id: "relation" }, relationBadge(x.relation)),
      el("span", { class: "muted" }, `score ${x.score.toFixed(3)} · cosine ${e.cosine.toFixed(3)} · aligned ${(100 * e.aligned).toFixed(0)}% · copied ${(100 * e.copied).toFixed(0)}%`)),
    el("div", { class: "legend" }, el("span", { class: "cell aligned kind-verbatim" }, "verbatim"),
      el("span", { class: "cell aligned kind-edited" }, "edited"), el("span", { class: "cell aligned kind-paraphrase" }, "paraphrase"),
      el("span", { class: "cell added" }, "only on this side")),
    grid,
    el("div", { class: "compare" }, el("div", {}, extras(x.a)), el("div", {}, extras(x.b))));
}

async function route() {
  const hash = location.hash.slice(1) || "/";
  const [path, search] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "story" && parts[1]) await showStory(parts[1]);
    else if (parts[0] === "compare" && parts.length === 3) await showCompare(parts[1], parts[2]);
    else await showStories(new URLSearchParams(search || ""));
    document.body.dataset.ready = hash;
  } catch (err) {
    view.replaceChildren(el("p", { class: "error" }, `Could not load this page: ${err.message}`));
  }
  api("/health").then((h) => {
    document.getElementById("counts").textContent = `${h.articles} articles · ${h.stories} stories`;
  }).catch(() => {});
}

window.addEventListener("hashchange", route);
route();
