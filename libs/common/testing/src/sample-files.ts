import { buffer } from 'node:stream/consumers';
import { fromBufferPromise } from 'yauzl';
import { ZipFile } from 'yazl';

/** A ZIP holding these entries, as an office suite would write one. */
export async function zipOf(entries: Readonly<Record<string, string>>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content, 'utf8'), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Small files of each format FILE-3 tells by content. */
export const sampleFiles = {
  /** OFD (GB/T 33190): a ZIP holding OFD.xml. */
  ofd: (body = '正文') => zipOf({ 'OFD.xml': '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>', 'Doc_0/Content.xml': body }),
  /** DOCX (OPC): a ZIP holding [Content_Types].xml. */
  docx: (body = '正文') => zipOf({ '[Content_Types].xml': '<?xml version="1.0"?><Types/>', 'word/document.xml': body }),
  zip: () => zipOf({ 'readme.txt': '不是版式文件' }),
  pdf: (body = '正文') => Buffer.from(`%PDF-1.7\n% ${body}\n%%EOF\n`, 'utf8'),
  /** WPS/DOC: the OLE compound file signature and a sector of zeros. */
  wps: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
};

/** The entries of a ZIP (a transfer package), by name. */
export async function zipEntries(zipped: Buffer): Promise<Map<string, Buffer>> {
  const zip = await fromBufferPromise(zipped, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
  return entries;
}
