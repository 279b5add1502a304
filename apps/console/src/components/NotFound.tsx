/** An id the audit trail holds nothing for: said plainly, instead of an empty page. */
export function NotFound({ what, id }: { what: string; id: string }) {
  return (
    <p role="alert" className="not-found">
      未找到：审计记录中没有编号为 {id} 的{what}。请核对编号，或确认该对象所在服务的事件已送达审计服务。
    </p>
  );
}
