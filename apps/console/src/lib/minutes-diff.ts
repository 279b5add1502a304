import { minutesText } from './minutes-text';

/**
 * Side-by-side difference of two versions of the minutes: each version is rendered as lines
 * (minutes-text.ts), the lines are matched by their longest common subsequence, and removals
 * next to additions are paired as changed rows.
 */
export type DiffRow =
  | { readonly kind: 'same'; readonly left: Line; readonly right: Line }
  | { readonly kind: 'changed'; readonly left: Line; readonly right: Line }
  | { readonly kind: 'removed'; readonly left: Line }
  | { readonly kind: 'added'; readonly right: Line };

export interface Line {
  readonly number: number;
  readonly text: string;
}

type Edit = { readonly op: 'same'; readonly a: number; readonly b: number } | { readonly op: 'del'; readonly a: number } | { readonly op: 'ins'; readonly b: number };

function editScript(before: readonly string[], after: readonly string[]): Edit[] {
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..]
  const lcs = Array.from({ length: before.length + 1 }, () => new Uint32Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) edits.push({ op: 'same', a: i++, b: j++ });
    else if (j < after.length && (i === before.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) edits.push({ op: 'ins', b: j++ });
    else edits.push({ op: 'del', a: i++ });
  }
  return edits;
}

export function sideBySide(before: readonly string[], after: readonly string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  const line = (lines: readonly string[], index: number): Line => ({ number: index + 1, text: lines[index]! });
  const edits = editScript(before, after);
  for (let k = 0; k < edits.length; ) {
    const edit = edits[k]!;
    if (edit.op === 'same') {
      rows.push({ kind: 'same', left: line(before, edit.a), right: line(after, edit.b) });
      k++;
      continue;
    }
    // a run of deletions and insertions: pair them row by row, the rest stand alone
    const removed: number[] = [];
    const added: number[] = [];
    for (; k < edits.length && edits[k]!.op !== 'same'; k++) {
      const change = edits[k]!;
      if (change.op === 'del') removed.push(change.a);
      else if (change.op === 'ins') added.push(change.b);
    }
    for (let r = 0; r < Math.max(removed.length, added.length); r++) {
      const a = removed[r];
      const b = added[r];
      if (a !== undefined && b !== undefined) rows.push({ kind: 'changed', left: line(before, a), right: line(after, b) });
      else if (a !== undefined) rows.push({ kind: 'removed', left: line(before, a) });
      else rows.push({ kind: 'added', right: line(after, b!) });
    }
  }
  return rows;
}

/** The difference between two contents of the minutes. */
export const minutesDiff = (before: unknown, after: unknown): DiffRow[] => sideBySide(minutesText(before), minutesText(after));

export type ShownRow = DiffRow | { readonly kind: 'skipped'; readonly count: number };

/** The changes with `context` unchanged lines around each; longer unchanged runs are folded. */
export function aroundChanges(rows: readonly DiffRow[], context = 3): ShownRow[] {
  const near = rows.map((_, i) => rows.slice(Math.max(0, i - context), i + context + 1).some((row) => row.kind !== 'same'));
  const shown: ShownRow[] = [];
  rows.forEach((row, i) => {
    if (near[i]) shown.push(row);
    else {
      const last = shown.at(-1);
      if (last?.kind === 'skipped') shown[shown.length - 1] = { kind: 'skipped', count: last.count + 1 };
      else shown.push({ kind: 'skipped', count: 1 });
    }
  });
  return shown;
}
