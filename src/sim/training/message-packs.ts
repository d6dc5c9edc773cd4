/**
 * What simulated visitors say, per language. A visitor writes in their own language (Odoo reads it
 * from the browser), so the trainee practises answering in it. `{operator}` is replaced by the Online
 * Chat Name the visitor sees, which is how the trainee can check what visitors are shown.
 *
 * Every language code a scenario may enable gets a pack: the seven below by code, any other regional
 * variant by its language prefix (fr_BE → fr_FR), and anything else by the generic fallback.
 */

export interface MessagePack {
  /** The pack's language code. */
  lang: string;
  /** The language's own name, for labels ("Français"). */
  label: string;
  /** First names visitors give (shown as "Visitor · Name"). */
  names: readonly string[];
  greetings: readonly string[];
  questions: readonly string[];
  /** Sent when a question stays unanswered past the visitor's patience. */
  followUps: readonly string[];
  /** Sent after a follow-up also stays unanswered, just before giving up. */
  impatience: readonly string[];
  /** Sent when the operator replies in a language the visitor does not read. */
  wrongLanguage: readonly string[];
  thanks: readonly string[];
  goodbyes: readonly string[];
}

const en: MessagePack = {
  lang: 'en_US',
  label: 'English',
  names: ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'James', 'Mia', 'Lucas'],
  greetings: ['Hello!', 'Hi there!', 'Good morning!', 'Hey!'],
  questions: [
    'Do you ship to Canada?',
    'How long does delivery take?',
    'Can I return an item I bought last week?',
    'Is the oak desk still in stock?',
    'I was charged twice for my order, can you help?',
    'Do you offer a discount for schools?',
    'How do I reset my password?',
    'Can I change the delivery address on my order?',
  ],
  followUps: ['Hello? Is anyone there?', 'Are you still there?', 'Any news on my question?'],
  impatience: [
    'I have been waiting for a while now…',
    'This is taking too long.',
    'I will try again later if nobody answers.',
  ],
  wrongLanguage: ['Sorry, could you answer in English please?'],
  thanks: ['Thank you {operator}, that helps!', 'Great, thanks a lot!', 'Perfect, thank you.'],
  goodbyes: ['Bye!', 'Have a nice day!', 'Goodbye.'],
};

const fr: MessagePack = {
  lang: 'fr_FR',
  label: 'Français',
  names: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Jules', 'Manon', 'Arthur'],
  greetings: ['Bonjour !', 'Bonjour.', 'Salut !', 'Bonsoir !'],
  questions: [
    'Est-ce que vous livrez en Belgique ?',
    'Combien de temps prend la livraison ?',
    'Je peux retourner un article acheté la semaine dernière ?',
    'Le bureau en chêne est-il encore en stock ?',
    "On m'a débité deux fois pour ma commande, pouvez-vous m'aider ?",
    'Comment je réinitialise mon mot de passe ?',
    "Est-ce que je peux changer l'adresse de livraison ?",
  ],
  followUps: [
    "Allô ? Il y a quelqu'un ?",
    'Vous êtes toujours là ?',
    'Des nouvelles de ma question ?',
  ],
  impatience: [
    "Ça fait longtemps que j'attends…",
    "C'est vraiment trop long.",
    'Je reviendrai plus tard.',
  ],
  wrongLanguage: ['Désolé, vous pouvez me répondre en français, s’il vous plaît ?'],
  thanks: ['Merci {operator}, ça m’aide beaucoup !', 'Parfait, merci beaucoup !', 'Super, merci.'],
  goodbyes: ['Au revoir !', 'Bonne journée !', 'À bientôt.'],
};

