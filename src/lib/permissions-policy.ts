/**
 * Permissions-Policy parsing. The header is a Structured Field Dictionary (RFC 8941), so this holds a
 * small Structured Field parser too: enough to accept every valid field and reject every invalid one
 * (a browser ignores a header that fails to parse), keeping only what the checks read. Parameters
 * are validated and dropped. Cross-Origin-Opener-Policy, a Structured Field Item, uses it as well.
 */
import {MAX_HEADER_VALUE} from './headers.js';

/** A bare item (RFC 8941 §3.3); `value` is the item's text, unescaped for strings. */
export interface SfItem {
  readonly type: 'token' | 'string' | 'number' | 'boolean' | 'binary';
  readonly value: string;
}

/** An inner list: `(a b "c")`. */
export interface SfInnerList {
  readonly type: 'list';
  readonly items: readonly SfItem[];
}

export type SfMember = SfItem | SfInnerList;

const BARE_ITEMS: readonly (readonly [SfItem['type'], RegExp])[] = [
  // Integers have at most 15 digits; decimals at most 12 before the point and 3 after (§3.3.1-2).
  ['number', /-?(?:\d{1,12}\.\d{1,3}|\d{1,15})/y],
  ['string', /"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"/y],
  ['token', /[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*/y],
  ['binary', /:[A-Za-z0-9+/=]*:/y],
  ['boolean', /\?[01]/y],
];
const KEY = /[a-z*][a-z0-9_\-.*]*/y;

/** A cursor over one field value; every method returns undefined on a syntax error. */
class SfParser {
  private at = 0;

  constructor(private readonly input: string) {}

  /** A method, not a getter: TypeScript would keep a getter's value narrowed across `this.at++`. */
  private atEnd(): boolean {
    return this.at >= this.input.length;
  }

  private peek(): string | undefined {
    return this.input[this.at];
  }

  private skip(chars: RegExp): void {
    while (!this.atEnd() && chars.test(this.input[this.at] ?? '')) this.at++;
  }

  private take(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.input);
    if (!match) return undefined;
    this.at = pattern.lastIndex;
    return match;
  }

  private key(): string | undefined {
    return this.take(KEY)?.[0];
  }

  private bareItem(): SfItem | undefined {
    for (const [type, pattern] of BARE_ITEMS) {
      const match = this.take(pattern);
      if (match) return {type, value: type === 'string' ? (match[1] ?? '').replace(/\\(.)/g, '$1') : match[0]};
    }
    return undefined;
  }

  private parameters(): boolean {
    while (this.peek() === ';') {
      this.at++;
      this.skip(/ /);
      if (this.key() === undefined) return false;
      if (this.peek() === '=') {
        this.at++;
        if (!this.bareItem()) return false;
      }
    }
    return true;
  }

  /** An item with its parameters. */
  item(): SfItem | undefined {
    const item = this.bareItem();
    return item && this.parameters() ? item : undefined;
  }

  private innerList(): SfInnerList | undefined {
    this.at++;
    const items: SfItem[] = [];
    while (!this.atEnd()) {
      this.skip(/ /);
      if (this.peek() === ')') {
        this.at++;
        return this.parameters() ? {type: 'list', items} : undefined;
      }
      const item = this.item();
      if (!item) return undefined;
      items.push(item);
      if (this.peek() !== ' ' && this.peek() !== ')') return undefined;
    }
    return undefined;
  }

  /** A dictionary; a later duplicate key overwrites the earlier value, as §4.2.2 says. */
  dictionary(): Map<string, SfMember> | undefined {
    const members = new Map<string, SfMember>();
    while (!this.atEnd()) {
      const key = this.key();
      if (key === undefined) return undefined;
      let member: SfMember | undefined;
      if (this.peek() === '=') {
        this.at++;
        member = this.peek() === '(' ? this.innerList() : this.item();
      } else {
        member = this.parameters() ? {type: 'boolean', value: '?1'} : undefined;
      }
      if (!member) return undefined;
      members.set(key, member);
      this.skip(/[ \t]/);
      if (this.atEnd()) return members;
      if (this.peek() !== ',') return undefined;
      this.at++;
      this.skip(/[ \t]/);
      if (this.atEnd()) return undefined;
    }
    return members;
  }

  /** Runs `parse` over the whole input: leading and trailing spaces allowed, nothing else left over. */
  static whole<T>(input: string, parse: (parser: SfParser) => T | undefined): T | undefined {
    const parser = new SfParser(input.slice(0, MAX_HEADER_VALUE));
    parser.skip(/ /);
    const result = parse(parser);
    parser.skip(/ /);
    return parser.atEnd() ? result : undefined;
  }
}

/** Parses a Structured Field Dictionary; undefined when the value is not one. */
export function parseDictionary(input: string): Map<string, SfMember> | undefined {
  return SfParser.whole(input, (p) => p.dictionary());
}

/** Parses a Structured Field Item (parameters checked, then dropped); undefined when the value is not one. */
export function parseItem(input: string): SfItem | undefined {
  return SfParser.whole(input, (p) => p.item());
}

/**
 * Parses a Permissions-Policy value into each feature's allowlist: `*` (every origin), `self`, `src`,
 * and origins (from quoted URLs). Entries a browser ignores are left out, so `camera=()` and
 * `camera=?0` both give an empty list. Undefined when the value is not a valid dictionary: browsers
 * then ignore the whole header.
 */
export function parsePermissionsPolicy(value: string): Map<string, string[]> | undefined {
  const dictionary = parseDictionary(value);
  if (!dictionary) return undefined;
  const policy = new Map<string, string[]>();
  for (const [feature, member] of dictionary) {
    const allowlist: string[] = [];
    for (const item of member.type === 'list' ? member.items : [member]) {
      if (item.type === 'token' && ['*', 'self', 'src'].includes(item.value)) allowlist.push(item.value);
      else if (item.type === 'string' && URL.canParse(item.value)) allowlist.push(new URL(item.value).origin);
    }
    policy.set(feature, allowlist);
  }
  return policy;
}
