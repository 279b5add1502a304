import { IsOptional, IsString, Matches } from 'class-validator';
import { DEFAULT_PORTS, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';

/** The archives service's own configuration, checked at start like the platform's. */
export class ArchivesEnvironment {
  /** FILE-2 the AES-256-GCM key of the archives' copies of classified files: 64 hex digits (32 bytes). */
  @IsString({ message: '必须配置 ARCHIVE_CONTENT_KEY（64 位十六进制，AES-256 密钥）(required)' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'ARCHIVE_CONTENT_KEY 须为 64 位十六进制 (must be 64 hex digits)' })
  ARCHIVE_CONTENT_KEY!: string;

  /** FILE-4 where the sources' internal APIs are (`documents=http://…,meetings=http://…`); default this machine's service ports. */
  @IsOptional()
  @IsString()
  @Matches(/^\s*(documents|meetings)=https?:\/\/[^\s,]+\s*(,\s*(documents|meetings)=https?:\/\/[^\s,]+\s*)*$/, { message: 'ARCHIVES_SOURCE_URLS 须为 documents=url,meetings=url (e.g. documents=http://10.0.0.2:3001)' })
  ARCHIVES_SOURCE_URLS?: string;

  /** The archives' service account token for the sources (`system:archives`); without it one is minted with JWT_SECRET. */
  @IsOptional()
  @IsString()
  ARCHIVES_SERVICE_TOKEN?: string;
}

export type FilingSourceService = 'documents' | 'meetings';

export interface ArchivesSettings {
  readonly contentKey: Buffer;
  readonly sourceUrls: Readonly<Record<FilingSourceService, string>>;
  readonly serviceToken?: string;
}

export const ARCHIVES_SETTINGS = Symbol('ARCHIVES_SETTINGS');

/** From the variables the platform validated at start (the definition's `environment`). */
export function archivesSettingsOf(settings: object): ArchivesSettings {
  const environment = settings as ArchivesEnvironment;
  const configured = Object.fromEntries(
    (environment.ARCHIVES_SOURCE_URLS ?? '')
      .split(',')
      .filter((entry) => entry.includes('='))
      .map((entry) => entry.split('=').map((part) => part.trim()) as [string, string]),
  );
  return {
    contentKey: Buffer.from(environment.ARCHIVE_CONTENT_KEY, 'hex'),
    sourceUrls: {
      documents: configured['documents'] ?? `http://127.0.0.1:${DEFAULT_PORTS.documents}`,
      meetings: configured['meetings'] ?? `http://127.0.0.1:${DEFAULT_PORTS.meetings}`,
    },
    ...(environment.ARCHIVES_SERVICE_TOKEN !== undefined && { serviceToken: environment.ARCHIVES_SERVICE_TOKEN }),
  };
}

export const archivesSettingsProvider = {
  provide: ARCHIVES_SETTINGS,
  inject: [SERVICE_RUNTIME],
  useFactory: (runtime: ServiceRuntime): ArchivesSettings => archivesSettingsOf(runtime.settings),
};
