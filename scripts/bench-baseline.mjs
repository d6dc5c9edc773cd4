/**
 * NOT THE PRODUCT. A hand-tuned plain-JS event loop over typed arrays, for `npm run bench` to time
 * side by side with `npm run sim` (issue 7 §3: the ratio between the two).
 *
 * It runs the same model as the bench scenario asks of the engine, without statecharts, policy
 * registry, explanations or event objects: operators always at the keyboard, Poisson arrivals per
 * stream, weighted languages, returning visitors with a previous operator, lognormal / exponential
 * chat lengths and patience, Odoo's ladder (previous operator, main language, Online Chat
 * Language, anyone; fewest open chats, random among ties) with maxSessions per channel, a FIFO
 * queue per channel with abandonment. It counts the events the engine would log and prints a
 * JSON summary like `sim --json` does (visitors, served, abandoned, events).
 *
 * Usage: node scripts/bench-baseline.mjs SCENARIO.json
 */
import { readFileSync } from 'node:fs';

const s = JSON.parse(readFileSync(process.argv[2] ?? 'public/scenarios/bench.json', 'utf8'));
const horizon = s.durationMinutes * 60;
const langIndex = new Map(s.languages.map((l, i) => [l, i]));
const chanIndex = new Map(s.channels.map((c, i) => [c.id, i]));
const nOps = s.operators.length;
const nCh = s.channels.length;

// ---- seeded xorshift128+ (not the engine's streams: the ratio needs the model, not the draws)
let s0 = 0x9e3779b9 ^ s.seed;
let s1 = 0x7f4a7c15;
function uniform() {
  let x = s0;
  const y = s1;
  s0 = y;
  x ^= x << 23;
  x ^= x >>> 17;
  x ^= y ^ (y >>> 26);
  s1 = x;
  return ((s0 + s1) >>> 0) / 4294967296;
}
let spare = NaN;
function normal() {
  if (spare === spare) {
    const v = spare;
    spare = NaN;
    return v;
  }
  const u = 1 - uniform();
  const r = Math.sqrt(-2 * Math.log(u));
  const a = 2 * Math.PI * uniform();
  spare = r * Math.sin(a);
  return r * Math.cos(a);
}
/** A distribution as [kind, p1, p2], parameters precomputed (0 fixed, 1 exponential, 2 lognormal). */
function dist(d) {
  if (!d) return [3, 0, 0];
  if (d.dist === 'fixed') return [0, d.value, 0];
  if (d.dist === 'exponential') return [1, d.mean, 0];
  const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
  return [2, Math.log(d.mean) - s2 / 2, Math.sqrt(s2)];
}
function sample(p) {
  switch (p[0]) {
    case 0:
      return p[1];
    case 1:
      return -p[1] * Math.log(1 - uniform());
    case 2:
      return Math.exp(p[1] + p[2] * normal());
    default:
      return Infinity;
  }
}

// ---- operators
const opLang = new Int32Array(nOps);
const opExtra = new Int32Array(nOps); // bit mask of Online Chat Languages
const load = new Int32Array(nOps);
const sessionsIn = new Int32Array(nOps * nCh);
const members = s.channels.map(() => []);
s.operators.forEach((o, i) => {
  opLang[i] = langIndex.get(o.lang);
  for (const l of o.extraLanguages ?? []) opExtra[i] |= 1 << langIndex.get(l);
  for (const c of o.channels) members[chanIndex.get(c)].push(i);
});
const membersOf = members.map((m) => Int32Array.from(m));
const maxSessions = Int32Array.from(s.channels.map((c) => c.maxSessions ?? 1e9));

