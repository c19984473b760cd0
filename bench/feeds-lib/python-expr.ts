// A small evaluator for the subset of Python used by the feed corpus's `Expect:` lines: literals (str with
// Python escapes, int, float, None/True/False, list, tuple, dict), names, subscripts, attribute access,
// `+` and `-`, calls of a few builtins and dict methods, comparisons (== != < <= > >= in, not in, is, is not),
// `not`, `and`, `or` with Python's short-circuit and truthiness rules.
//
// Anything the view does not model raises `Unmapped`, so the harness can tell "we cannot judge this"
// apart from "this is wrong" (a Python error such as a missing key raises `PyError`).

export class Unmapped extends Error {}
export class PyError extends Error {}

export type PyValue = null | boolean | number | string | PyValue[] | PyTuple | PyDict | PyFunction;

export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

export class PyFunction {
  constructor(readonly name: string, readonly call: (args: PyValue[]) => PyValue) {}
}

/**
 * A dict whose keys are either present, known-absent (a KeyError, as in Python) or not modelled
 * (`Unmapped`). `open` dicts are ordinary Python dicts: every missing key is a KeyError.
 */
export class PyDict {
  readonly entries = new Map<string, PyValue>();
  constructor(init: Record<string, PyValue | undefined> = {}, readonly modelled: ReadonlySet<string> | 'all' = 'all') {
    for (const [k, v] of Object.entries(init)) if (v !== undefined) this.entries.set(k, v);
  }
  isModelled(key: string): boolean {
    return this.modelled === 'all' || this.modelled.has(key) || this.entries.has(key);
  }
  get(key: string): PyValue {
    if (this.entries.has(key)) return this.entries.get(key)!;
    if (!this.isModelled(key)) throw new Unmapped(`key ${key}`);
    throw new PyError(`KeyError: ${key}`);
  }
  has(key: string): boolean {
    if (this.entries.has(key)) return true;
    if (!this.isModelled(key)) throw new Unmapped(`key ${key}`);
    return false;
  }
}

type Token = { kind: 'str' | 'num' | 'name' | 'op' | 'end'; value: string; num?: number };

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '-', '+', '%', '*'];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) { i++; continue; }
    const prefix = /^([rRuUbB]{0,2})(['"])/.exec(source.slice(i, i + 3));
    if (prefix && (prefix[1].length > 0 ? /[A-Za-z]/.test(ch) : true) && (prefix[1].length === 0 || !/[\w]/.test(source[i - 1] ?? ''))) {
      const raw = /[rR]/.test(prefix[1]);
      i += prefix[1].length;
      const quote = source[i];
      const triple = source.startsWith(quote.repeat(3), i);
      const close = triple ? quote.repeat(3) : quote;
      i += close.length;
      let value = '';
      while (i < source.length && !source.startsWith(close, i)) {
        if (source[i] === '\\' && !raw) {
          const [text, used] = readEscape(source, i);
          value += text;
          i += used;
        } else if (source[i] === '\\' && raw) {
          value += source.slice(i, i + 2);
          i += 2;
        } else value += source[i++];
      }
      if (i >= source.length) throw new SyntaxError('unterminated string');
      i += close.length;
      tokens.push({ kind: 'str', value });
      continue;
    }
    const number = /^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?[lLjJ]?/.exec(source.slice(i));
    if (number && /\d|\./.test(ch) && (ch !== '.' || /\d/.test(source[i + 1] ?? ''))) {
      tokens.push({ kind: 'num', value: number[0], num: Number(number[0].replace(/[lLjJ]$/, '')) });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: 'name', value: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new SyntaxError(`unexpected character ${ch}`);
    tokens.push({ kind: 'op', value: op });
    i += op.length;
  }
  tokens.push({ kind: 'end', value: '' });
  return tokens;
}

function readEscape(source: string, i: number): [string, number] {
  const next = source[i + 1];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };
  if (next === 'x') return [String.fromCharCode(parseInt(source.slice(i + 2, i + 4), 16)), 4];
  if (next === 'u') return [String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16)), 6];
  if (next === 'U') return [String.fromCodePoint(parseInt(source.slice(i + 2, i + 10), 16)), 10];
  const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), 1 + octal[0].length];
  if (next !== undefined && simple[next] !== undefined) return [simple[next], 2];
  return ['\\' + (next ?? ''), 2];
}

