import { DOCUMENT_FILE_ROLES, type DocumentFileRole } from '@oa/domain-documents';
import { OneOf, RequiredText } from '@oa/platform';

/** FILE-1 上传文件: the bytes are the request body (application/octet-stream); what they are comes here. */
export class DocumentFileUploadQuery {
  @OneOf('文件类别（text 正文、attachment 附件、signedDraft 签发稿）', DOCUMENT_FILE_ROLES)
  role!: DocumentFileRole;

  @RequiredText('文件名（含扩展名；格式按内容判定，扩展名须与内容相符）', '附件1.pdf', 255)
  name!: string;
}