// ---- streams
const streams = s.visitors.map((v) => {
  const keys = Object.keys(v.languages);
  let acc = 0;
  const cum = Float64Array.from(keys.map((k) => (acc += v.languages[k])));
  const ch = chanIndex.get(v.channel);
  return {
    ch,
    meanGap: 3600 / v.arrivalsPerHour,
    langs: Int32Array.from(keys.map((k) => langIndex.get(k))),
    cum,
    total: acc,
    returning: v.returningFraction ?? 0,
    regulars: membersOf[ch],
    chat: dist(v.chatMinutes),
    patience: dist(v.patienceMinutes),
  };
});

// ---- visitors: flat arrays, grown as needed
let cap = 1 << 16;
let vArrived = new Float64Array(cap);
let vLang = new Int32Array(cap);
let vCh = new Int32Array(cap);
let vPrev = new Int32Array(cap);
let vOp = new Int32Array(cap);
let vChat = new Float64Array(cap);
let vState = new Uint8Array(cap); // 1 queued, 2 chatting, 3 done
let vNext = new Int32Array(cap);
let vPrevQ = new Int32Array(cap);
function grow() {
  cap *= 2;
  const g = (a, C) => {
    const b = new C(cap);
    b.set(a);
    return b;
  };
  vArrived = g(vArrived, Float64Array);
  vLang = g(vLang, Int32Array);
  vCh = g(vCh, Int32Array);
  vPrev = g(vPrev, Int32Array);
  vOp = g(vOp, Int32Array);
  vChat = g(vChat, Float64Array);
  vState = g(vState, Uint8Array);
  vNext = g(vNext, Int32Array);
  vPrevQ = g(vPrevQ, Int32Array);
}
const qHead = new Int32Array(nCh).fill(-1);
const qTail = new Int32Array(nCh).fill(-1);

// ---- the heap: time, sequence, and (kind << 28 | id) in parallel typed arrays
let hcap = 1 << 12;
let hT = new Float64Array(hcap);
let hS = new Float64Array(hcap);
let hK = new Int32Array(hcap);
let hn = 0;
let seq = 0;
const ARRIVAL = 0;
const CHAT_END = 1;
const PATIENCE = 2;
function push(t, kind, id) {
  if (hn === hcap) {
    hcap *= 2;
    const a = new Float64Array(hcap);
    a.set(hT);
    hT = a;
    const b = new Float64Array(hcap);
    b.set(hS);
    hS = b;
    const c = new Int32Array(hcap);
    c.set(hK);
    hK = c;
  }
  const sq = seq++;
  const k = (kind << 28) | id;
  let i = hn++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (hT[p] < t || (hT[p] === t && hS[p] < sq)) break;
    move(p, i);
    i = p;
  }
  put(i, t, sq, k);
}
/** Heap slot moves: one place for the three parallel arrays. */
function move(from, to) {
  hT[to] = hT[from];
  hS[to] = hS[from];
  hK[to] = hK[from];
}
function put(i, t, sq, k) {
  hT[i] = t;
  hS[i] = sq;
  hK[i] = k;
}
let popT = 0;
let popK = 0;
function pop() {
  popT = hT[0];
  popK = hK[0];
  const n = --hn;
  const t = hT[n];
  const sq = hS[n];
  const k = hK[n];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && (hT[c + 1] < hT[c] || (hT[c + 1] === hT[c] && hS[c + 1] < hS[c]))) c++;
    if (t < hT[c] || (t === hT[c] && sq < hS[c])) break;
    move(c, i);
    i = c;
  }
  put(i, t, sq, k);
}

// ---- the model
let events = 0;
let visitors = 0;
let served = 0;
let abandoned = 0;
let waitSum = 0;
const tier = new Int32Array(nOps);

