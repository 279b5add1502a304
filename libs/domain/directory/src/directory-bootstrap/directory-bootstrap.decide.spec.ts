import { DeciderSpecification, fold } from '@oa/core';
import { command } from '../directory.fixtures';
import type { BootstrapDirectory } from './directory-bootstrap.commands';
import { directoryBootstrapDecider } from './directory-bootstrap.decide';
import { directoryBootstrapped, firstSecurityAdmin, firstSysAdmin, installer } from './directory-bootstrap.fixtures';
import { bootstrapFactsOf } from './directory-bootstrap.state';

const spec = DeciderSpecification.for(directoryBootstrapDecider);

const bootstrap = (data: Partial<BootstrapDirectory['data']> = {}) =>
  command<BootstrapDirectory>(
    'BootstrapDirectory',
    { sysAdmin: firstSysAdmin, securityAdmin: firstSecurityAdmin, reason: '系统上线，配备初始系统管理员和安全保密管理员', ...data },
    installer,
  );

describe('Directory bootstrap: when empty', () => {
  it('DIR-1 names the first sysAdmin and securityAdmin when nobody holds a role yet, recording who ran it and why', () => {
    spec.given([]).when(bootstrap()).then([directoryBootstrapped()]);
  });

  it('DIR-3 refuses one person as both sysAdmin and securityAdmin', () => {
    spec.given([]).when(bootstrap({ securityAdmin: { ...firstSysAdmin } })).thenThrows('DIR-3');
  });

  it('DIR-1 refuses a bootstrap without a reason, and administrators without id or name', () => {
    spec.given([]).when(bootstrap({ reason: '' })).thenThrows('DIR-1');
    spec.given([]).when(bootstrap({ sysAdmin: { personId: '', name: '张系管' } })).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given([]).when(bootstrap({ securityAdmin: undefined as never })).thenThrows('DIRECTORY.INVALID_INPUT');
  });
});

describe('Directory bootstrap: when bootstrapped', () => {
  it('refuses a second bootstrap: later administrators are granted by a sysAdmin', () => {
    spec.given([directoryBootstrapped()]).when(bootstrap()).thenThrows('DIRECTORY.ALREADY_BOOTSTRAPPED');
    spec
      .given([directoryBootstrapped()])
      .when(bootstrap({ sysAdmin: { personId: 'u-other', name: '他人' } }))
      .thenThrows('DIRECTORY.ALREADY_BOOTSTRAPPED');
  });

  it('gives the facts the enrolment of each administrator needs', () => {
    const state = fold(directoryBootstrapDecider, [directoryBootstrapped()]);
    expect(bootstrapFactsOf(state, 'evt-bootstrap')).toEqual({ bootstrapEventId: 'evt-bootstrap', sysAdmin: firstSysAdmin, securityAdmin: firstSecurityAdmin });
    expect(bootstrapFactsOf(directoryBootstrapDecider.initialState(), 'evt-bootstrap')).toBeUndefined();
  });
});
