import { IsString } from 'class-validator';
import { MAX_BODY_DEPTH, nestsDeeperThan, validationPipe } from './platform.module';
import { RequestValidationError } from './problem-details.filter';

class Reason {
  @IsString() reason!: string;
}

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
};

describe('the validation pipe', () => {
  it('measures nesting without recursion', () => {
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nested(200_000), MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan('text', MAX_BODY_DEPTH)).toBe(false);
  });

  // found by the hostile-input reliability scenario: 10,000 nested arrays overflowed the stack (500)
  it('refuses a deeply nested body as a validation error rather than overflowing the stack', async () => {
    let deep: unknown = [];
    for (let level = 0; level < 30_000; level++) deep = [deep];
    const refusal = await validationPipe.transform({ reason: deep }, { type: 'body', metatype: Reason }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).errors[0]!.reasons[0]).toContain(`${MAX_BODY_DEPTH}`);
  });

  it('still validates an ordinary body', async () => {
    await expect(validationPipe.transform({ reason: '换届' }, { type: 'body', metatype: Reason })).resolves.toEqual({ reason: '换届' });
    await expect(validationPipe.transform({ reason: 1 }, { type: 'body', metatype: Reason })).rejects.toBeInstanceOf(RequestValidationError);
  });
});
