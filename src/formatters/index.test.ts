import {describe, expect, it} from '@jest/globals';
import {demoReport} from '../../test/helpers/reports.js';
import {FORMAT_NAMES, FORMATS, outputFileName} from './index.js';
import {PLAIN_STYLE} from './style.js';

describe('FORMATS', () => {
  it('offers the six formats, each with its own file name', () => {
    expect(FORMAT_NAMES).toEqual(['console', 'json', 'markdown', 'sarif', 'junit', 'html']);
    expect(FORMAT_NAMES.map(outputFileName)).toEqual([
      'shipcheck.txt',
      'shipcheck.json',
      'shipcheck.md',
      'shipcheck.sarif',
      'shipcheck.xml',
      'shipcheck.html',
    ]);
  });

  it.each(FORMAT_NAMES)('renders the demo report as %s', async (name) => {
    const out = (await FORMATS[name].load()).render(demoReport(), {style: PLAIN_STYLE, defaultLocation: {file: 'shipcheck.yml', line: 1}});
    expect(out.length).toBeGreaterThan(1000);
    expect(out.endsWith('\n')).toBe(true);
  });
});
