import { claimsOf, session } from '../api';
import { formatTime } from '../labels';

/**
 * A print view (A4, styles.css `@media print`): the page marks what it prints on the body for the
 * print style sheet, the browser's print dialog does the rest; the mark goes when printing ends.
 */
export function printView(kind: 'register' | 'finding'): void {
  document.body.dataset['print'] = kind;
  window.addEventListener('afterprint', () => delete document.body.dataset['print'], { once: true });
  window.print();
}

/** The foot of a printed page: who printed it and when, in Beijing time. */
export function PrintedBy() {
  const token = session.token();
  const who = token ? claimsOf(token)?.name : undefined;
  return (
    <p className="print-only printed-by">
      打印人：{who ?? '—'}；打印时间：{formatTime(new Date().toISOString())}（以审计记录为准，可经完整性核验）
    </p>
  );
}