type Node =
  | { t: 'lit'; v: PyValue }
  | { t: 'name'; name: string }
  | { t: 'list'; items: Node[] }
  | { t: 'tuple'; items: Node[] }
  | { t: 'dict'; pairs: [Node, Node][] }
  | { t: 'sub'; target: Node; index: Node }
  | { t: 'attr'; target: Node; name: string }
  | { t: 'call'; fn: Node; args: Node[] }
  | { t: 'not'; arg: Node }
  | { t: 'neg'; arg: Node }
  | { t: 'plus' | 'minus'; left: Node; right: Node }
  | { t: 'and' | 'or'; left: Node; right: Node }
  | { t: 'cmp'; first: Node; rest: [string, Node][] };

export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token => tokens[pos];
  const isOp = (value: string): boolean => peek().kind === 'op' && peek().value === value;
  const isName = (value: string): boolean => peek().kind === 'name' && peek().value === value;
  const expect = (value: string): void => {
    if (!isOp(value)) throw new SyntaxError(`expected ${value} at ${peek().value || 'end'}`);
    pos++;
  };

  const orExpr = (): Node => {
    let left = andExpr();
    while (isName('or')) { pos++; left = { t: 'or', left, right: andExpr() }; }
    return left;
  };
  const andExpr = (): Node => {
    let left = notExpr();
    while (isName('and')) { pos++; left = { t: 'and', left, right: notExpr() }; }
    return left;
  };
  const notExpr = (): Node => {
    if (isName('not')) { pos++; return { t: 'not', arg: notExpr() }; }
    return comparison();
  };
  // `+` and `-` between operands: the corpus writes long strings as 'a' + 'b' (to keep "--" out of comments).
  const sum = (): Node => {
    let left = unary();
    for (;;) {
      if (isOp('+')) { pos++; left = { t: 'plus', left, right: unary() }; continue; }
      if (isOp('-')) { pos++; left = { t: 'minus', left, right: unary() }; continue; }
      return left;
    }
  };
  const comparison = (): Node => {
    const first = sum();
    const rest: [string, Node][] = [];
    for (;;) {
      const tok = peek();
      if (tok.kind === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(tok.value)) { pos++; rest.push([tok.value, sum()]); continue; }
      if (isName('in')) { pos++; rest.push(['in', sum()]); continue; }
      if (isName('not') && tokens[pos + 1]?.kind === 'name' && tokens[pos + 1].value === 'in') { pos += 2; rest.push(['not in', sum()]); continue; }
      if (isName('is')) {
        pos++;
        if (isName('not')) { pos++; rest.push(['is not', sum()]); } else rest.push(['is', sum()]);
        continue;
      }
      break;
    }
    return rest.length ? { t: 'cmp', first, rest } : first;
  };
  const unary = (): Node => {
    if (isOp('-')) { pos++; return { t: 'neg', arg: unary() }; }
    if (isOp('+')) { pos++; return unary(); }
    return postfix();
  };
  const postfix = (): Node => {
    let node = atom();
    for (;;) {
      if (isOp('[')) { pos++; const index = orExpr(); expect(']'); node = { t: 'sub', target: node, index }; continue; }
      if (isOp('.')) {
        pos++;
        const name = peek();
        if (name.kind !== 'name') throw new SyntaxError('expected attribute name');
        pos++;
        node = { t: 'attr', target: node, name: name.value };
        continue;
      }
      if (isOp('(')) {
        pos++;
        const args: Node[] = [];
        while (!isOp(')')) { args.push(orExpr()); if (!isOp(')')) expect(','); }
        expect(')');
        node = { t: 'call', fn: node, args };
        continue;
      }
      return node;
    }
  };
  const atom = (): Node => {
    const tok = peek();
    if (tok.kind === 'str') {
      let value = '';
      while (peek().kind === 'str') value += tokens[pos++].value; // adjacent literals concatenate
      return { t: 'lit', v: value };
    }
    if (tok.kind === 'num') { pos++; return { t: 'lit', v: tok.num! }; }
    if (tok.kind === 'name') {
      pos++;
      if (tok.value === 'None') return { t: 'lit', v: null };
      if (tok.value === 'True') return { t: 'lit', v: true };
      if (tok.value === 'False') return { t: 'lit', v: false };
      return { t: 'name', name: tok.value };
    }
    if (isOp('(')) {
      pos++;
      if (isOp(')')) { pos++; return { t: 'tuple', items: [] }; }
      const first = orExpr();
      if (isOp(')')) { pos++; return first; }
      const items = [first];
      while (isOp(',')) { pos++; if (isOp(')')) break; items.push(orExpr()); }
      expect(')');
      return { t: 'tuple', items };
    }
    if (isOp('[')) {
      pos++;
      const items: Node[] = [];
      while (!isOp(']')) { items.push(orExpr()); if (!isOp(']')) expect(','); }
      expect(']');
      return { t: 'list', items };
    }
    if (isOp('{')) {
      pos++;
      const pairs: [Node, Node][] = [];
      while (!isOp('}')) { const k = orExpr(); expect(':'); pairs.push([k, orExpr()]); if (!isOp('}')) expect(','); }
      expect('}');
      return { t: 'dict', pairs };
    }
    throw new SyntaxError(`unexpected ${tok.value || 'end'}`);
  };

  const node = orExpr();
  if (peek().kind !== 'end') throw new SyntaxError(`unexpected ${peek().value}`);
  return node;
}

