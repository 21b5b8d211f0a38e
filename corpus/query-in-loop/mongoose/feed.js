// Activity feed over Mongoose models.
const mongoose = require('mongoose');

const Post = mongoose.model('Post', new mongoose.Schema({ author: mongoose.Types.ObjectId, title: String }));
const Author = mongoose.model('Author', new mongoose.Schema({ name: String, followers: Number }));

async function feedFor(authorIds) {
  const feed = [];
  for (const authorId of authorIds) {
    const author = await Author.findById(authorId); // expect: query-in-loop
    const posts = await Post.find({ author: authorId }).sort({ _id: -1 }).limit(5).lean(); // expect: query-in-loop
    feed.push({ author, posts });
  }
  return feed;
}

async function feedForBatched(authorIds) {
  const authors = await Author.find({ _id: { $in: authorIds } }).lean(); // ok: query-in-loop
  const posts = await Post.find({ author: { $in: authorIds } }).sort({ _id: -1 }).lean(); // ok: query-in-loop
  const byAuthor = new Map(authors.map((a) => [String(a._id), { author: a, posts: [] }])); // ok: query-in-loop
  posts.forEach((p) => byAuthor.get(String(p.author))?.posts.push(p)); // ok: query-in-loop
  return [...byAuthor.values()];
}

async function bumpFollowers(authorIds) {
  authorIds.forEach(async (id) => {
    await Author.updateOne({ _id: id }, { $inc: { followers: 1 } }); // expect: query-in-loop
  });
}

async function bumpFollowersBatched(authorIds) {
  await Author.updateMany({ _id: { $in: authorIds } }, { $inc: { followers: 1 } }); // ok: query-in-loop
}

async function withPopulatedAuthors() {
  const posts = await Post.find().populate('author'); // ok: query-in-loop
  // `author` came with `populate`: reading it runs nothing.
  return posts.map((p) => p.author.name); // ok: query-in-loop
}

async function titlesOf(ids, Comment) {
  const titles = [];
  for (const id of ids) {
    titles.push(await Comment.countDocuments({ post: id })); // expect: query-in-loop
  }
  return titles;
}

module.exports = { feedFor, feedForBatched, bumpFollowers, bumpFollowersBatched, withPopulatedAuthors, titlesOf };
