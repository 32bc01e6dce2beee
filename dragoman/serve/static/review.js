// The review page of `dragoman serve`: a list of events to filter, one event's article with its
// spans highlighted and its evidence, and the verdict (accept, correct, reject) sent to /reviews.
// Text from articles only ever enters the page as text nodes (textContent), never as HTML.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"];
const PAGE = 25;
const state = { offset: 0, total: 0, event: null, mention: null };
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function token() {
  return $("token").value.trim();
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token()) headers["Authorization"] = "Bearer " + token();
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = body.error || { code: "E000", message: response.statusText };
    throw new Error(`[${error.code}] ${error.message}` + (error.hint ? ` (${error.hint})` : ""));
  }
  return body;
}

function say(text, kind) {
  const message = $("message");
  message.textContent = text;
  message.className = kind || "";
}

// ---------------------------------------------------------------- the list

function query() {
  const form = new FormData($("filters"));
  const params = new URLSearchParams();
  for (const name of ["since", "until", "country", "plover", "min_confidence"]) {
    const value = (form.get(name) || "").trim();
    if (value) params.set(name, value);
  }
  if (form.get("queue")) {
    params.set("order", "confidence");
    params.set("unreviewed", "true");
  }
  params.set("limit", PAGE);
  params.set("offset", state.offset);
  return params;
}

function actorCell(code, name, text) {
  // an actor of no code ("coalition forces") is shown by its words, as the table output does
  return code ? `${code}${name ? " · " + name : ""}` : text ? `? · ${text}` : "–";
}

async function loadList() {
  const tbody = $("events").querySelector("tbody");
  let page;
  try {
    page = await api("/events?" + query());
  } catch (error) {
    $("count").textContent = error.message;
    tbody.replaceChildren();
    return;
  }
  state.total = page.total;
  const last = Math.min(page.offset + page.events.length, page.total);
  $("count").textContent = page.total ? `events ${page.offset + 1}–${last} of ${page.total}` : "no events";
  tbody.replaceChildren(...page.events.map(row));
  $("prev").disabled = state.offset === 0;
  $("next").disabled = last >= page.total;
}

function row(e) {
  const tr = el("tr");
  tr.dataset.event = e.event_id;
  tr.tabIndex = 0;
  tr.append(el("td", e.date || "?"), el("td", actorCell(e.source_code, e.source_name, e.source_text)),
    el("td", `${e.cameo} ${e.plover}`), el("td", actorCell(e.target_code, e.target_name, e.target_text)),
    el("td", e.confidence.toFixed(2), "num"), el("td", e.reviewed ? "✓" : "", "done"));
  if (state.event && state.event.event.event_id === e.event_id) tr.classList.add("open");
  tr.addEventListener("click", () => openEvent(e.event_id));
  tr.addEventListener("keydown", (k) => { if (k.key === "Enter") openEvent(e.event_id); });
  return tr;
}

// ---------------------------------------------------------------- one event

async function openEvent(eventId) {
  try {
    state.event = await api("/events/" + encodeURIComponent(eventId));
  } catch (error) {
    say(error.message, "bad");
    return;
  }
  for (const tr of $("events").querySelectorAll("tr")) tr.classList.toggle("open", tr.dataset.event === eventId);
  $("empty").hidden = true;
  $("event").hidden = false;
  const e = state.event.event;
  $("headline").textContent = `${e.plover} (${e.cameo}): ${actorCell(e.source_code, e.source_name, e.source_text)} → ` +
    actorCell(e.target_code, e.target_name, e.target_text);
  $("facts").textContent = [`date ${e.date || "?"}`, e.location_name ? `place ${e.location_name}` : null,
    `confidence ${e.confidence.toFixed(2)}`, `${e.num_mentions} report(s) in ${e.num_articles} article(s)`]
    .filter(Boolean).join(" · ");
  const reports = $("reports");
  reports.replaceChildren();
  state.event.mentions.forEach((m, i) => {
    const button = el("button", `report ${i + 1}: ${m.title || m.doc_id}` + (m.verdict ? ` (${m.verdict})` : ""));
    button.type = "button";
    button.addEventListener("click", () => openMention(i));
    reports.append(button);
  });
  say("");
  await openMention(0);
}

async function openMention(index) {
  const m = state.event.mentions[index];
  state.mention = m;
  [...$("reports").children].forEach((b, i) => b.classList.toggle("open", i === index));
  let doc;
  try {
    doc = await api("/documents/" + encodeURIComponent(m.doc_id));
  } catch (error) {
    say(error.message, "bad");
    return;
  }
  showArticle(doc, m);
  showEvidence(m);
  fillCorrection(m);
  const a = m.annotation;
  $("verdict-now").textContent = !m.verdict ? "not reviewed"
    : m.verdict === "correct" ? `corrected to ${a.type} ${a.cameo}` : m.verdict;
}

