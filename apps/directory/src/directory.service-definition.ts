import { itemNotFound } from '@oa/core';
import { streamType, type ReadModel, type ServiceDefinition } from '@oa/platform';
import {
  directoryBootstrapDecider,
  personDecider,
  refuse,
  unitDecider,
  type PersonCommand,
  type PersonEvent,
  type PersonState,
  type UnitCommand,
  type UnitEvent,
  type UnitState,
  directoryReading,
} from '@oa/domain-directory';
import { personFactsLoader, unitFactsLoader, type PersonRequest, type UnitRequest } from './application/directory.facts';
import { DirectoryReadModel1733000000000 } from './infrastructure/migrations/directory-read-model.migration';
import { peopleProjection, unitsProjection } from './infrastructure/read-models/directory.projection';

const units: ReadModel = { name: 'units', tables: ['"directory".units'], projections: [unitsProjection] };
const people: ReadModel = { name: 'people', tables: ['"directory".people', '"directory".post_holders'], projections: [peopleProjection] };

/** 机构: code, name, parent, posts (职务). The actor's authority and a new unit's parent are its facts. */
export const unitStream = streamType<UnitCommand, UnitEvent, UnitState, UnitRequest, 'unitId'>({
  decider: unitDecider,
  idField: 'unitId',
  readModels: [units],
  facts: unitFactsLoader,
  notFound: (unitId, asOf) => refuse('UNIT.NOT_FOUND', 'notFound', asOf !== undefined ? `机构 ${unitId} 在 ${asOf} 时尚未登记` : `机构 ${unitId} 不存在`),
});

/** 人员: identities, posts, roles, clearance, delegations, departure. The actor's authority, the units, post and deputy named are its facts. */
export const personStream = streamType<PersonCommand, PersonEvent, PersonState, PersonRequest, 'personId'>({
  decider: personDecider,
  idField: 'personId',
  readModels: [people],
  facts: personFactsLoader,
  notFound: (personId, asOf) => refuse('PERSON.NOT_FOUND', 'notFound', asOf !== undefined ? `人员 ${personId} 在 ${asOf} 时尚未登记` : `人员 ${personId} 不存在`),
});

/** 目录初始化: the one stream `directoryBootstrap/directory`, the first sysAdmin and securityAdmin. */
export const directoryBootstrapStream = streamType({
  decider: directoryBootstrapDecider,
  notFound: (streamId) => itemNotFound(streamId),
});

export const directoryService: ServiceDefinition = {
  service: 'directory',
  title: '组织与人员服务 (directory)',
  migrations: [DirectoryReadModel1733000000000],
  streams: [unitStream, personStream, directoryBootstrapStream],
  // DIR-4: roles, posts and clearance are the directory's at each request
  directory: directoryReading,
};
