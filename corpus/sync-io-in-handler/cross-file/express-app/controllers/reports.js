'use strict';

const fs = require('fs');
const path = require('path');

const REPORT_DIR = path.join(__dirname, '..', 'var', 'reports');

// `const { download } = require('../controllers/reports')`, then `router.get('/:id/download', download)`.
module.exports.download = (req, res) => {
  const file = path.join(REPORT_DIR, `${path.basename(req.params.id)}.csv`);
  const csv = fs.readFileSync(file); // expect: sync-io-in-handler
  res.attachment(`${req.params.id}.csv`).send(csv);
};

// For the nightly clean-up job, through module.exports; no route names it, so it is no handler.
module.exports.reportNames = () => {
  const names = fs.readdirSync(REPORT_DIR); // expect: read-file-sync ok: sync-io-in-handler
  return names.filter((name) => name.endsWith('.csv'));
};
