import { IsNotEmpty } from 'class-validator';
import { DOCUMENT_TYPES, SECRECY_LEVELS, URGENCIES } from '@oa/domain-documents';
import { Flag, Nested, NestedList, OneOf, OptionalText, PositiveCount, RequiredText, TextList } from '@oa/platform';
import { DOCUMENT_TYPE_CODES, SecrecyPeriodRequest } from './outgoing-document.request';

/** 签收 (DOC-8). */
export class ReceiveIncomingDocumentRequest {
  @RequiredText('来文机关', '市人民政府办公室', 200)
  sender!: string;

  @RequiredText('来文字号', '市政办发〔2026〕12号', 100)
  senderDocumentNumber!: string;

  @RequiredText('标题', '关于开展安全生产大检查的通知')
  title!: string;

  @OneOf('文种', DOCUMENT_TYPE_CODES, true)
  type?: keyof typeof DOCUMENT_TYPES;

  @OneOf('密级', SECRECY_LEVELS)
  secrecyLevel!: (typeof SECRECY_LEVELS)[number];

  @Nested('保密期限', () => SecrecyPeriodRequest, true)
  secrecyPeriod?: SecrecyPeriodRequest;

  @PositiveCount('份数', 2)
  copies!: number;

  @TextList('份号（6位）', '000001')
  copyNumbers?: string[];

  @OneOf('紧急程度', URGENCIES)
  urgency!: (typeof URGENCIES)[number];

  @OptionalText('正文（扫描识别文本）', '各区县人民政府：……', 200_000)
  // FILE-1 a text is a stored file: an empty one is no text (leave the field out)
  @IsNotEmpty({ message: '正文（扫描识别文本）不能为空' })
  content?: string;

  @Flag('需要答复')
  replyDue?: boolean;
}

export class InitialReviewRequest {
  @OneOf('初审结论', ['accept', 'return'])
  outcome!: 'accept' | 'return';

  @OptionalText('退文理由', '不属于本机关职权范围')
  reason?: string;

  @OptionalText('初审意见', '')
  notes?: string;
}

export class ProposeHandlingRequest {
  @RequiredText('拟办意见', '拟请县应急局牵头办理')
  proposal!: string;
}

export class InstructRequest {
  @RequiredText('批办意见', '请应急局牵头抓好落实')
  instruction!: string;

  @Flag('需要复文')
  replyDue?: boolean;
}

export class HandlingUnitRequest {
  @RequiredText('承办单位', '县应急局', 200)
  unit!: string;

  @OneOf('主办或协办', ['lead', 'assist'])
  role!: 'lead' | 'assist';
}

export class AssignHandlingRequest {
  @NestedList('承办单位', () => HandlingUnitRequest)
  units!: HandlingUnitRequest[];

  @RequiredText('承办人编号', 'u-handler', 100)
  handlerId!: string;

  @RequiredText('承办人姓名', '陈承办', 100)
  handlerName!: string;

  @OptionalText('办理时限（YYYY-MM-DD）', '2026-12-01', 10)
  deadline?: string;

  @OptionalText('催办人编号', 'u-chaser', 100)
  chaserId?: string;

  @OptionalText('催办人姓名', '周催办', 100)
  chaserName?: string;
}

export class CirculationReaderRequest {
  @RequiredText('阅文人编号', 'u-reader', 100)
  readerId!: string;

  /** Shown until the directory is in force; from then on the directory's name is recorded. */
  @RequiredText('阅文人姓名', '赵阅', 100)
  readerName!: string;
}

export class CirculateRequest {
  @NestedList('阅文人', () => CirculationReaderRequest)
  readers!: CirculationReaderRequest[];
}

/** DOC-12 the reply is an outgoing document of this service, registered: named by its id; its number, when written, must be the registered one. */
export class ReplyRequest {
  @RequiredText('复文（本机关已登记发文）的编号', 'doc-0193', 100)
  outgoingDocumentId!: string;

  @OptionalText('复文字号（须与该发文登记的字号一致；不填则取登记的字号）', '县政函〔2026〕3号', 100)
  documentNumber?: string;
}

export class CompleteRequest {
  @RequiredText('办理结果', '已按要求完成检查并报送情况')
  result!: string;

  @Nested('复文', () => ReplyRequest, true)
  reply?: ReplyRequest;
}
