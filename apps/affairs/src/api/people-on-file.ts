import { DirectoryAuthorities, RequestValidationError } from '@oa/platform';
import type { LeaderOnFile, NamedPerson } from '@oa/domain-affairs';
import type { TaskTermsRequest } from './dto/affairs.request';

/**
 * DIR-4 a person a command names — a task's responsible person, a leader or officer on duty — as
 * the directory holds them at the command's instant: the directory's name and held roles (with
 * their grants), never the request's; as given while the directory is not in force. Someone not
 * on file, or departed, is refused on their field.
 */
export function personOnFile(directory: DirectoryAuthorities, person: NamedPerson, instant: string, field: string): LeaderOnFile {
  const held = directory.personAt(person.id, instant);
  if (held === undefined) return { id: person.id, name: person.name };
  if (!held.active) {
    throw new RequestValidationError([{ field, reasons: [held.known ? `${held.name ?? person.id}已离岗` : `${person.id}不在组织与人员目录中`] }]);
  }
  return { id: person.id, name: held.name ?? person.name, roleGrants: held.authority.roles };
}

/** The id and the directory's name only (what a task or a roster records of someone it does not rely on the roles of). */
export const namedOnFile = (directory: DirectoryAuthorities, person: NamedPerson, instant: string, field: string): NamedPerson => {
  const { id, name } = personOnFile(directory, person, instant, field);
  return { id, name };
};

/** SUP-1 a task's terms, its responsible person as the directory names them. */
export const termsOnFile = (directory: DirectoryAuthorities, { ownerUnit, responsiblePerson, requirement, deadline }: TaskTermsRequest, instant: string) => ({
  ownerUnit,
  responsiblePerson: namedOnFile(directory, responsiblePerson, instant, 'responsiblePerson.id'),
  requirement,
  deadline,
});