const de: MessagePack = {
  lang: 'de_DE',
  label: 'Deutsch',
  names: ['Lukas', 'Mia', 'Leon', 'Hannah', 'Felix', 'Lena', 'Jonas', 'Marie'],
  greetings: ['Hallo!', 'Guten Tag!', 'Moin!', 'Hallo zusammen!'],
  questions: [
    'Liefern Sie auch nach Österreich?',
    'Wie lange dauert die Lieferung?',
    'Kann ich einen Artikel von letzter Woche zurückgeben?',
    'Ist der Eichenschreibtisch noch auf Lager?',
    'Mir wurde die Bestellung zweimal berechnet, können Sie mir helfen?',
    'Wie setze ich mein Passwort zurück?',
  ],
  followUps: ['Hallo? Ist da jemand?', 'Sind Sie noch da?', 'Gibt es etwas Neues zu meiner Frage?'],
  impatience: [
    'Ich warte jetzt schon eine ganze Weile…',
    'Das dauert mir zu lange.',
    'Ich versuche es später noch einmal.',
  ],
  wrongLanguage: ['Entschuldigung, können Sie bitte auf Deutsch antworten?'],
  thanks: ['Danke {operator}, das hilft mir!', 'Super, vielen Dank!', 'Perfekt, danke schön.'],
  goodbyes: ['Tschüss!', 'Schönen Tag noch!', 'Auf Wiedersehen.'],
};

const es: MessagePack = {
  lang: 'es_ES',
  label: 'Español',
  names: ['Lucía', 'Mateo', 'Sofía', 'Hugo', 'Martina', 'Pablo', 'Carmen', 'Diego'],
  greetings: ['¡Hola!', '¡Buenos días!', 'Hola.', '¡Buenas tardes!'],
  questions: [
    '¿Hacéis envíos a Portugal?',
    '¿Cuánto tarda la entrega?',
    '¿Puedo devolver un artículo que compré la semana pasada?',
    '¿Queda en stock el escritorio de roble?',
    'Me han cobrado dos veces el pedido, ¿me podéis ayudar?',
    '¿Cómo cambio mi contraseña?',
  ],
  followUps: ['¿Hola? ¿Hay alguien?', '¿Sigues ahí?', '¿Alguna novedad sobre mi pregunta?'],
  impatience: [
    'Llevo un buen rato esperando…',
    'Esto está tardando demasiado.',
    'Lo intentaré más tarde.',
  ],
  wrongLanguage: ['Perdona, ¿me puedes responder en español, por favor?'],
  thanks: [
    '¡Gracias {operator}, me ayuda mucho!',
    '¡Perfecto, muchas gracias!',
    'Genial, gracias.',
  ],
  goodbyes: ['¡Adiós!', '¡Que tengas un buen día!', 'Hasta luego.'],
};

const nl: MessagePack = {
  lang: 'nl_NL',
  label: 'Nederlands',
  names: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Tess', 'Finn', 'Sara'],
  greetings: ['Hallo!', 'Goedemorgen!', 'Hoi!', 'Goedendag!'],
  questions: [
    'Leveren jullie ook in België?',
    'Hoe lang duurt de levering?',
    'Kan ik een artikel van vorige week terugsturen?',
    'Is het eiken bureau nog op voorraad?',
    'Mijn bestelling is twee keer afgeschreven, kunnen jullie helpen?',
    'Hoe stel ik mijn wachtwoord opnieuw in?',
  ],
  followUps: ['Hallo? Is daar iemand?', 'Bent u er nog?', 'Is er al nieuws over mijn vraag?'],
  impatience: [
    'Ik wacht nu al een hele tijd…',
    'Dit duurt echt te lang.',
    'Ik probeer het later nog eens.',
  ],
  wrongLanguage: ['Sorry, kunt u in het Nederlands antwoorden, alstublieft?'],
  thanks: ['Dank je {operator}, dat helpt!', 'Super, heel erg bedankt!', 'Perfect, dank u wel.'],
  goodbyes: ['Doei!', 'Fijne dag nog!', 'Tot ziens.'],
};

