import { Inject, Injectable } from '@nestjs/common';
import type { CommandOnOptions } from '@oa/platform';
import type { SecrecyLevel } from '@oa/domain-documents';
import { contentHashOf, ContentStore } from '../infrastructure/content/content-store';
import { titleWriting } from '../infrastructure/content/title-store';

/** A text a command brings (COMMON-4): its hash goes in the command, the text is written alongside its events. */
export interface DocumentText {
  readonly contentHash: string;
  readonly options: Pick<CommandOnOptions, 'alongside'>;
}

/** What routes use of the content store: the text of one request, written in its append's transaction. */
@Injectable()
export class DocumentTexts {
  constructor(@Inject(ContentStore) private readonly contents: ContentStore) {}

  /**
   * `secrecyLevel` left out: the document's own, as listed (a recheck, after the level is fixed).
   * `title`: the clear title, kept here (COMMON-3: from 秘密 up the events carry its digest).
   */
  of(documentId: string, text: string, secrecyLevel?: SecrecyLevel, title?: string): DocumentText {
    const titled = typeof title === 'string' ? [titleWriting(documentId, title)] : [];
    return { contentHash: contentHashOf(text), options: { alongside: [this.contents.writing(documentId, text, secrecyLevel), ...titled] } };
  }

  /** COMMON-3 a title without a text (an incoming document received on paper): kept here, its digest in the events. */
  titleOf(documentId: string, title: string): Pick<CommandOnOptions, 'alongside'> {
    return typeof title === 'string' ? { alongside: [titleWriting(documentId, title)] } : {};
  }
}
