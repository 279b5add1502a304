import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { SERVICE_RUNTIME, openSealedText, sealText, type FactsContext, type ServiceRuntime } from '@oa/platform';
import { IsString, Matches } from 'class-validator';
import { isContentHash } from '@oa/domain-meetings';

/** The meetings service's own configuration, checked at start like the platform's. */
export class MeetingsEnvironment {
  /** COMMON-4 / MTG-10 the AES-256-GCM key of classified meeting texts at rest: 64 hex digits (32 bytes). */
  @IsString({ message: '必须配置 MEETING_CONTENT_KEY（64 位十六进制，AES-256 密钥）(required)' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'MEETING_CONTENT_KEY 须为 64 位十六进制 (must be 64 hex digits)' })
  MEETING_CONTENT_KEY!: string;
}

/** `sha256:` and the SHA-256 of the UTF-8 text: what the events of a classified meeting carry instead of the text. */
export const textDigestOf = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/**
 * The texts of classified meetings and their minutes (MTG-10, COMMON-4), by meeting and digest,
 * outside the event stream and encrypted (AES-256-GCM, random IV, `<meetingId>/<digest>` as
 * associated data): `v1:<iv>:<tag>:<ciphertext>` in base64. Content-addressed: a text is
 * reachable only through an event that names its digest.
 */
export class MeetingTexts {
  constructor(
    private readonly dataSource: DataSource,
    settings: object,
  ) {
    const hex = (settings as Partial<MeetingsEnvironment>).MEETING_CONTENT_KEY;
    this.key = hex === undefined ? undefined : Buffer.from(hex, 'hex');
  }

  private readonly key: Buffer | undefined;

  /**
   * A command's sealing: each text sealed answers its digest at once, and the texts are written
   * through `context.alongside`, in the append's transaction — a refused command (or one that
   * decides nothing) keeps none.
   */
  static forCommand(context: FactsContext): TextSealing {
    const texts = new MeetingTexts(context.dataSource, context.settings);
    const kept = new Map<string, KeptText>();
    context.alongside(async (manager, events) => {
      if (events.length > 0 && kept.size > 0) await texts.keep(manager, [...kept.values()]);
    });
    return {
      seal: (meetingId, text) => {
        if (text.trim() === '' || isContentHash(text)) return text;
        const sealed = texts.sealed(meetingId, text);
        kept.set(`${meetingId}/${sealed.digest}`, sealed);
        return sealed.digest;
      },
      open: (meetingId) => texts.open(meetingId),
    };
  }

  /** The text encrypted under the key, by its digest: fails closed without a key. */
  private sealed(meetingId: string, text: string): KeptText {
    if (this.key === undefined) throw new Error('MEETING_CONTENT_KEY 未配置，不能保存秘密及以上会议的内容 (no key for classified meeting texts)');
    const digest = textDigestOf(text);
    return { meetingId, digest, body: sealText(this.key, `${meetingId}/${digest}`, text) };
  }

  private async keep(manager: EntityManager, texts: readonly KeptText[]): Promise<void> {
    await manager.query(
      `INSERT INTO "meetings".meeting_texts (meeting_id, digest, body, created_at)
       SELECT meeting_id, digest, body, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS kept (meeting_id, digest, body)
       ON CONFLICT (meeting_id, digest) DO NOTHING`,
      [texts.map((text) => text.meetingId), texts.map((text) => text.digest), texts.map((text) => text.body)],
    );
  }

  /** The meeting's texts by digest, decrypted (for a reader COMMON-3 admits). */
  async open(meetingId: string): Promise<Map<string, string>> {
    const rows: Array<{ digest: string; body: string }> = await this.dataSource.query(`SELECT digest, body FROM "meetings".meeting_texts WHERE meeting_id = $1`, [meetingId]);
    const texts = new Map<string, string>();
    if (this.key === undefined) return texts;
    for (const { digest, body } of rows) texts.set(digest, openSealedText(this.key, `${meetingId}/${digest}`, body));
    return texts;
  }
}

/** The reads' MeetingTexts, from the variables the platform validated at start. */
export const meetingTextsProvider = {
  provide: MeetingTexts,
  inject: [SERVICE_RUNTIME],
  useFactory: (runtime: ServiceRuntime): MeetingTexts => new MeetingTexts(runtime.dataSource, runtime.settings),
};

interface KeptText {
  readonly meetingId: string;
  readonly digest: string;
  readonly body: string;
}

/** What a facts loader seals a command's texts with (MeetingTexts.forCommand). */
export interface TextSealing {
  /** The text's digest (a blank text or a digest as it is); the text is kept if the command's events are appended. */
  seal(meetingId: string, text: string): string;
  /** The meeting's texts kept so far, by digest. */
  open(meetingId: string): Promise<Map<string, string>>;
}

/** Every string in `value` that is a kept digest, replaced by its text (a read by a cleared reader). */
export function unsealed<T>(value: T, texts: ReadonlyMap<string, string>): T {
  if (texts.size === 0) return value;
  return JSON.parse(JSON.stringify(value), (_key, field: unknown) => (typeof field === 'string' ? (texts.get(field) ?? field) : field)) as T;
}
