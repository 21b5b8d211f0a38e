// A same-named helper in another module that runs no query: only a log line.
function findUser(id) {
  return { id };
}

function audit(id) {
  console.log('digest built for', findUser(id).id);
}

module.exports = { audit, findUser };
