import { combineStatements } from './statement-projection';

describe('combineStatements', () => {
  it('joins data-modifying statements into one, renumbering each one\'s placeholders after the previous ones', () => {
    expect(
      combineStatements([
        { sql: 'INSERT INTO a (x, y) VALUES ($1, $2)', parameters: ['x', 'y'] },
        { sql: 'UPDATE b SET v = $2 WHERE id = $1', parameters: [7, 'v'] },
        { sql: 'INSERT INTO c (z) VALUES ($1), ($1)', parameters: ['z'] },
      ]),
    ).toEqual({
      sql: 'WITH s0 AS (INSERT INTO a (x, y) VALUES ($1, $2)), s1 AS (UPDATE b SET v = $4 WHERE id = $3), s2 AS (INSERT INTO c (z) VALUES ($5), ($5)) SELECT 1',
      parameters: ['x', 'y', 7, 'v', 'z'],
    });
  });

  it('ends with the check it is given in place of SELECT 1, its placeholders after the statements\'', () => {
    expect(combineStatements([{ sql: 'INSERT INTO a (x) VALUES ($1)', parameters: ['x'] }], { sql: 'SELECT check_heads($1, $2)', parameters: [['s'], [3]] })).toEqual({
      sql: 'WITH s0 AS (INSERT INTO a (x) VALUES ($1)) SELECT check_heads($2, $3)',
      parameters: ['x', ['s'], [3]],
    });
  });
});
