import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Confidential, Roles } from '../auth/decorators';
import { StoredChains, type ChainHeadsReport } from '../event-store/chain-heads';
import type { ServiceRuntime } from './runtime';
import { SERVICE_RUNTIME } from './tokens';

/**
 * AUD-10 in the stores: the service's chain heads for the audit's comparison with its log
 * (apps/audit StoreChainsJob), signed with the event key. Internal: auditors and the audit's
 * own service account read it; the stream ids are the audit trail's (COMMON-2), not the public's.
 */
@ApiTags('内部 (internal)')
@Controller('internal/chain-heads')
export class ChainHeadsController {
  private readonly chains: StoredChains;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {
    this.chains = new StoredChains(runtime.dataSource, runtime.schema);
  }

  @Get()
  @Roles('auditor', 'securityAuditor')
  @Confidential('auditTrail')
  @ApiOperation({ summary: '本服务各事件流的链头（版本与哈希）、存储链校验结果，及其摘要与事件签名密钥的签名 (AUD-10)' })
  heads(): Promise<ChainHeadsReport> {
    return this.chains.report(this.runtime.definition.service, this.runtime.eventSigningKey);
  }
}
