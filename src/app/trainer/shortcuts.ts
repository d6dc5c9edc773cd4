import type { Playback } from './playback.svelte';

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'Space', action: 'play / pause' },
  { keys: '→', action: 'step to the next event' },
  { keys: '+ / −', action: 'faster / slower' },
  { keys: 'Home / End', action: 'start / end of the run' },
  { keys: 'R', action: 'restart, same seed' },
  { keys: 'N', action: 'restart, new seed' },
];

/** Keys typed into a form control belong to it, not to the run controls. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || el.isContentEditable;
}

/** Handles a run-control shortcut; returns whether it did. */
export function handleShortcut(e: KeyboardEvent, p: Playback): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return false;
  // Space on a focused button activates the button: leave it alone.
  if (e.key === ' ' && (e.target as HTMLElement | null)?.tagName === 'BUTTON') return false;
  switch (e.key) {
    case ' ':
    case 'k':
      p.toggle();
      return true;
    case 'ArrowRight':
    case '.':
      p.step();
      return true;
    case '+':
    case '=':
      p.faster();
      return true;
    case '-':
    case '_':
      p.slower();
      return true;
    case 'Home':
      p.pause();
      p.seek(0);
      return true;
    case 'End':
      p.finish();
      return true;
    case 'r':
    case 'R':
      p.restart(false);
      return true;
    case 'n':
    case 'N':
      p.restart(true);
      return true;
  }
  return false;
}