function showArticle(doc, m) {
  const article = $("article");
  article.replaceChildren();
  const head = el("p", null, "source-line");
  head.append(el("strong", doc.title || doc.doc_id));
  head.append(el("span", ` · ${doc.date || "undated"} · ${doc.site || doc.url || doc.origin || ""}`, "muted"));
  article.append(head);
  if (doc.text === null || doc.text === undefined) {
    article.append(el("p", "The text of this document is not stored. Its sentence: ", "muted"), el("p", m.record.sentence));
    return;
  }
  const body = el("div", null, "text");
  const spans = m.spans || {};
  const marks = [["sentence", spans.sentence], ["source", spans.source], ["target", spans.target],
    ["place", spans.place], ["trigger", spans.trigger]].filter(([, span]) => span);
  const cuts = new Set([0, doc.text.length]);
  for (const [, span] of marks) { cuts.add(span[0]); cuts.add(span[1]); }
  const points = [...cuts].sort((a, b) => a - b);
  let focus = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const kinds = marks.filter(([, span]) => span[0] <= a && b <= span[1]).map(([kind]) => "hl-" + kind);
    const piece = kinds.length ? el("span", doc.text.slice(a, b), kinds.join(" ")) : document.createTextNode(doc.text.slice(a, b));
    if (!focus && kinds.includes("hl-sentence")) focus = piece;
    body.append(piece);
  }
  article.append(body);
  if (!m.spans) article.append(el("p", "The sentence was not found in the text: " + m.record.sentence, "muted"));
  if (focus) focus.scrollIntoView({ block: "center" });
}

function showEvidence(m) {
  const r = m.record;
  const ev = r.evidence || {};
  const items = [
    ["trigger", ev.trigger], ["pattern", ev.pattern], ["decided by", ev.decided],
    ["source", r.source ? `${r.source.text} → ${r.source.code || r.source.country || "?"} (${ev.source_rule || "-"})` : null],
    ["target", r.target ? `${r.target.text} → ${r.target.code || r.target.country || "?"} (${ev.target_rule || "-"})` : null],
    ["date", r.date ? `${r.date}${ev.date_text ? ` from “${ev.date_text}”` : ""} (${ev.date_rule || r.date_precision || "-"})` : "none"],
    ["place", r.location ? `${r.location.name} (${r.location.country || "?"})` : null],
    ["mode", r.plover_mode], ["future", r.future ? "planned" : null], ["confidence", r.confidence.toFixed(3)],
    ["notes", (ev.notes || []).join("; ")],
  ];
  const list = $("evidence");
  list.replaceChildren();
  for (const [name, value] of items) {
    if (!value) continue;
    list.append(el("dt", name), el("dd", value));
  }
}

function fillCorrection(m) {
  const r = m.record;
  const form = $("correct");
  const a = m.annotation;   // a correction made earlier is shown as it was saved
  form.type.value = a && a.type ? a.type : r.plover;
  form.cameo.value = a && a.cameo ? a.cameo : r.cameo;
  form.date.value = (a ? a.date : r.date) || "";
  form.source_code.value = r.source ? (r.source.code || r.source.country || "") : "";
  form.source_text.value = r.source ? r.source.text : "";
  form.target_code.value = r.target ? (r.target.code || r.target.country || "") : "";
  form.target_text.value = r.target ? r.target.text : "";
  form.place_text.value = r.location ? r.location.name : "";
  form.place_country.value = r.location ? (r.location.country || "") : "";
  form.factuality.value = a && a.factuality ? a.factuality : (r.future ? "planned" : "asserted");
  form.time.value = a && a.time ? a.time : "news";
}

function actor(code, text) {
  code = code.trim();
  text = text.trim();
  return code || text ? { code: code || null, text: text || null } : null;
}

function correction() {
  const f = $("correct");
  const place = f.place_text.value.trim() || f.place_country.value.trim()
    ? { text: f.place_text.value.trim() || null, country: f.place_country.value.trim() || null } : null;
  return {
    type: f.type.value, cameo: f.cameo.value.trim(), date: f.date.value.trim() || null,
    source: actor(f.source_code.value, f.source_text.value), target: actor(f.target_code.value, f.target_text.value),
    place, factuality: f.factuality.value, time: f.time.value,
  };
}

async function judge(verdict, fields) {
  if (!state.mention) return;
  const body = Object.assign({ mention_id: state.mention.mention_id, verdict }, fields || {});
  try {
    const saved = await api("/reviews", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body) });
    say(`Saved: ${saved.verdict} (${saved.annotation.type || ""} ${saved.annotation.cameo || ""})`, "good");
    const id = state.event.event.event_id;
    const index = state.event.mentions.indexOf(state.mention);
    state.event = await api("/events/" + encodeURIComponent(id));
    await openMention(index);
    await loadList();
    await health();
  } catch (error) {
    say(error.message, "bad");
  }
}

// ---------------------------------------------------------------- start

async function health() {
  try {
    const h = await api("/health");
    $("health").textContent = `${h.events} events · ${h.documents} documents · ${h.reviews} reviewed`;
  } catch (error) {
    $("health").textContent = error.message;
  }
}

function start() {
  const select = $("correct").type;
  for (const t of TYPES) select.append(el("option", t));
  // The token may come in the page's address (#token=...), which the browser never sends to the server.
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromAddress) {
    sessionStorage.setItem("dragoman-token", fromAddress);
    history.replaceState(null, "", location.pathname);
  }
  $("token").value = sessionStorage.getItem("dragoman-token") || "";
  $("token").addEventListener("change", () => { sessionStorage.setItem("dragoman-token", token()); loadList(); health(); });
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); state.offset = 0; loadList(); });
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadList(); });
  $("next").addEventListener("click", () => { state.offset += PAGE; loadList(); });
  $("accept").addEventListener("click", () => judge("accept"));
  $("reject").addEventListener("click", () => judge("reject"));
  $("correct").addEventListener("submit", (e) => { e.preventDefault(); judge("correct", correction()); });
  health();
  loadList();
}

start();
