/**
 * Patterns written in a policy run against every name in the mesh, so a pattern that backtracks
 * exponentially (`(a+)+$`) would hang the editor. JavaScript's RegExp cannot be interrupted, so
 * instead of a time bound the pattern is checked statically and refused when it could backtrack
 * catastrophically, and the text it runs on is bounded. The check is conservative: it refuses a
 * quantified group that contains a quantifier or an alternation (`(a+)+`, `(a|a)*`, `(x_?)+`) and
 * backreferences, which are the shapes of exponential backtracking; what remains backtracks at most
 * polynomially, and on at most MAX_MATCHED_LENGTH characters that is microseconds.
 */

// Policy patterns describe names; a longer pattern is not a naming rule.
export const MAX_PATTERN_LENGTH = 500;
// Names longer than this are not matched (a finding says so): no real id is this long.
export const MAX_MATCHED_LENGTH = 256;

export type CompiledPattern = { regex: RegExp } | { error: string };

export function compilePattern(source: string): CompiledPattern {
  if (source.length > MAX_PATTERN_LENGTH) return { error: `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.` };
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'u');
  } catch (error) {
    return { error: `'${source}' is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.` };
  }
  const unsafe = unsafeShape(source);
  return unsafe ? { error: `'${source}' could take exponential time on some names (${unsafe}); rewrite it without a repeated group that itself repeats or alternates, for example ^[a-z][a-z0-9_]*$ instead of ^([a-z0-9]+_?)+$.` } : { regex };
}

interface Group {
  quantified: boolean;
  alternates: boolean;
}

/** Why the pattern may backtrack exponentially, or undefined when its shape is safe. */
export function unsafeShape(source: string): string | undefined {
  const stack: Group[] = [{ quantified: false, alternates: false }];
  let closed: Group | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const previous = closed;
    closed = undefined;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'a backreference';
      i++;
    } else if (c === '[') {
      // A character class is one character, whatever is inside it.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      stack.push({ quantified: false, alternates: false });
      // `(?:`, `(?=`, `(?<name>`: the `?` opens the group, it repeats nothing.
      if (source[i + 1] === '?') i++;
    } else if (c === ')') {
      if (stack.length > 1) {
        closed = stack.pop()!;
        const parent = stack[stack.length - 1]!;
        parent.quantified ||= closed.quantified;
      }
    } else if (c === '|') {
      stack[stack.length - 1]!.alternates = true;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let unbounded = c !== '?';
      if (c === '{') {
        const bound = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!bound) continue;
        unbounded = bound[2] !== undefined && (bound[3] === '' || Number(bound[3]) > 1);
        i += bound[0].length - 1;
      }
      if (source[i + 1] === '?') i++; // lazy
      if (previous && unbounded) {
        if (previous.quantified) return 'a repeated group that contains a repetition';
        if (previous.alternates) return 'a repeated group with alternatives';
      }
      stack[stack.length - 1]!.quantified = true;
    }
  }
  return undefined;
}