const it: MessagePack = {
  lang: 'it_IT',
  label: 'Italiano',
  names: ['Giulia', 'Leonardo', 'Sofia', 'Francesco', 'Aurora', 'Alessandro', 'Giorgia', 'Matteo'],
  greetings: ['Ciao!', 'Buongiorno!', 'Salve!', 'Buonasera!'],
  questions: [
    'Spedite anche in Svizzera?',
    'Quanto tempo ci vuole per la consegna?',
    'Posso restituire un articolo comprato la settimana scorsa?',
    'La scrivania in rovere è ancora disponibile?',
    'Mi avete addebitato due volte l’ordine, potete aiutarmi?',
    'Come faccio a reimpostare la password?',
  ],
  followUps: ['Pronto? C’è qualcuno?', 'Ci sei ancora?', 'Novità sulla mia domanda?'],
  impatience: ['Sto aspettando da un bel po’…', 'Ci vuole davvero troppo.', 'Riproverò più tardi.'],
  wrongLanguage: ['Scusa, puoi rispondermi in italiano, per favore?'],
  thanks: ['Grazie {operator}, mi è molto utile!', 'Perfetto, grazie mille!', 'Ottimo, grazie.'],
  goodbyes: ['Ciao ciao!', 'Buona giornata!', 'Arrivederci.'],
};

const pt: MessagePack = {
  lang: 'pt_BR',
  label: 'Português (BR)',
  names: ['Ana', 'Miguel', 'Beatriz', 'Arthur', 'Júlia', 'Gabriel', 'Larissa', 'Rafael'],
  greetings: ['Olá!', 'Bom dia!', 'Oi!', 'Boa tarde!'],
  questions: [
    'Vocês entregam em Portugal?',
    'Quanto tempo demora a entrega?',
    'Posso devolver um produto que comprei semana passada?',
    'A mesa de carvalho ainda está em estoque?',
    'Fui cobrado duas vezes pelo pedido, vocês podem me ajudar?',
    'Como eu redefino a minha senha?',
  ],
  followUps: [
    'Olá? Tem alguém aí?',
    'Você ainda está aí?',
    'Alguma novidade sobre a minha pergunta?',
  ],
  impatience: [
    'Estou esperando faz tempo…',
    'Isso está demorando demais.',
    'Vou tentar mais tarde.',
  ],
  wrongLanguage: ['Desculpe, você pode responder em português, por favor?'],
  thanks: ['Obrigado {operator}, ajudou muito!', 'Perfeito, muito obrigado!', 'Ótimo, obrigada.'],
  goodbyes: ['Tchau!', 'Tenha um bom dia!', 'Até logo.'],
};

/** The packs by language code. */
export const MESSAGE_PACKS: Readonly<Record<string, MessagePack>> = {
  en_US: en,
  fr_FR: fr,
  de_DE: de,
  es_ES: es,
  nl_NL: nl,
  it_IT: it,
  pt_BR: pt,
};

/**
 * A visitor whose language has no pack of its own still needs to talk. They write in English, the
 * lingua franca of the web, but keep their own language code so scoring still expects the trainee
 * to answer in the visitor's language when they can.
 */
export function genericPack(lang: string): MessagePack {
  return { ...en, lang, label: lang };
}

/** The pack for `lang`: exact code, then the same language in another region, then the fallback. */
export function packFor(lang: string): MessagePack {
  const exact = MESSAGE_PACKS[lang];
  if (exact) return exact;
  const prefix = lang.split(/[_-]/)[0].toLowerCase();
  const sibling = Object.values(MESSAGE_PACKS).find((p) => p.lang.split('_')[0] === prefix);
  return sibling ? { ...sibling, lang } : genericPack(lang);
}

/** A short label for a language code ("fr_FR" → "Français"); the code itself when unknown. */
export function languageLabel(lang: string): string {
  return packFor(lang).label === lang ? lang : packFor(lang).label;
}

/** Fills `{operator}` with the name the visitor sees. Plain string replacement: output is text. */
export function fillTemplate(line: string, operatorName: string): string {
  return line.split('{operator}').join(operatorName);
}
