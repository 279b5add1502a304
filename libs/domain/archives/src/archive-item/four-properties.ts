import { digest, formatClaimedBy, isBlank, isHexDigest, isIsoDate, isPositiveInteger, isSecrecyLevel, type HashAlgorithm } from '@oa/core';
import { defaultArchivesConfig, type ArchivesConfig } from '../archives.config';
import type { ArchiveComponent, ArchiveItemMetadata, FilingSource } from '../archives.vocabulary';
import { compositionProblem } from './archive-item.composition';

/**
 * The hash of a component's content, as the archives service recomputes it from the stored
 * file (SHA-256, or SM3 where the office configures 国密). Text content only: the service
 * hashes binary files with the same algorithm through `node:crypto`.
 */
export function componentDigest(content: string, algorithm: HashAlgorithm = 'sha256'): string {
  return digest(content, algorithm);
}

/** The hash (and format, FILE-3) the service recomputed from the stored bytes of one component (a fact, passed in). */
export interface RecomputedHash {
  readonly componentId: string;
  readonly hash: string;
  /** Told by content; without it the component's registered format is judged. */
  readonly format?: string;
}

export interface FourPropertiesInput {
  readonly source: FilingSource;
  readonly components: readonly ArchiveComponent[];
  /** One per component the service found in storage; a component without one is missing. */
  readonly recomputedHashes: readonly RecomputedHash[];
  /** Required metadata as it will be filed; a missing field fails integrity. */
  readonly metadata: Partial<ArchiveItemMetadata>;
}

export interface FourPropertyResult {
  readonly passed: boolean;
  /** Chinese findings, empty when the check passed. */
  readonly findings: readonly string[];
}

export interface ComponentCheck {
  readonly componentId: string;
  readonly format: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly recordedHash: string;
  /** Absent when the stored file was not found. */
  readonly recomputedHash?: string;
  readonly hashMatches: boolean;
  readonly formatAccepted: boolean;
  /** The format the stored bytes are (FILE-3), when they were read. */
  readonly formatByContent?: string;
}

/** 四性检测报告 (ARC-4): stored with the item in its filed event. */
export interface FourPropertiesReport {
  readonly passed: boolean;
  /** 真实性: each recomputed hash equals the recorded one, and the source chain link is present. */
  readonly authenticity: FourPropertyResult;
  /** 完整性: every component and every required metadata field present. */
  readonly integrity: FourPropertyResult;
  /** 可用性: every component in an accepted format. */
  readonly usability: FourPropertyResult;
  /** 安全性: the secrecy marking present. */
  readonly security: FourPropertyResult;
  readonly components: readonly ComponentCheck[];
}


const requiredMetadata: ReadonlyArray<readonly [keyof ArchiveItemMetadata, string]> = [
  ['fondsCode', '全宗号'],
  ['categoryCode', '门类代码'],
  ['year', '年度'],
  ['retention', '保管期限'],
  ['organisationCode', '机构代码'],
  ['itemNumber', '件号'],
  ['title', '题名'],
  ['responsibleParty', '责任者'],
  ['date', '日期'],
  ['pages', '页数'],
  ['secrecyLevel', '密级'],
];

function missing(key: keyof ArchiveItemMetadata, value: unknown): boolean {
  switch (key) {
    case 'year':
    case 'itemNumber':
    case 'pages':
      return !isPositiveInteger(value);
    case 'date':
      return !isIsoDate(value);
    case 'secrecyLevel':
      // security checks the marking itself; integrity only that the field is filled in
      return value === undefined || value === null || value === '';
    default:
      return isBlank(value);
  }
}

const result = (findings: readonly string[]): FourPropertyResult => ({ passed: findings.length === 0, findings });

