/**
 * Which language did the trainee answer in? A small stop-word vote: operator replies are short,
 * everyday sentences ("Bonjour, je regarde pour vous"), where function words identify the language
 * far better than any character statistics would. When no language clearly wins (too short, "ok",
 * a product code) the answer is `null` and scoring falls back to the chat window's language toggle.
 */

const STOP_WORDS: Record<string, readonly string[]> = {
  en_US: `the and you your is are to of for it in on with we can will this that have be
    hello hi thanks thank please yes sorry help order delivery how what when our my do not`.split(
    /\s+/,
  ),
  fr_FR: `le la les et vous votre est sont de des du pour il elle dans sur avec nous pouvez
    bonjour merci oui désolé aide commande livraison comment quand notre mon pas je un une ce`.split(
    /\s+/,
  ),
  de_DE: `der die das und sie ihr ist sind zu von für es in auf mit wir können kann
    hallo danke bitte ja entschuldigung hilfe bestellung lieferung wie wann unser nicht ich ein eine`.split(
    /\s+/,
  ),
  es_ES: `el la los las y usted su es son de para en con nosotros puede podemos
    hola gracias sí perdón ayuda pedido entrega cómo cuándo nuestro mi no yo un una que por`.split(
    /\s+/,
  ),
  nl_NL: `de het en u uw is zijn te van voor in op met wij we kunnen kan
    hallo dank bedankt ja sorry hulp bestelling levering hoe wanneer ons mijn niet ik een dat`.split(
    /\s+/,
  ),
  it_IT: `il lo la gli le e lei è sono di per in su con noi può possiamo
    ciao buongiorno grazie sì scusi aiuto ordine consegna come quando nostro mio non io un una che`.split(
    /\s+/,
  ),
  pt_BR: `o a os as e você seu é são de para em com nós pode podemos
    olá oi obrigado obrigada sim desculpe ajuda pedido entrega como quando nosso meu não eu um uma que`.split(
    /\s+/,
  ),
};

const LEXICON = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOP_WORDS)) {
  for (const w of words) {
    if (w === '') continue;
    const langs = LEXICON.get(w) ?? [];
    langs.push(lang);
    LEXICON.set(w, langs);
  }
}

/** The languages the detector knows. */
export const DETECTABLE_LANGUAGES: readonly string[] = Object.keys(STOP_WORDS);

/** Lower-cased words, accents kept (they are evidence: "sí", "è", "você"). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .flatMap((w) => w.split("'"))
    .filter((w) => w.length > 0);
}

/**
 * The most likely language of `text` among `candidates` (default: every known language), or null
 * when the evidence is too thin or tied. A word shared by several languages gives each a fraction
 * of a vote, so "de" alone cannot decide between French, Spanish, Dutch and Portuguese.
 */
export function detectLanguage(
  text: string,
  candidates: readonly string[] = DETECTABLE_LANGUAGES,
): string | null {
  const scores = new Map<string, number>();
  for (const w of words(text)) {
    const langs = LEXICON.get(w);
    if (!langs) continue;
    for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + 1 / langs.length);
  }
  // A candidate like fr_BE is judged by its language's word list.
  let best: string | null = null;
  let bestScore = 0;
  let second = 0;
  for (const c of candidates) {
    const known = STOP_WORDS[c]
      ? c
      : DETECTABLE_LANGUAGES.find((l) => l.split('_')[0] === c.split(/[_-]/)[0]);
    const s = known ? (scores.get(known) ?? 0) : 0;
    if (s > bestScore) {
      second = bestScore;
      bestScore = s;
      best = c;
    } else if (s > second) {
      second = s;
    }
  }
  // At least one whole word's worth of evidence, and a clear lead over the runner-up.
  if (bestScore < 1 || bestScore - second < 0.5) return null;
  return best;
}
