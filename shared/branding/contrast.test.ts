import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../contrast';
import { contrastIssues, type BrandColors } from './contrast';
import { hostnameProblem } from './hostname';

const good: BrandColors = { primary: '#1c7ed6', accent: '#1864ab', background: '#ffffff', text: '#1a1a1a' };

describe('the branding contrast check', () => {
  it('passes colours that read at AA', () => {
    expect(contrastIssues(good)).toEqual([]);
  });

  it('explains a failing body-text pair with its ratio, the minimum and the nearest passing shade', () => {
    const [issue, ...rest] = contrastIssues({ ...good, text: '#999999' });
    expect(rest).toEqual([]);
    expect(issue?.foreground).toBe('text');
    expect(issue?.background).toBe('background');
    expect(issue?.ratio).toBeCloseTo(contrastRatio('#999999', '#ffffff'), 5);
    expect(issue?.explanation).toMatch(
      /^Text #999999 on background #ffffff has a contrast of 2\.84:1; body text needs at least 4\.50:1 \(WCAG AA\)\. Make it darker: #[0-9a-f]{6} is the nearest shade that passes\.$/,
    );
    const suggestion = issue?.suggestion ?? '';
    expect(contrastRatio(suggestion, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('suggests a lighter shade on a dark background', () => {
    const issues = contrastIssues({
      primary: '#334455',
      accent: '#ffd43b',
      background: '#101418',
      text: '#f8f9fa',
    });
    expect(issues.map((i) => i.foreground)).toEqual(['primary']);
    expect(issues[0]?.explanation).toContain('Make it lighter');
    expect(contrastRatio(issues[0]?.suggestion ?? '', '#101418')).toBeGreaterThanOrEqual(3);
  });

  it('always finds a passing shade towards black or white, whatever the background', () => {
    for (const background of [
      '#000000',
      '#333333',
      '#767676',
      '#777777',
      '#7f7f7f',
      '#bbbbbb',
      '#ffffff',
      '#ff0000',
    ]) {
      const issues = contrastIssues({
        primary: background,
        accent: background,
        background,
        text: background,
      });
      expect(issues).toHaveLength(3);
      for (const issue of issues) {
        expect(issue.suggestion, background).not.toBeNull();
        expect(contrastRatio(issue.suggestion ?? '', background)).toBeGreaterThanOrEqual(issue.min);
      }
    }
  });

  it('holds buttons and links to 3:1, not 4.5:1', () => {
    // #2f9e44 on white is about 3.4:1: enough for a button, not for body text.
    expect(contrastIssues({ ...good, primary: '#2f9e44', accent: '#2f9e44' })).toEqual([]);
    expect(contrastIssues({ ...good, text: '#2f9e44' }).map((i) => i.foreground)).toEqual(['text']);
  });
});

describe('a custom domain', () => {
  it('accepts hostnames', () => {
    for (const host of ['licenses.example.com', 'a-b.example.co.uk', 'x1.io'])
      expect(hostnameProblem(host)).toBeNull();
  });

  it('refuses what is not a hostname, saying why', () => {
    expect(hostnameProblem('https://example.com')).toContain('without https://');
    expect(hostnameProblem('example.com:8443')).toContain('port');
    expect(hostnameProblem('localhost')).toContain('two labels');
    expect(hostnameProblem('a..example.com')).toContain('empty label');
    expect(hostnameProblem('-a.example.com')).toContain('starting or ending');
    expect(hostnameProblem('exa_mple.com')).toContain('characters other than');
    expect(hostnameProblem('10.0.0.1')).toContain('not an IP address');
    expect(hostnameProblem(`${'a'.repeat(64)}.com`)).toContain('longer than 63');
    expect(hostnameProblem(`${'a.'.repeat(127)}com`)).toContain('253');
  });
});
