/**
 * A practice attempt is its scenario, seed and the trainee's inputs: an attempt resumed after a
 * reload (replayed from what the console stores) is the same attempt as the one that was playing,
 * on random sequences of trainee actions in every practice scenario.
 */
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../src/app/console/attempt.svelte';
import {
  PRACTICE_SCENARIOS,
  practiceScenario,
  TRAINEE_SEAT,
} from '../../src/sim/training/practice-scenarios';
import { DEFAULT_CANNED_RESPONSES } from '../../src/sim/training/commands';
// The test's own seeded choices of actions (mulberry32, tests only).
import { rng } from '../store/synthetic-log';

function attemptOn(scenarioId: string, clock: { real: number }, resume?: Attempt) {
  return new Attempt({
    scenario: practiceScenario(scenarioId),
    trainee: TRAINEE_SEAT,
    speed: { base: 1, quiet: 60 },
    alwaysFast: false,
    customQuestions: [],
    canned: () => DEFAULT_CANNED_RESPONSES,
    now: () => clock.real,
    resume: resume && {
      inputs: resume.session.inputs.slice(),
      simT: resume.session.now,
      view: JSON.parse(JSON.stringify(resume.view)),
    },
  });
}

/** Plays `steps` random trainee actions, real time moving on between them. */
function play(a: Attempt, clock: { real: number }, random: () => number, steps: number) {
  const channels = a.session.scenario.channels.map((c) => c.id);
  const texts = ['Hello, how can I help?', 'Bonjour !', '/help', ':hello', 'One moment please.'];
  for (let i = 0; i < steps; i++) {
    clock.real += Math.floor(random() * 20000);
    a.tick();
    const r = random();
    const open = a.conversations.filter((c) => !c.ended);
    if (r < 0.25) a.join(channels[Math.floor(random() * channels.length)]);
    else if (r < 0.3) a.leave(channels[Math.floor(random() * channels.length)]);
    else if (r < 0.6 && open.length) {
      const c = open[Math.floor(random() * open.length)];
      a.send(c.visitor, texts[Math.floor(random() * texts.length)]);
    } else if (r < 0.7 && open.length) a.toggleFold(open[0].visitor);
    else if (r < 0.75) a.setChatName(random() < 0.5 ? 'Sam' : '');
    else if (r < 0.8) a.setLanguages(random() < 0.5 ? ['fr_FR'] : []);
    else if (r < 0.85 && a.windows.length) a.closeWindow(a.windows[0].visitor);
    else a.activity();
  }
}

const state = (a: Attempt) => ({
  now: a.session.now,
  events: a.session.events,
  inputs: a.session.inputs,
  engineInputs: a.session.engineInputs(),
  conversations: a.conversations,
  notices: a.notices,
  chatName: a.chatName,
  languages: a.languages,
  view: a.view,
});

describe('resuming a practice attempt after a reload', () => {
  for (const { id } of PRACTICE_SCENARIOS) {
    it(`rebuilds the same attempt from its stored inputs: ${id}, 12 random trainees`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const clock = { real: 0 };
        const live = attemptOn(id, clock);
        play(live, clock, rng(seed), 40);
        const resumed = attemptOn(id, clock, live);
        expect(state(resumed), `seed ${seed}`).toEqual(state(live));
        // And it goes on identically: the same next ten simulated minutes, the same score.
        const later = live.session.now + 600;
        live.session.advanceTo(later);
        resumed.session.advanceTo(later);
        expect(resumed.finish(), `seed ${seed}`).toEqual(live.finish());
        expect(resumed.session.events).toEqual(live.session.events);
      }
    });
  }
});
