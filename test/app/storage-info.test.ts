import { describe, expect, it } from 'vitest';
import { describeUsage, formatBytes } from '../../src/app/shared/storage-info.svelte';

describe('the storage panel’s wording', () => {
  it('writes sizes in B, KB, MB, GB with one decimal under 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(300 * 1024 ** 3)).toBe('300 GB');
  });

  it('gives the usage against the quota, and says when the browser does not tell', () => {
    expect(describeUsage({ usage: 2.5 * 1024 ** 2, quota: 10 * 1024 ** 3 })).toBe(
      '2.5 MB used of 10 GB this site may use (0.02 %).',
    );
    expect(describeUsage({ usage: 1000, quota: 10 * 1024 ** 3 })).toMatch(/\(< 0\.01 %\)/);
    expect(describeUsage({ usage: 2048, quota: null })).toBe('2 KB used.');
    expect(describeUsage({ usage: null, quota: null })).toMatch(/does not say/);
  });
});
