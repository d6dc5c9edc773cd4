import { describe, expect, it } from 'vitest';
import {
  MESSAGE_PACKS,
  packFor,
  languageLabel,
  fillTemplate,
} from '../../src/sim/training/message-packs.ts';
import { detectLanguage } from '../../src/sim/training/language-detect.ts';

const REQUIRED = ['en_US', 'fr_FR', 'de_DE', 'es_ES', 'nl_NL', 'it_IT', 'pt_BR'];

describe('message packs', () => {
  it('has a full pack for every language the guide scenarios enable', () => {
    for (const lang of REQUIRED) {
      const p = MESSAGE_PACKS[lang];
      expect(p, lang).toBeDefined();
      for (const part of [
        'names',
        'greetings',
        'questions',
        'followUps',
        'impatience',
        'wrongLanguage',
        'thanks',
        'goodbyes',
      ] as const) {
        expect(p[part].length, `${lang}.${part}`).toBeGreaterThan(0);
      }
    }
  });

  it('writes each pack in its own language, as the detector reads it', () => {
    for (const lang of REQUIRED) {
      const p = MESSAGE_PACKS[lang];
      const sample = [...p.questions, ...p.followUps].join(' ');
      expect(detectLanguage(sample), lang).toBe(lang);
    }
  });

  it('serves a regional variant from its language (fr_BE speaks French)', () => {
    const p = packFor('fr_BE');
    expect(p.lang).toBe('fr_BE');
    expect(p.questions).toBe(MESSAGE_PACKS.fr_FR.questions);
  });

  it('falls back to a generic pack for a language without one, keeping its code', () => {
    const p = packFor('ja_JP');
    expect(p.lang).toBe('ja_JP');
    expect(p.questions.length).toBeGreaterThan(0);
    expect(languageLabel('ja_JP')).toBe('ja_JP');
    expect(languageLabel('de_DE')).toBe('Deutsch');
  });

  it('fills the Online Chat Name as plain text, even if it looks like markup', () => {
    expect(fillTemplate('Thank you {operator}!', '<b>Sam</b>')).toBe('Thank you <b>Sam</b>!');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Hello, thank you for your message. How can I help you?', 'en_US'],
    ['Bonjour, je regarde pour vous, merci de patienter.', 'fr_FR'],
    ['Hallo, ich kann Ihnen gerne helfen, danke für Ihre Geduld.', 'de_DE'],
    ['Hola, gracias por su mensaje, ¿cómo puedo ayudar?', 'es_ES'],
    ['Hallo, dank u voor uw bericht, hoe kan ik helpen met uw bestelling?', 'nl_NL'],
    ['Buongiorno, grazie per il messaggio, come posso aiutare con il suo ordine?', 'it_IT'],
    ['Olá, obrigado pela mensagem, como posso ajudar com o seu pedido?', 'pt_BR'],
  ])('reads %j as %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('gives up on replies too short to tell', () => {
    expect(detectLanguage('ok')).toBeNull();
    expect(detectLanguage('SKU-1234')).toBeNull();
  });
});