export function truthy(v: PyValue): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.entries.size > 0;
  return true;
}

export type Equality = (a: PyValue, b: PyValue) => boolean;

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'boolean' && typeof b === 'number') return (a ? 1 : 0) === b;
  if (typeof b === 'boolean' && typeof a === 'number') return (b ? 1 : 0) === a;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  if (a instanceof PyTuple && b instanceof PyTuple) return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]));
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.entries.size !== b.entries.size) {
      // A partially modelled dict cannot be compared as a whole.
      if (a.modelled !== 'all' || b.modelled !== 'all') throw new Unmapped('whole-dict comparison');
      return false;
    }
    for (const [k, v] of a.entries) if (!b.entries.has(k) || !pyEquals(v, b.entries.get(k)!)) return false;
    if (a.modelled !== 'all' || b.modelled !== 'all') throw new Unmapped('whole-dict comparison');
    return true;
  }
  return false;
}

function order(a: PyValue, b: PyValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new PyError('TypeError: unorderable types');
}

function contains(container: PyValue, item: PyValue, eq: Equality): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new PyError('TypeError: in <string> requires string');
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => eq(x, item));
  if (container instanceof PyTuple) return container.items.some((x) => eq(x, item));
  if (container instanceof PyDict) {
    if (typeof item !== 'string') return false;
    return container.has(item);
  }
  throw new PyError('TypeError: argument is not iterable');
}

function index(target: PyValue, key: PyValue): PyValue {
  if (target instanceof PyDict) {
    if (typeof key !== 'string') throw new PyError('KeyError');
    return target.get(key);
  }
  const items = Array.isArray(target) ? target : target instanceof PyTuple ? target.items : typeof target === 'string' ? [...target] : null;
  if (!items) throw new PyError('TypeError: not subscriptable');
  if (typeof key !== 'number' || !Number.isInteger(key)) throw new PyError('TypeError: indices must be integers');
  const i = key < 0 ? items.length + key : key;
  if (i < 0 || i >= items.length) throw new PyError('IndexError');
  return items[i];
}

function attribute(target: PyValue, name: string): PyValue {
  if (target instanceof PyDict) {
    if (name === 'get') {
      return new PyFunction('get', ([key, fallback]) => {
        if (typeof key !== 'string') return fallback ?? null;
        return target.has(key) ? target.get(key) : (fallback ?? null);
      });
    }
    if (name === 'keys') return new PyFunction('keys', () => [...target.entries.keys()]);
    if (name === 'has_key') return new PyFunction('has_key', ([key]) => typeof key === 'string' && target.has(key));
    // FeedParserDict exposes keys as attributes.
    return target.get(name);
  }
  if (typeof target === 'string') {
    if (name === 'startswith') return new PyFunction(name, ([p]) => typeof p === 'string' && target.startsWith(p));
    if (name === 'endswith') return new PyFunction(name, ([p]) => typeof p === 'string' && target.endsWith(p));
    if (name === 'strip') return new PyFunction(name, () => target.trim());
    if (name === 'lower') return new PyFunction(name, () => target.toLowerCase());
    if (name === 'count') return new PyFunction(name, ([p]) => (typeof p === 'string' && p ? target.split(p).length - 1 : 0));
  }
  throw new Unmapped(`attribute ${name}`);
}