/** Odoo's ladder, fewest open chats then random among ties; -1 if nobody can take the visitor. */
function choose(v, ch) {
  const m = membersOf[ch];
  const max = maxSessions[ch];
  const lang = vLang[v];
  const prev = vPrev[v];
  let best = 4;
  let n = 0;
  for (let j = 0; j < m.length; j++) {
    const o = m[j];
    if (sessionsIn[o * nCh + ch] >= max) continue;
    const r = o === prev ? 0 : opLang[o] === lang ? 1 : opExtra[o] & (1 << lang) ? 2 : 3;
    if (r < best) {
      best = r;
      n = 0;
    }
    if (r === best) tier[n++] = o;
  }
  if (n === 0) return -1;
  if (best === 0) return tier[0];
  let min = 1e9;
  let ties = 0;
  for (let j = 0; j < n; j++) {
    const l = load[tier[j]];
    if (l < min) {
      min = l;
      ties = 0;
    }
    if (l === min) tier[ties++] = tier[j];
  }
  return ties === 1 ? tier[0] : tier[(uniform() * ties) | 0];
}

function assign(v, o, t) {
  const ch = vCh[v];
  load[o]++;
  sessionsIn[o * nCh + ch]++;
  vOp[v] = o;
  vState[v] = 2;
  served++;
  waitSum += t - vArrived[v];
  events += 2; // visitor.assigned, chat.started
  push(t + vChat[v], CHAT_END, v);
}

function unqueue(v) {
  const ch = vCh[v];
  const p = vPrevQ[v];
  const n = vNext[v];
  if (p >= 0) vNext[p] = n;
  else qHead[ch] = n;
  if (n >= 0) vPrevQ[n] = p;
  else qTail[ch] = p;
}

function arrive(si, t) {
  const st = streams[si];
  const next = t - st.meanGap * Math.log(1 - uniform());
  if (Math.round(next * 1000) / 1000 < horizon) push(next, ARRIVAL, si);
  if (visitors === cap) grow();
  const v = visitors++;
  const x = uniform() * st.total;
  let li = 0;
  while (st.cum[li] <= x) li++;
  vLang[v] = st.langs[li];
  vCh[v] = st.ch;
  vPrev[v] =
    st.returning > 0 && uniform() < st.returning && st.regulars.length > 0
      ? st.regulars[(uniform() * st.regulars.length) | 0]
      : -1;
  vChat[v] = Math.max(0, sample(st.chat) * 60);
  vArrived[v] = t;
  events++; // visitor.arrived
  const o = choose(v, st.ch);
  if (o >= 0) return assign(v, o, t);
  vState[v] = 1;
  events++; // visitor.queued
  const ch = st.ch;
  vNext[v] = -1;
  vPrevQ[v] = qTail[ch];
  if (qTail[ch] >= 0) vNext[qTail[ch]] = v;
  else qHead[ch] = v;
  qTail[ch] = v;
  const patience = Math.max(0, sample(st.patience) * 60);
  if (patience !== Infinity) push(t + patience, PATIENCE, v);
}

function chatEnds(v, t) {
  const o = vOp[v];
  const ch = vCh[v];
  load[o]--;
  sessionsIn[o * nCh + ch]--;
  vState[v] = 3;
  events++; // chat.ended
  // Capacity freed: the oldest waiting visitor of the channel gets it if anyone can take them.
  const w = qHead[ch];
  if (w >= 0) {
    const c = choose(w, ch);
    if (c >= 0) {
      unqueue(w);
      assign(w, c, t);
    }
  }
}

events += nOps * 2; // operator.status and operator.joined at t = 0
streams.forEach((st, i) => {
  const t = -st.meanGap * Math.log(1 - uniform());
  if (t < horizon) push(t, ARRIVAL, i);
});
while (hn > 0) {
  pop();
  const t = popT;
  const kind = popK >>> 28;
  const id = popK & 0x0fffffff;
  if (kind === ARRIVAL) arrive(id, t);
  else if (kind === CHAT_END) chatEnds(id, t);
  else if (vState[id] === 1) {
    unqueue(id);
    vState[id] = 3;
    abandoned++;
    events++; // visitor.abandoned
  }
}
const rss = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ visitors, served, abandoned, meanWaitSeconds: waitSum / served, events, maxRssMB: rss })}\n`,
);
