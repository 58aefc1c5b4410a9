import {describe, expect, it} from '@jest/globals';
import {ANSI_STYLE} from './style.js';
import {hanging, visibleWidth} from './wrap.js';

const TEXT = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau';

describe('hanging', () => {
  it.each([24, 30, 50])('wraps at %i columns and starts every continuation under the text', (width) => {
    const rows = hanging('  ✖ ', TEXT, width);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(visibleWidth(row)).toBeLessThanOrEqual(width);
    expect(rows[0]?.startsWith('  ✖ ')).toBe(true);
    for (const row of rows.slice(1)) expect(row).toMatch(/^ {4}\S/);
  });

  it('breaks a word longer than the line', () => {
    const rows = hanging('· ', 'x'.repeat(70), 30);
    expect(rows.map(visibleWidth)).toEqual([30, 30, 16]);
  });

  it('stops at maxRows and ends the last row in an ellipsis, within the width', () => {
    const rows = hanging('· ', TEXT, 30, 2);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/…$/);
    for (const row of rows) expect(visibleWidth(row)).toBeLessThanOrEqual(30);
  });

  it('still gives the text 20 columns on a terminal narrower than the lead and 20', () => {
    const rows = hanging('  ✖ ', TEXT, 10);
    expect(Math.max(...rows.map(visibleWidth))).toBeLessThanOrEqual(24);
    expect(rows.length).toBeLessThan(TEXT.split(' ').length);
  });

  it('keeps one line as it is when it fits', () => {
    expect(hanging('- ', 'short', 80)).toEqual(['- short']);
  });

  it('counts colour codes as no width, and keeps the colour on every row it spans', () => {
    const rows = hanging(ANSI_STYLE.red('✖ '), ANSI_STYLE.dim(TEXT), 30);
    for (const row of rows) expect(visibleWidth(row)).toBeLessThanOrEqual(30);
    for (const row of rows.slice(1)) expect(row).toContain('\u001b[2m');
  });
});
