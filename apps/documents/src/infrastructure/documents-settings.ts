import { IsOptional, IsString, Matches } from 'class-validator';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';

/** The documents service's own configuration, checked at start like the platform's. */
export class DocumentsEnvironment {
  /** COMMON-4 the AES-256-GCM key of classified content at rest: 64 hex digits (32 bytes). */
  @IsString({ message: '必须配置 DOCUMENT_CONTENT_KEY（64 位十六进制，AES-256 密钥）(required)' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'DOCUMENT_CONTENT_KEY 须为 64 位十六进制 (must be 64 hex digits)' })
  DOCUMENT_CONTENT_KEY!: string;

  /** DOC-2 the organ's principal leaders (主要负责人), by user id, comma-separated. */
  @IsOptional()
  @IsString()
  DOCUMENT_PRINCIPAL_LEADER_IDS?: string;
}

export interface DocumentsSettings {
  readonly contentKey: Buffer;
  readonly principalLeaderIds: readonly string[];
}

export const DOCUMENTS_SETTINGS = Symbol('DOCUMENTS_SETTINGS');

/** From the variables the platform validated at start (the definition's `environment`; a facts loader's `settings`). */
export function documentsSettingsOf(settings: object): DocumentsSettings {
  const environment = settings as DocumentsEnvironment;
  return {
    contentKey: Buffer.from(environment.DOCUMENT_CONTENT_KEY, 'hex'),
    principalLeaderIds: (environment.DOCUMENT_PRINCIPAL_LEADER_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean),
  };
}

export const documentsSettingsProvider = {
  provide: DOCUMENTS_SETTINGS,
  inject: [SERVICE_RUNTIME],
  useFactory: (runtime: ServiceRuntime): DocumentsSettings => documentsSettingsOf(runtime.settings),
};
