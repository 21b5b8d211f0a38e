const { Post } = require('./models');

async function titles() {
  const posts = await Post.find({}).lean();
  const out = [];
  for (const post of posts) {
    // A ref without populate is only an id: no query.
    out.push([post.title, post.author, post.tags.length]); // ok: orm-lazy-load-in-loop
  }
  const populated = await Post.find({}).populate('author');
  populated.forEach((p) => out.push(p.author.name)); // ok: orm-lazy-load-in-loop
  return out;
}

module.exports = { titles };
