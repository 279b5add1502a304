/**
 * FILE-3 formats told by content (magic bytes), never by name. An office accepts a configured
 * list of these names (FILE_FORMATS); a file whose name says one format and whose bytes say
 * another is refused.
 */
export const FILE_FORMATS = ['ofd', 'pdf', 'docx', 'wps', 'txt', 'jpg', 'tif', 'png', 'zip'] as const;

export type FileFormat = (typeof FILE_FORMATS)[number];

export const isFileFormat = (value: unknown): value is FileFormat => (FILE_FORMATS as readonly unknown[]).includes(value);

/** The media type a download is served with. */
export const MEDIA_TYPE_OF: Record<FileFormat, string> = {
  ofd: 'application/ofd',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  // WPS 文字 and Word 97–2003 share the OLE compound file
  wps: 'application/msword',
  txt: 'text/plain; charset=utf-8',
  jpg: 'image/jpeg',
  tif: 'image/tiff',
  png: 'image/png',
  zip: 'application/zip',
};

const MAGIC: ReadonlyArray<readonly [Buffer, FileFormat | 'zip-container']> = [
  [Buffer.from('%PDF-', 'latin1'), 'pdf'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'wps'],
  [Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'zip-container'],
  // an empty archive is only its end record
  [Buffer.from([0x50, 0x4b, 0x05, 0x06]), 'zip-container'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'jpg'],
  [Buffer.from('II*\0', 'latin1'), 'tif'],
  [Buffer.from('MM\0*', 'latin1'), 'tif'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'png'],
];

/** How many leading bytes `leadingFormat` needs. */
export const MAGIC_LENGTH = 8;

/** The format the first bytes say; `zip-container` needs its entries (`containerFormat`); undefined: text if valid UTF-8. */
export function leadingFormat(head: Buffer): FileFormat | 'zip-container' | undefined {
  return MAGIC.find(([magic]) => head.subarray(0, magic.length).equals(magic))?.[1];
}

/** OFD: a ZIP holding OFD.xml at its root (GB/T 33190); DOCX: one holding [Content_Types].xml (OPC); any other ZIP is a ZIP. */
export function containerFormat(entryNames: readonly string[]): FileFormat {
  if (entryNames.includes('OFD.xml')) return 'ofd';
  if (entryNames.includes('[Content_Types].xml')) return 'docx';
  return 'zip';
}
