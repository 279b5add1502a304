import type { Role } from '@oa/platform';

/** 拟稿、修改、送核、撤回: the drafter. */
export const DRAFTERS = ['drafter'] as const satisfies readonly Role[];
/** 会签: the people of a named department or a co-issuer's leader (DOC-3 checks which). */
export const COUNTERSIGNERS = ['handler', 'officeDirector', 'leader', 'signer'] as const satisfies readonly Role[];
/** 复核: the office's document staff. */
export const RECHECKERS = ['registrar', 'officeDirector'] as const satisfies readonly Role[];
/** 作废: the office director or a signer. */
export const VOIDERS = ['officeDirector', 'signer'] as const satisfies readonly Role[];
/** Who reads documents, their history and content (COMMON-3 then narrows to the need-to-know list; never sysAdmin, COMMON-2). */
export const DOCUMENT_READERS = ['drafter', 'reviewer', 'signer', 'registrar', 'handler', 'officeDirector', 'leader', 'auditor'] as const satisfies readonly Role[];
/** Who reads the number ledgers. */
export const LEDGER_READERS = ['registrar', 'officeDirector', 'auditor'] as const satisfies readonly Role[];
/** 传阅 readers mark their reading: any member of staff who may be on a circulation list. */
export const CIRCULATION_READERS = ['drafter', 'reviewer', 'signer', 'registrar', 'handler', 'officeDirector', 'leader'] as const satisfies readonly Role[];
