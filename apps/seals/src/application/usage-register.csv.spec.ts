import type { SealUsageRegisterRow } from '@oa/domain-seals';
import { usageRegisterCsv } from './usage-register.csv';

const row: SealUsageRegisterRow = {
  date: '2026-11-24',
  usedAt: '2026-11-24T02:00:00.000Z',
  sealId: 's-1',
  applicationId: 'a-1',
  usageId: 'u-1',
  purpose: '=HYPERLINK("x")',
  document: '关于"某事"的报告,附件',
  copies: 2,
  impressions: 3,
  applicant: '张三',
  applicantId: 'u-drafter',
  approver: '孙七',
  approverId: 'u-approver',
  keeper: '李四',
  keeperId: 'u-keeper',
  witness: '王五',
  witnessId: 'u-witness',
};

describe('SEAL-9 usage register CSV', () => {
  it('starts with a BOM, has Chinese headers, CRLF lines, quotes and defuses formulas', () => {
    const csv = usageRegisterCsv([row]);
    expect(csv.startsWith('\uFEFF日期,用印时间,用印事由,文件标题,份数,用印次数,申请人,审批人,保管人,监印人,申请编号,登记编号\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(`2026-11-24,2026-11-24T02:00:00.000Z,"'=HYPERLINK(""x"")","关于""某事""的报告,附件",2,3,张三,孙七,李四,王五,a-1,u-1`);
  });

  it('is the header alone for an empty period', () => {
    expect(usageRegisterCsv([]).split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
