import { archivesConfig } from '../archives.config';
import { documentComponents, documentSource, intactHashes, metadataOf } from './archive-item.fixtures';
import { componentDigest, fourPropertiesCheck, fourPropertiesFindings } from './four-properties';

const input = () => ({ source: documentSource(), components: documentComponents(), recomputedHashes: intactHashes(), metadata: metadataOf() });

describe('Four-properties check (四性检测): when the components are intact', () => {
  it('ARC-4 SM3 digests "abc" to the GB/T 32905-2016 vector', () => {
    expect(componentDigest('abc', 'sm3')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(componentDigest('abc', 'sha256')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ARC-4 passes authenticity, integrity, usability and security, with a line per component', () => {
    const report = fourPropertiesCheck(input());
    expect(report.passed).toBe(true);
    expect([report.authenticity, report.integrity, report.usability, report.security].map((result) => result.passed)).toEqual([true, true, true, true]);
    expect(report.components.map((check) => [check.componentId, check.hashMatches, check.formatAccepted])).toEqual([
      ['c-text', true, true],
      ['c-att', true, true],
      ['c-draft', true, true],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('ARC-4 authenticity checks an SM3 component against its recomputed SM3 digest', () => {
    const vector = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    const components = [{ componentId: 'c-text', role: 'text', fileName: '正文.txt', format: 'txt', hashAlgorithm: 'sm3', hash: vector }] as const;
    const check = (content: string) =>
      fourPropertiesCheck({ ...input(), components, recomputedHashes: [{ componentId: 'c-text', hash: componentDigest(content, 'sm3') }] });
    expect(check('abc').authenticity.passed).toBe(true);
    expect(check('abd').authenticity.passed).toBe(false);
    expect(fourPropertiesCheck({ ...input(), components, recomputedHashes: [{ componentId: 'c-text', hash: vector }] }, archivesConfig({ acceptedHashAlgorithms: ['sha256'] })).authenticity.passed).toBe(false);
  });
});

describe('Four-properties check (四性检测): when something is wrong', () => {
  it('ARC-4 fails authenticity on a changed file or a missing source chain', () => {
    const tampered = fourPropertiesCheck({ ...input(), recomputedHashes: intactHashes().map((entry, i) => (i === 0 ? { ...entry, hash: componentDigest('改') } : entry)) });
    expect(tampered.passed).toBe(false);
    expect(tampered.authenticity.findings).toEqual(['组件 c-text 的摘要值与登记值不符，文件可能已被篡改']);
    const unchained = fourPropertiesCheck({ ...input(), source: { ...documentSource(), sourceEventId: '' } });
    expect(unchained.authenticity.passed).toBe(false);
  });

  it('ARC-4 fails integrity on a missing file, a stray file or missing metadata', () => {
    const { pages: _pages, title: _title, ...partial } = metadataOf();
    const report = fourPropertiesCheck({ ...input(), recomputedHashes: [...intactHashes().slice(1), { componentId: 'c-x', hash: componentDigest('x') }], metadata: partial });
    expect(report.integrity.findings).toEqual(['组件 c-text 的电子文件缺失', '组件 c-x 不属于本件', '缺少著录项：题名', '缺少著录项：页数']);
    expect(fourPropertiesFindings(report)[0]).toBe('完整性：组件 c-text 的电子文件缺失');
  });

  it('ARC-4 fails usability on a format the office does not accept', () => {
    const components = documentComponents().map((component) => (component.componentId === 'c-att' ? { ...component, format: 'wps' } : component));
    expect(fourPropertiesCheck({ ...input(), components }).usability.findings).toEqual(['组件 c-att 的格式 wps 不在可接受的归档格式之列']);
  });

  it('ARC-4 fails security without a valid secrecy marking', () => {
    expect(fourPropertiesCheck({ ...input(), metadata: { ...metadataOf(), secrecyLevel: 'secret' as never } }).security.passed).toBe(false);
  });
});
