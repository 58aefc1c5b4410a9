/**
 * The little Markdown our own texts use (check descriptions and fixes, `checks info`), rendered for
 * a terminal: headings and `**strong**` in bold, `code` in yellow (kept in backticks without
 * colour, where nothing else would mark it), `[text](url)` as "text (url)", `- item` as a bullet.
 * Not a Markdown parser: only what those texts contain.
 */
import type {Style} from '../formatters/style.js';

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, style: Style, colour: boolean): string {
  return text.replace(INLINE, (whole, code?: string, strong?: string, label?: string, url?: string) => {
    if (code !== undefined) return colour ? style.yellow(code) : `\`${code}\``;
    if (strong !== undefined) return style.bold(strong);
    if (label !== undefined && url !== undefined) return label === url ? url : `${label} (${colour ? style.dim(url) : url})`;
    return whole;
  });
}

/** `markdown` as terminal text, line by line; `colour` says whether `style` writes escape codes. */
export function renderMarkdown(markdown: string, style: Style, colour: boolean): string {
  return markdown
    .split('\n')
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return style.bold(inline(heading[1] ?? '', style, colour));
      const item = /^[-*]\s+(.*)$/.exec(line);
      if (item) return `  • ${inline(item[1] ?? '', style, colour)}`;
      return inline(line, style, colour);
    })
    .join('\n');
}
