// Apollo Server resolvers of the blog API.
const { Author, Post, Comment } = require('./models');

const typeDefs = `#graphql
  type Query {
    posts: [Post!]!
    publishedPosts: [Post!]!
    drafts: [Post!]!
    post(id: ID!): Post
    authors: [Author!]!
    feed(limit: Int): [FeedItem!]!
  }
`;

const resolvers = {
  Query: {
    posts: () => Post.findAll({ order: [['createdAt', 'DESC']] }), // expect: missing-eager-loading
    publishedPosts: () =>
      Post.findAll({ where: { published: true }, include: ['author', 'comments', 'tags'] }), // ok: missing-eager-loading
    drafts: async (_parent, _args, { user }) => {
      const rows = await Post.findAll({ where: { published: false, authorId: user.id } }); // expect: missing-eager-loading
      return rows;
    },
    post: (_parent, { id }) => Post.findByPk(id), // ok: missing-eager-loading -- one object
    authors: () => Author.findAll(), // expect: missing-eager-loading
    feed: (_parent, { limit }) => Post.findAll({ limit, raw: true }), // ok: missing-eager-loading -- plain rows
  },
  Mutation: {
    unpublishAll: async () => {
      await Post.update({ published: false }, { where: { published: true } });
      return Post.findAll({ where: { published: false } }); // expect: missing-eager-loading
    },
  },
  Post: {
    author: (post) => Author.findByPk(post.authorId),
    comments: async (post) => {
      const comments = await Comment.findAll({ where: { postId: post.id } });
      return comments;
    },
    tags: (post) => post.getTags(),
    excerpt: (post) => post.body.slice(0, 140),
  },
  Author: {
    posts: (author) => author.getPosts({ where: { published: true } }),
  },
};

module.exports = { typeDefs, resolvers };
