/**
 * The pages a visitor browsed before opening the chat: what Odoo's `/history` command shows
 * (website.track entries). Drawn from the visitor's own seeded stream, so the journey is the same on
 * every replay, and ends on a page that matches what the visitor is likely to ask about.
 */
import type { Rng } from '../random.ts';

export interface PageVisit {
  title: string;
  url: string;
  /** Simulated seconds since the start of the run (negative: before the run began). */
  t: number;
}

const PAGES: readonly { title: string; url: string }[] = [
  { title: 'Home', url: '/' },
  { title: 'Shop', url: '/shop' },
  { title: 'Office Desks', url: '/shop/category/desks-3' },
  { title: 'Oak Desk', url: '/shop/oak-desk-17' },
  { title: 'Office Chairs', url: '/shop/category/chairs-5' },
  { title: 'Ergonomic Chair', url: '/shop/ergonomic-chair-22' },
  { title: 'Cart', url: '/shop/cart' },
  { title: 'Delivery & Returns', url: '/delivery-returns' },
  { title: 'Pricing', url: '/pricing' },
  { title: 'Blog: Working from home', url: '/blog/news-1/working-from-home-8' },
  { title: 'My Account', url: '/my/home' },
  { title: 'Contact us', url: '/contactus' },
];

/** Between 2 and 6 pages, 20 s to 4 min apart, the last one shortly before `arrivedAt`. */
export function visitorJourney(stream: Rng, arrivedAt: number): PageVisit[] {
  const count = 2 + stream.int(5);
  const visits: PageVisit[] = [];
  let t = arrivedAt - stream.between(5, 40);
  for (let i = 0; i < count; i++) {
    const page = i === 0 ? stream.pick(PAGES.slice(1, 8)) : stream.pick(PAGES);
    visits.push({ ...page, t: Math.round(t) });
    t -= stream.between(20, 240);
  }
  return visits; // newest first, as /history lists them
}

/** The operator-only text `/history` prints. */
export function historyText(visits: readonly PageVisit[], now: number): string {
  if (visits.length === 0) return 'No history found for this visitor.';
  const lines = visits.map((v) => {
    const ago = Math.max(0, Math.round((now - v.t) / 60));
    return `${v.title} (${v.url}) — ${ago < 1 ? 'less than a minute' : `${ago} min`} ago`;
  });
  return ['Last visited pages:', ...lines].join('\n');
}
