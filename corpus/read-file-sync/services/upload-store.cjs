'use strict';

const fs = require('graceful-fs');
const path = require('path');
const crypto = require('crypto');

class LocalUploadStore {
  constructor(root) {
    this.root = root;
  }

  pathFor(id) {
    return path.join(this.root, id.slice(0, 2), id);
  }

  save(buffer) {
    const id = crypto.createHash('sha256').update(buffer).digest('hex');
    const target = this.pathFor(id);
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, buffer); // expect: read-file-sync
    fs.renameSync(tmp, target); // ok: read-file-sync -- one finding per function: a label of its first blocking call
    return id;
  }

  load(id) {
    return fs.readFileSync(this.pathFor(id)); // expect: read-file-sync
  }

  saveLater(buffer, callback) {
    const id = crypto.createHash('sha256').update(buffer).digest('hex');
    fs.writeFile(this.pathFor(id), buffer, (err) => callback(err, id)); // ok: read-file-sync
  }
}

class MirroredUploadStore extends LocalUploadStore {
  constructor(root, remote) {
    super(root);
    this.remote = remote;
  }

  loadRemote(id) {
    // `remote` is an sftp-style adapter that mirrors the fs method names.
    const fs = this.remote;
    return fs.readFileSync(`/uploads/${id}`); // ok: read-file-sync
  }
}

module.exports = { LocalUploadStore, MirroredUploadStore };
