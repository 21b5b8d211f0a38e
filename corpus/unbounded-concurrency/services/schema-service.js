'use strict';
// Schema changes in one transaction: the transaction is one connection, so the updates started together
// run one after another; outside a transaction each opens its own.
class SchemaService {
  constructor(knex) {
    this.knex = knex;
  }

  async renameCollections(names) {
    await this.knex.transaction(async (trx) => {
      await Promise.all( // ok: unbounded-concurrency -- one transaction: its queries run one at a time
        names.map((name) => trx('collections').where({ name }).update({ name: `${name}_old` })), // expect: query-in-loop
      );
    });
  }

  async archiveCollections(names) {
    await Promise.all( // expect: unbounded-concurrency
      names.map((name) => this.knex('collections').where({ name }).update({ archived: true })),
    );
  }
}

module.exports = { SchemaService };
