import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as archives from '@oa/domain-archives';
import * as audit from '@oa/domain-audit';
import * as directory from '@oa/domain-directory';
import * as documents from '@oa/domain-documents';
import * as meetings from '@oa/domain-meetings';
import * as seals from '@oa/domain-seals';

/**
 * Holds the template of libs/domain/README.md: a reader who learnt one area reads the others
 * without a dictionary. Each check names the files that break it, so a failure says where.
 */
const DOMAIN = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sourceFiles(DOMAIN).filter((path) => path !== __filename);
const text = (path: string): string => readFileSync(path, 'utf8');
const shown = (paths: readonly string[]): string[] => paths.map((path) => relative(DOMAIN, path));
const decideFiles = files.filter((path) => path.endsWith('.decide.ts'));
const areas = readdirSync(DOMAIN, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

/** A decider as each library exports it: a plain object with the four members of core's `Decider`. */
function decidersOf(lib: Record<string, unknown>): Array<[string, { streamType: string; initialState(): { status?: unknown } }]> {
  return Object.entries(lib).flatMap(([name, value]) =>
    typeof value === 'object' && value !== null && ['streamType', 'initialState', 'decide', 'evolve'].every((member) => member in value)
      ? [[name, value as { streamType: string; initialState(): { status?: unknown } }] as const]
      : [],
  );
}

// A finding review starts 'open' (the finding exists before anyone reviews it) and that status
// is what the audit API serves; it is the one stream whose first state is not an absence.
const NOT_EMPTY_AT_START = new Set(['findingReview']);

describe('Domain template: when reading the libraries', () => {
  it('keeps evolve beside its state: every stream type folder has <x>.state.ts defining evolve', () => {
    const missing = decideFiles.filter((decide) => {
      const state = join(dirname(decide), `${basename(decide, '.decide.ts')}.state.ts`);
      return !files.includes(state) || !/export function evolve\w*\(/.test(text(state));
    });
    expect(shown(missing)).toEqual([]);
  });

  it('defines no evolve in a .decide.ts', () => {
    expect(shown(decideFiles.filter((decide) => /function evolve\w*\(/.test(text(decide))))).toEqual([]);
  });

  it('refuses only through the core rule book: no library builds a RuleViolation or a Violation class of its own', () => {
    expect(shown(files.filter((path) => /new RuleViolation\(|class \w*Violation\b/.test(text(path))))).toEqual([]);
  });

  it('gives every area one <area>.rules.ts exporting refuse made by ruleBook', () => {
    const broken = areas.filter((area) => {
      const rules = files.find((path) => relative(DOMAIN, path).startsWith(`${area}/src/`) && path.endsWith('.rules.ts') && dirname(path) === join(DOMAIN, area, 'src'));
      return area !== 'audit' && (rules === undefined || !/export const refuse = ruleBook</.test(text(rules)));
    });
    expect(broken).toEqual([]);
  });

  it('keeps one calendar and one isBlank, in core', () => {
    const ownCalendar = /function (isBlank|isIsoDate|isCalendarDate|localDate\w*|addWorkingDays|isWorkingDay|workingDaysAfter|startOfLocalDate|endOfLocalDate)\(|toISOString\(\)\.slice\(0, 10\)|getUTCDay\(\)/;
    expect(shown(files.filter((path) => ownCalendar.test(text(path))))).toEqual([]);
  });

  it("names the empty state 'empty' in every decider", () => {
    const deciders = [archives, audit, directory, documents, meetings, seals].flatMap((lib) => decidersOf(lib as Record<string, unknown>));
    expect(deciders.length).toBeGreaterThanOrEqual(12);
    const otherwise = deciders.filter(([, decider]) => !NOT_EMPTY_AT_START.has(decider.streamType) && decider.initialState().status !== 'empty');
    expect(otherwise.map(([name, decider]) => `${name}: ${String(decider.initialState().status)}`)).toEqual([]);
  });
});
