import { IsOptional, IsString, Matches } from 'class-validator';
import { FILE_FORMATS, SERVICE_RUNTIME, type FileFormat, type ServiceRuntime } from '@oa/platform';

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

  /** FILE-3 the formats of 正文, 附件 and 签发稿, told by content (default docx,wps,ofd,pdf,txt). */
  @IsOptional()
  @Matches(new RegExp(`^(${FILE_FORMATS.join('|')})(,(${FILE_FORMATS.join('|')}))*$`), { message: `DOCUMENT_FILE_FORMATS 须为以下格式的逗号分隔列表：${FILE_FORMATS.join(',')}` })
  DOCUMENT_FILE_FORMATS?: string;
}

export interface DocumentsSettings {
  readonly contentKey: Buffer;
  readonly principalLeaderIds: readonly string[];
  readonly fileFormats: readonly FileFormat[];
}

export const DOCUMENTS_SETTINGS = Symbol('DOCUMENTS_SETTINGS');

/** From the variables the platform validated at start (the definition's `environment`; a facts loader's `settings`). */
export function documentsSettingsOf(settings: object): DocumentsSettings {
  const environment = settings as DocumentsEnvironment;
  return {
    contentKey: Buffer.from(environment.DOCUMENT_CONTENT_KEY, 'hex'),
    principalLeaderIds: (environment.DOCUMENT_PRINCIPAL_LEADER_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean),
    fileFormats: (environment.DOCUMENT_FILE_FORMATS ?? 'docx,wps,ofd,pdf,txt').split(',') as FileFormat[],
  };
}

export const documentsSettingsProvider = {
  provide: DOCUMENTS_SETTINGS,
  inject: [SERVICE_RUNTIME],
  useFactory: (runtime: ServiceRuntime): DocumentsSettings => documentsSettingsOf(runtime.settings),
};
