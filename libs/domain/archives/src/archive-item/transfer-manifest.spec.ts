import { fold } from '@oa/core';
import { archiveItemDecider } from './archive-item.decide';
import { documentComponents, filedItem, metadataOf } from './archive-item.fixtures';
import { transferManifest, transferManifestCsv, type TransferableItem } from './transfer-manifest';

const item = (itemNumber: number, title = '关于做好2024年度安全生产工作的通知'): TransferableItem => ({
  archivalCode: `Z109-WS·2024-Y-BGS-${String(itemNumber).padStart(4, '0')}`,
  metadata: { ...metadataOf({ itemNumber }), title },
  components: documentComponents(),
  copies: [],
});

describe('Transfer manifest: when items are transferred', () => {
  it('ARC-7 lists every item with its metadata and component hashes, in archival code order', () => {
    const rows = transferManifest([item(2), item(1)]);
    expect(rows.map((row) => row.archivalCode)).toEqual(['Z109-WS·2024-Y-BGS-0001', 'Z109-WS·2024-Y-BGS-0002']);
    expect(rows[0]).toMatchObject({ ...metadataOf({ itemNumber: 1 }), archivalCode: 'Z109-WS·2024-Y-BGS-0001' });
    expect(rows[0]?.components.map((component) => component.hash)).toEqual(documentComponents().map((component) => component.hash));
  });

  it('ARC-7 lists the SHA-256 and SM3 of the bytes the archives hold for each component', () => {
    const [text] = documentComponents();
    const copy = { componentId: 'c-text', sha256: text!.hash, sm3: 'f'.repeat(64), sizeBytes: 120, format: 'ofd', receivedFrom: 'documents' as const, receivedAt: '2025-01-01T00:00:00.000Z' };
    const [row] = transferManifest([{ ...item(1), copies: [copy] }]);
    expect(row?.components[0]).toMatchObject({ componentId: 'c-text', hash: text!.hash, stored: { sha256: text!.hash, sm3: 'f'.repeat(64), sizeBytes: 120, format: 'ofd' } });
    expect(row?.components[1]).not.toHaveProperty('stored');
    expect(transferManifestCsv([row!]).split('\r\n')[1]).toMatch(new RegExp(`,${text!.hash},${'f'.repeat(64)}$`));
  });

  it('ARC-7 takes a filed item state as it is', () => {
    const state = fold(archiveItemDecider, filedItem());
    if (state.status !== 'filed') throw new Error('expected a filed item');
    expect(transferManifest([state])[0]?.archivalCode).toBe('Z109-WS·2024-Y-BGS-0001');
  });

  it('ARC-7 renders the manifest as CSV, one line per component, quoting where needed', () => {
    const csv = transferManifestCsv(transferManifest([item(1, '关于"安全生产",的通知')]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('档号,全宗号,门类代码,年度,保管期限,机构代码,件号,题名,责任者,日期,页数,密级,组件编号,组件类型,文件名,格式,摘要算法,摘要值,存档文件SHA-256,存档文件SM3');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[1]).toBe(
      `Z109-WS·2024-Y-BGS-0001,Z109,WS,2024,Y,BGS,0001,"关于""安全生产"",的通知",某某县人民政府办公室,2024-05-10,12,none,c-text,text,正文.ofd,ofd,sha256,${documentComponents()[0]?.hash},,`,
    );
    expect(lines[4]).toBe('');
  });
});
