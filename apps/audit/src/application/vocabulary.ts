import { archiveErrors, archiveRules } from '@oa/domain-archives';
import { directoryErrors, directoryRules } from '@oa/domain-directory';
import { DOCUMENT_ERRORS, DOCUMENT_RULES } from '@oa/domain-documents';
import { MEETINGS_ERRORS, MEETINGS_RULES } from '@oa/domain-meetings';
import { sealErrors, sealRules } from '@oa/domain-seals';
import { ROLES } from '@oa/platform';

/** The Chinese title of every rule and refusal code the areas' deciders raise: what a refusal on a timeline is labelled with. */
const RULE_TITLES: Readonly<Record<string, string>> = {
  ...sealRules,
  ...sealErrors,
  ...DOCUMENT_RULES,
  ...DOCUMENT_ERRORS,
  ...MEETINGS_RULES,
  ...MEETINGS_ERRORS,
  ...archiveRules,
  ...archiveErrors,
  ...directoryRules,
  ...directoryErrors,
};

/** The codes the trail records, in the office's words: rules (a refusal's) and roles (a grant's). */
export const VOCABULARY = { rules: RULE_TITLES, roles: ROLES } as const;