const BUILTINS: Record<string, PyFunction> = {
  len: new PyFunction('len', ([v]) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (v instanceof PyTuple) return v.items.length;
    if (v instanceof PyDict) {
      if (v.modelled !== 'all') throw new Unmapped('len of a partially modelled dict');
      return v.entries.size;
    }
    throw new PyError('TypeError: object has no len()');
  }),
  ord: new PyFunction('ord', ([v]) => {
    if (typeof v !== 'string' || [...v].length !== 1) throw new PyError('TypeError: ord() expected a character');
    return v.codePointAt(0)!;
  }),
  str: new PyFunction('str', ([v]) => (typeof v === 'string' ? v : v === null ? 'None' : typeof v === 'number' ? String(v) : String(v))),
  int: new PyFunction('int', ([v]) => {
    const n = typeof v === 'number' ? Math.trunc(v) : typeof v === 'string' ? Number.parseInt(v, 10) : NaN;
    if (Number.isNaN(n)) throw new PyError('ValueError');
    return n;
  }),
  list: new PyFunction('list', ([v]) => (Array.isArray(v) ? [...v] : v instanceof PyTuple ? [...v.items] : typeof v === 'string' ? [...v] : v instanceof PyDict ? [...v.entries.keys()] : (() => { throw new PyError('TypeError'); })())),
  tuple: new PyFunction('tuple', ([v]) => new PyTuple(Array.isArray(v) ? v : v instanceof PyTuple ? v.items : [])),
};

export interface EvalOptions {
  /** Used for `==`/`!=` (the harness passes a tolerant one to find deliberate differences). */
  equals?: Equality;
}

export function evaluate(source: string | Node, scope: Record<string, PyValue>, options: EvalOptions = {}): PyValue {
  const node = typeof source === 'string' ? parseExpression(source) : source;
  const eq = options.equals ?? pyEquals;
  const ev = (n: Node): PyValue => {
    switch (n.t) {
      case 'lit': return n.v;
      case 'name':
        if (Object.prototype.hasOwnProperty.call(scope, n.name)) return scope[n.name];
        if (Object.prototype.hasOwnProperty.call(BUILTINS, n.name)) return BUILTINS[n.name];
        throw new Unmapped(`name ${n.name}`);
      case 'list': return n.items.map(ev);
      case 'tuple': return new PyTuple(n.items.map(ev));
      case 'dict': {
        const d = new PyDict();
        for (const [k, v] of n.pairs) {
          const key = ev(k);
          if (typeof key !== 'string') throw new Unmapped('non-string dict key');
          d.entries.set(key, ev(v));
        }
        return d;
      }
      case 'sub': return index(ev(n.target), ev(n.index));
      case 'attr': return attribute(ev(n.target), n.name);
      case 'call': {
        const fn = ev(n.fn);
        if (!(fn instanceof PyFunction)) throw new PyError('TypeError: not callable');
        return fn.call(n.args.map(ev));
      }
      case 'not': return !truthy(ev(n.arg));
      case 'neg': {
        const v = ev(n.arg);
        if (typeof v !== 'number') throw new PyError('TypeError: bad operand for unary -');
        return -v;
      }
      case 'plus': {
        const l = ev(n.left);
        const r = ev(n.right);
        if (typeof l === 'string' && typeof r === 'string') return l + r;
        if (typeof l === 'number' && typeof r === 'number') return l + r;
        if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
        if (l instanceof PyTuple && r instanceof PyTuple) return new PyTuple([...l.items, ...r.items]);
        throw new PyError('TypeError: unsupported operand types for +');
      }
      case 'minus': {
        const l = ev(n.left);
        const r = ev(n.right);
        if (typeof l !== 'number' || typeof r !== 'number') throw new PyError('TypeError: unsupported operand types for -');
        return l - r;
      }
      case 'and': { const l = ev(n.left); return truthy(l) ? ev(n.right) : l; }
      case 'or': { const l = ev(n.left); return truthy(l) ? l : ev(n.right); }
      case 'cmp': {
        let left = ev(n.first);
        for (const [op, rightNode] of n.rest) {
          const right = ev(rightNode);
          let ok: boolean;
          switch (op) {
            case '==': ok = eq(left, right); break;
            case '!=': ok = !pyEquals(left, right); break;
            case '<': ok = order(left, right) < 0; break;
            case '<=': ok = order(left, right) <= 0; break;
            case '>': ok = order(left, right) > 0; break;
            case '>=': ok = order(left, right) >= 0; break;
            case 'in': ok = contains(right, left, eq); break;
            case 'not in': ok = !contains(right, left, pyEquals); break;
            case 'is': ok = left === right || (left === null && right === null); break;
            case 'is not': ok = !(left === right || (left === null && right === null)); break;
            default: throw new SyntaxError(op);
          }
          if (!ok) return false;
          left = right;
        }
        return true;
      }
    }
  };
  return ev(node);
}
