import { getContext, setContext } from 'svelte';
import type { TrainerSession } from './session.svelte';

const KEY = Symbol('trainer-session');

export function provideSession(session: TrainerSession): TrainerSession {
  return setContext(KEY, session);
}

export function useSession(): TrainerSession {
  const s = getContext<TrainerSession | undefined>(KEY);
  if (!s) throw new Error('useSession() outside <Trainer>');
  return s;
}
