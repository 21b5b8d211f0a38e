const bookshelf = require('bookshelf');
const knex = require('knex');

module.exports = bookshelf(knex({ client: 'sqlite3', connection: { filename: ':memory:' } }));
