import { type ArchiveComponent, type ComponentRole } from '../archives.vocabulary';

const count = (components: readonly ArchiveComponent[], role: ComponentRole) => components.filter((component) => component.role === role).length;

/**
 * ARC-3 一件: a document is one text (正文) with its attachments and at most one signed
 * draft (定稿/签发稿); one meeting's minutes are one item, with their amendments. The first
 * problem, or undefined when the components make one item.
 */
export function compositionProblem(service: 'documents' | 'meetings', components: readonly ArchiveComponent[]): string | undefined {
  const ids = components.map((component) => component.componentId);
  if (new Set(ids).size !== ids.length) return '组件编号重复';
  if (service === 'documents') {
    if (count(components, 'text') !== 1) return '公文归档须有且只有一份正文，正文与附件为一件';
    if (count(components, 'signedDraft') > 1) return '正本与签发稿为一件，签发稿只能有一份';
    if (count(components, 'minutes') + count(components, 'amendment') > 0) return '会议记录不能与公文合为一件';
    return undefined;
  }
  if (count(components, 'minutes') !== 1) return '一次会议的会议记录为一件，须有且只有一份会议记录';
  if (count(components, 'text') + count(components, 'signedDraft') > 0) return '公文正文或签发稿不能与会议记录合为一件';
  return undefined;
}
