/**
 * Chart colours say what a figure means to the visitor, never "more is better" by itself: a busy
 * operator or a full chart is not green. The same hues as the page's --ok / --warn / --bad / --info.
 */
export const MEANING = {
  /** Good for the visitor: served, answered in their main language. */
  good: '#1e7d4f',
  /** Not what the visitor hoped for, though not lost: unanswered. */
  poor: '#9a5b00',
  /** Bad for the visitor: waiting, abandoned, no collaborator, no language match. */
  bad: '#b3261e',
  /** Neither: open chats, load, service level as a level. */
  neutral: '#1f5fa8',
  /** Amounts (visitors per wait, busy share): the product's colour. */
  volume: '#714b67',
} as const;