/** ARC-4 四性检测: pure, from the components, the hashes the service recomputed and the metadata. */
export function fourPropertiesCheck(
  input: FourPropertiesInput,
  config: Pick<ArchivesConfig, 'acceptedFormats' | 'acceptedHashAlgorithms'> = defaultArchivesConfig,
): FourPropertiesReport {
  const { source, components, recomputedHashes, metadata } = input;
  const recomputed = new Map(recomputedHashes.map((entry) => [entry.componentId, entry.hash.toLowerCase()]));
  const formats = new Map(recomputedHashes.flatMap((entry) => (entry.format === undefined ? [] : [[entry.componentId, entry.format.toLowerCase()] as const])));
  const accepted = config.acceptedFormats.map((format) => format.toLowerCase());

  const checks: ComponentCheck[] = components.map((component) => {
    const recomputedHash = recomputed.get(component.componentId);
    const formatByContent = formats.get(component.componentId);
    const format = formatByContent ?? component.format;
    return {
      componentId: component.componentId,
      format: component.format,
      hashAlgorithm: component.hashAlgorithm,
      recordedHash: component.hash,
      ...(recomputedHash !== undefined ? { recomputedHash } : {}),
      hashMatches: recomputedHash !== undefined && isHexDigest(component.hash) && recomputedHash === component.hash,
      formatAccepted: accepted.includes(format.toLowerCase()),
      ...(formatByContent !== undefined ? { formatByContent } : {}),
    };
  });

  const authenticity: string[] = [];
  if (isBlank(source.sourceEventId) || isBlank(source.sourceEventHash)) authenticity.push('来源链缺失：缺少来源事件编号或其摘要值');
  for (const component of components) {
    if (!config.acceptedHashAlgorithms.includes(component.hashAlgorithm)) {
      authenticity.push(`组件 ${component.componentId} 的摘要算法 ${String(component.hashAlgorithm)} 不在允许范围内`);
    } else if (!isHexDigest(component.hash)) {
      authenticity.push(`组件 ${component.componentId} 登记的摘要值格式有误`);
    }
  }
  for (const check of checks) {
    if (check.recomputedHash !== undefined && !check.hashMatches && isHexDigest(check.recordedHash)) {
      authenticity.push(`组件 ${check.componentId} 的摘要值与登记值不符，文件可能已被篡改`);
    }
  }

  const integrity: string[] = [];
  if (components.length === 0) integrity.push('没有任何电子文件组件');
  const composition = compositionProblem(source.service, components);
  if (composition) integrity.push(composition);
  for (const check of checks) if (check.recomputedHash === undefined) integrity.push(`组件 ${check.componentId} 的电子文件缺失`);
  const known = new Set(components.map((component) => component.componentId));
  for (const entry of recomputedHashes) if (!known.has(entry.componentId)) integrity.push(`组件 ${entry.componentId} 不属于本件`);
  for (const [key, name] of requiredMetadata) if (missing(key, metadata[key])) integrity.push(`缺少著录项：${name}`);

  const usability: string[] = [];
  for (const [index, check] of checks.entries()) {
    const claimed = formatClaimedBy((components[index] as ArchiveComponent).fileName);
    if (check.formatByContent !== undefined && claimed !== undefined && claimed !== check.formatByContent) {
      usability.push(`组件 ${check.componentId} 的文件名表明为 ${claimed} 格式，内容却是 ${check.formatByContent}`);
    } else if (!check.formatAccepted) {
      usability.push(`组件 ${check.componentId} 的格式 ${check.formatByContent ?? check.format} 不在可接受的归档格式之列`);
    }
  }

  const security = isSecrecyLevel(metadata.secrecyLevel) ? [] : ['缺少密级标识或密级无效'];

  const report = {
    authenticity: result(authenticity),
    integrity: result(integrity),
    usability: result(usability),
    security: result(security),
  };
  return {
    passed: report.authenticity.passed && report.integrity.passed && report.usability.passed && report.security.passed,
    ...report,
    components: checks,
  };
}

/** The findings of a failed report, one line each, for the refusal's detail. */
export function fourPropertiesFindings(report: FourPropertiesReport): string[] {
  const names = { authenticity: '真实性', integrity: '完整性', usability: '可用性', security: '安全性' } as const;
  return (Object.keys(names) as Array<keyof typeof names>).flatMap((key) => report[key].findings.map((finding) => `${names[key]}：${finding}`));
}
